import Foundation
import Testing
@testable import WeaveStore

/// Sessions' rows are kept in memory; closing or deleting a session must never leave an old row behind.
@Suite struct SessionRowCacheTests {
    private func session(closed: Bool = false) -> WorkSession {
        WorkSession(id: UUID(), partnershipID: UUID(), itemID: "joint-action", date: "2026-12-01", start: "09:00", breaks: "",
                    joinCode: "ABCDEFGHJK", createdAt: Date(timeIntervalSince1970: 1_796_000_000),
                    closedAt: closed ? Date(timeIntervalSince1970: 1_796_003_600) : nil)
    }

    @Test func aKeptRowIsServedUntilForgottenOrStale() {
        // setup
        let cache = SessionRowCache(revalidateAfter: .seconds(60))
        let row = session()
        let start = ContinuousClock.now
        // MUT
        cache.keep(row, readAt: cache.generation, now: start)
        // validate
        #expect(cache.session(row.id, now: start + .seconds(59)) == row)
        #expect(cache.session(row.id, now: start + .seconds(61)) == nil, "read again after the minute")
        #expect(cache.session(UUID(), now: start) == nil)
        cache.forget(row.id)
        #expect(cache.session(row.id, now: start) == nil)
    }

    @Test func aRowReadBeforeAForgetIsNotKeptAfterIt() {
        // setup: a reader takes the generation and reads the open row; meanwhile the session is closed.
        let cache = SessionRowCache()
        let open = session()
        let generation = cache.generation
        cache.forget(open.id)
        // MUT: the slow reader comes back with the row it read before the close.
        cache.keep(open, readAt: generation)
        // validate: nothing kept, so the next read goes to the database and finds it closed.
        #expect(cache.session(open.id) == nil)
        cache.keep(open, readAt: cache.generation)
        #expect(cache.session(open.id) == open)
    }

    @Test func aFullCacheStartsAgainRatherThanGrowing() {
        let cache = SessionRowCache(capacity: 3)
        let rows = (0..<4).map { _ in session() }
        for row in rows { cache.keep(row, readAt: cache.generation) }
        #expect(rows.filter { cache.session($0.id) != nil }.map(\.id) == [rows[3].id])
    }
}

extension StoreContract {
    /// A session's row, once read, is kept; closing or deleting the session is seen by the next read all the same.
    func sessionRowsFollowCloseAndDelete() async throws {
        // setup: two sessions, each read once (so kept).
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let partnership = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let draft = SessionDraft(partnershipID: partnership.id, itemID: "joint-action", date: "2026-12-01", start: "09:00")
        let first = try await store.createSession(draft)
        let second = try await store.createSession(draft)
        #expect(try await store.session(first.id)?.isClosed == false)
        #expect(try await store.session(second.id) != nil)
        #expect(store.sessionRows.session(first.id) != nil, "the row is kept after the first read")

        // MUT
        try await store.closeSession(first.id)
        try await store.deleteSession(second.id)

        // validate
        #expect(try await store.session(first.id)?.isClosed == true)
        #expect(try await store.session(second.id) == nil)
        #expect(try await store.session(UUID()) == nil)
    }
}
