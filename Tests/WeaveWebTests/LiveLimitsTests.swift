import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// What one participant can ask of the server, tried as an attacker would over real sockets, at a bounded
/// size: each test asserts the limit holds (docs/live-protocol.md, "Limits").
@Suite struct LiveLimitsTests {
    private func withWorkshop(live: LiveLimits = LiveLimits(),
                              _ test: @escaping @Sendable (any TestClientProtocol, Int, Workshop) async throws -> Void) async throws {
        try await TestApp.run(.live, live: live) { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            try await test(client, try #require(client.port), workshop)
        }
    }

    private func participant(_ client: any TestClientProtocol, _ port: Int, _ workshop: Workshop, name: String, partner: Int,
                             reading: Bool = true) async throws -> LiveConnection {
        let browser = try await workshop.join(client, name: name, partner: partner)
        let connection = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: browser.cookieHeader, reading: reading)
        connection.send(["type": "hello", "after": 0])
        if reading { _ = try await connection.next("snapshot") }
        return connection
    }

    private func setText(_ id: String, _ text: String) -> [String: Any] {
        ["type": "edit", "id": id, "edit": ["setText": ["field": "vision-statement", "text": text]]]
    }

    /// Measured before this limit: 300 edits of 1 KB broadcast 48.5 MB to every browser, because each event
    /// carried the field's whole history; the reconnect snapshot grew with it.
    @Test func aBurstOfTextEditsKeepsEveryBroadcastAndTheSnapshotBounded() async throws {
        let edits = 300
        try await withWorkshop(live: LiveLimits(messagesPerSecond: 1_000, messageBurst: 1_000)) { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)
            for index in 0..<edits {
                ana.send(setText("t\(index)", String(format: "%04d ", index) + String(repeating: "x", count: 1_019)))
            }
            _ = try await ana.next("ack", seconds: 60) { $0.string("id") == "t\(edits - 1)" }
            _ = try await ben.next("event", seconds: 30) { $0["sequence"] as? Int == edits }

            let events = await ben.sizes.filter { $0.type == "event" }
            #expect(events.count == edits)
            let largest = events.map(\.bytes).max() ?? 0
            let total = events.map(\.bytes).reduce(0, +)
            #expect(largest < 2_048, "an event carries the new 1 KB text, not the history: \(largest) bytes")
            #expect(total < edits * 2_048, "\(total) bytes broadcast to one browser for \(edits) edits of 1 KB (was 48.5 MB)")

            // A browser arriving now gets a snapshot the size of the canvas, whatever happened before.
            let cleo = try await participant(client, port, workshop, name: "Cleo", partner: 2)
            let snapshot = try #require(await cleo.sizes.last { $0.type == "snapshot" })
            #expect(snapshot.bytes < 8_192, "snapshot of \(snapshot.bytes) bytes")
            let state = try #require(await cleo.all.last { $0["type"] as? String == "snapshot" }?.object("state"))
            #expect((state["earlierTexts"] as? [String: Any])?["vision-statement"] as? Int == edits - 1)

            // The earlier versions are there on request, a page at a time.
            cleo.send(["type": "versions", "id": "h1", "field": "vision-statement"])
            let page = try await cleo.next("versions")
            let versions = try #require(page["versions"] as? [[String: Any]])
            #expect(versions.count == LiveLimits().versionsPerRequest)
            #expect((versions.first?["text"] as? String)?.hasPrefix(String(format: "%04d ", edits - 2)) == true)
            #expect(page["more"] as? Bool == true)
            let pageBytes = try #require(await cleo.sizes.last { $0.type == "versions" }).bytes
            #expect(pageBytes < LiveLimits().versionsPerRequest * 1_400, "a page of versions is bounded too: \(pageBytes) bytes")
        }
    }

    /// Chromium sends a long text as one frame; 5,000 emoji are 20,000 bytes of UTF-8, over the 16 KB frame
    /// limit the socket had (closed with 1006). A family emoji is 25 bytes: 5,000 of them still fit.
    @Test func aFiveThousandEmojiTextInOneFrameIsAcknowledged() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)
            let emoji = String(repeating: "😀", count: 5_000)
            ana.send(setText("e1", emoji))
            #expect(try await ana.next("ack")["sequence"] as? Int == 1)
            let seen = try await ben.next("event")
            #expect(((seen.object("value")?["texts"] as? [String: Any])?["vision-statement"] as? [String: Any])?["text"] as? String == emoji)

            let families = String(repeating: "👩‍👩‍👧‍👦", count: 5_000)
            #expect(families.utf8.count == 125_000)
            ana.send(setText("e2", families))
            #expect(try await ana.next("ack") { $0.string("id") == "e2" }["sequence"] as? Int == 2)
            // One character more is refused with a reason, and the socket stays open.
            ana.send(setText("e3", emoji + "😀"))
            let refused = try await ana.next("error") { $0.string("id") == "e3" }
            #expect(refused.string("message")?.contains("at most 5000 fit") == true)
            ana.send(setText("e4", "Still here"))
            #expect(try await ana.next("ack") { $0.string("id") == "e4" }["sequence"] as? Int == 3)
            #expect(await ana.closed == false)
        }
    }

    @Test func aSocketOverItsMessageBudgetIsToldWhyThenClosed() async throws {
        // A slow refill, so that how long a loaded machine takes to store the burst cannot let the rest through.
        let limits = LiveLimits(messagesPerSecond: 0.5)
        try await withWorkshop(live: limits) { client, port, workshop in
            let mallory = try await participant(client, port, workshop, name: "Mallory", partner: 0)
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 1)
            for index in 0..<(limits.messageBurst * 3) {
                mallory.send(["type": "edit", "id": "m\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "m\(index)", "text": "Spam \(index)"]]])
            }
            let error = try await mallory.next("error", seconds: 10) { $0["id"] == nil }
            #expect(error.string("message") == LiveSocket.tooManyMessages(limits))
            #expect(await mallory.waitClosed(seconds: 10))
            #expect(await mallory.closeCode == .policyViolation)
            let acks = await mallory.all.filter { $0["type"] as? String == "ack" }.count
            // The burst, plus the little the budget refilled while the server stored them — far from all 150.
            #expect(acks < limits.messageBurst * 2, "\(acks) changes went through a budget of \(limits.messageBurst) at once")

            // Everyone else carries on.
            ana.send(["type": "edit", "id": "a1", "edit": ["addItem": ["field": "triad-challenges", "item": "a1", "text": "Real challenge"]]])
            #expect(try await ana.next("ack") { $0.string("id") == "a1" }["sequence"] as? Int == acks + 1)
        }
    }

    @Test func aBrowserThatDoesNotReadIsDroppedWhileOthersCarryOn() async throws {
        let limits = LiveLimits(messagesPerSecond: 10_000, messageBurst: 10_000, outboundBytes: 256 * 1024)
        try await withWorkshop(live: limits) { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let cleo = try await participant(client, port, workshop, name: "Cleo", partner: 2)
            // A canvas of some size, so each snapshot is about 85 KB.
            ana.send(setText("big", String(repeating: "😀", count: 5_000)))
            for index in 0..<32 {
                ana.send(["type": "edit", "id": "l\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "l\(index)", "text": String(repeating: "🍎", count: 500)]]])
            }
            _ = try await ana.next("ack") { $0.string("id") == "l31" }

            // Ben's page stops reading, and asks for a snapshot again and again: 300 × 85 KB is far more than
            // the socket buffers and his outbox hold.
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1, reading: false)
            for _ in 0..<300 { ben.send(["type": "hello", "after": 0]) }
            // Meanwhile the others go on and see each other's changes.
            for index in 0..<20 {
                ana.send(["type": "edit", "id": "a\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "a\(index)", "text": "Challenge \(index)"]]])
                _ = try await ana.next("ack", seconds: 10) { $0.string("id") == "a\(index)" }
            }
            _ = try await cleo.next("event", seconds: 10) { $0["sequence"] as? Int == 53 }

            // Ben is dropped: reading what reached him, he finds the connection gone well before 300 snapshots.
            ben.resume()
            #expect(await ben.waitClosed(seconds: 20))
            let snapshots = await ben.sizes.filter { $0.type == "snapshot" }.count
            #expect(snapshots < 300, "got all \(snapshots) snapshots: the server buffered everything")
            let cleoEvents = await cleo.all.filter { $0["type"] as? String == "event" }.compactMap { $0["sequence"] as? Int }
            #expect(cleoEvents == Array(1...53))
        }
    }

    @Test func aSessionOverItsChangesPerMinuteAsksForThemAgainLater() async throws {
        try await withWorkshop(live: LiveLimits(sessionEventsPerMinute: 5)) { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)
            for index in 0..<4 {
                ana.send(["type": "edit", "id": "a\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "a\(index)", "text": "Ana \(index)"]]])
            }
            _ = try await ana.next("ack") { $0.string("id") == "a3" }
            for index in 0..<3 {
                ben.send(["type": "edit", "id": "b\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "b\(index)", "text": "Ben \(index)"]]])
            }
            _ = try await ben.next("ack") { $0.string("id") == "b0" }
            let busy = try await ben.next("error") { $0.string("id") == "b1" }
            #expect(busy["retry"] as? Bool == true)
            #expect((busy["retryAfter"] as? Int).map { (1...12).contains($0) } == true)
            _ = try await ben.next("error") { $0.string("id") == "b2" }
            // Nothing over the cap was stored: a new page's snapshot holds five changes.
            let cleo = try await participant(client, port, workshop, name: "Cleo", partner: 2)
            #expect(await cleo.all.last { $0["type"] as? String == "snapshot" }?["sequence"] as? Int == 5)
        }
    }
}
