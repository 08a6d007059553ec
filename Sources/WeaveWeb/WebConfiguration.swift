public import Logging
public import WeaveStore

/// How the web app is set up: read once at the edge (command line, then `WEAVE_*` environment), then passed in.
public struct WebConfiguration: Sendable, Hashable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks a free one (tests).
    public var port: Int
    /// Where the data lives.
    public var database: StoreLocation
    /// The address people open, when it differs from the listening one (behind a proxy); an `https` URL
    /// makes cookies Secure.
    public var publicURL: String?
    /// bcrypt's cost for new password hashes.
    public var passwordCost: UInt8
    /// How much the server logs.
    public var logLevel: Logger.Level
    /// How long start-up keeps trying a PostgreSQL server that does not answer yet.
    public var databaseWait: Duration = .seconds(30)
    /// Whether start-up applies pending migrations (`--no-migrate` turns it off).
    public var migrate: Bool = true
    /// What one browser and one session may ask of the live canvas.
    public var live = LiveLimits()
    /// How long the server waits for slow or silent clients.
    public var timeouts = HTTPTimeouts()
    /// The bearer token that lets a scraper read `/metrics` from another address; without it, `/metrics`
    /// answers loopback only.
    public var metricsToken: String?
    /// How many research analyses run at once; the others wait their turn.
    public var concurrentAnalyses = 1
    /// The SMTP server reminders are sent through; without it no email is attempted and pages say so.
    public var smtp: SMTPSettings?

    /// Creates a configuration.
    public init(host: String = "127.0.0.1", port: Int = 8080, database: StoreLocation = .sqlite(path: "weave.sqlite"),
                publicURL: String? = nil, passwordCost: UInt8 = 12, logLevel: Logger.Level = .info) {
        self.host = host
        self.port = port
        self.database = database
        self.publicURL = publicURL
        self.passwordCost = passwordCost
        self.logLevel = logLevel
    }

    /// The address people open.
    public var url: String { publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }

    /// Whether cookies must only travel over TLS.
    var secureCookies: Bool { publicURL?.lowercased().hasPrefix("https://") == true }
}
