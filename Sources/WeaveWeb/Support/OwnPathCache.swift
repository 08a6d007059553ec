import Foundation
import NIOConcurrencyHelpers
import WeaveCore
import WeaveStore

/// A partnership's own paths as the library loader builds them: each saved version loaded once, beside
/// the server's library, and kept (versions never change).
final class OwnPathCache: Sendable {
    /// A version's path, and the library it was loaded into (its tools' names come from there).
    struct Loaded: Sendable {
        var path: Path
        var library: Library
    }

    private let entries = NIOLockedValueBox<[UUID: Loaded]>([:])
    /// Loading a path reads every file of the library (tens of milliseconds of CPU): it runs here, one at a
    /// time, off the threads Swift concurrency shares with the live canvas, so checks as a facilitator types
    /// never hold up other people's edits.
    private let loads = DispatchQueue(label: "weave.own-paths.loads")
    /// At most this many versions are kept; past it, all go (each costs one load to refill).
    let capacity: Int

    init(capacity: Int = 200) {
        self.capacity = capacity
    }

    /// A saved version, loaded with `library`; `nil` when its YAML no longer loads (the library changed
    /// under it since it was saved).
    func loaded(_ version: OwnPathVersion, library: Library) async -> Loaded? {
        if let hit = entries.withLockedValue({ $0[version.id] }) { return hit }
        let yaml = version.yaml
        let check = await offThePool { PathDocument.loadingYAML(yaml, with: library) }
        guard let path = check.path, let loaded = check.library else { return nil }
        let entry = Loaded(path: path, library: loaded)
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[version.id] = entry
        }
        return entry
    }

    /// The path a session runs, with the library it belongs to: the version of the partnership's own path
    /// it was scheduled with, or the library's path.
    func path(for session: WorkSession, library: Library, store: Store) async throws -> Loaded? {
        guard let versionID = session.pathVersionID else {
            return library.path(session.itemID).map { Loaded(path: $0, library: library) }
        }
        guard let version = try await store.ownPathVersion(versionID), version.partnershipID == session.partnershipID else { return nil }
        return await loaded(version, library: library)
    }

    /// Runs CPU-heavy work (loading a library) on this cache's own queue and waits for it.
    func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            loads.async { continuation.resume(returning: work()) }
        }
    }

    /// What a session runs through: its own path version's plan, or the library item's.
    func plan(for session: WorkSession, library: Library, store: Store) async throws -> SessionPlan? {
        guard session.pathVersionID != nil else { return SessionPlan(itemID: session.itemID, library: library) }
        return try await path(for: session, library: library, store: store).map { SessionPlan(path: $0.path, library: $0.library) }
    }
}
