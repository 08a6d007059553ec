import Foundation
import Logging
import Testing
import WeaveCore
import WeaveStore

/// The history page reads a long log a page at a time, newest first.
@Suite struct HistoryPageTests {
    @Test func aLongLogIsShownAPageAtATimeNewestFirst() async throws {
        let store = try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await TestApp.run(.router, configure: { _ in }, store: store) { client, setup, _ in
            // setup: 1,200 changes written behind the server's back
            var workshop = try await Workshop.make(client, setup: setup)
            let session = try #require(UUID(uuidString: workshop.session))
            let first = try await store.events(of: session).count + 1
            let actor = SessionActor(id: "p1", name: "Ana", isFacilitator: false)
            try await store.append((first..<(first + 1_200)).map { sequence in
                StoredEvent(sessionID: session, sequence: sequence, actor: actor, clientRef: nil,
                            event: .edit(.addItem(field: "triad-challenges", item: "i\(sequence)", text: "Challenge \(sequence)")), at: Date())
            })
            let last = first + 1_199
            // MUT: the newest page, then older ones
            let newest = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)/history")
            // validate
            #expect(newest.status == .ok)
            #expect(rows(newest.html) == 500)
            #expect(newest.html.contains("“Challenge \(last)”") && newest.html.contains("“Challenge \(last - 499)”"))
            #expect(!newest.html.contains("“Challenge \(last - 500)”"), "the 501st newest is on the next page")
            let older = try #require(link(newest.html, "Older changes"))
            #expect(older == "/sessions/\(workshop.session)/history?before=\(last - 499)")
            let second = try await workshop.facilitator.get(client, older)
            #expect(rows(second.html) == 500)
            #expect(second.html.contains("“Challenge \(last - 500)”") && !second.html.contains("“Challenge \(last - 499)”"))
            #expect(link(second.html, "Newest changes") == "/sessions/\(workshop.session)/history")
            let third = try await workshop.facilitator.get(client, try #require(link(second.html, "Older changes")))
            #expect(rows(third.html) == 1_200 + first - 1 - 1_000, "the rest, down to the first change")
            #expect(link(third.html, "Older changes") == nil)
            let nonsense = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)/history?before=-3")
            #expect(nonsense.status == .ok && rows(nonsense.html) == 0, "a page before the first change is empty, not an error")
        }
    }

    private func rows(_ html: String) -> Int { html.components(separatedBy: "<tr><td>").count - 1 }

    private func link(_ html: String, _ text: String) -> String? {
        guard let end = html.range(of: "\">\(text)</a>") else { return nil }
        guard let start = html[..<end.lowerBound].range(of: "href=\"", options: .backwards) else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
    }
}
