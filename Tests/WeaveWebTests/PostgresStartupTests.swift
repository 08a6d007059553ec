import FluentKit
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresKit
import PostgresNIO
import Testing
import WeaveCore
@testable import WeaveStore
@testable import WeaveWeb

/// Servers started together on one PostgreSQL database, as replicas are on a deploy: they take turns to
/// migrate and all come up; and readiness follows the database and the LISTEN connection.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WEAVE_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false,
                "PostgreSQL tests need WEAVE_TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database, with a role that may create databases; .ci/run sets it up"))
struct PostgresStartupTests {
    @Test func threeServersStartedTogetherOnAnEmptyDatabaseAllBecomeReady() async throws {
        for _ in 1...5 {
            try await withEmptyDatabase { url, _, _ in
                try await raceThreeServers(url: url)
            }
        }
    }

    @Test func threeServersStartedTogetherWithANewMigrationPendingAllBecomeReady() async throws {
        for _ in 1...5 {
            try await withEmptyDatabase { url, _, _ in
                // setup: the database as the previous release left it, the newest migration not yet applied
                let previous = try await Store.open(.postgres(url: url), logger: quiet, migrate: true, waitingUpTo: .zero,
                                                    migrations: Array(WeaveMigrations.all.dropLast()))
                await previous.shutdown()
                #expect(try await pending(url) == [WeaveMigrations.all.last!.name])
                try await raceThreeServers(url: url)
            }
        }
    }

    @Test func readinessFollowsTheListenerConnection() async throws {
        try await withEmptyDatabase { url, admin, name in
            let store = try await Store.open(.postgres(url: url), logger: quiet)
            let result = await Result {
                let server = try await buildApplication(configuration(url), library: TestApp.library, store: store)
                try await server.application.test(.live) { client in
                    _ = try await until(client, answers: .ok)
                    // MUT: the listener's backend is terminated, and the database takes no new connection for now
                    try await admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) ALLOW_CONNECTIONS false"), logger: quiet)
                    try await admin.query(PostgresQuery(unsafeSQL: """
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = '\(name)' AND application_name = '\(PostgresEventListener.applicationName)'
                        """), logger: quiet)
                    // validate: not ready, saying why, until the listener is back
                    let down = try await until(client, answers: .serviceUnavailable)
                    #expect(down.contains("not listening"), "\(down)")
                    #expect(!down.contains(DatabaseErrorText.placeholder))
                    try await admin.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) ALLOW_CONNECTIONS true"), logger: quiet)
                    let up = try await until(client, answers: .ok)
                    #expect(up.contains(#""status":"ready""#), "\(up)")
                }
            }
            await store.shutdown()
            try result.get()
        }
    }

    @Test func aServerWithoutMigratingIsNotReadyUntilSomeoneMigrates() async throws {
        try await withEmptyDatabase { url, _, _ in
            // setup: `weave serve --no-migrate` on an empty database
            let store = try await Store.open(.postgres(url: url), logger: quiet, migrate: false)
            let result = await Result {
                let server = try await buildApplication(configuration(url), library: TestApp.library, store: store)
                try await server.application.test(.live) { client in
                    let waiting = try await until(client, answers: .serviceUnavailable)
                    #expect(waiting.contains("\(WeaveMigrations.all.count) migrations are not applied yet"), "\(waiting)")
                    // MUT: `weave migrate` from elsewhere
                    let operatorStore = try await Store.open(.postgres(url: url), logger: quiet, migrate: false)
                    let applied = await Result { try await operatorStore.migrate() }
                    await operatorStore.shutdown()
                    #expect(try applied.get() == WeaveMigrations.all.map(\.name))
                    // validate
                    _ = try await until(client, answers: .ok)
                }
            }
            await store.shutdown()
            try result.get()
        }
    }

    // MARK: - Helpers

    private let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func configuration(_ url: String) -> WebConfiguration {
        WebConfiguration(host: "127.0.0.1", port: 0, database: .postgres(url: url), passwordCost: 4, logLevel: .warning)
    }

    /// Starts three servers at the same moment, as `weave serve` does, and waits until each answers ready;
    /// then checks every migration was applied once, by one of them.
    private func raceThreeServers(url: String) async throws {
        let logs = LogRecorder()
        let pendingBefore = try await pending(url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...3 {
                group.addTask {
                    let logger = Logger(label: "server \(index)", factory: { _ in logs.handler() })
                    let store = try await Store.open(.postgres(url: url), logger: logger, waitingUpTo: .seconds(10))
                    let result = await Result {
                        let server = try await buildApplication(configuration(url), library: TestApp.library, store: store)
                        try await server.application.test(.live) { client in _ = try await until(client, answers: .ok) }
                    }
                    await store.shutdown()
                    try result.get()
                }
            }
            try await group.waitForAll()
        }
        #expect(try await pending(url).isEmpty)
        let applying = logs.messages.filter { $0.hasPrefix("Applying migrations") }
        #expect(applying == ["Applying migrations \(pendingBefore.joined(separator: "; "))"], "one server applied them, once: \(logs.messages)")
        #expect(logs.messages.allSatisfy { !$0.contains(DatabaseErrorText.placeholder) })
    }

    private func pending(_ url: String) async throws -> [String] {
        let store = try await Store.open(.postgres(url: url), logger: quiet, migrate: false)
        let result = await Result { try await store.pendingMigrations() }
        await store.shutdown()
        return try result.get()
    }

    /// Asks `/health/ready` until it answers `status` (within 20 s); returns the body.
    private func until(_ client: any TestClientProtocol, answers status: HTTPResponse.Status) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        var last = ""
        while clock.now < deadline {
            let response = try await client.execute(uri: "/health/ready", method: .get, headers: [:], body: nil)
            last = "\(response.status.code) \(String(buffer: response.body))"
            if response.status == status { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("/health/ready never answered \(status.code); last: \(last)")
        throw CancellationError()
    }

    /// A database of its own, dropped afterwards; `body` gets its URL, an admin connection and its name.
    private func withEmptyDatabase(_ body: (String, PostgresConnection, String) async throws -> Void) async throws {
        try await withScratchPostgresDatabase(body)
    }
}

/// Keeps the messages a logger writes (with their metadata's migrations), for tests to read.
/// `@unchecked Sendable`: the array is only touched under the lock.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []

    var messages: [String] { lock.withLock { recorded } }

    func handler() -> some LogHandler { Handler(recorder: self) }

    fileprivate func record(_ line: String) { lock.withLock { recorded.append(line) } }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let migrations = event.metadata?["migrations"].map { " \($0)" } ?? ""
            recorder.record("\(event.message)\(migrations)")
        }
    }
}
