import Foundation
import Testing
import WeaveStore
import WeaveWeb
@testable import weave

/// `weave serve`'s protection settings, and `weave backup` / `weave restore` end to end on a file.
@Suite struct ServeAndBackupCommandTests {
    @Test func serveReadsTimeoutsMetricsTokenAndAnalysesAndNamesBadValues() throws {
        let defaults = try ServeCommand.parse([]).webConfiguration(environment: [:])
        #expect(defaults.timeouts == HTTPTimeouts())
        #expect(defaults.metricsToken == nil)
        #expect(defaults.concurrentAnalyses == 1)

        let set = try ServeCommand.parse(["--timeouts", "5,30,90", "--metrics-token", "0123456789abcdef0123", "--analyses", "2"])
            .webConfiguration(environment: ["WEAVE_TIMEOUTS": "1,1,1"])
        #expect(set.timeouts == HTTPTimeouts(requestHead: .seconds(5), idle: .seconds(30), requestBody: .seconds(90)))
        #expect(set.metricsToken == "0123456789abcdef0123")
        #expect(set.concurrentAnalyses == 2)
        let fromEnvironment = try ServeCommand.parse([]).webConfiguration(environment: ["WEAVE_METRICS_TOKEN": "fedcba9876543210", "WEAVE_ANALYSES": "3"])
        #expect(fromEnvironment.metricsToken == "fedcba9876543210")
        #expect(fromEnvironment.concurrentAnalyses == 3)

        for (arguments, environment, says) in [
            (["--timeouts", "10,60"], [String: String](), "three positive numbers"),
            (["--timeouts", "10,-1,5"], [:], "three positive numbers"),
            (["--metrics-token", "short"], [:], "at least 16"),
            ([], ["WEAVE_ANALYSES": "many"], "WEAVE_ANALYSES"),
            (["--analyses", "0"], [:], "between 1 and 16"),
        ] {
            #expect {
                try ServeCommand.parse(arguments).webConfiguration(environment: environment)
            } throws: { error in
                "\(error)".contains(says)
            }
        }
    }

    @Test func backupThenRestoreThroughTheCommands() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-cli-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("weave.sqlite").path, backup = folder.appendingPathComponent("copy.sqlite").path
        let store = try await Store.open(.sqlite(path: database))
        _ = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        await store.shutdown()

        try await BackupCommand.parse(["--database", database, backup]).run()
        #expect(FileManager.default.fileExists(atPath: backup))
        await #expect(throws: (any Error).self, "never overwrites a backup") { try await BackupCommand.parse(["--database", database, backup]).run() }

        // A change after the backup, then the restore: the change is gone, the old file kept.
        let later = try await Store.open(.sqlite(path: database))
        _ = try await later.createAccount(email: "late@example.org", name: "Late", passwordHash: "h")
        await later.shutdown()
        try await RestoreCommand.parse(["--database", database, backup]).run()
        let restored = try await Store.open(.sqlite(path: database))
        #expect(try await restored.account(email: "ana@example.org") != nil)
        #expect(try await restored.account(email: "late@example.org") == nil)
        await restored.shutdown()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains { $0.hasPrefix("weave.sqlite.before-restore-") })
        await #expect(throws: (any Error).self) { try await BackupCommand.parse(["--database", "postgres://u:p@127.0.0.1:1/x", folder.appendingPathComponent("pg").path]).run() }
    }
}
