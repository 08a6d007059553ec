import ArgumentParser
import Foundation
import Hummingbird
import Logging
import WeaveCore
import WeaveStore
import WeaveWeb

/// `weave serve`: the web app — the library, partnerships and live sessions.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Weave web app.",
        discussion: """
            Settings come from the options, then WEAVE_HOST, WEAVE_PORT, WEAVE_DATABASE, WEAVE_DATABASE_WAIT and WEAVE_PUBLIC_URL, then \
            the defaults. The database is a SQLite file (created and migrated on first start) or a postgres:// URL. \
            Stop it with Ctrl-C or SIGTERM: open requests finish and live pages are told to reconnect.
            """)

    @OptionGroup var library: LibraryOptions
    @Option(help: ArgumentHelp("The address to listen on (WEAVE_HOST; default 127.0.0.1).", valueName: "address")) var host: String?
    @Option(help: ArgumentHelp("The port to listen on (WEAVE_PORT; default 8080).", valueName: "port")) var port: Int?
    @Option(help: ArgumentHelp("A SQLite file or a postgres:// URL (WEAVE_DATABASE; default weave.sqlite).", valueName: "database")) var database: String?
    @Option(name: .customLong("public-url"), help: ArgumentHelp("The address people open, if not the listening one; https makes cookies Secure (WEAVE_PUBLIC_URL).", valueName: "url")) var publicURL: String?
    @Option(name: .customLong("database-wait"), help: ArgumentHelp("How long to keep trying a PostgreSQL server that does not answer yet, e.g. 30 or 2m (WEAVE_DATABASE_WAIT; default 30 s).", valueName: "seconds")) var databaseWait: String?
    @Flag(name: .customLong("no-migrate"), help: "Start without applying pending migrations; apply them with `weave migrate`.") var noMigrate = false
    @Option(name: .customLong("metrics-token"), help: ArgumentHelp("A bearer token that lets other machines read /metrics; without it only loopback may (WEAVE_METRICS_TOKEN).", valueName: "token")) var metricsToken: String?
    @Option(name: .customLong("timeouts"), help: ArgumentHelp("Seconds for a new connection's first request head, an idle kept-alive connection, and a request body (WEAVE_TIMEOUTS; default 10,60,120).", valueName: "head,idle,body")) var timeouts: String?
    @Option(name: .customLong("smtp-url"), help: ArgumentHelp("An SMTP server for partners' reminders: smtp://user:password@host:587 (STARTTLS) or smtps://…:465; without it no email is sent (WEAVE_SMTP_URL).", valueName: "url")) var smtpURL: String?
    @Option(name: .customLong("smtp-from"), help: ArgumentHelp("The address reminders come from, unless the SMTP URL has from= (WEAVE_SMTP_FROM).", valueName: "address")) var smtpFrom: String?
    @Option(name: .customLong("analyses"), help: ArgumentHelp("How many research analyses run at once; others wait in line (WEAVE_ANALYSES; default 1).", valueName: "n")) var analyses: Int?

    /// The configuration from options over environment over defaults; a malformed variable stops start-up by name.
    func webConfiguration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> WebConfiguration {
        var configuration = WebConfiguration()
        if let host = host ?? environment["WEAVE_HOST"], !host.isEmpty { configuration.host = host }
        if let port {
            configuration.port = port
        } else if let text = environment["WEAVE_PORT"], !text.isEmpty {
            guard let value = Int(text) else { throw CLIError("WEAVE_PORT is \"\(text)\", which is not a port number; set it to a number such as 8080.") }
            configuration.port = value
        }
        guard (0...65535).contains(configuration.port) else { throw CLIError("The port \(configuration.port) is not between 0 and 65535.") }
        if let database = database ?? environment["WEAVE_DATABASE"], !database.isEmpty {
            configuration.database = StoreLocation(parsing: database)
        }
        configuration.databaseWait = try DatabaseSettings.wait(option: databaseWait, environment: environment)
        configuration.migrate = !noMigrate
        if let url = publicURL ?? environment["WEAVE_PUBLIC_URL"], !url.isEmpty {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw CLIError("The public URL \"\(url)\" must start with http:// or https://.") }
            configuration.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let token = metricsToken ?? environment["WEAVE_METRICS_TOKEN"], !token.isEmpty {
            guard token.count >= 16 else { throw CLIError("The metrics token is \(token.count) characters; use at least 16 (for example the output of `openssl rand -hex 16`).") }
            configuration.metricsToken = token
        }
        if let text = timeouts ?? environment["WEAVE_TIMEOUTS"], !text.isEmpty {
            let seconds = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard seconds.count == 3, let head = seconds[0], let idle = seconds[1], let body = seconds[2], head > 0, idle > 0, body > 0 else {
                throw CLIError("The timeouts \"\(text)\" must be three positive numbers of seconds, head,idle,body, such as 10,60,120 (--timeouts or WEAVE_TIMEOUTS).")
            }
            configuration.timeouts = HTTPTimeouts(requestHead: .milliseconds(Int64(head * 1000)), idle: .milliseconds(Int64(idle * 1000)),
                                                  requestBody: .milliseconds(Int64(body * 1000)))
        }
        if let analyses {
            configuration.concurrentAnalyses = analyses
        } else if let text = environment["WEAVE_ANALYSES"], !text.isEmpty {
            guard let value = Int(text) else { throw CLIError("WEAVE_ANALYSES is \"\(text)\", which is not a number; set it to 1 or 2.") }
            configuration.concurrentAnalyses = value
        }
        if let url = smtpURL ?? environment["WEAVE_SMTP_URL"], !url.isEmpty {
            do {
                configuration.smtp = try SMTPSettings(url: url, from: smtpFrom ?? environment["WEAVE_SMTP_FROM"].flatMap { $0.isEmpty ? nil : $0 })
            } catch {
                throw CLIError("--smtp-url (WEAVE_SMTP_URL): \(error)")
            }
        }
        guard (1...16).contains(configuration.concurrentAnalyses) else { throw CLIError("--analyses must be between 1 and 16, not \(configuration.concurrentAnalyses).") }
        return configuration
    }

    func run() async throws {
        let configuration = try webConfiguration()
        let loaded = try library.load()
        let store: Store
        do {
            store = try await Store.open(configuration.database, migrate: configuration.migrate, waitingUpTo: configuration.databaseWait)
        } catch {
            throw CLIError("Could not open the database (\(configuration.database)): \(configuration.database.describe(error))")
        }
        do {
            let server = try await buildApplication(configuration, library: loaded, store: store) { [configuration] started in
                var shown = configuration
                if shown.publicURL == nil { shown.port = started.port }
                Self.say("Weave is running at \(shown.url)/ with \(configuration.database) — press Ctrl-C to stop.")
                Self.say(configuration.smtp.map { "Reminders can be sent by email through \($0)." } ?? "Email is not configured (--smtp-url): reminders are copied by hand.")
                if let path = started.setupPath {
                    Self.say("No accounts yet. Create the first facilitator account here (the link works once): \(shown.url)\(path)")
                }
            }
            try await server.run()
        } catch {
            // The store closes its connections even when the app never got to run them.
            await store.shutdown()
            throw CLIError("Weave stopped: \(configuration.database.describe(error))")
        }
    }

    /// Prints a line at once, unbuffered: operators often send output to a file.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
