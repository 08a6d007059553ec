import Foundation
import HummingbirdTesting
import Testing
import WeaveStore
@testable import WeaveWeb

/// Undo of one's own last change, as a new stored change that restores what was there — over real sockets.
@Suite struct LiveUndoTests {
    private func open(_ port: Int, _ path: String, _ cookies: String) async throws -> LiveConnection {
        try await LiveConnection.greeted(port: port, path: path, cookies: cookies)
    }

    @Test func undoRestoresOnesOwnLastChangeAndKeepsTheLog() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: Ana adds an item and rewrites it
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            let ben = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ben", partner: 1).cookieHeader)
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "i1", "text": "Cold storage"]]])
            ana.send(["type": "edit", "id": "a2", "edit": ["editItem": ["field": "triad-challenges", "item": "i1", "text": "Cold storage vans"]]])
            _ = try await ana.next("ack") { $0.string("id") == "a2" }

            // MUT 1: undo, twice: the rewrite, then the item itself
            ana.send(["type": "undo", "id": "u1"])
            _ = try await ana.next("ack") { $0.string("id") == "u1" }
            let restored = try await ben.next("event") { $0.string("field") == "triad-challenges" && listTexts($0.object("value"), "triad-challenges") == ["Cold storage"] }
            #expect(restored.object("actor")?["name"] as? String == "Ana")
            ana.send(["type": "undo", "id": "u2"])
            _ = try await ana.next("ack") { $0.string("id") == "u2" }
            _ = try await host.next("event") { $0.string("field") == "triad-challenges" && listTexts($0.object("value"), "triad-challenges").isEmpty }
            ana.send(["type": "undo", "id": "u3"])
            #expect(try await ana.next("error") { $0.string("id") == "u3" }.string("message")?.hasPrefix("You have nothing to undo") == true)

            // MUT 2: Ana writes the vision, Ben rewrites it: Ana's undo is refused, Ben's brings hers back
            ana.send(["type": "edit", "id": "a3", "edit": ["setText": ["field": "vision-statement", "text": "Nobody goes hungry."]]])
            _ = try await ana.next("ack") { $0.string("id") == "a3" }
            ben.send(["type": "edit", "id": "b1", "edit": ["setText": ["field": "vision-statement", "text": "Everyone eats well."]]])
            _ = try await ben.next("ack") { $0.string("id") == "b1" }
            ana.send(["type": "undo", "id": "u4"])
            let refused = try await ana.next("error") { $0.string("id") == "u4" }
            #expect(refused.string("message") == "Someone changed that after you, so your last change can no longer be undone.")
            #expect(refused.string("field") == "vision-statement")
            ben.send(["type": "undo", "id": "u5"])
            _ = try await ben.next("ack") { $0.string("id") == "u5" }
            let restoredForAna = await ana.eventually { $0.string("type") == "event" && $0.string("field") == "vision-statement" && textOf($0, "vision-statement") == "Nobody goes hungry." }
            let lastForAna = await ana.all.last.map { String(describing: $0) } ?? ""
            #expect(restoredForAna, "Ana's page shows her text again (last message: \(lastForAna))")

            // validate: nothing left the log — every change and each undo is in the history
            var facilitator = workshop.facilitator
            let history = try await facilitator.get(client, "/sessions/\(workshop.session)/history").html
            #expect(history.contains("Cold storage vans"), "the undone rewrite stays in the history")
            #expect(history.components(separatedBy: "undid change").count - 1 == 3)
            #expect(history.contains("Everyone eats well."))
            // The state rebuilt from the log after a restart agrees: a fresh page sees the same.
            let fresh = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            fresh.send(["type": "hello", "after": 0])
            let snapshot = try await fresh.next("snapshot")
            #expect(listTexts(snapshot.object("state"), "triad-challenges").isEmpty)
            #expect(((snapshot.object("state")?["texts"] as? [String: Any])?["vision-statement"] as? [String: Any])?["text"] as? String == "Nobody goes hungry.")
        }
    }
}

private func textOf(_ message: [String: any Sendable], _ field: String) -> String? {
    ((message.object("value")?["texts"] as? [String: Any])?[field] as? [String: Any])?["text"] as? String
}
