/// What one browser and one session may ask of the live canvas (docs/live-protocol.md, "Limits"), so that no
/// participant can exhaust the server's memory or CPU.
public struct LiveLimits: Sendable, Hashable {
    /// The largest message either side sends, in bytes of UTF-8. The largest legal change — a 5,000-character
    /// text at 32 bytes a character, written as JSON — is about 165 KB, so every legal message fits with room.
    public static let maxMessageBytes = 256 * 1024

    /// Messages a browser may send per second, on average.
    public var messagesPerSecond: Double
    /// Messages a browser may send at once before the per-second budget applies.
    public var messageBurst: Int
    /// Changes one session stores per minute, from everyone together; more wait and are sent again.
    public var sessionEventsPerMinute: Int
    /// Bytes waiting to be written to one browser; a browser that falls this far behind is dropped, and
    /// catches up with a snapshot when it reconnects.
    public var outboundBytes: Int
    /// Messages waiting to be written to one browser, likewise.
    public var outboundMessages: Int
    /// Versions of a text sent in answer to one `versions` request.
    public var versionsPerRequest: Int

    /// The limits `weave serve` uses.
    public init(messagesPerSecond: Double = 10, messageBurst: Int = 50, sessionEventsPerMinute: Int = 1_200,
                outboundBytes: Int = 8 << 20, outboundMessages: Int = 2_048, versionsPerRequest: Int = 20) {
        self.messagesPerSecond = messagesPerSecond
        self.messageBurst = messageBurst
        self.sessionEventsPerMinute = sessionEventsPerMinute
        self.outboundBytes = outboundBytes
        self.outboundMessages = outboundMessages
        self.versionsPerRequest = versionsPerRequest
    }
}

/// A token bucket: `burst` tokens, refilled at `perSecond`; each message takes one.
struct MessageBudget: Sendable {
    let perSecond: Double
    let burst: Double
    private var tokens: Double
    private var updated: ContinuousClock.Instant

    init(perSecond: Double, burst: Int, now: ContinuousClock.Instant = .now) {
        self.perSecond = perSecond
        self.burst = Double(max(burst, 1))
        tokens = self.burst
        updated = now
    }

    /// Takes a token if there is one.
    mutating func take(at now: ContinuousClock.Instant = .now) -> Bool {
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * perSecond)
        updated = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Seconds until a token is free.
    func wait(at now: ContinuousClock.Instant = .now) -> Double {
        let elapsed = now - updated
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let have = min(burst, tokens + seconds * perSecond)
        return have >= 1 ? 0 : (1 - have) / perSecond
    }
}
