import Foundation

/// Slows password guessing without letting one person's typos lock others out: attempts are counted per
/// account and address together (10 a minute), so a room of people behind one NAT address each keep their
/// own allowance, and someone guessing at one account from elsewhere does not lock its owner out. A looser
/// limit per address (100 a minute) caps one address trying many accounts.
struct SignInThrottle: Sendable {
    let pairs: RateLimiter
    let addresses: RateLimiter

    init(perPair: Int = 10, perAddress: Int = 100, per window: TimeInterval = 60) {
        pairs = RateLimiter(limit: perPair, per: window)
        addresses = RateLimiter(limit: perAddress, per: window)
    }

    /// Counts a sign-in attempt; the seconds to wait when over a limit, `nil` when it may go ahead.
    func attempt(email: String, address: String?, now: Date = Date()) -> Int? {
        let address = address ?? "local"
        let pair = pairs.attempt("\(email.lowercased())|\(address)", now: now)
        let whole = addresses.attempt(address, now: now)
        return pair ?? whole
    }

    /// Forgets a pair's attempts after it signed in.
    func succeeded(email: String, address: String?) {
        pairs.reset("\(email.lowercased())|\(address ?? "local")")
    }
}
