import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveCore
@testable import WeaveWeb

/// The room's rules over real sockets: per-partner answers limited to a partner's own participants (a path
/// option), hidden items that cannot be edited by id, the role-overwrite notice's two sides, and items a group
/// adds carrying its group.
@Suite struct LiveRoomRulesTests {
    private func open(_ port: Int, _ path: String, _ cookies: String) async throws -> LiveConnection {
        try await LiveConnection.greeted(port: port, path: path, cookies: cookies)
    }

    /// The built-in library with the Path of Joint Action's `per_partner` set to `own-participants`.
    static let ownParticipantsLibrary: Library = {
        var library = TestApp.library
        let index = library.paths.firstIndex { $0.id == "joint-action" }!
        library.paths[index].perPartner = .ownParticipants
        return library
    }()

    private static func answer(_ ref: String, partner: String, _ role: String) -> [String: Any] {
        ["type": "edit", "id": ref, "edit": ["setPartnerAnswer": ["field": "primary-roles", "partner": partner, "choices": [role]]]]
    }

    @Test func withOwnParticipantsOnlyAPartnersPeopleAndTheFacilitatorChangeItsAnswers() async throws {
        try await TestApp.run(.live, library: Self.ownParticipantsLibrary, configure: { _ in }) { client, setup, _ in
            // setup: Ana joined for City Food Bank (partner 0); the facilitator's page is open
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            var anaPage = try await workshop.join(client, name: "Ben", partner: 1)
            #expect(try await anaPage.get(client, "/s/\(workshop.session)").html.contains("own-participants"), "the page's boot data carries the rule")

            // MUT 1: Ana answers for her own organisation — taken
            ana.send(Self.answer("a1", partner: workshop.partners[0], "convenor"))
            _ = try await ana.next("ack") { $0.string("id") == "a1" }
            // MUT 2: Ana answers for Town Hall — refused beside the field, nothing changed
            ana.send(Self.answer("a2", partner: workshop.partners[1], "funder"))
            let refused = try await ana.next("error") { $0.string("id") == "a2" }
            #expect(refused.string("field") == "primary-roles")
            #expect(refused.string("message") == "Only Town Hall's own participants (or the facilitator) can change its answer here; fill in your own organisation's row.")
            // MUT 3: the facilitator may answer for anyone
            host.send(Self.answer("f1", partner: workshop.partners[1], "funder"))
            _ = try await host.next("ack") { $0.string("id") == "f1" }

            // validate: the canvas holds Ana's own answer and the facilitator's, not the refused one
            var facilitator = workshop.facilitator
            let json = try await facilitator.get(client, "/sessions/\(workshop.session)/export.json").html
            let export = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let answers = ((export["canvas"] as? [String: Any])?["partnerAnswers"] as? [String: Any])?["primary-roles"] as? [String: [String: Any]]
            #expect(answers?[workshop.partners[0]]?["choices"] as? [String] == ["convenor"])
            #expect(answers?[workshop.partners[1]]?["choices"] as? [String] == ["funder"])
        }
    }

    @Test func byDefaultAnyoneAnswersForAnyPartner() async throws {
        try await TestApp.run(.live) { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            ana.send(Self.answer("a1", partner: workshop.partners[1], "funder"))
            _ = try await ana.next("ack") { $0.string("id") == "a1" }
        }
    }

