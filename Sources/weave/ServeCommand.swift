import ArgumentParser
import Foundation
import Hummingbird
import WeaveCore
import WeaveWeb

/// `weave serve`: the web app — the library in the browser, for now.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Weave web app.",
        discussion: "Settings come from the options, then WEAVE_HOST and WEAVE_PORT, then the defaults. Stop it with Ctrl-C.")

    @OptionGroup var library: LibraryOptions
    @Option(help: ArgumentHelp("The address to listen on (WEAVE_HOST; default 127.0.0.1).", valueName: "address")) var host: String?
    @Option(help: ArgumentHelp("The port to listen on (WEAVE_PORT; default 8080).", valueName: "port")) var port: Int?

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
        return configuration
    }

    func run() async throws {
        let configuration = try webConfiguration()
        let loaded = try library.load()
        let app = try await buildApplication(configuration, library: loaded)
        print("Weave is running at \(configuration.url)/ — press Ctrl-C to stop.")
        try await app.runService()
    }
}
