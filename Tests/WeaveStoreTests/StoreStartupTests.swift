import FluentKit
import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import Testing
@testable import WeaveStore

/// A migration that fails, to play a release whose new step breaks half way.
struct FailingMigration: AsyncMigration {
    struct Failure: Error, CustomStringConvertible { var description: String { "the test migration fails on purpose" } }
    var name: String { "999 fails on purpose" }
    func prepare(on database: any Database) async throws {
        try await database.schema("half_done").id().create()
        throw Failure()
    }
    func revert(on database: any Database) async throws {}
}

/// Starting on SQLite: migrations under the file's write lock, all or nothing, and readiness.
@Suite struct SQLiteStartupTests {
    private func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.appendingPathComponent("weave.sqlite").path)
    }

    @Test func storesOpenedTogetherOnOneNewFileAllComeUp() async throws {
        for _ in 1...5 {
            try await withFolder { path in
                // setup: three stores, each with connections of its own, as three processes would have
                // MUT: they open and migrate at the same moment
                let stores = try await withThrowingTaskGroup(of: Store.self) { group in
                    for _ in 1...3 { group.addTask { try await Store.open(.sqlite(path: path), logger: Engines.quiet) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // validate: every migration applied exactly once, and each store is ready
                for store in stores {
                    #expect(try await store.appliedMigrations() == WeaveMigrations.all.map(\.name))
                    #expect(await store.readiness().isReady)
                    await store.shutdown()
                }
            }
        }
    }

    @Test func aFailingMigrationLeavesNothingHalfDoneAndClosesTheStore() async throws {
        try await withFolder { path in
            // MUT: the batch's last step fails
            let error = await #expect(throws: StoreOpenError.self) {
                try await Store.open(.sqlite(path: path), logger: Engines.quiet, migrate: true, waitingUpTo: .zero,
                                     migrations: WeaveMigrations.all + [FailingMigration()])
            }
            #expect(error?.description.contains("the test migration fails on purpose") == true, "\(String(describing: error))")
            // validate: the whole batch was rolled back (the process did not trap on an open pool either)
            let store = try await Store.open(.sqlite(path: path), logger: Engines.quiet, migrate: false)
            #expect(try await store.pendingMigrations() == WeaveMigrations.all.map(\.name))
            await store.shutdown()
        }
    }

    @Test func aNewReleaseWithoutMigratingIsNotReadyUntilMigrated() async throws {
        try await withFolder { path in
            // setup: the previous release's schema
            let old = try await Store.open(.sqlite(path: path), logger: Engines.quiet, migrate: true, waitingUpTo: .zero,
                                           migrations: Array(WeaveMigrations.all.dropLast()))
            await old.shutdown()
            // MUT: the new release starts with --no-migrate
            let new = try await Store.open(.sqlite(path: path), logger: Engines.quiet, migrate: false)
            let readiness = await new.readiness()
            // validate
            #expect(!readiness.isReady)
            #expect(readiness.problems.first?.contains("1 migration is not applied yet (\(WeaveMigrations.all.last!.name))") == true, "\(readiness.problems)")
            #expect(try await new.migrationStates().map(\.isApplied) == WeaveMigrations.all.map { $0.name != WeaveMigrations.all.last!.name })
            #expect(try await new.migrate() == [WeaveMigrations.all.last!.name])
            #expect(await new.readiness().isReady)
            #expect(try await new.revertLastMigrationBatch() == [WeaveMigrations.all.last!.name])
            #expect(try await new.pendingMigrations() == [WeaveMigrations.all.last!.name])
            await new.shutdown()
        }
    }

    @Test func aDatabaseFromANewerReleaseIsStillReady() async throws {
        try await withFolder { path in
            let newer = try await Store.open(.sqlite(path: path), logger: Engines.quiet, migrate: true, waitingUpTo: .zero,
                                             migrations: WeaveMigrations.all + [NewerReleaseMigration()])
            await newer.shutdown()
            // MUT: this release's server starts on it (a rolling upgrade's old half)
            let store = try await Store.open(.sqlite(path: path), logger: Engines.quiet)
            #expect(await store.readiness().isReady)
            #expect(try await store.migrationStates().last == MigrationState(name: NewerReleaseMigration().name, batch: 1,
                                                                              appliedAt: try await store.migrationStates().last?.appliedAt, isKnown: false))
            await store.shutdown()
        }
    }
}

/// A step only a newer release knows.
struct NewerReleaseMigration: AsyncMigration {
    var name: String { "998 added by a newer release" }
    func prepare(on database: any Database) async throws { try await database.schema("newer_things").id().create() }
    func revert(on database: any Database) async throws { try await database.schema("newer_things").delete() }
}

/// Errors an operator can act on, whatever the engine; and waiting for a server that is not up yet.
@Suite struct DatabaseErrorTests {
    /// Port 1 on loopback: nothing listens there.
    static let refused = "postgres://weave:s3cret-pass@127.0.0.1:1/weave?sslmode=disable"

    @Test func aRefusedConnectionSaysWhere() async throws {
        let error = await #expect(throws: StoreOpenError.self) { try await Store.open(.postgres(url: Self.refused), logger: Engines.quiet) }
        let text = try #require(error?.description)
        #expect(text.hasPrefix("ECONNREFUSED 127.0.0.1:1"), "\(text)")
        #expect(!text.contains("s3cret-pass"))
        #expect(!text.contains(DatabaseErrorText.placeholder))
    }

