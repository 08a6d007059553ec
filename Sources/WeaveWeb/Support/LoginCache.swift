import Foundation
import NIOConcurrencyHelpers
import WeaveStore

/// The signed-in account of each login cookie, kept in memory so a page does not ask the database twice
/// for it on every request. An entry lives until its login expires or a minute has passed, whichever is
/// first. Signing out here forgets the entry at once, and on PostgreSQL every other server hears of it and
/// forgets it too (``CacheNotice``); the minute bounds staleness only if that notice is lost.
final class LoginCache: Sendable {
    private struct Entry {
        var login: Login
        var until: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    /// How long an entry is trusted before the database is asked again.
    let revalidateAfter: TimeInterval
    /// At most this many entries; past it, expired ones go, then all (each costs one query to refill).
    let capacity: Int

    init(revalidateAfter: TimeInterval = 60, capacity: Int = 20_000) {
        self.revalidateAfter = revalidateAfter
        self.capacity = capacity
    }

    /// The login for a cookie token: from memory, or loaded (and kept) when not there or stale.
    func login(token: String, now: Date = Date(), load: () async throws -> Login?) async throws -> Login? {
        let key = Secret.digest(token)
        if let entry = entries.withLockedValue({ $0[key] }), entry.until > now, entry.login.expiresAt > now {
            return entry.login
        }
        guard let login = try await load() else {
            forget(token: token)
            return nil
        }
        let until = min(login.expiresAt, now.addingTimeInterval(revalidateAfter))
        entries.withLockedValue { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.until > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(login: login, until: until)
        }
        return login
    }

    /// Forgets a token (on sign-out).
    func forget(token: String) {
        forget(digest: Secret.digest(token))
    }

    /// Forgets a token by its digest (another server's sign-out).
    func forget(digest: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: digest) }
    }
}
