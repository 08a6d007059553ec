public import FluentKit
import FluentPostgresDriver
import FluentSQL
import FluentSQLiteDriver
import Foundation
public import Logging
import NIOCore
import NIOPosix
import PostgresNIO

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
            "PostgreSQL \(Self.redacted(url))"
        }
    }

    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "database" }
        if components.password != nil { components.password = "•••" }
        return components.string ?? "database"
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }
}

/// Why the store could not open.
public struct StoreOpenError: Error, CustomStringConvertible {
    public var description: String
}

/// Weave's persistence: accounts, partnerships, sessions and their event logs, on SQLite or PostgreSQL
/// with the same migrations. Every method hands back Sendable values, never a record.
public final class Store: Sendable {
    /// The Fluent databases; run it as a service so that it shuts down with the app.
    public let databases: Databases
    public let location: StoreLocation
    let logger: Logger
    /// SQLite keeps one connection per event loop; all work goes through one loop so writes never contend.
    let fixedLoop: (any EventLoop)?

    private init(databases: Databases, location: StoreLocation, logger: Logger, fixedLoop: (any EventLoop)?) {
        self.databases = databases
        self.location = location
        self.logger = logger
        self.fixedLoop = fixedLoop
    }

    /// Opens the store and brings its schema up to date.
    public static func open(_ location: StoreLocation, logger: Logger = Logger(label: "weave.store"),
                            migrate: Bool = true) async throws -> Store {
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
                throw StoreOpenError(description: "The database URL is not one PostgreSQL accepts (\(error)); write it as postgres://user:password@host:5432/database.")
            }
        }
        let store = Store(databases: databases, location: location, logger: logger, fixedLoop: fixedLoop)
        do {
            if case .sqlite = location, let sql = store.database as? any SQLDatabase {
                // WAL lets readers go on while one writes; FULL sync keeps every acknowledged write on disk.
                try await sql.raw("PRAGMA journal_mode=WAL").run()
                try await sql.raw("PRAGMA synchronous=FULL").run()
            }
            if let sql = store.database as? any SQLDatabase, !location.isPostgres {
                try await sql.raw("PRAGMA foreign_keys=ON").run()
            }
            if migrate { try await store.migrate() }
        } catch {
            // A file that is not a database: close the pools (releasing them open traps) and say so.
            await databases.shutdownAsync()
            throw error
        }
        return store
    }

    /// A database handle for one piece of work.
    var database: any Database {
        databases.database(logger: logger, on: fixedLoop ?? databases.eventLoopGroup.any())!
    }

    var migrator: Migrator {
        let migrations = Migrations()
        migrations.add(WeaveMigrations.all)
        return Migrator(databases: databases, migrations: migrations, logger: logger,
                        on: fixedLoop ?? databases.eventLoopGroup.any())
    }

    /// Applies every migration not yet applied.
    public func migrate() async throws {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Reverts every migration, newest first (tests and `weave` maintenance).
    public func revertAllMigrations() async throws {
        try await migrator.revertAllBatches().get()
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await MigrationLog.query(on: database).sort(\.$batch).sort(\.$createdAt).all().map(\.name)
    }

    /// Closes every connection.
    public func shutdown() async {
        await databases.shutdownAsync()
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
