import ArgumentParser
import Foundation
import WeaveStore

/// `weave backup FILE`: a consistent copy of the SQLite database, safe while `weave serve` runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the SQLite database to a new file, consistently, even while the server runs.",
        discussion: "For PostgreSQL use pg_dump (docs/workspace.md). Restore with `weave restore FILE`.")

    @Option(help: ArgumentHelp("The SQLite file (WEAVE_DATABASE; default weave.sqlite).", valueName: "database")) var database: String?
    @Argument(help: "The backup file to create; it must not exist.") var file: String

    func run() async throws {
        let location = DatabaseSettings.location(option: database, environment: ProcessInfo.processInfo.environment)
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw CLIError("There is no database at \(path).")
        }
        let store = try await Store.open(location, migrate: false)
        do {
            try await store.backup(to: file)
        } catch {
            // The store closes whatever the backup does: its pools trap when released open.
            await store.shutdown()
            if let error = error as? BackupError { throw CLIError(error.description) }
            throw error
        }
        await store.shutdown()
        print("Backed up \(location) to \(file).")
    }
}

/// `weave restore FILE`: puts a backup in place of the SQLite database (server stopped).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the SQLite database with a backup made by `weave backup` (stop the server first).",
        discussion: "The database it replaces is kept beside it as FILE.before-restore-<time>.")

    @Option(help: ArgumentHelp("The SQLite file to replace (WEAVE_DATABASE; default weave.sqlite).", valueName: "database")) var database: String?
    @Argument(help: "The backup file.") var file: String

    func run() async throws {
        let location = DatabaseSettings.location(option: database, environment: ProcessInfo.processInfo.environment)
        guard case .sqlite(let path) = location else {
            throw CLIError("Only a SQLite database can be restored this way; for PostgreSQL use pg_restore or psql (docs/workspace.md).")
        }
        do {
            let kept = try await Store.restore(from: file, to: path)
            print("Restored \(file) to \(path)." + (kept.map { " The database it replaced is kept as \($0)." } ?? ""))
        } catch let error as BackupError {
            throw CLIError(error.description)
        }
    }
}
