import FluentSQL
public import Foundation
public import Logging
import NIOCore
import PostgresKit
import PostgresNIO
public import ServiceLifecycle

/// Several Weave servers can share one PostgreSQL database. Each stored event is announced on a
/// PostgreSQL channel (NOTIFY, sent with the commit), and every server listens, so a browser connected to
/// one server sees changes made through another within moments. SQLite is one process: nothing to announce.
enum EventChannel {
    static let name = "weave_session_events"

    /// `<session id> <sequence>`.
    static func payload(session: UUID, sequence: Int) -> String { "\(session.uuidString.lowercased()) \(sequence)" }

    static func parse(_ payload: String) -> (session: UUID, sequence: Int)? {
        let parts = payload.split(separator: " ")
        guard parts.count == 2, let session = UUID(uuidString: String(parts[0])), let sequence = Int(parts[1]) else { return nil }
        return (session, sequence)
    }
}

/// Something a server keeps in memory changed through another server and must be read again at once:
/// a login ended (by its SHA-256, as the database keeps it), a partnership's members or partners changed, or
/// a session was closed or deleted. Sent on the events' channel as `forget login <digest>` /
/// `forget partnership <id>` / `forget session <id>`, which a server that does not know them ignores
/// (``EventChannel/parse(_:)`` reads two fields only, ``init(payload:)`` returns `nil` for a kind it does not know).
public enum CacheNotice: Sendable, Hashable {
    case login(digest: String)
    case partnership(UUID)
    /// A session's row: the store forgets it itself when it hears this (``Store/eventListener(logger:onEvent:onNotice:)``).
    case session(UUID)

    var payload: String {
        switch self {
        case .login(let digest): "forget login \(digest)"
        case .partnership(let id): "forget partnership \(id.uuidString.lowercased())"
        case .session(let id): "forget session \(id.uuidString.lowercased())"
        }
    }

    init?(payload: String) {
        let parts = payload.split(separator: " ")
        guard parts.count == 3, parts[0] == "forget" else { return nil }
        switch parts[1] {
        case "login": self = .login(digest: String(parts[2]))
        case "partnership":
            guard let id = UUID(uuidString: String(parts[2])) else { return nil }
            self = .partnership(id)
        case "session":
            guard let id = UUID(uuidString: String(parts[2])) else { return nil }
            self = .session(id)
        default: return nil
        }
    }
}

extension Store {
    /// Tells the other servers sharing this PostgreSQL database to forget what `notice` names (nothing to do on
    /// SQLite, which one process serves). A failure is logged: the others then read it again within their
    /// caches' minute.
    public func announce(_ notice: CacheNotice) async {
        guard location.isPostgres, let sql = database as? any SQLDatabase else { return }
        do {
            try await sql.raw("SELECT pg_notify(\(bind: EventChannel.name), \(bind: notice.payload))").run()
        } catch {
            logger.warning("Could not tell the other servers to forget a cached value", metadata: ["error": "\(location.describe(error))"])
        }
    }

    /// Announces a stored event to other servers (PostgreSQL only); inside a transaction it is sent on commit.
    func announce(session: UUID, sequence: Int, on database: any Database) async throws {
        guard location.isPostgres, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("SELECT pg_notify(\(bind: EventChannel.name), \(bind: EventChannel.payload(session: session, sequence: sequence)))").run()
    }

    /// A service that listens for events other servers store, and hands each (session, sequence) on.
    /// `nil` on SQLite.
    /// - Parameters:
    ///   - onNotice: called with what another server asked every server to forget (``CacheNotice``), after the
    ///     store has forgotten what it keeps itself (sessions' rows).
    public func eventListener(logger: Logger, onEvent: @escaping @Sendable (UUID, Int) async -> Void,
                              onNotice: @escaping @Sendable (CacheNotice) async -> Void = { _ in }) -> (any Service)? {
        guard case .postgres(let url) = location else { return nil }
        listenerStatus.state = .connecting
        let sessionRows = sessionRows
        return PostgresEventListener(url: url, location: location, status: listenerStatus, logger: logger, onEvent: onEvent, onNotice: { notice in
            if case .session(let id) = notice { sessionRows.forget(id) }
            await onNotice(notice)
        })
    }
}

/// Holds one connection open with LISTEN; reconnects with a growing pause if it drops. Readiness reads
/// its state: a server that does not hear the others would show stale canvases.
struct PostgresEventListener: Service {
    let url: String
    let location: StoreLocation
    let status: ListenerStatus
    let logger: Logger
    let onEvent: @Sendable (UUID, Int) async -> Void
    let onNotice: @Sendable (CacheNotice) async -> Void

    func run() async throws {
        var settings = try SQLPostgresConfiguration(url: url).coreConfiguration
        // Shown in pg_stat_activity, so an operator can tell this connection from the pool's.
        settings.options.additionalStartupParameters = [("application_name", Self.applicationName)]
        let configuration = settings
        var pause = Duration.milliseconds(250)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                    defer { Task { try? await connection.close() } }
                    try await connection.listen(on: EventChannel.name) { notifications in
                        if case .lost = status.state {
                            logger.info("Listening again for changes made through other servers")
                        }
                        status.state = .listening
                        for try await notification in notifications {
                            if let (session, sequence) = EventChannel.parse(notification.payload) {
                                await onEvent(session, sequence)
                            } else if let notice = CacheNotice(payload: notification.payload) {
                                await onNotice(notice)
                            }
                        }
                    }
                }
                status.state = .connecting
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                // After a connection that worked, the next try comes quickly again.
                if status.state == .listening { pause = .milliseconds(250) }
                let reason = location.describe(error)
                status.state = .lost(reason)
                logger.warning("Lost the PostgreSQL connection that hears other servers' changes; retrying", metadata: ["error": "\(reason)", "in": "\(Store.seconds(pause))"])
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(10))
            }
        }
    }

    /// The `application_name` of the LISTEN connection.
    static let applicationName = "weave listener"
}
