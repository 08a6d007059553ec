import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

/// Issue 11's format items in a live session, over real sockets: goals' data, facilitator notes only for the
/// facilitator, per-person ratings, and the golden exports of a two-day path written from the docs alone.
@Suite struct LiveFormatTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/holdout-two-day")
    static func library() throws -> Library {
        try Library.loading([LibraryFolder(url: fixtures, display: "holdout-two-day")])
    }

    /// The boot data of a page, as its script reads it.
    static func boot(_ html: String) throws -> [String: Any] {
        let text = try #require(html.firstMatch(of: #/<script type="application/json" id="weave-boot">(.*?)</script>/#)?.1)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func notesReachOnlyTheFacilitatorAndGoalsHaveTheirData() async throws {
        try await TestApp.run(.live, library: try Self.library(), configure: { _ in }) { client, setup, _ in
            // setup
            var workshop = try await Workshop.make(client, setup: setup, item: "holdout-two-day")
            let note = "Read out each partner's worksheet answers before asking for more."
            var anaBrowser = try await workshop.join(client, name: "Ana", partner: 0)

            // MUT: the three pages
            let facilitatorPage = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)").html
            let projectorPage = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)/projector").html
            let participantPage = try await anaBrowser.get(client, "/s/\(workshop.session)").html

            // validate: notes in the facilitator's boot data only
            let notes = try #require(try Self.boot(facilitatorPage)["notes"] as? [String: [Any]])
            #expect(notes["arrive"]?.first as? String == note)
            #expect(notes["arrive"]?.count == 3 && notes["arrive"]?[1] is NSNull, "one entry per step, null where a step has none")
            #expect(facilitatorPage.contains("canvas-notes.js") && facilitatorPage.contains("canvas-goals.js"))
            for page in [projectorPage, participantPage] {
                #expect(try Self.boot(page)["notes"] == nil)
                #expect(!page.contains("Read out each partner"), "no note reaches a participant's or the projector's page")
            }
            // The goals' data: each field's minimum in the boot data …
            let phases = try #require(try Self.boot(participantPage)["phases"] as? [[String: Any]])
            let fields = Dictionary(uniqueKeysWithValues: phases.flatMap { ($0["fields"] as? [[String: Any]]) ?? [] }.map { ($0["id"] as! String, $0) })
            #expect(fields["hopes"]?["minItems"] as? Int == 3)
            #expect(fields["aim"]?["minCharacters"] as? Int == 20)
            #expect(fields["first-steps"]?["minRows"] as? Int == 2)
            #expect(phases.allSatisfy { ($0["steps"] as? [[String: Any]])?.allSatisfy { $0["notes"] == nil } ?? true })
            // … and the progress in the state, as the server counts it (FieldGoal).
            let port = try #require(client.port)
            let ana = try await LiveConnection.greeted(port: port, path: "/s/\(workshop.session)/live", cookies: anaBrowser.cookieHeader)
            ana.send(["type": "edit", "id": "h1", "edit": ["addItem": ["field": "hopes", "item": "h1", "text": "A shared van"]]])
            ana.send(["type": "edit", "id": "h2", "edit": ["addItem": ["field": "hopes", "item": "h2", "text": "One funding bid"]]])
            _ = try await ana.next("ack") { $0.string("id") == "h2" }
            let host = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            host.send(["type": "hello", "after": 0])
            let snapshot = try await host.next("snapshot")
            let hopes = try #require((snapshot.object("state")?["lists"] as? [String: [[String: Any]]])?["hopes"])
            var state = CanvasState()
            let library = try Self.library()
            let plan = try #require(SessionPlan(itemID: "holdout-two-day", library: library))
            for (index, item) in hopes.enumerated() {
                state = try state.applying(.addItem(field: "hopes", item: "x\(index)", text: item["text"] as! String), by: "a", in: plan.context(partners: []))
            }
            let hopesField = try #require(plan.fields.first { $0.id == "hopes" })
            let goal = try #require(state.goal(of: hopesField))
            #expect(goal.have == 2 && goal.want == 3 && !goal.isMet, "the browser's “2 of 3 items” is the server's goal")
        }
    }

    @Test func eachPersonScoresForThemselvesAndEveryoneSeesTheMeanAndSpread() async throws {
        try await TestApp.run(.live, library: try Self.library(), configure: { _ in }) { client, setup, _ in
            // setup
            let workshop = try await Workshop.make(client, setup: setup, item: "holdout-two-day")
            let port = try #require(client.port)
            var anaBrowser = try await workshop.join(client, name: "Ana", partner: 0)
            var benBrowser = try await workshop.join(client, name: "Ben", partner: 1)
            let anaID = try #require((try Self.boot(try await anaBrowser.get(client, "/s/\(workshop.session)").html)["viewer"] as? [String: Any])?["id"] as? String)
            let benID = try #require((try Self.boot(try await benBrowser.get(client, "/s/\(workshop.session)").html)["viewer"] as? [String: Any])?["id"] as? String)
            let ana = try await LiveConnection.greeted(port: port, path: "/s/\(workshop.session)/live", cookies: anaBrowser.cookieHeader)
            let ben = try await LiveConnection.greeted(port: port, path: "/s/\(workshop.session)/live", cookies: benBrowser.cookieHeader)

            // MUT: both score the van's impact; Ben tries a shared score
            ana.send(["type": "edit", "id": "a1", "edit": ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 4]]])
            _ = try await ana.next("ack") { $0.string("id") == "a1" }
            ben.send(["type": "edit", "id": "b1", "edit": ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 2]]])
            _ = try await ben.next("ack") { $0.string("id") == "b1" }
            ben.send(["type": "edit", "id": "b2", "edit": ["rate": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 5]]])
            let refused = try await ben.next("error") { $0.string("id") == "b2" }
            let host = try await LiveConnection.greeted(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            host.send(["type": "edit", "id": "f1", "edit": ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 5]]])
            let hostRefused = try await host.next("error") { $0.string("id") == "f1" }
            #expect(hostRefused.string("message") == "Each participant scores this rating for themselves; facilitators do not add a score of their own.")

            // validate: each score is its author's own, and Ana sees Ben's beside hers
            #expect(refused.string("message") == "In How good is each option? each person gives their own score.")
            let seen = try await ana.next("event") { event in
                let own = event.object("value")?["ownRatings"] as? [String: [String: [String: [String: Int]]]]
                return own?["option-scores"]?["shared-van"]?["impact"]?.count == 2
            }
            let own = (seen.object("value")?["ownRatings"] as? [String: [String: [String: [String: Int]]]])?["option-scores"]?["shared-van"]?["impact"]
            #expect(own == [anaID: 4, benID: 2])
            var facilitator = workshop.facilitator
            let markdown = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md").html
            #expect(markdown.contains("| A shared van | 3.0 (2–4, n=2) |  |"), "\(markdown)")
            let history = try await facilitator.get(client, "/sessions/\(workshop.session)/history").html
            #expect(history.contains("gave their own score"))
        }
    }

    /// The hold-out check pinned: a session of the two-day path (days, an optional step, notes, its own
    /// worksheet) exports as the golden files say (see the fixture's README for how they were made).
    @Test func aTwoDayPathsExportsMatchTheirGoldenFiles() async throws {
        try await TestApp.run(.live, library: try Self.library(), configure: { _ in }) { client, setup, _ in
            // setup: two partners prepare; three people fill the canvas
            var workshop = try await Workshop.make(client, setup: setup, item: "holdout-two-day")
            let partnershipPage = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html
            let prepLinks = partnershipPage.matches(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#).map { String($0.1) }
            #expect(prepLinks.count == 4)
            var partner = TestBrowser()
            _ = try await partner.post(client, prepLinks[0], ["holdout-worksheet/brings": "Two vans and a warehouse", "holdout-worksheet/hopes": "A route we share"])
            _ = try await partner.post(client, prepLinks[1], ["holdout-worksheet/brings": "Meeting rooms"])
            let port = try #require(client.port)
            var people: [(name: String, id: String, socket: LiveConnection)] = []
            for (index, name) in ["Ana", "Ben", "Chloé"].enumerated() {
                var browser = try await workshop.join(client, name: name, partner: index)
                let id = try #require((try Self.boot(try await browser.get(client, "/s/\(workshop.session)").html)["viewer"] as? [String: Any])?["id"] as? String)
                people.append((name, id, try await LiveConnection.greeted(port: port, path: "/s/\(workshop.session)/live", cookies: browser.cookieHeader)))
            }
            let edits: [(Int, [String: Any])] = [
                (0, ["addItem": ["field": "hopes", "item": "h1", "text": "A shared delivery route"]]),
                (1, ["addItem": ["field": "hopes", "item": "h2", "text": "One joint funding bid"]]),
                (2, ["addItem": ["field": "hopes", "item": "h3", "text": "Fewer meetings, better ones"]]),
                (0, ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 4]]),
                (1, ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "impact", "score": 2]]),
                (0, ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "ease", "score": 5]]),
                (2, ["rateOwn": ["field": "option-scores", "subject": "shared-van", "criterion": "ease", "score": 5]]),
                (1, ["rateOwn": ["field": "option-scores", "subject": "joint-bid", "criterion": "impact", "score": 5]]),
                (2, ["setText": ["field": "aim", "text": "Every family in the district eats well all month."]]),
                (0, ["addRow": ["field": "first-steps", "row": "r1", "cells": ["what": "Map the delivery routes", "who": workshop.partners[0]]]]),
                (1, ["addRow": ["field": "first-steps", "row": "r2", "cells": ["what": "Draft the bid", "who": workshop.partners[1]]]]),
            ]
            for (index, (person, edit)) in edits.enumerated() {
                people[person].socket.send(["type": "edit", "id": "e\(index)", "edit": edit])
                _ = try await people[person].socket.next("ack") { $0.string("id") == "e\(index)" }
            }

            // MUT
            var facilitator = workshop.facilitator
            let base = "/sessions/\(workshop.session)"
            let exports = [
                "export.md": try await facilitator.get(client, base + "/export.md").html,
                "export.html": try await facilitator.get(client, base + "/export.html").html,
                "export.json": try await facilitator.get(client, base + "/export.json").html,
            ]

            // validate
            var names: [String: String] = [workshop.session: "<session>", workshop.partnership: "<partnership>", workshop.joinCode.replacingOccurrences(of: "-", with: ""): "<join-code>"]
            for (index, id) in workshop.partners.enumerated() { names[id] = "<partner-\(index + 1)>" }
            for person in people { names[person.id] = "<participant-\(person.name)>" }
            for (file, text) in exports.sorted(by: { $0.key < $1.key }) {
                let stable = try Self.stable(text, names: names, json: file.hasSuffix(".json"))
                let golden = Self.fixtures.appendingPathComponent("exports/\(file)")
                guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
                    try stable.write(to: golden, atomically: true, encoding: .utf8)
                    Issue.record("\(file) had no golden file; it was written from this run: review and commit it")
                    continue
                }
                #expect(stable == expected, "\(file) differs from its golden file")
            }
        }
    }

    /// An export with what changes from run to run replaced: known ids by their placeholders, other UUIDs
    /// and times by fixed ones; JSON re-encoded with sorted keys (its dictionaries are keyed by ids).
    static func stable(_ text: String, names: [String: String], json: Bool) throws -> String {
        var out = text
        for (id, name) in names { out = out.replacingOccurrences(of: id, with: name) }
        out = out.replacing(#/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/#, with: "<id>")
        out = out.replacing(#/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/#, with: "<time>")
        guard json else { return out }
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
