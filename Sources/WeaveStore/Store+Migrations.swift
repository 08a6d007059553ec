import FluentKit
import FluentSQL
public import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLiteNIO

/// One migration as the database and this build see it (`weave migrate --list`).
public struct MigrationState: Sendable, Hashable {
    /// The migration's name, as stored in the database.
    public var name: String
    /// The batch it was applied in; `nil` while pending.
    public var batch: Int?
    /// When it was applied; `nil` while pending.
    public var appliedAt: Date?
    /// Whether this build knows it; a newer release's migration is applied but unknown here.
    public var isKnown: Bool

    /// Applied to the database.
    public var isApplied: Bool { batch != nil }
}

extension Store {
    /// The PostgreSQL advisory lock every Weave server takes to apply migrations: one at a time, and the
    /// others wait, then find nothing left to do. (The number is "Weave" in ASCII; any fixed number would do.)
    static let migrationLockKey: Int64 = 0x57_65_61_76_65

    /// Applies every migration not yet applied, under the migration lock.
    ///
    /// - Returns: the names applied by this call, oldest first; empty when another server (or an earlier
    ///   start) applied them.
    @discardableResult
    public func migrate() async throws -> [String] {
        if location.isPostgres {
            return try await closing(try await dedicatedConnection(waitingUpTo: .zero, purpose: "weave migrate")) {
                try await self.migrate(lockingOn: $0)
            }
        }
        return try await migrate(lockingOn: nil)
    }

    func migrate(lockingOn connection: PostgresConnection?) async throws -> [String] {
        let before = try await pendingMigrations()
        guard !before.isEmpty else { return [] }
        let logger = self.logger
        return try await withMigrationLock(connection) { database in
            let migrator = self.migrator(on: database)
            try await migrator.setupIfNeeded().get()
            let pending = try await migrator.previewPrepareBatch().get().map(\.0.name)
            let byOthers = before.filter { !pending.contains($0) }
            if !byOthers.isEmpty {
                logger.info("Another Weave server applied the migrations while this one waited", metadata: ["migrations": "\(byOthers.joined(separator: "; "))"])
            }
            guard !pending.isEmpty else { return [] }
            logger.info("Applying migrations", metadata: ["migrations": "\(pending.joined(separator: "; "))"])
            try await migrator.prepareBatch().get()
            return pending
        }
    }

    /// Reverts the last batch of migrations, newest first, under the migration lock (`weave migrate --revert-last`).
    ///
    /// - Returns: the names reverted, in the order they were reverted.
    public func revertLastMigrationBatch() async throws -> [String] {
        let body: @Sendable (any Database) async throws -> [String] = { database in
            let migrator = self.migrator(on: database)
            try await migrator.setupIfNeeded().get()
            let names = try await migrator.previewRevertLastBatch().get().map(\.0.name)
            try await migrator.revertLastBatch().get()
            return names
        }
        if location.isPostgres {
            return try await closing(try await dedicatedConnection(waitingUpTo: .zero, purpose: "weave migrate")) {
                try await self.withMigrationLock($0, body)
            }
        }
        return try await withMigrationLock(nil, body)
    }

    /// Reverts every migration, newest first (tests).
    public func revertAllMigrations() async throws {
        try await migrator(on: database).revertAllBatches().get()
    }

