import Foundation
import Yams

/// One library file being read: its display name and the problems found in it so far.
///
/// A reference type so that every reader of the file's nodes adds to one list; it lives only while
/// the library loads, on one task.
final class LibraryFile {
    /// The file as shown in messages.
    let display: String
    /// Problems found, in the order found.
    private(set) var diagnostics: [Diagnostic] = []
    /// References to check once every file is read.
    private(set) var references: [Reference] = []
    /// Checks that need the whole library.
    fileprivate(set) var checks: [(LibraryAssembly) -> Void] = []
    /// The id the file's item was given, as far as it could be read, even when the item could not be.
    var attemptedID: String?
    /// Whether one of a tool's option sets could not be read.
    var incompleteOptionSets = false
    /// The language the file's texts are in (its `language` key), and the translations read so far.
    var language = LanguageCode.fallback
    var translated = TranslationTable()

    init(display: String) {
        self.display = display
    }

    /// The location of a node, or of the file's start when the node has none.
    func location(of node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: display, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Records a problem at a node.
    func error(_ message: String, at node: Node?) {
        diagnostics.append(Diagnostic(message, at: location(of: node)))
    }

    /// Records a problem at a location.
    func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(message, at: location))
    }

    /// Records a reference to check when the whole library is known.
    func refer(to id: String, as kind: ItemKind, by subject: String, at node: Node?) {
        references.append(Reference(id: id, kind: kind, subject: subject, location: location(of: node)))
    }

    /// Reads the file's text as one YAML document, reporting why not when it cannot.
    ///
    /// - Returns: the document's root node, or `nil` after reporting a problem.
    func parse(_ data: Data) -> Node? {
        let start = SourceLocation(file: display, line: 1, column: 1)
        if data.count > LibraryFile.maximumSize {
            error("the file is \(data.count) bytes; library files may be at most \(LibraryFile.maximumSize) bytes", at: start)
            return nil
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let order = UTF16Check.byteOrder(of: bytes) {
            error("the file is UTF-16 text (\(order)), not UTF-8; save it as UTF-8", at: start)
            return nil
        }
        if let invalid = UTF8Check.firstInvalidByte(in: bytes) {
            error(
                "the file is not UTF-8 text (byte 0x\(String(invalid.byte, radix: 16, uppercase: true)) cannot start or continue a character); save it as UTF-8",
                at: SourceLocation(file: display, line: invalid.line, column: invalid.column))
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        // Known even when the YAML cannot be parsed, so that other files' references to it are not reported too.
        attemptedID = text.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.hasPrefix("id:") else { return nil }
            let value = line.dropFirst(3).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return Identifier.isValid(value) ? value : nil
        }.first
        if text.allSatisfy(\.isWhitespace) {
            error("the file is empty; it should hold one codebook, tool, toolkit or path, starting with \"kind:\" and \"id:\"", at: start)
            return nil
        }
        do {
            let parser = try Parser(yaml: text)
            guard let root = try parser.nextRoot() else {
                error("the file holds only comments; it should hold one item starting with \"kind:\" and \"id:\"", at: start)
                return nil
            }
            if let second = try parser.nextRoot() {
                error("the file holds more than one YAML document (\"---\"); put each item in its own file", at: second)
                return nil
            }
            return root
        } catch let yamlError as YamlError {
            report(yamlError, in: text)
            return nil
        } catch {
            self.error("the file could not be read as YAML: \(error)", at: start)
            return nil
        }
    }

    private func report(_ yamlError: YamlError, in text: String) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: display, line: mark.line, column: mark.column) }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // A quote left open makes YAML read on, often to the end of the file or to a later quote, and fail
            // far from the mistake: report it where the quote opens.
            if let open = YAMLHint.firstUnclosedQuote(in: text), open.line <= mark.line {
                let quote = open.quote == "\"" ? "double quote (\")" : "single quote (')"
                error("this \(quote) is not closed on its line; close it, or remove it (YAML read on to line \(mark.line) and failed there: \(problem))",
                      at: SourceLocation(file: display, line: open.line, column: open.column))
                return
            }
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            let hint = YAMLHint.indentation(at: mark.line, in: text).map { "\($0); " } ?? ""
            error("\(hint)this is not valid YAML: \(problem)\(while_)", at: at(mark))
        case .reader(let problem, let offset, _, _):
            error("this is not valid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")", at: SourceLocation(file: display, line: 1, column: 1))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = Array(Set(duplicates)).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            error("the key \(keys) appears more than once in the same mapping; keep one", at: at(context.mark))
        default:
            error("this is not valid YAML: \(yamlError)", at: SourceLocation(file: display, line: 1, column: 1))
        }
    }

    /// Library files are small; anything larger is almost certainly not one.
    static let maximumSize = 1 << 20
}

/// A reference from one item to another, checked once the whole library is read.
struct Reference {
    /// The id referred to.
    var id: String
    /// The kind it must be.
    var kind: ItemKind
    /// Who refers, as a message begins: `step "Creating a shared vision"`.
    var subject: String
    /// Where.
    var location: SourceLocation
}

/// Finds the first byte that is not part of valid UTF-8.
enum UTF8Check {
    /// The first invalid byte with its 1-based line and column, or `nil` when all is valid.
    static func firstInvalidByte(in bytes: some Collection<UInt8>) -> (byte: UInt8, line: Int, column: Int)? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var line = 1
        var column = 1
        var consumed = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                consumed += encoded.count
                if Unicode.UTF8.decode(encoded) == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error(let length):
                let index = bytes.index(bytes.startIndex, offsetBy: consumed)
                _ = length
                return (bytes[index], line, column)
            case .emptyInput:
                return nil
            }
        }
    }
}

extension LibraryFile {
    /// Adds a check to run once every file is read and references are resolved.
    func afterLoading(_ check: @escaping (LibraryAssembly) -> Void) {
        checks.append(check)
    }
}
