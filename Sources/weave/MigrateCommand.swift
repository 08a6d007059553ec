import ArgumentParser
import Foundation
import Logging
import WeaveCore
import WeaveStore

/// `weave migrate`: applies the migrations a release brings before the rollout, lists them, or reverts the
/// last batch. It takes the same lock as `weave serve`, so it is safe while servers run.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the database migrations this release brings (or list them, or revert the last batch).",
        discussion: """
            For rollouts that migrate once, then start every server with `weave serve --no-migrate`. The database \
            comes from --database, then WEAVE_DATABASE, then weave.sqlite. Migrations only add in the release that \
            brings them (see docs/workspace.md), so servers of the previous release keep working meanwhile.
            """)

    @Option(help: ArgumentHelp("A SQLite file or a postgres:// URL (WEAVE_DATABASE; default weave.sqlite).", valueName: "database")) var database: String?
    @Option(name: .customLong("database-wait"), help: ArgumentHelp("How long to keep trying a PostgreSQL server that does not answer yet (WEAVE_DATABASE_WAIT; default 30 s).", valueName: "seconds")) var databaseWait: String?
    @Flag(help: "List every migration and whether it is applied; change nothing.") var list = false
    @Flag(name: .customLong("revert-last"), help: "Revert the last batch of migrations applied (the previous release's schema).") var revertLast = false
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if list && revertLast { throw ValidationError("Choose one of --list and --revert-last.") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = DatabaseSettings.location(option: database, environment: environment)
        let wait = try DatabaseSettings.wait(option: databaseWait, environment: environment)
        var logger = Logger(label: "weave.store")
        logger.logLevel = .warning
        let store: Store
        do {
            store = try await Store.open(location, logger: logger, migrate: false, waitingUpTo: wait)
        } catch {
            throw CLIError("Could not open the database (\(location)): \(location.describe(error))")
        }
        do {
            let text = try await output(store)
            await store.shutdown()
            print(text)
        } catch {
            await store.shutdown()
            throw CLIError("\(location): \(location.describe(error))")
        }
    }

    /// What the command prints, after doing what it was asked.
    func output(_ store: Store) async throws -> String {
        if list { return try render(try await store.migrationStates(), at: store.location) }
        if revertLast {
            let reverted = try await store.revertLastMigrationBatch()
            return respond("reverted", reverted, empty: "Nothing to revert: \(store.location) has no migration applied.",
                           done: "Reverted the last batch from \(store.location)")
        }
        let applied = try await store.migrate()
        let total = try await store.appliedMigrations().count
        return respond("applied", applied, empty: "Nothing to apply: \(store.location) has all \(total) migrations this release knows.",
                       done: "Applied to \(store.location)")
    }

    private func respond(_ key: String, _ names: [String], empty: String, done: String) -> String {
        if format == .json {
            return (try? WeaveJSON.string([key: names])) ?? "{}"
        }
        guard !names.isEmpty else { return empty }
        return "\(done) (\(names.count) migration\(names.count == 1 ? "" : "s")):\n" + names.map { "  \($0)" }.joined(separator: "\n")
    }

    private func render(_ states: [MigrationState], at location: StoreLocation) throws -> String {
        let stamp = ISO8601DateFormatter()
        if format == .json {
            struct Entry: Encodable { var name: String; var state: String; var batch: Int?; var appliedAt: String? }
            struct Listing: Encodable { var migrations: [Entry] }
            return try WeaveJSON.string(Listing(migrations: states.map {
                Entry(name: $0.name, state: Self.state($0), batch: $0.batch, appliedAt: $0.appliedAt.map(stamp.string(from:)))
            }))
        }
        var table = TextTable()
        table.add("STATE", "BATCH", "APPLIED", "MIGRATION")
        for state in states {
            table.add(Self.state(state), state.batch.map(String.init) ?? "-", state.appliedAt.map(stamp.string(from:)) ?? "-", state.name)
        }
        let pending = states.filter { !$0.isApplied }.count
        let newer = states.filter { !$0.isKnown }.count
        var summary = "\(states.count - pending) applied, \(pending) pending in \(location)."
        if newer > 0 { summary += " \(newer) came from a newer release of Weave." }
        return table.render() + "\n\n" + summary
    }

    /// `applied`, `pending`, or `newer` (applied by a newer release; this one does not know it).
    static func state(_ state: MigrationState) -> String {
        !state.isKnown ? "newer" : state.isApplied ? "applied" : "pending"
    }
}
