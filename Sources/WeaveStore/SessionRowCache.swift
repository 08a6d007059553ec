import Foundation
import NIOConcurrencyHelpers

/// Sessions' rows, kept in memory so that every session page, canvas read and live socket need not ask the
/// database for the same row. A row changes only when its session is closed or deleted (``Store/closeSession(_:at:)``,
/// ``Store/deleteSession(_:)``): the store forgets it then, and on PostgreSQL tells the other servers to forget it
/// too (``CacheNotice/session(_:)``). An entry is also read again after `revalidateAfter`, which bounds how stale
/// a row can be should such a notice be lost. Missing sessions are not kept: a stranger trying ids fills nothing.
final class SessionRowCache: Sendable {
    private struct Entry {
        var session: WorkSession
        var until: ContinuousClock.Instant
    }

    private struct State {
        var entries: [UUID: Entry] = [:]
        /// Counts forgets: a row read from the database before a forget is not kept after it.
        var generation: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())
    /// How long an entry is trusted before the database is asked again.
    let revalidateAfter: Duration
    /// At most this many entries; past it, all go (each costs one query to refill).
    let capacity: Int

    init(revalidateAfter: Duration = .seconds(60), capacity: Int = 20_000) {
        self.revalidateAfter = revalidateAfter
        self.capacity = capacity
    }

    /// The session's row, if kept and fresh.
    func session(_ id: UUID, now: ContinuousClock.Instant = .now) -> WorkSession? {
        state.withLockedValue { state in
            guard let entry = state.entries[id], entry.until > now else { return nil }
            return entry.session
        }
    }

    /// A token to hand back to ``keep(_:readAt:now:)``: taken before reading the row from the database.
    var generation: UInt64 { state.withLockedValue(\.generation) }

    /// Keeps a row read from the database, unless something was forgotten since the read began (the row may
    /// then be older than the change that caused the forget).
    func keep(_ session: WorkSession, readAt generation: UInt64, now: ContinuousClock.Instant = .now) {
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[session.id] = Entry(session: session, until: now + revalidateAfter)
        }
    }

    /// Forgets a session's row: it was closed or deleted, here or on another server.
    func forget(_ id: UUID) {
        state.withLockedValue { state in
            state.entries.removeValue(forKey: id)
            state.generation &+= 1
        }
    }
}
