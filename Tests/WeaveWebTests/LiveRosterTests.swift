import Foundation
import HummingbirdTesting
import Testing
import WeaveStore
@testable import WeaveWeb

/// Who is here: the live roster and presence, renaming and removing participants, and one person staying one
/// person when they come back — over real sockets.
@Suite struct LiveRosterTests {
    private func withWorkshop(_ test: @escaping @Sendable (any TestClientProtocol, Int, Workshop) async throws -> Void) async throws {
        try await TestApp.run(.live) { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            try await test(client, try #require(client.port), workshop)
        }
    }

    private func open(_ port: Int, _ path: String, _ cookies: String) async throws -> LiveConnection {
        let connection = await LiveConnection.open(port: port, path: path, cookies: cookies)
        connection.send(["type": "hello", "after": 0])
        _ = try await connection.next("snapshot")
        return connection
    }


    @Test func theFacilitatorSeesWhoJoinsAndWhoIsConnectedWithoutReloading() async throws {
        try await withWorkshop { client, port, workshop in
            // setup
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            // MUT: Ana joins, connects, leaves
            let anaBrowser = try await workshop.join(client, name: "Ana", partner: 0)
            let joined = try await host.next("participants")
            #expect(roster(joined)["Ana"]?.present == false, "joined but not connected yet")
            let ana = try await open(port, "/s/\(workshop.session)/live", anaBrowser.cookieHeader)
            let here = try await host.next("participants")
            #expect(roster(here)["Ana"]?.present == true)
            #expect((here["participants"] as? [[String: Any]])?.first?["partner"] as? String == workshop.partners[0])
            // A second tab of hers changes nothing; closing one of two keeps her present.
            let anaTab = try await open(port, "/s/\(workshop.session)/live", anaBrowser.cookieHeader)
            anaTab.close()
            #expect(await anaTab.waitClosed())
            ana.close()
            #expect(await ana.waitClosed())
            // validate
            let gone = try await host.next("participants")
            #expect(roster(gone)["Ana"]?.present == false)
            #expect(await host.all.filter { $0.string("type") == "participants" }.count == 3, "one update each: joined, came, left")
            // The facilitator's page, reloaded, counts her as joined.
            var facilitator = workshop.facilitator
            #expect(try await facilitator.get(client, "/sessions/\(workshop.session)").html.contains("1 joined"))
        }
    }

    @Test func theFacilitatorRenamesAndRemovesAParticipantWhoseItemsStay() async throws {
        try await withWorkshop { client, port, workshop in
            // setup
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let anaBrowser = try await workshop.join(client, name: "ana", partner: 0)
            let ana = try await open(port, "/s/\(workshop.session)/live", anaBrowser.cookieHeader)
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "i1", "text": "Cold storage"]]])
            _ = try await ana.next("ack")
            let id = try #require((try await host.next("participants") { roster($0)["ana"]?.present == true }["participants"] as? [[String: Any]])?.first?["id"] as? String)
            // MUT: rename, then remove
            ana.send(["type": "renameParticipant", "id": "x1", "participant": id, "name": "Ana Ruiz"])
            #expect(try await ana.next("error").string("message") == "Only the facilitator's page can rename or remove participants.")
            host.send(["type": "renameParticipant", "id": "r1", "participant": id, "name": "<b>"])
            #expect(try await host.next("error").string("message") == "A participant's name cannot contain < or >.")
            host.send(["type": "renameParticipant", "id": "r2", "participant": id, "name": "Ana Ruiz"])
            _ = try await host.next("participants") { roster($0)["Ana Ruiz"] != nil }
            #expect(await host.eventually { $0.string("type") == "ack" && $0.string("id") == "r2" })
            #expect(roster(try await ana.next("participants") { roster($0)["Ana Ruiz"] != nil })["Ana Ruiz"]?.present == true)
            host.send(["type": "removeParticipant", "id": "r3", "participant": id])
            let after = try await host.next("participants") { roster($0)["Ana Ruiz"]?.removed == true }
            #expect(await host.eventually { $0.string("type") == "ack" && $0.string("id") == "r3" })
            // validate
            #expect(try await ana.next("error").string("message")?.hasPrefix("The facilitator removed you from this session.") == true)
            #expect(await ana.waitClosed())
            #expect(roster(after)["Ana Ruiz"]?.present == false)
            var again = anaBrowser
            #expect(try await again.get(client, "/s/\(workshop.session)").status == .notFound, "her browser no longer reaches the session")
            // Her item stays, still hers, under her new name.
            let fresh = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            fresh.send(["type": "hello", "after": 0])
            let snapshot = try await fresh.next("snapshot")
            #expect(listTexts(snapshot.object("state"), "triad-challenges") == ["Cold storage"])
            let removed = (snapshot["participants"] as? [[String: Any]])?.first
            #expect(removed?["name"] as? String == "Ana Ruiz" && removed?["removed"] as? Bool == true, "the roster keeps her name for her items")
            var facilitator = workshop.facilitator
            let export = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md")
            #expect(export.html.contains("Cold storage"))
        }
    }

    @Test func oneDeviceOrOneNameStaysOneParticipantWithOneTokenBudget() async throws {
        try await withWorkshop { client, port, workshop in
            // setup: Ana joins and spends her three green tokens
            var anaPhone = try await workshop.join(client, name: "Ana", partner: 0)
            let ana = try await open(port, "/s/\(workshop.session)/live", anaPhone.cookieHeader)
            for index in 0..<3 {
                ana.send(["type": "edit", "id": "g\(index)", "edit": ["placeToken": ["field": "assessment", "colour": "green", "target": "shared-purpose"]]])
            }
            _ = try await ana.next("ack") { $0.string("id") == "g2" }

            // MUT 1: the join link again on the same phone goes straight back to her canvas.
            let reopened = try await anaPhone.get(client, "/join/\(workshop.joinCode)")
            #expect(reopened.status == .seeOther)
            #expect(reopened.location == "/s/\(workshop.session)")
            let rejoined = try await anaPhone.post(client, "/join/\(workshop.joinCode)", ["name": "Ana", "partner": workshop.partners[0]])
            #expect(rejoined.location == "/s/\(workshop.session)", "joining again from the same phone is not a new participant")

            // MUT 2: a new device, the same name spelled otherwise: "Is this you?"
            var laptop = TestBrowser()
            let asked = try await laptop.post(client, "/join/\(workshop.joinCode)", ["name": "  ana ", "partner": workshop.partners[0]])
            #expect(asked.status == .ok)
            #expect(asked.html.contains("Is this you?"))
            #expect(asked.html.contains("Yes, I am Ana · City Food Bank"))
            let resume = try #require(asked.html.firstMatch(of: #/name="resume" value="([0-9a-f-]{36})"/#)?.1).description
            let confirmed = try await laptop.post(client, "/join/\(workshop.joinCode)", ["resume": resume, "name": "Ana"])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "/s/\(workshop.session)")

            // validate: the same participant, the same spent budget, one Ana in the roster.
            let second = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: laptop.cookieHeader)
            second.send(["type": "hello", "after": 0])
            let snapshot = try await second.next("snapshot")
            let names = (snapshot["participants"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["Ana"])
            second.send(["type": "edit", "id": "g9", "edit": ["placeToken": ["field": "assessment", "colour": "green", "target": "clarity-of-roles"]]])
            #expect(try await second.next("error").string("message") == "You have placed all 3 of your works well (green) tokens; take one back to place it elsewhere.")
            let page = try await laptop.get(client, "/s/\(workshop.session)")
            #expect(page.html.contains("\"participant\":\"\(resume)\""))

            // Someone else called Ana joins under a name people can tell apart; a resume needs the name too.
            var other = TestBrowser()
            let wrong = try await other.post(client, "/join/\(workshop.joinCode)", ["resume": resume, "name": "Bea"])
            #expect(wrong.status == .badRequest)
            let distinct = try await other.post(client, "/join/\(workshop.joinCode)", ["name": "Ana B.", "partner": workshop.partners[1]])
            #expect(distinct.status == .seeOther)
        }
    }
}

/// The roster in a `participants` message: name → (present, removed).
private func roster(_ message: [String: any Sendable]) -> [String: (present: Bool, removed: Bool)] {
    var out: [String: (Bool, Bool)] = [:]
    for entry in message["participants"] as? [[String: Any]] ?? [] {
        out[entry["name"] as? String ?? "?"] = (entry["present"] as? Bool ?? false, entry["removed"] as? Bool ?? false)
    }
    return out
}
