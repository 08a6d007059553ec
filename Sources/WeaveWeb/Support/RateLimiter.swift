import Foundation
import NIOConcurrencyHelpers

/// Allows each key (an address, an email) a number of attempts per window, so guessing passwords or join
/// codes is slow. Kept in memory: a restart forgives, which is fine for this purpose.
final class RateLimiter: Sendable {
    private struct Bucket { var count: Int; var windowStart: Date }
    private let state = NIOLockedValueBox<[String: Bucket]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, per window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Counts an attempt; returns the seconds to wait when over the limit, `nil` when allowed.
    func attempt(_ key: String, now: Date = Date()) -> Int? {
        state.withLockedValue { buckets in
            if buckets.count > 50_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.windowStart) < window } }
            var bucket = buckets[key] ?? Bucket(count: 0, windowStart: now)
            if now.timeIntervalSince(bucket.windowStart) >= window { bucket = Bucket(count: 0, windowStart: now) }
            bucket.count += 1
            buckets[key] = bucket
            guard bucket.count > limit else { return nil }
            return max(1, Int((window - now.timeIntervalSince(bucket.windowStart)).rounded(.up)))
        }
    }

    /// The seconds to wait if a key is over its limit, without counting an attempt.
    func blocked(_ key: String, now: Date = Date()) -> Int? {
        state.withLockedValue { buckets in
            guard let bucket = buckets[key], now.timeIntervalSince(bucket.windowStart) < window, bucket.count >= limit else { return nil }
            return max(1, Int((window - now.timeIntervalSince(bucket.windowStart)).rounded(.up)))
        }
    }

    /// Forgets a key's attempts (after a successful sign-in).
    func reset(_ key: String) {
        _ = state.withLockedValue { $0.removeValue(forKey: key) }
    }
}