    @Test func twoPeopleChoosingTheSamePartnersRoleBothSeeWhoseStands() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: Ana and Ben on their phones
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            let ben = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ben", partner: 1).cookieHeader)
            // MUT: both choose Town Hall's role at once
            ana.send(Self.answer("a1", partner: workshop.partners[1], "convenor"))
            ben.send(Self.answer("b1", partner: workshop.partners[1], "funder"))
            let anaAck = try await ana.next("ack") { $0.string("id") == "a1" }["sequence"] as? Int ?? 0
            let benAck = try await ben.next("ack") { $0.string("id") == "b1" }["sequence"] as? Int ?? 0
            // validate: both are stored, one after the other; the earlier chooser receives the later change with its
            // actor and the value that replaced theirs — what the page's overwrite notice ("Ben chose Funder for
            // Town Hall just after you chose Convenor; theirs replaced yours.") is made from
            let (first, later, laterName, laterRole) = try #require(anaAck < benAck ? (ana, benAck, "Ben", "funder") : (ben, anaAck, "Ana", "convenor"))
            let event = try await first.next("event") { $0["sequence"] as? Int ?? 0 == later }
            #expect((event.object("actor")?["name"] as? String) == laterName)
            #expect(event.string("field") == "primary-roles")
            let value = (event.object("value")?["partnerAnswers"] as? [String: Any])?["primary-roles"] as? [String: [String: Any]]
            #expect(value?[workshop.partners[1]]?["choices"] as? [String] == [laterRole])
        }
    }

    @Test func aHiddenItemCannotBeEditedByIdByAnyone() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: Ana adds an item; the facilitator hides it
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "i1", "text": "Spam"]]])
            _ = try await ana.next("ack") { $0.string("id") == "a1" }
            host.send(["type": "hide", "id": "h1", "field": "triad-challenges", "item": "i1"])
            _ = try await host.next("ack") { $0.string("id") == "h1" }

            // MUT: Ana edits and removes it by id; the facilitator edits it while hidden
            ana.send(["type": "edit", "id": "a2", "edit": ["editItem": ["field": "triad-challenges", "item": "i1", "text": "Changed"]]])
            let edited = try await ana.next("error") { $0.string("id") == "a2" }
            ana.send(["type": "edit", "id": "a3", "edit": ["removeItem": ["field": "triad-challenges", "item": "i1"]]])
            let removed = try await ana.next("error") { $0.string("id") == "a3" }
            host.send(["type": "edit", "id": "f1", "edit": ["editItem": ["field": "triad-challenges", "item": "i1", "text": "Changed"]]])
            let hostRefused = try await host.next("error") { $0.string("id") == "f1" }

            // validate: all refused with a message, beside the field; the item is unchanged
            #expect(edited.string("message") == "That item was hidden by the facilitator and can no longer be changed (i1).")
            #expect(edited.string("field") == "triad-challenges" && removed.string("field") == "triad-challenges")
            #expect(hostRefused.string("message") == "That item is hidden; show it again before changing it.")
            host.send(["type": "hide", "id": "h2", "field": "triad-challenges", "item": "i1", "hidden": false])
            let shown = try await host.next("event") { listTexts($0.object("value"), "triad-challenges") == ["Spam"] }
            #expect(shown.string("field") == "triad-challenges")
        }
    }

    @Test func itemsAddedInATriadCarryTheTriad() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: four people at the mixed-triads step, groups formed (two pairs: four do not make a triad of four)
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            var phones: [String: LiveConnection] = [:]
            for (name, partner) in [("Ana", 0), ("Ben", 1), ("Chiara", 2), ("Dev", 3)] {
                phones[name] = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: name, partner: partner).cookieHeader)
            }
            let step = try #require(SessionPlanLookup.triadStep())
            host.send(["type": "move", "id": "m1", "phase": step.phase, "step": step.step])
            _ = try await host.next("ack") { $0.string("id") == "m1" }
            host.send(["type": "formGroups", "id": "g1"])
            let formed = try await host.next("event") { ($0.object("facilitation")?["groups"] as? [String: Any]) != nil }
            let groups = try #require((formed.object("facilitation")?["groups"] as? [String: Any])?["groups"] as? [[String]])
            #expect(groups.map(\.count) == [2, 2])
            let ana = try #require(phones["Ana"])
            let anaID = try #require(await rosterID(host, "Ana"))
            let anaGroup = try #require(groups.firstIndex { $0.contains(anaID) }) + 1

            // MUT: Ana adds an item
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "i1", "text": "Cold storage"]]])
            // validate: every screen's event marks it with her group; so does the JSON export
            let event = try await host.next("event") { $0.string("field") == "triad-challenges" }
            let marks = (event.object("value")?["itemGroups"] as? [String: Any])?["triad-challenges"] as? [String: String]
            #expect(marks == ["i1": "Triad \(anaGroup)"])
            var facilitator = workshop.facilitator
            let json = try await facilitator.get(client, "/sessions/\(workshop.session)/export.json").html
            #expect(json.contains("\"Triad \(anaGroup)\""))
            let markdown = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md").html
            #expect(markdown.contains("Cold storage (Triad \(anaGroup))"), "the Markdown export says which triad added it")
        }
    }

    private func rosterID(_ connection: LiveConnection, _ name: String) async -> String? {
        let rosters = await connection.all.filter { $0.string("type") == "participants" || $0.string("type") == "snapshot" }
        for message in rosters.reversed() {
            if let people = message["participants"] as? [[String: Any]], let id = people.first(where: { $0["name"] as? String == name })?["id"] as? String { return id }
        }
        return nil
    }
}
