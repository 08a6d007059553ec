/// How long the server waits for a client, so a slow or silent one cannot hold connections open.
///
/// Hummingbird's idle timeout only starts once the first request's head has been read (the WebSocket
/// upgrade pipeline installs it then), and it is reset by every body part. Weave adds the two missing
/// limits: the first head must arrive in time, and a request's body must arrive within a deadline.
public struct HTTPTimeouts: Sendable, Hashable {
    /// How long a new connection may take to send its first request's head (status line and headers).
    public var requestHead: Duration
    /// How long a kept-alive connection may stay silent before its next request's head is complete.
    public var idle: Duration
    /// How long a request's body may take to arrive, from its head to its end.
    public var requestBody: Duration

    /// Creates the limits.
    /// - Parameters:
    ///   - requestHead: time for a new connection's first head (default 10 s).
    ///   - idle: time a kept-alive connection may wait for its next request (default 60 s).
    ///   - requestBody: time for a request's whole body (default 120 s: a 64 MB research upload at 4 Mbit/s).
    public init(requestHead: Duration = .seconds(10), idle: Duration = .seconds(60), requestBody: Duration = .seconds(120)) {
        self.requestHead = requestHead
        self.idle = idle
        self.requestBody = requestBody
    }
}
