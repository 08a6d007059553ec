/// How the web app is set up: read once at the edge (command line, then `WEAVE_*` environment), then passed in.
public struct WebConfiguration: Sendable, Hashable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one (tests).
    public var port: Int

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// The address people open.
    public var url: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}
