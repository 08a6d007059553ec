import Yams

/// An entry of a field list as written: a field, or `use: TOOL-ID/FIELD-ID` to resolve later.
enum FieldEntry {
    case field(CanvasField, SourceLocation)
    case use(FieldUse)
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
        nodes.enumerated().compactMap { index, node in readField(node, position: index + 1, owner: owner) }
    }

    private func readField(_ node: Node, position: Int, owner: String) -> FieldEntry? {
        let fallback = "canvas field \(position) of \(owner)"
        if case .mapping(let mapping) = node, mapping["use"] != nil {
            guard let reader = MappingReader(node, subject: fallback, file: self, required: ["use"], optional: ["id", "label", "prompt", "required"]),
                  let target = reader.text("use") else { return nil }
            guard let (tool, field) = splitReference(target), Identifier.isValid(tool), Identifier.isValid(field) else {
                error("\(fallback): \"use\" must name a tool's field as TOOL-ID/FIELD-ID, such as \"partnership-assessment/assessment\", not \"\(target)\"", at: reader.value("use"))
                return nil
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
            guard let reader = MappingReader(node, subject: subject, file: self, required: common, optional: optionalCommon + CanvasFieldKind.Name.allCases.flatMap(\.keys)) else { return nil }
            _ = reader.choice("kind", of: CanvasFieldKind.Name.self)
            return nil
        }
        guard let reader = MappingReader(node, subject: subject, file: self, required: common + kindName.requiredKeys, optional: optionalCommon + kindName.keys.filter { !kindName.requiredKeys.contains($0) }) else { return nil }
        guard let id = reader.id(), let label = reader.text("label", nonEmpty: true), let kind = readKind(kindName, reader) else { return nil }
        let field = CanvasField(id: id, label: label, prompt: reader.text("prompt"), required: reader.bool("required") ?? true, kind: kind)
        return .field(field, location(of: node))
    }

    private func readKind(_ name: CanvasFieldKind.Name, _ reader: MappingReader) -> CanvasFieldKind? {
        switch name {
        case .text:
            let minimum = reader.integer("min_characters", minimum: 0, meaning: "a whole number of characters, zero or more")
            let maximum = reader.integer("max_characters", minimum: 1, meaning: "a whole number of characters greater than zero")
            let sentences = reader.integer("max_sentences", minimum: 1, meaning: "a whole number of sentences greater than zero")
            guard checkOrder(minimum, maximum, "min_characters", "max_characters", reader) else { return nil }
            return .text(TextSpec(minCharacters: minimum, maxCharacters: maximum, maxSentences: sentences))
        case .list:
            let minimum = reader.integer("min_items", minimum: 0, meaning: "a whole number of items, zero or more")
            let maximum = reader.integer("max_items", minimum: 1, meaning: "a whole number of items greater than zero")
            let characters = reader.integer("max_characters", minimum: 1, meaning: "a whole number of characters greater than zero")
            guard checkOrder(minimum, maximum, "min_items", "max_items", reader) else { return nil }
            return .list(ListSpec(minItems: minimum, maxItems: maximum, maxCharacters: characters))
        case .table:
            let minimum = reader.integer("min_rows", minimum: 0, meaning: "a whole number of rows, zero or more")
            let maximum = reader.integer("max_rows", minimum: 1, meaning: "a whole number of rows greater than zero")
            guard checkOrder(minimum, maximum, "min_rows", "max_rows", reader),
                  let nodes = reader.list("columns", nonEmpty: true), !nodes.isEmpty else { return nil }
            var columns: [TableSpec.Column] = []
            for (index, node) in nodes.enumerated() {
                guard let column = MappingReader(node, subject: "\(reader.subject): column \(index + 1)", file: self, required: ["id", "label"], optional: ["type"]),
                      let id = column.id(), let label = column.text("label", nonEmpty: true) else { continue }
                if columns.contains(where: { $0.id == id }) {
                    error("\(reader.subject) has two columns with the id \"\(id)\"", at: column.value("id"))
                    continue
                }
                columns.append(TableSpec.Column(id: id, label: label, type: column.choice("type", of: TableSpec.Column.ValueType.self) ?? .text))
            }
            guard columns.count == nodes.count else { return nil }
            return .table(TableSpec(columns: columns, minRows: minimum, maxRows: maximum))
        case .perPartner:
            let answer = reader.choice("answer", of: PerPartnerSpec.Answer.self) ?? .text
            let options = readOptionList(reader, key: "options")
            if answer == .choice && options == nil && !reader.has("options") && !reader.has("options_from") {
                error("\(reader.subject) has answer \"choice\" but no options: add \"options\" or \"options_from\"", at: reader.node)
                return nil
            }
            if answer == .text && (reader.has("options") || reader.has("options_from")) {
                error("\(reader.subject) lists options but its answer is \"text\"; set answer: choice", at: reader.keyNode("answer") ?? reader.node)
                return nil
            }
            if reader.has("multiple") && answer == .text {
                error("\(reader.subject): \"multiple\" applies only to answer: choice", at: reader.keyNode("multiple"))
            }
            return .perPartner(PerPartnerSpec(answer: answer, options: options, multiple: reader.bool("multiple") ?? false))
        case .tokenVote:
            guard let nodes = reader.list("tokens", nonEmpty: true), !nodes.isEmpty else { return nil }
            var tokens: [TokenVoteSpec.Token] = []
            for (index, node) in nodes.enumerated() {
                guard let token = MappingReader(node, subject: "\(reader.subject): token \(index + 1)", file: self, required: ["colour", "label", "per_participant"], optional: []),
                      let colour = token.id("colour"), let label = token.text("label", nonEmpty: true),
                      let count = token.integer("per_participant", minimum: 1, meaning: "a whole number of tokens greater than zero") else { continue }
                if tokens.contains(where: { $0.colour == colour }) {
                    error("\(reader.subject) declares the token colour \"\(colour)\" twice", at: token.value("colour"))
                    continue
                }
                tokens.append(.init(colour: colour, label: label, perParticipant: count))
            }
            guard tokens.count == nodes.count, let targets = readOptionList(reader, key: "targets", required: true) else { return nil }
            var ratio: TokenVoteSpec.Ratio?
            if let ratioReader = reader.mapping("ratio", required: ["numerator", "denominator"], optional: []) {
                guard let numerator = ratioReader.id("numerator"), let denominator = ratioReader.id("denominator") else { return nil }
                for (key, colour) in [("numerator", numerator), ("denominator", denominator)] where !tokens.contains(where: { $0.colour == colour }) {
                    error("\(reader.subject): the ratio's \(key) \"\(colour)\" is not one of its token colours (\(tokens.map { "\"\($0.colour)\"" }.joined(separator: ", ")))", at: ratioReader.value(key))
                    return nil
                }
                if numerator == denominator {
                    error("\(reader.subject): the ratio divides \"\(numerator)\" by itself; name two different colours", at: ratioReader.node)
                    return nil
                }
                ratio = .init(numerator: numerator, denominator: denominator)
            } else if reader.has("ratio") {
                return nil
            }
            return .tokenVote(TokenVoteSpec(tokens: tokens, targets: targets, ratio: ratio))
        case .rating:
            guard let criteria = readOptionList(reader, key: "criteria", required: true),
                  let scaleReader = reader.mapping("scale", required: ["min", "max"], optional: ["low_label", "high_label"]) else { return nil }
            guard let low = scaleReader.integer("min", minimum: Int.min, meaning: "a whole number"),
                  let high = scaleReader.integer("max", minimum: Int.min, meaning: "a whole number") else { return nil }
            guard low < high else {
                error("\(reader.subject): the scale's min \(low) must be less than its max \(high)", at: scaleReader.node)
                return nil
            }
            let scale = RatingSpec.Scale(min: low, max: high, lowLabel: scaleReader.text("low_label"), highLabel: scaleReader.text("high_label"))
            let subjects: RatingSpec.Subjects
            if reader.has("subjects_from") {
                if reader.has("subjects") {
                    error("\(reader.subject) has both \"subjects\" and \"subjects_from\"; keep one", at: reader.keyNode("subjects_from"))
                    return nil
                }
                guard let list = readOptionList(reader, key: "subjects") else { return nil }
                subjects = .listed(list)
            } else if let value = reader.value("subjects"), case .scalar(let scalar) = value {
                switch scalar.string {
                case "partners": subjects = .partners
                case "entered": subjects = .entered
                default:
                    error("\(reader.subject): \"subjects\" must be \"partners\", \"entered\" or a list of options, not \(describe(value))", at: value)
                    return nil
                }
            } else if reader.has("subjects") {
                guard let list = readOptionList(reader, key: "subjects") else { return nil }
                subjects = .listed(list)
            } else {
                subjects = .entered
            }
            return .rating(RatingSpec(criteria: criteria, subjects: subjects, scale: scale))
        case .checklist:
            guard let items = readOptionList(reader, key: "items", required: true) else { return nil }
            return .checklist(ChecklistSpec(items: items))
        case .tree:
            guard let root = reader.text("root_label", nonEmpty: true),
                  let branches = readOptions(reader, key: "branches") else { return nil }
            let depth = reader.integer("max_depth", minimum: 1, meaning: "a whole number of levels greater than zero")
            if reader.has("max_depth") && depth == nil { return nil }
            return .tree(TreeSpec(rootLabel: root, branches: branches, maxDepth: depth ?? 3))
        case .grid:
            func axis(_ key: String) -> GridSpec.Axis? {
                guard let axis = reader.mapping(key, required: ["label", "low", "high"], optional: []),
                      let label = axis.text("label", nonEmpty: true), let low = axis.text("low", nonEmpty: true),
                      let high = axis.text("high", nonEmpty: true) else { return nil }
                return GridSpec.Axis(label: label, low: low, high: high)
            }
            let x = axis("x_axis")
            let y = axis("y_axis")
            var quadrants: [String]?
            if reader.has("quadrants") {
                let labels = reader.textList("quadrants")
                guard labels.count == 4 else {
                    error("\(reader.subject): \"quadrants\" must list exactly four labels (top left, top right, bottom left, bottom right), not \(labels.count)", at: reader.value("quadrants"))
                    return nil
                }
                quadrants = labels
            }
            guard let x, let y else { return nil }
            let items = reader.choice("items", of: GridSpec.Items.self)
            if reader.has("items") && items == nil { return nil }
            return .grid(GridSpec(xAxis: x, yAxis: y, items: items ?? .entered, quadrants: quadrants))
        }
    }

    /// Reports a minimum above its maximum; `true` when the pair is in order or incomplete.
    private func checkOrder(_ minimum: Int?, _ maximum: Int?, _ minKey: String, _ maxKey: String, _ reader: MappingReader) -> Bool {
        guard let minimum, let maximum, minimum > maximum else { return true }
        error("\(reader.subject): \"\(minKey)\" (\(minimum)) is greater than \"\(maxKey)\" (\(maximum))", at: reader.value(minKey))
        return false
    }

    /// An option list written out under `key`, or named under `key_from` as TOOL-ID/SET-ID.
    private func readOptionList(_ reader: MappingReader, key: String, required: Bool = false) -> ChoiceList? {
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

extension CanvasFieldKind.Name {
    /// The keys this kind takes besides the common ones.
    var keys: [String] {
        switch self {
        case .text: ["min_characters", "max_characters", "max_sentences"]
        case .list: ["min_items", "max_items", "max_characters"]
        case .table: ["columns", "min_rows", "max_rows"]
        case .perPartner: ["answer", "options", "options_from", "multiple"]
        case .tokenVote: ["tokens", "targets", "targets_from", "ratio"]
        case .rating: ["criteria", "criteria_from", "subjects", "subjects_from", "scale"]
        case .checklist: ["items", "items_from"]
        case .tree: ["root_label", "branches", "max_depth"]
        case .grid: ["x_axis", "y_axis", "items", "quadrants"]
        }
    }

    /// The keys this kind cannot do without (options given either way are checked separately).
    var requiredKeys: [String] {
        switch self {
        case .text, .list, .perPartner, .checklist: []
        case .table: ["columns"]
        case .tokenVote: ["tokens"]
        case .rating: ["scale"]
        case .tree: ["root_label", "branches"]
        case .grid: ["x_axis", "y_axis"]
        }
    }
}