    /// The names of the applied migrations, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await MigrationLog.query(on: database).sort(\.$batch).sort(\.$createdAt).all().map(\.name)
    }

    /// The migrations this build knows that the database has not applied yet, oldest first. A database
    /// without Weave's tables has all of them pending; one that does not answer throws.
    public func pendingMigrations() async throws -> [String] {
        let applied = Set(try await appliedLog().map(\.name))
        return migrations.map(\.name).filter { !applied.contains($0) }
    }

    /// Every migration this build knows, then any the database has from a newer release.
    public func migrationStates() async throws -> [MigrationState] {
        let log = try await appliedLog()
        let byName = Dictionary(log.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let known = migrations.map(\.name)
        return known.map { name in
            MigrationState(name: name, batch: byName[name]?.batch, appliedAt: byName[name]?.createdAt, isKnown: true)
        } + log.filter { !known.contains($0.name) }.map {
            MigrationState(name: $0.name, batch: $0.batch, appliedAt: $0.createdAt, isKnown: false)
        }
    }

    /// The migration log, oldest first; empty when the log table does not exist yet.
    private func appliedLog() async throws -> [MigrationLog] {
        do {
            return try await MigrationLog.query(on: database).sort(\.$batch).sort(\.$createdAt).all()
        } catch {
            // No log table yet, or no answer at all: a trivial query tells the two apart.
            guard let sql = database as? any SQLDatabase else { throw error }
            try await sql.raw("SELECT 1").run()
            return []
        }
    }

    func migrator(on database: any Database) -> Migrator {
        let list = Migrations()
        list.add(migrations)
        return Migrator(databaseFactory: { _ in database }, migrations: list, on: database.eventLoop)
    }

    /// Runs `body` while holding the migration lock, so servers starting together take turns.
    ///
    /// PostgreSQL: a session advisory lock on `connection`, a connection of its own (the lock goes with it if
    /// the process dies), while `body` works through the pool. SQLite: `BEGIN IMMEDIATE` takes the file's
    /// write lock on the store's one connection and `body` runs inside that transaction, so another process
    /// waits in SQLite's busy handler and a failed batch leaves nothing half done.
    func withMigrationLock<T: Sendable>(_ connection: PostgresConnection?,
                                        _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let connection {
            let key = Self.migrationLockKey
            var locked = false
            for try await got in try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: logger).decode(Bool.self) {
                locked = got
            }
            if !locked {
                logger.info("Another Weave server is applying migrations; waiting for it to finish")
                try await connection.query("SELECT pg_advisory_lock(\(key))", logger: logger)
            }
            do {
                let result = try await body(database)
                try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(key))", logger: logger)
                throw error
            }
        }
        let logger = self.logger
        return try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                guard let sql = connection as? any SQLDatabase else { return try await body(connection) }
                // SQLiteNIO's busy handler retries at once, forever, on a thread of the shared pool: waiters
                // would keep every thread busy and the holder could not finish. So wait asleep here instead,
                // then give SQLite's own sleeping handler back for the connection's later work.
                try await sql.raw("PRAGMA busy_timeout = 0").run()
                var waiting = false
                while true {
                    do {
                        try await sql.raw("BEGIN IMMEDIATE").run()
                        break
                    } catch let error as SQLiteError where error.reason == .busy || error.reason == .locked {
                        if !waiting { logger.info("Another Weave process is applying migrations to this file; waiting for it to finish") }
                        waiting = true
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                try await sql.raw("PRAGMA busy_timeout = 2147483647").run()
                do {
                    let result = try await body(connection)
                    try await sql.raw("COMMIT").run()
                    return result
                } catch {
                    try? await sql.raw("ROLLBACK").run()
                    throw error
                }
            }
        }.get()
    }

    /// A PostgreSQL connection of its own (outside the pool), tried again with a growing pause while the
    /// server is not reachable yet, for up to `wait`.
    ///
    /// - Parameter purpose: the `application_name` the server shows for it in `pg_stat_activity`.
    func dedicatedConnection(waitingUpTo wait: Duration, purpose: String) async throws -> PostgresConnection {
        guard case .postgres(let url) = location else { preconditionFailure("only PostgreSQL has dedicated connections") }
        var configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        configuration.options.additionalStartupParameters = [("application_name", purpose)]
        let clock = ContinuousClock()
        let started = clock.now
        var pause = Duration.milliseconds(250)
        var attempt = 1
        while true {
            do {
                return try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
            } catch {
                let remaining = wait - (clock.now - started)
                guard DatabaseErrorText.isWorthWaitingFor(error) else { throw error }
                guard remaining > .zero else {
                    if wait == .zero { throw error }
                    throw StoreOpenError(description: "gave up after waiting \(Self.seconds(wait)) (\(attempt) tries): \(location.describe(error))")
                }
                let next = min(pause, remaining)
                logger.warning("The database does not answer yet; trying again", metadata: [
                    "try": "\(attempt)", "error": "\(location.describe(error))",
                    "next_try_in": "\(Self.seconds(next))", "waiting_up_to": "\(Self.seconds(wait))",
                ])
                try await Task.sleep(for: next)
                pause = min(pause * 2, .seconds(5))
                attempt += 1
            }
        }
    }

    /// Runs `body` with `connection`, then closes it, whatever happens.
    func closing<T>(_ connection: PostgresConnection, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// `30 s`, `1.5 s`, `250 ms`.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if value > 0 && value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
