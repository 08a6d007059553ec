import Foundation
import Yams

/// Reads one YAML mapping against the keys it may have, reporting every problem to its file.
///
/// Unknown and missing keys are reported when the reader is made; each accessor reports a value of the
/// wrong type or out of range and returns `nil`, so reading goes on and every problem is found.
struct MappingReader {
    let file: LibraryFile
    /// The mapping node.
    let node: Node
    /// Who is being read, as a message begins: `tool "stakeholder-analysis"`.
    let subject: String
    private let entries: [String: (key: Node, value: Node)]
    private let keys: [String]

    /// Reads `node` as a mapping.
    ///
    /// - Parameters:
    ///   - required: keys that must be present with a value.
    ///   - optional: keys that may be present.
    /// - Returns: `nil`, after reporting, when the node is not a mapping.
    init?(_ node: Node, subject: String, file: LibraryFile, required: [String], optional: [String]) {
        self.file = file
        self.node = node
        self.subject = subject
        guard case .mapping(let mapping) = node else {
            file.error("\(subject) must be a mapping of keys to values (such as \"\(required.first ?? optional.first ?? "id"): …\"), not \(describe(node))", at: node)
            return nil
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        var order: [String] = []
        // Every item file may say which language its texts are in (read first, by `LibraryFile.readLanguage`).
        let allowed = required + optional + (required.contains("kind") ? ["language"] : [])
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                file.error("\(subject) has a key that is not a plain word; keys are names such as \"\(allowed.first ?? "id")\"", at: key)
                continue
            }
            let name = scalar.string
            guard allowed.contains(name) else {
                let hint = Suggestion.closest(to: name, in: allowed).map { "; did you mean \"\($0)\"?" }
                    ?? "; the keys allowed here are \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))"
                file.error("\(subject) has an unknown key \"\(name)\"\(hint)", at: key)
                continue
            }
            entries[name] = (key, value)
            order.append(name)
        }
        for key in required where entries[key].map({ isNull($0.value) }) ?? true {
            if let entry = entries[key] {
                file.error("\(subject) has no value for \"\(key)\", which is required", at: entry.key)
            } else {
                file.error("\(subject) is missing \"\(key)\", which is required", at: node)
            }
        }
        self.entries = entries
        self.keys = order
    }

    /// Whether the key is present with a value.
    func has(_ key: String) -> Bool {
        entries[key].map { !isNull($0.value) } ?? false
    }

    /// The value node of a key, when present and not null.
    func value(_ key: String) -> Node? {
        guard let value = entries[key]?.value, !isNull(value) else { return nil }
        return value
    }

    /// The node of a key itself, for pointing at the key.
    func keyNode(_ key: String) -> Node? { entries[key]?.key }

    /// Where a key's value is, or the mapping's start when absent.
    func location(_ key: String) -> SourceLocation { file.location(of: value(key) ?? entries[key]?.key ?? node) }

    // MARK: Scalars

    /// A text value; an empty text is `nil` (and an error when `nonEmpty`).
    ///
    /// A text people read may be written as translations, `{en: …, de: …}`: the file's own language's text
    /// is returned and the others recorded (docs/library-format.md, *Translations*). Keys that hold ids,
    /// references or addresses take plain text only.
    func text(_ key: String, nonEmpty: Bool = false) -> String? {
        guard let value = value(key) else { return nil }
        if case .mapping = value, !MappingReader.untranslatable(key) {
            return file.translatedText(value, subject: subject, what: "\"\(key)\"")
        }
        guard case .scalar(let scalar) = value else {
            file.error("\(subject): \"\(key)\" must be text, not \(describe(value))", at: value)
            return nil
        }
        let string = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if string.isEmpty {
            if nonEmpty { file.error("\(subject): \"\(key)\" must not be empty", at: value) }
            return nil
        }
        return string
    }

    /// Keys whose text is an id, a reference or an address, never translated.
    static func untranslatable(_ key: String) -> Bool {
        ["id", "kind", "language", "use", "url", "field", "type"].contains(key) || key.hasSuffix("_from")
    }

    /// A whole number no smaller than `minimum`.
    ///
    /// - Parameter meaning: the phrase that follows "must be", such as "a whole number of minutes greater than zero".
    func integer(_ key: String, minimum: Int, meaning: String) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = wholeNumber(value), number >= minimum else {
            file.error("\(subject): \"\(key)\" must be \(meaning), not \(describe(value))", at: value)
            return nil
        }
        return number
    }

    /// A number greater than zero.
    func positiveNumber(_ key: String) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .scalar(let scalar) = value, scalar.style == .plain || scalar.style == .any,
              let number = Double(scalar.string), number.isFinite, number > 0 else {
            file.error("\(subject): \"\(key)\" must be a number greater than zero, not \(describe(value))", at: value)
            return nil
        }
        return number
    }

    /// `true` or `false`.
    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .scalar(let scalar) = value, scalar.style == .plain || scalar.style == .any,
              let bool = ["true": true, "false": false, "yes": true, "no": false][scalar.string.lowercased()] else {
            file.error("\(subject): \"\(key)\" must be true or false, not \(describe(value))", at: value)
            return nil
        }
        return bool
    }

    /// One of an enumeration's written values.
    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, of _: Value.Type) -> Value? where Value.RawValue == String {
        guard let value = value(key) else { return nil }
        let allowed = Value.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = value, let choice = Value(rawValue: scalar.string) else {
            let hint = (value.scalar?.string).flatMap { Suggestion.closest(to: $0, in: allowed) }.map { " (did you mean \"\($0)\"?)" } ?? ""
            file.error("\(subject): \"\(key)\" must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), not \(describe(value))\(hint)", at: value)
            return nil
        }
        return choice
    }

    /// A range: a whole number, or `{min, max}` with `min` ≤ `max`, each at least `minimum`.
    func range(_ key: String, minimum: Int, unit: String) -> CountRange? {
        guard let value = value(key) else { return nil }
        let meaning = "a whole number of \(unit)\(minimum > 0 ? " greater than zero" : "")"
        if let number = wholeNumber(value) {
            guard number >= minimum else {
                file.error("\(subject): \"\(key)\" must be \(meaning), not \(describe(value))", at: value)
                return nil
            }
            return CountRange(min: number, max: number)
        }
        guard case .mapping = value else {
            file.error("\(subject): \"\(key)\" must be \(meaning) or {min: …, max: …}, not \(describe(value))", at: value)
            return nil
        }
        guard let bounds = MappingReader(value, subject: "\(subject): \"\(key)\"", file: file, required: ["min", "max"], optional: []),
              let low = bounds.integer("min", minimum: minimum, meaning: meaning),
              let high = bounds.integer("max", minimum: minimum, meaning: meaning) else { return nil }
        guard low <= high else {
            file.error("\(subject): \"\(key)\" has min \(low) greater than max \(high)", at: value)
            return nil
        }
        return CountRange(min: low, max: high)
    }

    // MARK: Collections

    /// The items of a list.
    func list(_ key: String, nonEmpty: Bool = false) -> [Node]? {
        guard let value = value(key) else { return nil }
        guard case .sequence(let sequence) = value else {
            file.error("\(subject): \"\(key)\" must be a list (lines starting with \"- \"), not \(describe(value))", at: value)
            return nil
        }
        let items = Array(sequence)
        if nonEmpty && items.isEmpty {
            file.error("\(subject): \"\(key)\" must list at least one entry", at: value)
        }
        return items
    }

    /// A list of texts; entries that are not text are reported and skipped.
    func textList(_ key: String) -> [String] {
        (list(key) ?? []).compactMap { item in
            if case .mapping = item {
                return file.translatedText(item, subject: subject, what: "an entry of \"\(key)\"")
            }
            guard case .scalar(let scalar) = item, !isNull(item) else {
                file.error("\(subject): each entry of \"\(key)\" must be text, not \(describe(item))", at: item)
                return nil
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { file.error("\(subject): an entry of \"\(key)\" is empty", at: item) }
            return text.isEmpty ? nil : text
        }
    }

    /// A list of ids referring to items of `kind`, each checked once the library is read.
    func references(_ key: String, to kind: ItemKind, nonEmpty: Bool = false) -> [String] {
        guard let items = list(key, nonEmpty: nonEmpty) else { return [] }
        var seen: Set<String> = []
        return items.compactMap { item in
            guard let id = identifier(item, role: "each entry of \"\(key)\"") else { return nil }
            guard seen.insert(id).inserted else {
                file.error("\(subject) lists \(kind.displayName) \"\(id)\" twice in \"\(key)\"", at: item)
                return nil
            }
            file.refer(to: id, as: kind, by: subject, at: item)
            return id
        }
    }

    /// A single id referring to an item of `kind`, checked once the library is read.
    func reference(_ key: String, to kind: ItemKind) -> String? {
        guard let value = value(key), let id = identifier(value, role: "\"\(key)\"") else { return nil }
        file.refer(to: id, as: kind, by: subject, at: value)
        return id
    }

    /// The item's own id under `key`, checked for form.
    func id(_ key: String = "id") -> String? {
        guard let value = value(key) else { return nil }
        return identifier(value, role: "\"\(key)\"")
    }

    private func identifier(_ node: Node, role: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            file.error("\(subject): \(role) must be an id, not \(describe(node))", at: node)
            return nil
        }
        let id = scalar.string
        guard Identifier.isValid(id) else {
            file.error("\(subject): \(role) \"\(id)\" is not a valid id: \(Identifier.problem(with: id))", at: node)
            return nil
        }
        return id
    }

    /// A nested mapping.
    func mapping(_ key: String, subject nestedSubject: String? = nil, required: [String], optional: [String]) -> MappingReader? {
        guard let value = value(key) else { return nil }
        return MappingReader(value, subject: nestedSubject ?? "\(subject): \"\(key)\"", file: file, required: required, optional: optional)
    }
}

/// A whole number written as a plain YAML scalar.
func wholeNumber(_ node: Node) -> Int? {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
    return Int(scalar.string)
}

/// Whether a node is YAML's null: `~`, `null` or nothing.
func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
}

/// A node described for messages: `"45"`, `a list`, `a mapping`.
func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
        if isNull(node) { return "nothing" }
        let text = scalar.string
        let shown = text.count > 40 ? String(text.prefix(37)) + "…" : text
        return "\"\(shown)\""
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
}
