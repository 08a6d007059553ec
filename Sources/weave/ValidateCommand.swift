import ArgumentParser
import Foundation
import WeaveCore

/// `weave validate [DIR…]`: every problem in the library at once, as `file:line:column: message`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check library folders (with the built-in library) and report every problem.",
        discussion: "Exits 0 when there is no problem and 1 when there is any.")

    @OptionGroup var library: LibraryOptions
    @Argument(help: "Folders to check, on top of the built-in library and any --library folders.") var folders: [String] = []
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let (report, ok) = try output()
        print(report)
        if !ok { throw ExitCode(1) }
    }

    /// The report, and whether the library has no problem.
    func output(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (String, Bool) {
        let all = (library.allFolders(environment: environment) + folders).map(LibraryFolder.init(path:))
        let (loaded, diagnostics) = Library.load([.builtIn] + all)
        if format == .json {
            struct Problem: Encodable { var file: String; var line: Int; var column: Int; var message: String }
            struct Report: Encodable { var ok: Bool; var items: Int; var problems: [Problem] }
            let problems = diagnostics.map { Problem(file: $0.location.file, line: $0.location.line, column: $0.location.column, message: $0.message) }
            return (try WeaveJSON.string(Report(ok: diagnostics.isEmpty, items: loaded.count, problems: problems)), diagnostics.isEmpty)
        }
        let checked = all.isEmpty ? "the built-in library" : "the built-in library and " + all.map(\.display).joined(separator: ", ")
        guard !diagnostics.isEmpty else {
            return ("Checked \(checked): \(loaded.count) items, no problems.", true)
        }
        let files = Set(diagnostics.map(\.location.file)).count
        let summary = "\(diagnostics.count) problem\(diagnostics.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")."
        return ((diagnostics.map(\.description) + ["", summary]).joined(separator: "\n"), false)
    }
}
