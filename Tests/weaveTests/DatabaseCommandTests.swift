import ArgumentParser
import Foundation
import Logging
import Testing
import WeaveStore
@testable import weave

/// `weave serve`'s database settings and `weave migrate`, as an operator uses them.
@Suite struct DatabaseCommandTests {
    /// Port 1 on loopback: nothing listens there.
    static let refused = "postgres://weave:s3cret-pass@127.0.0.1:1/weave?sslmode=disable"

    @Test func serveReadsTheDatabaseWaitAndNoMigrate() throws {
        let defaults = try ServeCommand.parse([]).webConfiguration(environment: [:])
        #expect(defaults.databaseWait == .seconds(30))
        #expect(defaults.migrate)
        let flags = try ServeCommand.parse(["--database-wait", "2.5", "--no-migrate"]).webConfiguration(environment: ["WEAVE_DATABASE_WAIT": "9"])
        #expect(flags.databaseWait == .milliseconds(2500))
        #expect(!flags.migrate)
        #expect(try ServeCommand.parse([]).webConfiguration(environment: ["WEAVE_DATABASE_WAIT": "2m"]).databaseWait == .seconds(120))
        #expect(try ServeCommand.parse([]).webConfiguration(environment: ["WEAVE_DATABASE_WAIT": "0"]).databaseWait == .zero)
        #expect { try ServeCommand.parse([]).webConfiguration(environment: ["WEAVE_DATABASE_WAIT": "soon"]) } throws: { error in
            "\(error)" == "WEAVE_DATABASE_WAIT is \"soon\", which is not a length of time; write seconds such as 30, or 2m."
        }
    }

    @Test func serveReadsTheSMTPSettingsWithoutShowingThePassword() throws {
        #expect(try ServeCommand.parse([]).webConfiguration(environment: [:]).smtp == nil, "no email unless configured")
        let fromEnvironment = try ServeCommand.parse([]).webConfiguration(environment: [
            "WEAVE_SMTP_URL": "smtp://ana:s3cret@mail.example.org:587", "WEAVE_SMTP_FROM": "weave@example.org"])
        #expect(fromEnvironment.smtp?.description == "smtp://ana:•••@mail.example.org:587 from weave@example.org")
        let options = try ServeCommand.parse(["--smtp-url", "smtps://mail.example.org", "--smtp-from", "rec@example.org"])
            .webConfiguration(environment: ["WEAVE_SMTP_URL": "smtp://other.example.org", "WEAVE_SMTP_FROM": "weave@example.org"])
        #expect(options.smtp?.security == .implicitTLS && options.smtp?.port == 465 && options.smtp?.from == "rec@example.org")
        #expect { try ServeCommand.parse(["--smtp-url", "smtp://ana:s3cret@mail.example.org?tls=none"]).webConfiguration(environment: ["WEAVE_SMTP_FROM": "w@example.org"]) } throws: { error in
            "\(error)".hasPrefix("--smtp-url (WEAVE_SMTP_URL): tls=none is only allowed for a relay on this machine") && !"\(error)".contains("s3cret")
        }
        #expect { try ServeCommand.parse(["--smtp-url", "smtp://mail.example.org"]).webConfiguration(environment: [:]) } throws: { error in
            "\(error)".contains("--smtp-from (WEAVE_SMTP_FROM)")
        }
    }

    @Test func serveWaitsForTheDatabaseThenStopsWithTheReason() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: CLIError.self) {
            try await ServeCommand.parse(["--database", Self.refused, "--database-wait", "0.6", "--port", "0"]).run()
        }
        #expect(clock.now - started >= .milliseconds(600))
        let text = try #require(error?.description)
        #expect(text.hasPrefix("Could not open the database (PostgreSQL postgres://weave:•••@127.0.0.1:1/weave?sslmode=disable): gave up after waiting 600 ms ("), "\(text)")
        #expect(text.contains("ECONNREFUSED 127.0.0.1:1"), "\(text)")
        #expect(!text.contains("s3cret-pass"))
    }

    @Test func migrateListsAppliesAndRevertsTheLastBatch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("weave.sqlite").path
        let store = try await Store.open(.sqlite(path: path), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), migrate: false)
        let result = await Result { () async throws -> Void in
            let names = ["001 accounts and logins", "002 partnerships, facilitators, partners and preparation",
                         "003 sessions, participants and the session event log", "004 research projects, their teams and analysis runs",
                         "005 invitations", "007 partnership record", "008 record report links and API tokens",
                         "006 participant devices and removal", "011 partner contact email",
                         "015 session language"]
            // --list on a new file: everything pending
            let before = try await MigrateCommand.parse(["--list"]).output(store)
            #expect(before.hasPrefix("STATE    BATCH  APPLIED  MIGRATION\npending  -      -        001 accounts and logins\n"), "\(before)")
            #expect(before.hasSuffix("\n\n0 applied, \(names.count) pending in SQLite file \(path)."))
            // apply, then apply again
            let applied = try await MigrateCommand.parse([]).output(store)
            #expect(applied == "Applied to SQLite file \(path) (\(names.count) migrations):\n" + names.map { "  \($0)" }.joined(separator: "\n"))
            #expect(try await MigrateCommand.parse([]).output(store) == "Nothing to apply: SQLite file \(path) has all \(names.count) migrations this release knows.")
            let listed = try JSONSerialization.jsonObject(with: Data(try await MigrateCommand.parse(["--list", "--format", "json"]).output(store).utf8)) as? [String: Any]
            let entries = try #require(listed?["migrations"] as? [[String: Any]])
            #expect(entries.map { $0["name"] as? String } == names)
            #expect(entries.allSatisfy { $0["state"] as? String == "applied" && $0["batch"] as? Int == 1 && $0["applied_at"] is String })
            // revert the last batch: the previous schema, newest first
            let reverted = try await MigrateCommand.parse(["--revert-last"]).output(store)
            #expect(reverted == "Reverted the last batch from SQLite file \(path) (\(names.count) migrations):\n" + names.reversed().map { "  \($0)" }.joined(separator: "\n"))
            #expect(try await store.pendingMigrations() == names)
        }
        await store.shutdown()
        try result.get()
        #expect(throws: (any Error).self) { try MigrateCommand.parse(["--list", "--revert-last"]) }
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
