import Foundation
import WeaveCore
import WeaveStore

/// A session log in memory that can be told to fail, so the live layer's failure and retry paths are tested
/// without a database. It keeps the one rule the store's unique index keeps: a sequence number is stored once.
actor InMemorySessionLog: SessionLog {
    private(set) var rows: [StoredEvent] = []
    private(set) var closed: Set<UUID> = []
    /// The next this many appends fail as a broken disk would.
    private var failures = 0
    /// How many appends were tried (including failed ones).
    private(set) var appendCalls = 0

    struct Broken: Error, CustomStringConvertible { var description: String { "disk I/O error (a test's failure)" } }

    /// The next `count` appends throw.
    func failNextAppends(_ count: Int) { failures = count }

    /// Stores an event as another server would, behind the live session's back.
    func storeFromAnotherServer(_ event: StoredEvent) { rows.append(event) }

    func events(of session: UUID, after sequence: Int) async throws -> [StoredEvent] {
        rows.filter { $0.sessionID == session && $0.sequence > sequence }.sorted { $0.sequence < $1.sequence }
    }

    func append(_ events: [StoredEvent]) async throws {
        appendCalls += 1
        if failures > 0 {
            failures -= 1
            throw Broken()
        }
        for event in events where rows.contains(where: { $0.sessionID == event.sessionID && $0.sequence == event.sequence }) {
            throw StoreError.sequenceTaken(event.sequence)
        }
        rows += events
    }

    func textEdits(of session: UUID, field: String?, before sequence: Int?, limit: Int?) async throws -> [StoredEvent] {
        let found = rows.filter { event in
            guard event.sessionID == session, sequence.map({ event.sequence < $0 }) ?? true,
                  case .edit(.setText(let edited, _)) = event.event else { return false }
            return field == nil || edited == field
        }.sorted { $0.sequence > $1.sequence }
        return limit.map { Array(found.prefix($0)) } ?? found
    }

    func closeSession(_ id: UUID, at date: Date) async throws { closed.insert(id) }
}