    @Test func startUpWaitsThenGivesUpWithTheReason() async throws {
        // MUT: a server that never comes, with a short wait
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: StoreOpenError.self) {
            try await Store.open(.postgres(url: Self.refused), logger: Engines.quiet, waitingUpTo: .milliseconds(1200))
        }
        let waited = clock.now - started
        // validate: it kept trying for the whole wait (250 ms, 500 ms, then the rest: four tries), then said why
        let text = try #require(error?.description)
        #expect(waited >= .milliseconds(1200))
        #expect(text.hasPrefix("gave up after waiting 1.2 s ("), "\(text)")
        #expect(text.contains("tries): ECONNREFUSED 127.0.0.1:1 — nothing listens there"), "\(text)")
        #expect(!text.contains("s3cret-pass"))
    }

    @Test func anErrorOutsideTheDatabaseIsNotPinnedOnIt() {
        // A port Weave cannot listen on is the web server's trouble: no database address in it.
        let text = StoreLocation.postgres(url: "postgres://weave:pw@db:5432/weave").describe(IOError(errnoCode: EADDRINUSE, reason: "bind"))
        #expect(text.contains("Address already in use"), "\(text)")
        #expect(!text.contains("db:5432"), "\(text)")
    }

    @Test func passwordsAreTakenOutOfAnyText() {
        let location = StoreLocation.postgres(url: "postgres://weave:p%40ss-word@db:5432/weave")
        #expect(location.redact("tried postgres://weave:p%40ss-word@db:5432/weave with p@ss-word") == "tried postgres://weave:•••@db:5432/weave with •••")
        #expect(location.description == "PostgreSQL postgres://weave:•••@db:5432/weave")
        // A password equal to the user's name leaves the name readable.
        #expect(StoreLocation.postgres(url: "postgres://weave:weave@db/weave_test").description == "PostgreSQL postgres://weave:•••@db/weave_test")
    }
}

/// The same on a real PostgreSQL server: its own words, with SQLSTATE.
@Suite(.enabled(if: Engines.postgresURL != nil, "needs WEAVE_TEST_POSTGRES_URL (see the README)"))
struct PostgresStartupErrorTests {
    private func url(password: String? = nil, database: String? = nil) throws -> (url: String, password: String) {
        let base = try #require(Engines.postgresURL)
        var components = try #require(URLComponents(string: base))
        if let password { components.password = password }
        if let database { components.path = "/\(database)" }
        return (try #require(components.string), components.password ?? "")
    }

    @Test func aWrongPasswordIsNamed() async throws {
        let (url, password) = try url(password: "wrong-password-\(UUID().uuidString.prefix(6))")
        let error = await #expect(throws: StoreOpenError.self) { try await Store.open(.postgres(url: url), logger: Engines.quiet, waitingUpTo: .seconds(5)) }
        let text = try #require(error?.description)
        #expect(text.hasPrefix("28P01 password authentication failed for user"), "\(text)")
        #expect(!text.contains(password))
    }

    @Test func aMissingDatabaseIsNamed() async throws {
        let (url, password) = try url(database: "weave_no_such_database")
        let error = await #expect(throws: StoreOpenError.self) { try await Store.open(.postgres(url: url), logger: Engines.quiet, waitingUpTo: .seconds(5)) }
        let text = try #require(error?.description)
        #expect(text == #"3D000 database "weave_no_such_database" does not exist"#, "\(text)")
        #expect(!text.contains(password))
    }

    @Test func aFailingMigrationClosesEverythingAndSaysWhy() async throws {
        try await withScratchDatabase { url in
            let error = await #expect(throws: StoreOpenError.self) {
                try await Store.open(.postgres(url: url), logger: Engines.quiet, migrate: true, waitingUpTo: .zero,
                                     migrations: WeaveMigrations.all + [FailingMigration()])
            }
            #expect(error?.description == "the test migration fails on purpose")
        }
    }
}

/// Creates a PostgreSQL database of its own for a test and drops it afterwards.
func withScratchDatabase(_ body: (String) async throws -> Void) async throws {
    let base = try #require(Engines.postgresURL)
    let name = "weave_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
    let configuration = try SQLPostgresConfiguration(url: base).coreConfiguration
    let admin = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Engines.quiet)
    // The connection is closed whatever happens below: PostgresNIO traps on one released open.
    let result = await Result(catching: { () async throws -> Void in
        // Other tests create databases at the same moment; PostgreSQL may refuse a CREATE DATABASE while
        // template1 is being copied for another ("being accessed by other users").
        var attempt = 0
        while true {
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Engines.quiet)
                break
            } catch where attempt < 10 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        let ran = await Result(catching: { try await body(try #require(components.string)) })
        // A role that is not a superuser may not end an autovacuum worker's connection ("must be a member
        // of the role whose process is being terminated"); the worker finishes in moments.
        var dropping = 0
        while true {
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: Engines.quiet)
                break
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" && dropping < 50 {
                dropping += 1
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        try ran.get()
    })
    try? await admin.close()
    try result.get()
}
