import Yams

/// An entry of a field list as written: a field, or `use: TOOL-ID/FIELD-ID` to resolve later.
enum FieldEntry {
    case field(CanvasField, SourceLocation)
    case use(FieldUse)
    /// A field that could not be read; its problems are reported. Kept so that a `use` of it elsewhere
    /// is not reported a second time as a missing field.
    case broken
}

/// `use: TOOL-ID/FIELD-ID`, with the keys that may override the used field.
struct FieldUse {
    var tool: String
    var field: String
    var id: String?
    var label: String?
    var prompt: String?
    var required: Bool?
    var location: SourceLocation
    var subject: String
}

extension LibraryFile {
    /// Reads a list of canvas fields (a tool's `fields`, a phase's `canvas`).
    func readFields(_ nodes: [Node], owner: String) -> [FieldEntry] {
        nodes.enumerated().map { index, node in readField(node, position: index + 1, owner: owner) }
    }

    private func readField(_ node: Node, position: Int, owner: String) -> FieldEntry {
        let fallback = "canvas field \(position) of \(owner)"
        if case .mapping(let mapping) = node, mapping["use"] != nil {
            guard let reader = MappingReader(node, subject: fallback, file: self, required: ["use"], optional: ["id", "label", "prompt", "required"]),
                  let target = reader.text("use") else { return .broken }
            guard let (tool, field) = splitReference(target), Identifier.isValid(tool), Identifier.isValid(field) else {
                error("\(fallback): \"use\" must name a tool's field as TOOL-ID/FIELD-ID, such as \"partnership-assessment/assessment\", not \"\(target)\"", at: reader.value("use"))
                return .broken
            }
            refer(to: tool, as: .tool, by: fallback, at: reader.value("use"))
            return .use(FieldUse(
                tool: tool, field: field, id: reader.id(), label: reader.text("label", nonEmpty: true),
                prompt: reader.text("prompt"), required: reader.bool("required"),
                location: location(of: reader.value("use")), subject: fallback))
        }
        let kindName: CanvasFieldKind.Name?
        if case .mapping(let mapping) = node, let kindNode = mapping["kind"], case .scalar(let scalar) = kindNode {
            kindName = CanvasFieldKind.Name(rawValue: scalar.string)
        } else {
            kindName = nil
        }
        let common = ["id", "kind", "label"]
        let optionalCommon = ["prompt", "required"]
        let subject = (node.mapping?["id"]?.scalar?.string).map { "canvas field \"\($0)\"" } ?? fallback
        guard let kindName else {
            // Read with every kind's keys allowed, so the kind itself is what gets reported.
            guard let reader = MappingReader(node, subject: subject, file: self, required: common, optional: optionalCommon + CanvasFieldKind.Name.allCases.flatMap(\.keys)) else { return .broken }
            _ = reader.choice("kind", of: CanvasFieldKind.Name.self)
            return .broken
        }
        guard let reader = MappingReader(node, subject: subject, file: self, required: common + kindName.requiredKeys, optional: optionalCommon + kindName.keys.filter { !kindName.requiredKeys.contains($0) }) else { return .broken }
        guard let id = reader.id(), let label = reader.text("label", nonEmpty: true), let kind = kindName.specType.read(reader, in: self)?.kind else { return .broken }
        let field = CanvasField(id: id, label: label, prompt: reader.text("prompt"), required: reader.bool("required") ?? true, kind: kind)
        return .field(field, location(of: node))
    }

    /// Reports a minimum above its maximum; `true` when the pair is in order or incomplete.
    func checkOrder(_ minimum: Int?, _ maximum: Int?, _ minKey: String, _ maxKey: String, _ reader: MappingReader) -> Bool {
        guard let minimum, let maximum, minimum > maximum else { return true }
        error("\(reader.subject): \"\(minKey)\" (\(minimum)) is greater than \"\(maxKey)\" (\(maximum))", at: reader.value(minKey))
        return false
    }

    /// An option list written out under `key`, or named under `key_from` as TOOL-ID/SET-ID.
    func readOptionList(_ reader: MappingReader, key: String, required: Bool = false) -> ChoiceList? {
        let fromKey = key + "_from"
        switch (reader.has(key), reader.has(fromKey)) {
        case (true, true):
            error("\(reader.subject) has both \"\(key)\" and \"\(fromKey)\"; keep one", at: reader.keyNode(fromKey))
            return nil
        case (false, false):
            if required { error("\(reader.subject) needs \"\(key)\" (written out) or \"\(fromKey)\" (a tool's option set)", at: reader.node) }
            return nil
        case (true, false):
            return readOptions(reader, key: key).map { ChoiceList(options: $0) }
        case (false, true):
            guard let text = reader.text(fromKey) else { return nil }
            guard let (tool, set) = splitReference(text), Identifier.isValid(tool), Identifier.isValid(set) else {
                error("\(reader.subject): \"\(fromKey)\" must name a tool's option set as TOOL-ID/SET-ID, not \"\(text)\"", at: reader.value(fromKey))
                return nil
            }
            refer(to: tool, as: .tool, by: reader.subject, at: reader.value(fromKey))
            var list = ChoiceList(options: [], source: "\(tool)/\(set)")
            list.location = reader.location(fromKey)
            return list
        }
    }

    /// A written-out list of options, at least one, with unique ids.
    func readOptions(_ reader: MappingReader, key: String) -> [Choice]? {
        guard let nodes = reader.list(key, nonEmpty: true), !nodes.isEmpty else { return nil }
        return readOptions(nodes, subject: "\(reader.subject): \"\(key)\"")
    }

    /// Options from list items, each `{id, label, description}`, ids unique.
    func readOptions(_ nodes: [Node], subject: String) -> [Choice]? {
        var options: [Choice] = []
        for (index, node) in nodes.enumerated() {
            guard let reader = MappingReader(node, subject: "\(subject), option \(index + 1)", file: self, required: ["id", "label"], optional: ["description"]),
                  let id = reader.id(), let label = reader.text("label", nonEmpty: true) else { continue }
            if options.contains(where: { $0.id == id }) {
                error("\(subject) has the option id \"\(id)\" twice", at: reader.value("id"))
                continue
            }
            options.append(Choice(id: id, label: label, description: reader.text("description")))
        }
        return options.count == nodes.count ? options : nil
    }
}

/// Splits `TOOL-ID/PART-ID`.
func splitReference(_ text: String) -> (String, String)? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    return (String(parts[0]), String(parts[1]))
}
