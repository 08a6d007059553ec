import FluentKit
import FluentPostgresDriver
import FluentSQL
import FluentSQLiteDriver
public import Foundation
public import Logging
import NIOCore
import NIOPosix
import PostgresNIO
public import ServiceLifecycle

/// Where Weave keeps its data.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file: the embedded default.
    case sqlite(path: String)
    /// A SQLite database that lives only as long as the process (tests).
    case sqliteInMemory
    /// A PostgreSQL database, by URL: `postgres://user:password@host:5432/database`.
    case postgres(url: String)

    /// Reads `--database`: a `postgres://` or `postgresql://` URL, `:memory:`, or a SQLite file path.
    public init(parsing text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text == ":memory:" {
            self = .sqliteInMemory
        } else {
            self = .sqlite(path: text.hasPrefix("sqlite://") ? String(text.dropFirst("sqlite://".count)) : text)
        }
    }

    /// Says where, without a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite file \(path)"
        case .sqliteInMemory: "SQLite in memory"
        case .postgres(let url):
            "PostgreSQL \(redact(url))"
        }
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }
}

/// Why the store could not open.
public struct StoreOpenError: Error, CustomStringConvertible {
    public var description: String
}

/// Weave's persistence: accounts, partnerships, sessions and their event logs, on SQLite or PostgreSQL
/// with the same migrations. Every method hands back Sendable values, never a record.
///
/// Run it as a service in the app's service group: it closes its connections when the group shuts down.
public final class Store: Sendable, Service {
    /// The Fluent databases; they stay inside the store.
    let databases: Databases
    public let location: StoreLocation
    let logger: Logger
    /// SQLite keeps one connection per event loop; all work goes through one loop so writes never contend.
    let fixedLoop: (any EventLoop)?
    /// The schema steps this build knows, oldest first (tests add one to play a new release).
    let migrations: [any Migration]
    /// Whether the LISTEN connection is up, for readiness.
    let listenerStatus = ListenerStatus()
    /// A handle made when the store opened, used once ``shutdown()`` has closed the pools: work still under
    /// way then (a live session storing its last change) fails with the pool's error instead of crashing.
    private let closedHandle: any Database
    /// Sessions' rows, read once and kept until the session is closed or deleted.
    let sessionRows = SessionRowCache()
    /// Cleared by ``shutdown()``: the event log then refuses appends (a live session still storing a change
    /// while its server stops) with ``StoreClosedError`` instead of reaching for a pool that is gone.
    let openFlag = StoreOpenFlag()

    private init(databases: Databases, location: StoreLocation, logger: Logger, fixedLoop: (any EventLoop)?, migrations: [any Migration]) {
        self.databases = databases
        self.location = location
        self.logger = logger
        self.fixedLoop = fixedLoop
        self.migrations = migrations
        closedHandle = databases.database(logger: logger, on: fixedLoop ?? databases.eventLoopGroup.any())!
    }

    /// Opens the store and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - location: where the data lives.
    ///   - logger: for the store's own messages (waiting, migrating).
    ///   - migrate: apply the migrations not yet applied, under a lock so that servers starting together
    ///     take turns; `false` starts on the schema as it is (`weave serve --no-migrate`).
    ///   - wait: how long to keep trying a PostgreSQL server that does not answer yet.
    /// - Throws: ``StoreOpenError`` saying why, in words an operator can act on. Nothing stays open.
    public static func open(_ location: StoreLocation, logger: Logger = Logger(label: "weave.store"),
                            migrate: Bool = true, waitingUpTo wait: Duration = .zero) async throws -> Store {
        try await open(location, logger: logger, migrate: migrate, waitingUpTo: wait, migrations: WeaveMigrations.all)
    }

    static func open(_ location: StoreLocation, logger: Logger, migrate: Bool, waitingUpTo wait: Duration,
                     migrations: [any Migration]) async throws -> Store {
        let group = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        var fixedLoop: (any EventLoop)?
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: directory) else {
                throw StoreOpenError(description: "The folder \(directory) for the database file does not exist.")
            }
            databases.use(.sqlite(.file(path)), as: .sqlite)
            databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: readConnectionsPerLoop), as: .sqliteReads, isDefault: false)
            fixedLoop = group.next()
        case .sqliteInMemory:
            databases.use(.sqlite(.memory), as: .sqlite)
            fixedLoop = group.next()
        case .postgres(let url):
            do {
                databases.use(try .postgres(url: url), as: .psql)
            } catch {
                throw StoreOpenError(description: "The database URL is not one PostgreSQL accepts (\(location.redact("\(error)"))); write it as postgres://user:password@host:5432/database.")
            }
        }
        let store = Store(databases: databases, location: location, logger: logger, fixedLoop: fixedLoop, migrations: migrations)
        do {
            try await store.start(migrate: migrate, wait: wait)
        } catch {
            // Whatever failed, the pools close before the store goes away (AsyncKit traps otherwise).
            await store.shutdown()
            throw error as? StoreOpenError ?? StoreOpenError(description: location.describe(error))
        }
        return store
    }

    private func start(migrate: Bool, wait: Duration) async throws {
        if location.isPostgres {
            // A connection of its own first, tried again while the server is not up yet; it holds the
            // migration lock while the pool applies the migrations.
            try await closing(try await dedicatedConnection(waitingUpTo: wait, purpose: "weave start-up")) { connection in
                if migrate { _ = try await self.migrate(lockingOn: connection) }
            }
            return
        }
        if case .sqlite = location, let sql = database as? any SQLDatabase {
            // WAL lets readers go on while one writes; FULL sync keeps every acknowledged write on disk.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA synchronous=FULL").run()
        }
        if let sql = database as? any SQLDatabase {
            try await sql.raw("PRAGMA foreign_keys=ON").run()
        }
        if migrate { _ = try await self.migrate(lockingOn: nil) }
    }

    /// A database handle for one piece of work.
    var database: any Database {
        databases.database(logger: logger, on: fixedLoop ?? databases.eventLoopGroup.any()) ?? closedHandle
    }

    /// A database handle, or ``StoreClosedError`` once the store has shut down: what the live canvas uses,
    /// whose sessions may still be storing a change or reading the log while the server stops (`database`
    /// would trap then).
    func openDatabase() throws -> any Database {
        guard let database = databases.database(logger: logger, on: fixedLoop ?? databases.eventLoopGroup.any()) else {
            throw StoreClosedError()
        }
        return database
    }

    /// Closes every connection; safe to call more than once.
    public func shutdown() async {
        openFlag.close()
        await databases.shutdownAsync()
    }

    /// Runs until the service group shuts down, then closes every connection.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Whether the database holds no account yet.
    public func hasNoAccounts() async throws -> Bool {
        try await AccountRecord.query(on: database).count() == 0
    }
}

extension Store {
    /// Now, to the millisecond: what every stored time is, so a value read back equals the one written on
    /// both engines.
    public static func timestamp() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}

/// Whether a store's connections are still open.
final class StoreOpenFlag: @unchecked Sendable {
    // `@unchecked`: `open` is read and written only under `lock`.
    private let lock = NSLock()
    private var open = true

    var isOpen: Bool { lock.withLock { open } }
    func close() { lock.withLock { open = false } }
}

/// A change reached the store after it was shut down (the server is stopping); nothing was stored.
public struct StoreClosedError: Error, CustomStringConvertible {
    public var description: String { "The database is closed because the server is stopping; nothing was stored." }
}
