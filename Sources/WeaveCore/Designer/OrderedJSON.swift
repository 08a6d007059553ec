/// A JSON value that keeps the order of an object's keys, as written.
///
/// The path designer edits a path's YAML mapping as JSON, and the YAML it saves should read like the file
/// it started from: `kind`, `id`, `name` first, the steps' keys in the author's order. Foundation's
/// `JSONSerialization` hands objects back as dictionaries and loses that order, hence this small type.
public enum OrderedJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number without a fraction or exponent that fits an `Int`.
    case integer(Int)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    /// Keys in the order written; a key written twice keeps its last value, in its first place.
    case object([(key: String, value: OrderedJSON)])

    public static func == (lhs: OrderedJSON, rhs: OrderedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(value)
        case .number(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let pairs):
            for pair in pairs { hasher.combine(pair.key); hasher.combine(pair.value) }
        }
    }

    /// The value under a key of an object.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.last { $0.key == key }?.value
    }

    /// The text, when this is a string.
    public var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    /// This object with a key set: replaced in place when present, else added at the end.
    public func setting(_ key: String, to value: OrderedJSON) -> OrderedJSON {
        guard case .object(var pairs) = self else { return self }
        if let index = pairs.firstIndex(where: { $0.key == key }) { pairs[index].value = value } else { pairs.append((key, value)) }
        return .object(pairs)
    }
}

/// Why a JSON text could not be read: what, and where (line and column, counting from 1).
public struct OrderedJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var description: String { "the document is not valid JSON at line \(line), column \(column): \(message)" }
}

extension OrderedJSON {
    /// How deeply arrays and objects may nest; a path is about six levels deep.
    public static let maximumDepth = 64

    /// Reads JSON text (RFC 8259), keeping object keys in order.
    public init(parsing text: String) throws(OrderedJSONError) {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.position == reader.bytes.count else { throw reader.failure("unexpected text after the value") }
        self = value
    }

    /// The value as compact JSON text, keys in order.
    public var jsonText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let text): OrderedJSON.quote(text, into: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                OrderedJSON.quote(pair.key, into: &out)
                out += ":"
                pair.value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Escaped so the text can sit inside an HTML <script> block.
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += unicodeEscape(scalar)
            case _ where scalar.value < 0x20: out += unicodeEscape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        func failure(_ message: String) -> OrderedJSONError {
            var line = 1, column = 1
            for byte in bytes[..<min(position, bytes.count)] {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return OrderedJSONError(message: message, line: line, column: column)
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func expect(_ word: String) throws(OrderedJSONError) {
            let utf8 = Array(word.utf8)
            guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
                throw failure("expected \(word)")
            }
            position += utf8.count
        }

        mutating func value(depth: Int) throws(OrderedJSONError) -> OrderedJSON {
            guard depth < OrderedJSON.maximumDepth else { throw failure("arrays and objects nest more than \(OrderedJSON.maximumDepth) deep") }
            guard position < bytes.count else { throw failure("the text ends where a value should be") }
            switch bytes[position] {
            case UInt8(ascii: "n"): try expect("null"); return .null
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                position += 1
                var values: [OrderedJSON] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(values) }
                while true {
                    skipSpace()
                    values.append(try value(depth: depth + 1))
                    skipSpace()
                    guard position < bytes.count else { throw failure("the array is not closed with ]") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(values) }
                    throw failure("expected , or ] in the array")
                }
            case UInt8(ascii: "{"):
                position += 1
                var pairs: [(key: String, value: OrderedJSON)] = []
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
                    let key = try string()
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected : after the key") }
                    position += 1
                    skipSpace()
                    let item = try value(depth: depth + 1)
                    if let index = pairs.firstIndex(where: { $0.key == key }) { pairs[index].value = item } else { pairs.append((key, item)) }
                    skipSpace()
                    guard position < bytes.count else { throw failure("the object is not closed with }") }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(pairs) }
                    throw failure("expected , or } in the object")
                }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try number()
            default:
                throw failure("expected a value")
            }
        }

        mutating func number() throws(OrderedJSONError) -> OrderedJSON {
            let start = position
            var integral = true
            while position < bytes.count {
                let byte = bytes[position]
                if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                    position += 1
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    integral = false
                    position += 1
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if integral, let value = Int(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite, text.first != "+", !text.hasPrefix("-."), !text.hasPrefix(".") else {
                position = start
                throw failure("\"\(text.prefix(20))\" is not a number")
            }
            return .number(value)
        }

        mutating func string() throws(OrderedJSONError) -> String {
            position += 1  // the opening quote
            var scalars = String.UnicodeScalarView()
            var run = position
            func flush(_ end: Int, _ scalars: inout String.UnicodeScalarView) {
                scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars)
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    flush(position, &scalars)
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw failure("a control character inside a string must be escaped") }
                if byte != UInt8(ascii: "\\") { position += 1; continue }
                flush(position, &scalars)
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw failure("a lone surrogate \\u escape")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("a lone surrogate \\u escape") }
                    scalars.append(scalar)
                default:
                    throw failure("an unknown escape \\\(Character(Unicode.Scalar(escape)))")
                }
                run = position
            }
            throw failure("the string is not closed with \"")
        }

        mutating func hex4() throws(OrderedJSONError) -> UInt32 {
            guard position + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
                throw failure("\\u must be followed by four hex digits")
            }
            position += 4
            return code
        }
    }
}

extension OrderedJSON {
    /// The tokens of a JSON Pointer (RFC 6901), unescaped; `nil` when it does not start with "/" (or is not "").
    static func tokens(of pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }

    /// The value a JSON Pointer names, if there is one.
    public func value(at pointer: String) -> OrderedJSON? {
        guard let tokens = Self.tokens(of: pointer) else { return nil }
        var current = self
        for token in tokens {
            switch current {
            case .object: guard let next = current[token] else { return nil }; current = next
            case .array(let values): guard let index = Int(token), values.indices.contains(index) else { return nil }; current = values[index]
            default: return nil
            }
        }
        return current
    }

    /// This value with the one a JSON Pointer names replaced (or, in an object, added); `nil` when the
    /// pointer's parent does not exist.
    public func setting(pointer: String, to value: OrderedJSON) -> OrderedJSON? {
        guard let tokens = Self.tokens(of: pointer) else { return nil }
        return setting(tokens[...], to: value)
    }

    private func setting(_ tokens: ArraySlice<String>, to value: OrderedJSON) -> OrderedJSON? {
        guard let token = tokens.first else { return value }
        switch self {
        case .object:
            let child = self[token] ?? .null
            guard let changed = tokens.count == 1 ? value : child.setting(tokens.dropFirst(), to: value) else { return nil }
            return setting(token, to: changed)
        case .array(var values):
            guard let index = Int(token), values.indices.contains(index),
                  let changed = values[index].setting(tokens.dropFirst(), to: value) else { return nil }
            values[index] = changed
            return .array(values)
        default:
            return nil
        }
    }
}
