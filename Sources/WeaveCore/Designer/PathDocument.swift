import Foundation
import Yams

/// What the path designer edits: a path's YAML mapping as JSON, with exactly the keys of
/// `docs/library-format.md`, in the order written.
///
/// The document is never turned into a ``Path`` by code of its own: it becomes YAML text, and that text is
/// loaded with the library loader (``PathDocument/check(against:)``), so the designer and `weave validate`
/// apply the same rules.
public struct PathDocument: Sendable, Hashable {
    /// The path's mapping.
    public var root: OrderedJSON

    /// The largest document the designer accepts, in bytes of JSON: the built-in day-long path is about
    /// 20 KB; the limit leaves room for the form's encoding within a request body of 256 KiB.
    public static let maximumBytes = 128 * 1024

    /// Wraps a mapping.
    public init(_ root: OrderedJSON) {
        self.root = root
    }

    /// Reads the designer's JSON text.
    ///
    /// - Throws: ``PathDocumentError`` when the text is too large, not JSON, or not an object.
    public init(json text: String) throws(PathDocumentError) {
        guard text.utf8.count <= Self.maximumBytes else { throw .tooLarge(bytes: text.utf8.count, limit: Self.maximumBytes) }
        let value: OrderedJSON
        do { value = try OrderedJSON(parsing: text) } catch { throw .notJSON(error) }
        guard case .object = value else { throw .notAMapping }
        root = value
    }

    /// Reads a path's YAML file as a document, keeping its keys' order. Comments are not kept.
    ///
    /// - Throws: ``PathDocumentError/notYAML(_:)`` when the text is not YAML, or ``PathDocumentError/notAMapping``.
    public init(yaml text: String) throws(PathDocumentError) {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch { throw .notYAML(String(describing: error)) }
        guard let node, case .mapping = node else { throw .notAMapping }
        root = Self.value(of: node)
    }

    /// The path's id, when the document has one.
    public var id: String? { root["id"]?.string }

    /// The path's name, when it is plain text.
    public var name: String? { root["name"]?.string }

    /// The document with another id.
    public func withID(_ id: String) -> PathDocument {
        PathDocument(root.setting("id", to: .string(id)))
    }

    /// The document as compact JSON text, keys in order, safe inside an HTML `<script>` block.
    public var jsonText: String { root.jsonText }

    // MARK: YAML

    /// The document as the YAML text of a library file: block style, keys in the document's order, text
    /// quoted only where YAML would otherwise read it as something else (a number, `true`, `null`…), text of
    /// several lines as a literal block.
    public var yaml: String {
        // Emitting a tree of plain values cannot fail; the fallback keeps the signature simple.
        (try? Yams.serialize(node: Self.node(root), indent: 2, width: -1, allowUnicode: true)) ?? ""
    }

    static func node(_ value: OrderedJSON) -> Node {
        switch value {
        case .null: return .scalar(.init("null", Tag(.null), .plain))
        case .bool(let flag): return .scalar(.init(flag ? "true" : "false", Tag(.bool), .plain))
        case .integer(let number): return .scalar(.init(String(number), Tag(.int), .plain))
        case .number(let number): return .scalar(.init(number.isFinite ? "\(number)" : "null", Tag(.float), .plain))
        case .string(let text): return textNode(text)
        case .array(let values): return .sequence(.init(values.map(node), Tag(.seq), .block))
        case .object(let pairs): return .mapping(.init(pairs.map { (textNode($0.key), node($0.value)) }, Tag(.map), .block))
        }
    }

    private static func textNode(_ text: String) -> Node {
        if text.contains("\n") && !text.hasSuffix(" ") && !text.contains("\r") {
            return .scalar(.init(text, Tag(.str), .literal))
        }
        let plain = Node.Scalar(text, Tag(.implicit), .plain)
        // Plain only where YAML reads the text back as text.
        let readsAsText = Resolver.default.resolveTag(of: .scalar(plain)) == .str
        return .scalar(.init(text, Tag(.str), readsAsText ? .any : .doubleQuoted))
    }

    static func value(of node: Node) -> OrderedJSON {
        switch node {
        case .scalar(let scalar):
            let tag = node.tag
            if tag == Tag(.null) { return .null }
            if tag == Tag(.bool) { return node.bool.map(OrderedJSON.bool) ?? .string(scalar.string) }
            if tag == Tag(.int) { return node.int.map(OrderedJSON.integer) ?? .string(scalar.string) }
            if tag == Tag(.float) { return node.float.map(OrderedJSON.number) ?? .string(scalar.string) }
            return .string(scalar.string)
        case .sequence(let sequence):
            return .array(sequence.map(value(of:)))
        case .mapping(let mapping):
            return .object(mapping.map { pair in (pair.key.string ?? "", value(of: pair.value)) })
        case .alias:
            return .null
        }
    }

    // MARK: From the library

    /// The document of a library path, read from the path's own YAML file, so that `use` entries,
    /// translations and the author's key order survive.
    ///
    /// - Returns: `nil` when the library has no path with this id, or does not hold its file.
    public static func libraryPath(_ id: String, in library: Library) -> PathDocument? {
        guard library.path(id) != nil, let file = library.origins[id]?.file,
              let source = library.sources.first(where: { $0.display == file }) else { return nil }
        return try? PathDocument(yaml: String(decoding: source.data, as: UTF8.self))
    }

    /// An id for a copy of a path: `BASE-own`, else `BASE-own-2`, `-3`…, used by nothing in the library and
    /// not in `taken` (the partnership's own paths), so the copy loads next to the library.
    public static func freeID(from base: String, library: Library, taken: Set<String> = []) -> String {
        let stem = base.hasSuffix("-own") ? base : base + "-own"
        var candidate = stem
        var number = 2
        while library.kind(of: candidate) != nil || taken.contains(candidate) {
            candidate = "\(stem)-\(number)"
            number += 1
        }
        return candidate
    }

    /// A new path to start from: one day, one phase of one step. It is checked like any other: its step
    /// still needs a tool or `activities`, which the check says at `/phases/0/steps/0`.
    public static func empty(id: String) -> PathDocument {
        PathDocument(.object([
            ("kind", .string("path")), ("id", .string(id)), ("name", .string("New path")),
            ("phases", .array([.object([
                ("id", .string("phase-1")), ("name", .string("Phase 1")), ("duration", .integer(30)),
                ("steps", .array([.object([("title", .string("First step")), ("lead", .string("host"))])])),
            ])])),
        ]))
    }
}

/// Why a designer document could not be read.
public enum PathDocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is larger than ``PathDocument/maximumBytes``.
    case tooLarge(bytes: Int, limit: Int)
    /// The text is not JSON.
    case notJSON(OrderedJSONError)
    /// The text is not YAML.
    case notYAML(String)
    /// The value is not a mapping of keys to values.
    case notAMapping

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "the path document is \(bytes) bytes; the designer takes at most \(limit) bytes"
        case .notJSON(let error): error.description
        case .notYAML(let problem): "the path's file is not YAML: \(problem)"
        case .notAMapping: "the path document must be a mapping of keys to values, starting with \"kind: path\""
        }
    }
}
