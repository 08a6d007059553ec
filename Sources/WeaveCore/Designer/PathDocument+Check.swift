import Foundation
import Yams

/// One problem in a designer document, located by a JSON Pointer (RFC 6901) into it.
public struct PathProblem: Sendable, Hashable, Codable {
    /// `/days/0/phases/1/steps/2/duration`: the value the problem is about, or the mapping it is missing
    /// from; `""` for the whole path.
    public var pointer: String
    /// What is wrong, as `weave validate` says it.
    public var message: String
    /// The line of the path's YAML text the loader reported, when the problem is in that text.
    public var line: Int?

    /// Creates a problem.
    public init(pointer: String, message: String, line: Int? = nil) {
        self.pointer = pointer
        self.message = message
        self.line = line
    }
}

/// What checking a designer document found: its YAML text, its problems, and — when there are none — the
/// path as the library loader built it, with the library it was loaded into.
public struct PathCheck: Sendable {
    /// The document as a library file.
    public var yaml: String
    /// Every problem, in the order of the YAML text.
    public var problems: [PathProblem]
    /// The path, when the document has no problem.
    public var path: Path?
    /// The library with the path in it, when the document has no problem: the agenda's tool names come from it.
    public var library: Library?
}

extension PathDocument {
    /// How the document's YAML file is named in messages.
    public static let display = "<designer>/path.yaml"

    /// Checks the document by loading its YAML text with the library loader, beside every file of
    /// `library` — exactly as `weave validate DIR` would with the file in DIR — and points each problem
    /// back into the document.
    public func check(against library: Library) -> PathCheck {
        let yaml = self.yaml
        guard root["kind"]?.string == "path" else {
            return PathCheck(yaml: yaml, problems: [PathProblem(
                pointer: root["kind"] == nil ? "" : "/kind",
                message: "the designer makes paths: the document's \"kind\" must be \"path\"")])
        }
        let files = library.sources.map { (display: $0.display, data: $0.data) } + [(display: Self.display, data: Data(yaml.utf8))]
        let (loaded, diagnostics) = Library.load(files: files)
        let locator = PointerLocator(yaml: yaml)
        let problems = diagnostics.map { diagnostic -> PathProblem in
            guard diagnostic.location.file == Self.display else {
                return PathProblem(pointer: "", message: diagnostic.description)
            }
            return PathProblem(pointer: locator.pointer(for: diagnostic), message: diagnostic.message, line: diagnostic.location.line)
        }
        guard problems.isEmpty, let id, let path = loaded.path(id) else {
            return PathCheck(yaml: yaml, problems: problems)
        }
        return PathCheck(yaml: yaml, problems: [], path: path, library: loaded)
    }
}

/// Finds the value of a YAML text a loader's line and column belong to, as a JSON Pointer.
struct PointerLocator {
    private struct Entry {
        var pointer: String
        /// The key's place, for a mapping's value.
        var key: Mark?
        /// The key's text, for a mapping's value.
        var keyText: String?
        /// Where the value starts.
        var value: Mark?
        var isScalar: Bool
    }

    private var entries: [Entry] = []

    init(yaml: String) {
        guard let root = try? Yams.compose(yaml: yaml) else { return }
        walk(root, pointer: "", key: nil, keyText: nil)
    }

    private mutating func walk(_ node: Node, pointer: String, key: Mark?, keyText: String?) {
        var isScalar = false
        if case .scalar = node { isScalar = true }
        entries.append(Entry(pointer: pointer, key: key, keyText: keyText, value: node.mark, isScalar: isScalar))
        switch node {
        case .mapping(let mapping):
            for pair in mapping {
                let name = pair.key.string ?? ""
                walk(pair.value, pointer: pointer + "/" + Self.escape(name), key: pair.key.mark, keyText: name)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                walk(item, pointer: pointer + "/\(index)", key: nil, keyText: nil)
            }
        case .scalar, .alias:
            break
        }
    }

    /// `~` and `/` in a key, escaped as RFC 6901 says.
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The most specific pointer for a problem: the value at its place; a key named at its place (when the
    /// message names that key, else the mapping the key starts); else the deepest value starting on its
    /// line; else the last value before it.
    func pointer(for diagnostic: Diagnostic) -> String {
        let line = diagnostic.location.line, column = diagnostic.location.column
        func at(_ mark: Mark?) -> Bool { mark?.line == line && mark?.column == column }
        if let leaf = entries.last(where: { $0.isScalar && at($0.value) }) { return leaf.pointer }
        if let keyed = entries.last(where: { at($0.key) }) {
            let named = keyed.keyText.map { diagnostic.message.contains("\"\($0)\"") } ?? false
            if named { return keyed.pointer }
            // A mapping starts where its first key does: a problem there without that key's name is the mapping's.
            if let mapping = entries.last(where: { !$0.isScalar && at($0.value) }) { return mapping.pointer }
            return keyed.pointer
        }
        if let container = entries.last(where: { at($0.value) }) { return container.pointer }
        if let onLine = entries.last(where: { $0.value?.line == line || $0.key?.line == line }) { return onLine.pointer }
        let before = entries.last { entry in
            guard let mark = entry.key ?? entry.value else { return false }
            return (mark.line, mark.column) <= (line, column)
        }
        return before?.pointer ?? ""
    }
}

extension PathDocument {
    /// Loads a path's YAML text beside the library's files, as ``check(against:)`` does, without reading it
    /// as a document first: how a saved version of an own path is run.
    public static func loadingYAML(_ yaml: String, with library: Library) -> PathCheck {
        let files = library.sources.map { (display: $0.display, data: $0.data) } + [(display: display, data: Data(yaml.utf8))]
        let (loaded, diagnostics) = Library.load(files: files)
        let problems = diagnostics.map { PathProblem(pointer: "", message: $0.description, line: $0.location.file == display ? $0.location.line : nil) }
        guard problems.isEmpty, let item = try? PathDocument(yaml: yaml), let id = item.id, let path = loaded.path(id) else {
            return PathCheck(yaml: yaml, problems: problems)
        }
        return PathCheck(yaml: yaml, problems: [], path: path, library: loaded)
    }
}
