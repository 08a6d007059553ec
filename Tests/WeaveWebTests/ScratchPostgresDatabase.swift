import Foundation
import Logging
import PostgresKit
import PostgresNIO
import Testing

/// Creates a PostgreSQL database of its own for a test (on `WEAVE_TEST_POSTGRES_URL`'s server) and drops it
/// afterwards; the body gets its URL, an admin connection to the server and its name.
func withScratchPostgresDatabase(_ body: (String, PostgresConnection, String) async throws -> Void) async throws {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let base = try #require(ProcessInfo.processInfo.environment["WEAVE_TEST_POSTGRES_URL"])
    let name = "weave_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
    let admin = try await PostgresConnection.connect(configuration: try SQLPostgresConfiguration(url: base).coreConfiguration, id: 1, logger: logger)
    // The connection is closed whatever happens below: PostgresNIO traps on one released open.
    let result = await Result { () async throws -> Void in
        // Tests in other suites create databases at the same moment; PostgreSQL may refuse a CREATE
        // DATABASE while template1 is being copied for another ("being accessed by other users").
        var attempt = 0
        while true {
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
                break
            } catch where attempt < 10 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        let ran = await Result { try await body(try #require(components.string), admin, name) }
        // FORCE ends the tests' own connections, but a role that is not a superuser may not end an autovacuum
        // worker's (which a fresh database with new tables soon has): "must be a member of the role whose
        // process is being terminated". The worker finishes in moments; try again.
        var dropping = 0
        while true {
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: logger)
                break
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" && dropping < 50 {
                dropping += 1
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        try ran.get()
    }
    try? await admin.close()
    try result.get()
}
