import FluentKit

extension DatabaseID {
    /// The SQLite file's connections for reading, beside the one that writes.
    static let sqliteReads = DatabaseID(string: "sqlite-reads")
}

/// Read connections per event loop for a SQLite file (two loops on a two-core machine: four readers).
let readConnectionsPerLoop = 2

extension Store {
    /// A database handle for reads that need not see the writer's own transaction: on a SQLite file, any of
    /// several connections spread over the event loops (WAL lets them read while the one writer writes, and
    /// each query sees every commit made before it began); otherwise the same as ``database``. Writes, and
    /// reads that decide a write (the event log's sequence), stay on ``database``, so SQLite never sees two
    /// writers.
    var readDatabase: any Database {
        if case .sqlite = location {
            return databases.database(.sqliteReads, logger: logger, on: databases.eventLoopGroup.any()) ?? database
        }
        return database
    }
}
