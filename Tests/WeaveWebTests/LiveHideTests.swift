import Foundation
import HummingbirdTesting
import Testing
import WeaveStore
@testable import WeaveWeb

/// The facilitator hides an item (and shows it again): a stored change kept in the history; participants, the
/// projector and exports no longer see it; participants cannot hide — over real sockets.
@Suite struct LiveHideTests {
    private func open(_ port: Int, _ path: String, _ cookies: String) async throws -> LiveConnection {
        try await LiveConnection.greeted(port: port, path: path, cookies: cookies)
    }

    @Test func theFacilitatorHidesAnItemFromEveryoneElseAndShowsItAgain() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: Ana adds two items; the facilitator's page and the projector are open
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let wall = try await open(port, "/sessions/\(workshop.session)/live?view=projector", workshop.facilitator.cookieHeader)
            let anaBrowser = try await workshop.join(client, name: "Ana", partner: 0)
            let ana = try await open(port, "/s/\(workshop.session)/live", anaBrowser.cookieHeader)
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "i1", "text": "Cold storage"]]])
            ana.send(["type": "edit", "id": "a2", "edit": ["addItem": ["field": "triad-challenges", "item": "i2", "text": "Buy cheap pills"]]])
            _ = try await ana.next("ack") { $0.string("id") == "a2" }

            // MUT 1: a participant tries to hide someone's item
            ana.send(["type": "hide", "id": "x1", "field": "triad-challenges", "item": "i1"])
            let refused = try await ana.next("error") { $0.string("id") == "x1" }
            #expect(refused.string("message") == "Only the facilitator can hide or show items; ask them if something should not be on the canvas.")
            #expect(refused.string("field") == "triad-challenges", "the refusal is shown beside the field")

            // MUT 2: the facilitator hides the spam
            host.send(["type": "hide", "id": "h1", "field": "triad-challenges", "item": "i2"])
            #expect(await host.eventually { $0.string("type") == "ack" && $0.string("id") == "h1" })

            // validate: the facilitator still sees it, marked hidden; Ana and the wall do not
            let hostEvent = try await host.next("event") { ($0.object("facilitation")?["hidden"] as? [String: Any])?["triad-challenges"] != nil }
            #expect(listTexts(hostEvent.object("value"), "triad-challenges") == ["Cold storage", "Buy cheap pills"])
            #expect((hostEvent.object("facilitation")?["hidden"] as? [String: [String]])?["triad-challenges"] == ["i2"])
            for viewer in [ana, wall] {
                let event = try await viewer.next("event") { ($0.object("facilitation")?["hidden"] as? [String: Any])?["triad-challenges"] != nil }
                #expect(listTexts(event.object("value"), "triad-challenges") == ["Cold storage"])
            }
            // A browser that connects now gets a snapshot without it; the facilitator's, with it.
            let bob = try await workshop.join(client, name: "Bob", partner: 1)
            let bobSocket = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: bob.cookieHeader)
            bobSocket.send(["type": "hello", "after": 0])
            #expect(listTexts(try await bobSocket.next("snapshot").object("state"), "triad-challenges") == ["Cold storage"])
            let host2 = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            host2.send(["type": "hello", "after": 0])
            #expect(listTexts(try await host2.next("snapshot").object("state"), "triad-challenges") == ["Cold storage", "Buy cheap pills"])
            // Exports leave it out; the history keeps the change.
            var facilitator = workshop.facilitator
            let markdown = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md").html
            #expect(markdown.contains("Cold storage") && !markdown.contains("Buy cheap pills"))
            let history = try await facilitator.get(client, "/sessions/\(workshop.session)/history").html
            #expect(history.contains("Hid an item of"))

            // MUT 3: shown again, everyone sees it
            host.send(["type": "hide", "id": "h2", "field": "triad-challenges", "item": "i2", "hidden": false])
            #expect(await host.eventually { $0.string("type") == "ack" && $0.string("id") == "h2" })
            let back = try await ana.next("event") { listTexts($0.object("value"), "triad-challenges").count == 2 }
            #expect((back.object("facilitation")?["hidden"] as? [String: Any])?.isEmpty ?? true)
            let again = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md").html
            #expect(again.contains("Buy cheap pills"))

            // Hiding something that is not there is refused and changes nothing.
            host.send(["type": "hide", "id": "h3", "field": "triad-challenges", "item": "nope"])
            #expect(try await host.next("error") { $0.string("id") == "h3" }.string("message") == "There is no item \"nope\" in this field to hide or show.")
        }
    }
}
