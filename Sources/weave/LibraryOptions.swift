import ArgumentParser
import Foundation
import WeaveCore

/// The options every command that reads the library shares.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("library"), help: ArgumentHelp("A folder of your own library files, loaded on top of the built-in library (repeatable).", valueName: "dir"))
    var folders: [String] = []

    /// `--library` folders after those in `WEAVE_LIBRARY`.
    func allFolders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let fromEnvironment = (environment["WEAVE_LIBRARY"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        return fromEnvironment + folders
    }

    /// The built-in library with the user's folders, or an error listing every problem.
    func load(extra: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Library {
        do {
            return try Library.loading((allFolders(environment: environment) + extra).map(LibraryFolder.init(path:)))
        } catch {
            throw CLIError(error.description + "\nRun `weave validate` for the same list; fix the files and try again.")
        }
    }
}

/// How a command prints.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// A failure to tell the person at the terminal, in their terms; exits 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Library {
    /// The item with an id, or an error that says what was meant.
    func require(_ id: String, kind: ItemKind? = nil) throws -> LibraryItem {
        if let item = item(id), kind == nil || item.kind == kind { return item }
        let noun = kind?.displayName ?? "item"
        if let item = item(id) {
            throw CLIError("\"\(id)\" is \(item.kind.withArticle), not \(kind!.withArticle)")
        }
        let candidates = (kind.map { [$0] } ?? ItemKind.allCases).flatMap(ids(of:))
        let hint = Suggestion.closest(to: id, in: candidates).map { " Did you mean \"\($0)\"?" } ?? ""
        let list = kind.map { "weave library list --kind \($0.rawValue)" } ?? "weave library list"
        throw CLIError("No \(noun) has the id \"\(id)\".\(hint) `\(list)` shows them all.")
    }
}
