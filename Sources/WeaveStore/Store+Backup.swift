import FluentKit
import FluentSQL
public import Foundation

/// Why a backup or restore could not be made.
public struct BackupError: Error, CustomStringConvertible {
    public var description: String
}

extension Store {
    /// Writes a consistent copy of the SQLite database to a new file while the database is in use
    /// (`VACUUM INTO` reads it in one transaction, so the copy is one moment's state, compacted).
    /// PostgreSQL databases are backed up with `pg_dump` instead (docs/workspace.md).
    /// - Parameter path: the file to create; it must not exist yet.
    public func backup(to path: String) async throws {
        guard !location.isPostgres else {
            throw BackupError(description: "This database is PostgreSQL: back it up with pg_dump (see docs/workspace.md, “Backups”).")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BackupError(description: "\(path) already exists; choose a new file name, so that no backup is overwritten.")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory) else {
            throw BackupError(description: "The folder \(directory) for the backup does not exist.")
        }
        guard let sql = database as? any SQLDatabase else { throw BackupError(description: "This database cannot be copied.") }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// Puts a backup in place of a SQLite database file, after checking that it is a Weave database this
    /// version can open. Run it with the server stopped. The file it replaces is kept beside it as
    /// `FILE.before-restore-<time>`, so a restore can itself be undone.
    /// - Parameters:
    ///   - backup: a file made by ``backup(to:)``.
    ///   - target: the database file to replace (it need not exist).
    /// - Returns: the path the replaced database was moved to, if there was one.
    @discardableResult
    public static func restore(from backup: String, to target: String) async throws -> String? {
        let files = FileManager.default
        guard files.fileExists(atPath: backup) else { throw BackupError(description: "There is no backup at \(backup).") }
        // Check a copy, so that the backup itself is never changed by being opened.
        let staged = target + ".restoring-\(UUID().uuidString.prefix(8))"
        try files.copyItem(atPath: backup, toPath: staged)
        do {
            let store: Store
            do {
                store = try await Store.open(.sqlite(path: staged), logger: .init(label: "weave.restore"), migrate: false)
            } catch {
                throw BackupError(description: "\(backup) is not a database Weave can open: \(error)")
            }
            let applied: Result<[String], any Error>
            do { applied = .success(try await store.appliedMigrations()) } catch { applied = .failure(error) }
            await store.shutdown()
            let known = Set(WeaveMigrations.all.map(\.name))
            guard case .success(let names) = applied, !names.isEmpty else {
                throw BackupError(description: "\(backup) is not a Weave database: it has no record of Weave's migrations.")
            }
            if let unknown = names.first(where: { !known.contains($0) }) {
                throw BackupError(description: "\(backup) comes from a newer Weave (migration “\(unknown)”); restore it with that version.")
            }
            for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: staged + suffix) }
        } catch {
            try? files.removeItem(atPath: staged)
            for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: staged + suffix) }
            throw error
        }
        var kept: String?
        if files.fileExists(atPath: target) {
            let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
            kept = target + ".before-restore-\(stamp)"
            try files.moveItem(atPath: target, toPath: kept!)
            for suffix in ["-wal", "-shm"] where files.fileExists(atPath: target + suffix) {
                try files.moveItem(atPath: target + suffix, toPath: kept! + suffix)
            }
        }
        try files.moveItem(atPath: staged, toPath: target)
        return kept
    }
}
