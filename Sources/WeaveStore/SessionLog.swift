public import Foundation
public import WeaveCore

/// What the live canvas needs from a session's append-only event log. ``Store`` implements it on SQLite and
/// PostgreSQL; tests use an in-memory log that can be made to fail, so the live layer's retry and failure
/// paths are proven without a database.
public protocol SessionLog: Sendable {
    /// A session's events after a sequence number, in order.
    func events(of session: UUID, after sequence: Int) async throws -> [StoredEvent]

    /// Appends events in one transaction: all are stored, or none. Throws ``StoreError/sequenceTaken(_:)``
    /// when another writer stored one of those sequence numbers first; the caller reads what it missed and
    /// tries again. Returns once the events are durable.
    func append(_ events: [StoredEvent]) async throws

    /// The texts written to a session's text fields (its `setText` events), newest first.
    ///
    /// - Parameters:
    ///   - session: the session.
    ///   - field: one field's texts, or every field's when `nil`.
    ///   - before: only events stored before this sequence number, when given (paging back).
    ///   - limit: at most this many events, when given.
    func textEdits(of session: UUID, field: String?, before sequence: Int?, limit: Int?) async throws -> [StoredEvent]

    /// Marks a session closed; its join code stops working.
    func closeSession(_ id: UUID, at date: Date) async throws
}

extension Store: SessionLog {}
