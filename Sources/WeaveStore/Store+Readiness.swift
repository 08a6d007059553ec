import NIOConcurrencyHelpers

/// Whether a server on this store can take its share of the traffic (`/health/ready`).
public struct StoreReadiness: Sendable, Hashable {
    /// What stands in the way, each said so an operator can act on it; empty when ready.
    public var problems: [String]

    /// Nothing stands in the way.
    public var isReady: Bool { problems.isEmpty }
}

/// The state of the connection that hears other servers' changes (PostgreSQL's LISTEN), for readiness.
final class ListenerStatus: Sendable {
    enum State: Sendable, Hashable {
        /// No listener runs (SQLite, or a store used without the web app).
        case none
        /// Started, not listening yet.
        case connecting
        case listening
        /// Lost, with the reason; the listener is trying again.
        case lost(String)
    }

    private let box = NIOLockedValueBox(State.none)

    var state: State {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}

extension Store {
    /// Whether the database answers, every migration this build knows is applied, and (on PostgreSQL, once
    /// the app runs its listener) the LISTEN connection is up.
    public func readiness() async -> StoreReadiness {
        var problems: [String] = []
        do {
            let pending = try await pendingMigrations()
            if !pending.isEmpty {
                problems.append("\(pending.count) migration\(pending.count == 1 ? " is" : "s are") not applied yet (\(pending.joined(separator: "; "))); run `weave migrate`, or start one server without --no-migrate")
            }
        } catch {
            problems.append("the database does not answer: \(location.describe(error))")
        }
        switch listenerStatus.state {
        case .none, .listening: break
        case .connecting: problems.append("not listening yet for changes made through other servers (PostgreSQL LISTEN)")
        case .lost(let reason): problems.append("not listening for changes made through other servers: the LISTEN connection was lost (\(reason)); reconnecting")
        }
        return StoreReadiness(problems: problems)
    }
}
