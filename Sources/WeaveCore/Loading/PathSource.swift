public import Foundation
import Yams

/// A library path's source YAML as JSON text, with its keys in file order: what the path designer starts from,
/// so that `use:` references, translations and keys the designer has no control for survive an edit.
///
/// Placeholder until the designer's server side (branch designer11) has its own document conversion; it is
/// named in docs/workspace.md and in the designer contract so that one of the two can go.
public enum PathSource {
    /// Why a path's source cannot be read.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file the path with this id was read from, if it is a path of this library and the file is still there.
    ///
    /// Built-in files are named `<built-in>/…`; other folders' files as the folder was named when Weave started,
    /// which is relative to the directory it runs in.
    public static func file(ofPath id: String, in library: Library) -> URL? {
        guard library.path(id) != nil, let origin = library.origins[id] else { return nil }
        let builtIn = "<built-in>/"
        let url = origin.file.hasPrefix(builtIn)
            ? LibraryFolder.builtIn.url.appendingPathComponent(String(origin.file.dropFirst(builtIn.count)))
            : URL(fileURLWithPath: origin.file)
        return FileManager.default.isReadableFile(atPath: url.path) ? url : nil
    }

    /// The path's source file as JSON text (keys in file order), or `nil` when it is no path of this library.
    ///
    /// - Parameter newID: when given, the value of the top-level `id` key, in its place.
    public static func documentJSON(ofPath id: String, in library: Library, newID: String? = nil) throws(Problem) -> String? {
        guard let url = file(ofPath: id, in: library) else { return nil }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw Problem(description: "The path \(id)'s file \(url.lastPathComponent) cannot be read: \(error.localizedDescription)")
        }
        return try json(yaml: text, newID: newID)
    }

    /// One YAML document as JSON text: mappings become objects with their keys in order, scalars take the type
    /// YAML's core schema gives them (null, true/false, whole and decimal numbers; everything else a string).
    ///
    /// - Parameter newID: when given, the value of the top-level `id` key, in its place.
    public static func json(yaml text: String, newID: String? = nil) throws(Problem) -> String {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Problem(description: "The YAML cannot be read: \(error)")
        }
        guard let root else { return "null" }
        var out = ""
        write(root, to: &out, newID: newID)
        return out
    }

    private static func write(_ node: Node, to out: inout String, newID: String? = nil) {
        switch node {
        case .mapping(let mapping):
            out += "{"
            for (index, pair) in mapping.enumerated() {
                if index > 0 { out += "," }
                let key = pair.key.string ?? ""
                out += quoted(key)
                out += ":"
                if key == "id", let newID { out += quoted(newID) } else { write(pair.value, to: &out) }
            }
            out += "}"
        case .sequence(let sequence):
            out += "["
            for (index, item) in sequence.enumerated() {
                if index > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case .alias:
            out += "null"
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: out += "null"
            case .bool: out += node.bool.map { $0 ? "true" : "false" } ?? quoted(scalar.string)
            case .int: out += node.int.map(String.init) ?? quoted(scalar.string)
            case .float:
                if let value = node.float, value.isFinite { out += "\(value)" } else { out += quoted(scalar.string) }
            default: out += quoted(scalar.string)
            }
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
