import Foundation
import Logging
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

@Suite struct LiveRegistryTests {
    @Test func idleSessionsLeaveMemoryAndComeBackFromTheLog() async throws {
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let store = try await Store.open(.sqliteInMemory, logger: quiet)
        let account = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let partnership = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: account.id)
        _ = try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: partnership.id)
        let session = try await store.createSession(SessionDraft(partnershipID: partnership.id, itemID: "joint-action", date: "2026-12-01", start: "09:00"))
        let registry = LiveRegistry(store: store, library: TestApp.library, metrics: WeaveMetrics(), logger: quiet, idleLimit: .milliseconds(20))
        let actor = SessionActor(id: "p1", name: "Ben", isFacilitator: false)

        let live = try await registry.session(session)
        let key = await live.subscribe(LiveOutbox(limits: LiveLimits()))
        #expect(await live.submit(.edit(.addItem(field: "triad-challenges", item: "i1", text: "Kept")), by: actor, ref: "r1") == .stored(sequence: 1))
        try await Task.sleep(for: .milliseconds(40))
        await registry.sweep(force: true)
        #expect(await registry.loadedCount == 1, "a session with a browser connected stays")

        await live.unsubscribe(key)
        try await Task.sleep(for: .milliseconds(40))
        await registry.sweep(force: true)
        #expect(await registry.loadedCount == 0, "an idle session leaves memory")

        // A browser that still reaches the retired copy is told to reconnect, and gets nothing else.
        let retired = LiveOutbox(limits: LiveLimits())
        _ = await live.subscribe(retired)
        var messages: [String] = []
        for await message in retired.stream { messages.append(message) }
        #expect(messages.count == 1)
        #expect(messages.first?.contains(#""type":"reconnect""#) == true)

        // The next visitor gets it afresh from the log, as it was.
        let again = try await registry.session(session)
        #expect(again !== live)
        let snapshot = await again.snapshot()
        #expect(snapshot.sequence == 1)
        #expect(snapshot.state.canvas.lists["triad-challenges"]?.map(\.text) == ["Kept"])
        #expect(await again.submit(.edit(.addItem(field: "triad-challenges", item: "i1", text: "Kept")), by: actor, ref: "r1") == .stored(sequence: 1),
                "a re-sent message is still recognised after the reload")
        await store.shutdown()
    }
}
