/// What an edit is checked against: the canvas's fields and the partnership's partner organisations.
public struct CanvasContext: Sendable, Hashable {
    /// The fields, by id.
    public var fields: [String: CanvasField]
    /// Ids of the partner organisations taking part.
    public var partners: Set<String>

    /// Creates a context from fields in canvas order.
    public init(fields: [CanvasField], partners: Set<String>) {
        self.fields = Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.partners = partners
    }
}

/// Limits that hold for every field, whatever the library says, so no one can fill a canvas without end.
public enum CanvasLimits {
    /// The longest a text may be when its field sets no limit.
    public static let textCharacters = 5_000
    /// The longest a list item, cell, node or label may be when its field sets no limit.
    public static let entryCharacters = 500
    /// The most items, rows, nodes, subjects or grid items one field may hold.
    public static let entries = 500
    /// The longest a client-made id may be.
    public static let idCharacters = 64
    /// The most UTF-8 bytes a text may use per character it may hold: room for any script and for emoji
    /// sequences (a family of four is 25 bytes), while a text's size in a message stays bounded — 160 KB for
    /// 5,000 characters — whatever combining marks it piles onto one character.
    public static let bytesPerCharacter = 32
    /// The most text one field may hold, in bytes of UTF-8 (every text, entry, cell, answer and label
    /// together), so that one field's event and its share of a snapshot stay bounded: 500 list items of 500
    /// plain characters still fit.
    public static let fieldBytes = 256 * 1024
}

extension CanvasState {
    /// The state after an edit by a participant, or why the edit is refused.
    ///
    /// - Parameters:
    ///   - edit: the change.
    ///   - author: the participant making it; tokens are counted against their budget.
    ///   - context: the fields and partners the edit is checked against.
    public func applying(_ edit: CanvasEdit, by author: String, in context: CanvasContext) throws(CanvasEditError) -> CanvasState {
        let fieldID = edit.field
        guard let field = context.fields[fieldID] else {
            throw CanvasEditError(field: fieldID, "There is no field \"\(fieldID)\" on this canvas.")
        }
        func fail(_ message: String) -> CanvasEditError { CanvasEditError(field: fieldID, message) }
        func wrongKind() -> CanvasEditError { fail("\(field.label) is a \(field.kind.name.rawValue) field; this change does not apply to it.") }
        func checkID(_ id: String, _ what: String) throws(CanvasEditError) {
            guard !id.isEmpty, id.count <= CanvasLimits.idCharacters,
                  id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
                throw fail("The \(what) id \"\(id.prefix(20))\" is not valid: use up to \(CanvasLimits.idCharacters) letters, digits, - or _.")
            }
        }
        func checkEntry(_ text: String, limit: Int? = nil, _ what: String = "text") throws(CanvasEditError) -> String {
            try CanvasText.check(text, maxCharacters: limit ?? CanvasLimits.entryCharacters, what: what, field: field)
        }
        func checkRoom(_ count: Int, max: Int? = nil, noun: String) throws(CanvasEditError) {
            let limit = min(max ?? CanvasLimits.entries, CanvasLimits.entries)
            if count >= limit { throw fail("\(field.label) holds at most \(limit) \(noun).") }
        }

        var next = self
        switch (edit, field.kind) {
        case (.setText(_, let text), .text(let spec)):
            let clean = try CanvasText.check(text, maxCharacters: spec.maxCharacters ?? CanvasLimits.textCharacters, what: "text", field: field)
            if let sentences = spec.maxSentences, CanvasText.sentenceCount(clean) > sentences {
                throw fail("\(field.label) takes at most \(sentences) sentence\(sentences == 1 ? "" : "s"); this has \(CanvasText.sentenceCount(clean)).")
            }
            if texts[fieldID] != nil { next.earlierTexts[fieldID, default: 0] += 1 }
            next.texts[fieldID] = TextVersion(text: clean, author: author)

        case (.addItem(_, let item, let text), .list(let spec)):
            try checkID(item, "item")
            let clean = try checkEntry(text, limit: spec.maxCharacters, "item")
            let items = lists[fieldID] ?? []
            guard !items.contains(where: { $0.id == item }) else { throw fail("\(field.label) already has an item with this id.") }
            try checkRoom(items.count, max: spec.maxItems, noun: "items")
            next.lists[fieldID, default: []].append(Entry(id: item, text: clean))
        case (.editItem(_, let item, let text), .list(let spec)):
            let clean = try checkEntry(text, limit: spec.maxCharacters, "item")
            guard let index = lists[fieldID]?.firstIndex(where: { $0.id == item }) else { throw fail("That item is no longer in \(field.label).") }
            next.lists[fieldID]![index].text = clean
        case (.removeItem(_, let item), .list):
            guard lists[fieldID]?.contains(where: { $0.id == item }) == true else { throw fail("That item is no longer in \(field.label).") }
            next.lists[fieldID]!.removeAll { $0.id == item }

        case (.addRow(_, let row, let cells), .table(let spec)):
            try checkID(row, "row")
            let rows = tables[fieldID] ?? []
            guard !rows.contains(where: { $0.id == row }) else { throw fail("\(field.label) already has a row with this id.") }
            try checkRoom(rows.count, max: spec.maxRows, noun: "rows")
            var clean: [String: String] = [:]
            for (column, value) in cells { clean[column] = try checkCell(column, value, spec: spec, field: field, context: context) }
            next.tables[fieldID, default: []].append(Row(id: row, cells: clean))
        case (.setCell(_, let row, let column, let value), .table(let spec)):
            guard let index = tables[fieldID]?.firstIndex(where: { $0.id == row }) else { throw fail("That row is no longer in \(field.label).") }
            next.tables[fieldID]![index].cells[column] = try checkCell(column, value, spec: spec, field: field, context: context)
        case (.removeRow(_, let row), .table):
            guard tables[fieldID]?.contains(where: { $0.id == row }) == true else { throw fail("That row is no longer in \(field.label).") }
            next.tables[fieldID]!.removeAll { $0.id == row }

        case (.setPartnerAnswer(_, let partner, let text, let choices), .perPartner(let spec)):
            guard context.partners.contains(partner) else { throw fail("That partner is not part of this partnership.") }
            switch spec.answer {
            case .text:
                guard choices.isEmpty else { throw fail("\(field.label) takes a written answer, not a choice.") }
                var answer: String?
                if let text { answer = try checkEntry(text, limit: CanvasLimits.textCharacters, "answer") }
                next.partnerAnswers[fieldID, default: [:]][partner] = PartnerAnswer(text: answer, choices: [])
            case .choice:
                guard text == nil else { throw fail("\(field.label) takes a choice, not a written answer.") }
                let allowed = Set(spec.options?.options.map(\.id) ?? [])
                if let unknown = choices.first(where: { !allowed.contains($0) }) {
                    throw fail("\"\(unknown.prefix(40))\" is not one of the choices for \(field.label).")
                }
                guard spec.multiple || choices.count <= 1 else { throw fail("\(field.label) takes one choice per partner.") }
                guard Set(choices).count == choices.count else { throw fail("The same choice is given twice.") }
                next.partnerAnswers[fieldID, default: [:]][partner] = PartnerAnswer(text: nil, choices: choices)
            }

        case (.placeToken(_, let colour, let target), .tokenVote(let spec)):
            guard let token = spec.tokens.first(where: { $0.colour == colour }) else { throw fail("\(field.label) has no \(colour.prefix(20)) tokens.") }
            guard spec.targets.options.contains(where: { $0.id == target }) else { throw fail("\(field.label) has no target \"\(target.prefix(40))\".") }
            let used = (tokens[fieldID] ?? []).filter { $0.participant == author && $0.colour == colour }.count
            guard used < token.perParticipant else {
                throw fail("You have placed all \(token.perParticipant) of your \(token.label.lowercased()) (\(colour)) tokens; take one back to place it elsewhere.")
            }
            next.tokens[fieldID, default: []].append(Token(participant: author, colour: colour, target: target))
        case (.removeToken(_, let colour, let target), .tokenVote):
            guard let index = tokens[fieldID]?.lastIndex(where: { $0.participant == author && $0.colour == colour && $0.target == target }) else {
                throw fail("You have no \(colour.prefix(20)) token on that target.")
            }
            next.tokens[fieldID]!.remove(at: index)

        case (.addSubject(_, let subject, let name), .rating(let spec)):
            guard case .entered = spec.subjects else { throw fail("\(field.label) rates a fixed list; subjects cannot be added.") }
            try checkID(subject, "subject")
            let clean = try checkEntry(name, "name")
            let existing = subjects[fieldID] ?? []
            guard !existing.contains(where: { $0.id == subject }) else { throw fail("\(field.label) already has a subject with this id.") }
            try checkRoom(existing.count, noun: "subjects")
            next.subjects[fieldID, default: []].append(Entry(id: subject, text: clean))
        case (.rate(_, let subject, let criterion, let score), .rating(let spec)):
            let known: Bool
            switch spec.subjects {
            case .partners: known = context.partners.contains(subject)
            case .entered: known = subjects[fieldID]?.contains { $0.id == subject } == true
            case .listed(let list): known = list.options.contains { $0.id == subject }
            }
            guard known else { throw fail("\(field.label) has no subject with that id.") }
            guard spec.criteria.options.contains(where: { $0.id == criterion }) else { throw fail("\(field.label) has no criterion \"\(criterion.prefix(40))\".") }
            if let score, !(spec.scale.min...spec.scale.max).contains(score) {
                throw fail("Scores for \(field.label) run from \(spec.scale.min) to \(spec.scale.max); \(score) is outside.")
            }
            next.ratings[fieldID, default: [:]][subject, default: [:]][criterion] = score

        case (.check(_, let item, let isChecked), .checklist(let spec)):
            guard spec.items.options.contains(where: { $0.id == item }) else { throw fail("\(field.label) has no item \"\(item.prefix(40))\".") }
            if isChecked { next.checked[fieldID, default: []].insert(item) } else { next.checked[fieldID]?.remove(item) }

        case (.addNode(_, let node, let branch, let parent, let text), .tree(let spec)):
            try checkID(node, "node")
            guard spec.branches.contains(where: { $0.id == branch }) else { throw fail("\(field.label) has no branch \"\(branch.prefix(40))\".") }
            let nodes = trees[fieldID] ?? []
            guard !nodes.contains(where: { $0.id == node }) else { throw fail("\(field.label) already has a node with this id.") }
            try checkRoom(nodes.count, noun: "entries")
            if let parent {
                guard let parentNode = nodes.first(where: { $0.id == parent }) else { throw fail("The entry to add under is no longer in \(field.label).") }
                guard parentNode.branch == branch else { throw fail("A node must sit on the same branch as the node above it.") }
                var depth = 1
                var cursor: String? = parent
                while let current = cursor, let found = nodes.first(where: { $0.id == current }) { depth += 1; cursor = found.parent }
                guard depth <= spec.maxDepth else { throw fail("\(field.label) nests at most \(spec.maxDepth) levels deep.") }
            }
            next.trees[fieldID, default: []].append(TreeNode(id: node, branch: branch, parent: parent, text: try checkEntry(text)))
        case (.editNode(_, let node, let text), .tree):
            guard let index = trees[fieldID]?.firstIndex(where: { $0.id == node }) else { throw fail("That entry is no longer in \(field.label).") }
            next.trees[fieldID]![index].text = try checkEntry(text)
        case (.removeNode(_, let node), .tree):
            guard trees[fieldID]?.contains(where: { $0.id == node }) == true else { throw fail("That entry is no longer in \(field.label).") }
            var doomed: Set<String> = [node]
            var grew = true
            while grew {
                let before = doomed.count
                for entry in trees[fieldID]! where entry.parent.map(doomed.contains) == true { doomed.insert(entry.id) }
                grew = doomed.count > before
            }
            next.trees[fieldID]!.removeAll { doomed.contains($0.id) }

        case (.placeOnGrid(_, let item, let label, let x, let y), .grid(let spec)):
            try checkID(item, "item")
            guard x.isFinite, y.isFinite, (0...1).contains(x), (0...1).contains(y) else { throw fail("A place on the grid runs from 0 to 1 on each axis.") }
            if spec.items == .partners, !context.partners.contains(item) { throw fail("That partner is not part of this partnership.") }
            let clean = try checkEntry(label, "label")
            if let index = grids[fieldID]?.firstIndex(where: { $0.id == item }) {
                next.grids[fieldID]![index] = GridItem(id: item, label: clean, x: x, y: y)
            } else {
                try checkRoom(grids[fieldID]?.count ?? 0, noun: "items")
                next.grids[fieldID, default: []].append(GridItem(id: item, label: clean, x: x, y: y))
            }
        case (.removeFromGrid(_, let item), .grid):
            guard grids[fieldID]?.contains(where: { $0.id == item }) == true else { throw fail("That item is no longer on \(field.label).") }
            next.grids[fieldID]!.removeAll { $0.id == item }

        default:
            throw wrongKind()
        }
        let size = next.textBytes(of: fieldID)
        if size > CanvasLimits.fieldBytes && size > textBytes(of: fieldID) {
            throw fail("\(field.label) is full: it holds at most \(CanvasLimits.fieldBytes / 1024) KB of text. Shorten or remove something first.")
        }
        return next
    }

    private func checkCell(_ column: String, _ value: String, spec: TableSpec, field: CanvasField, context: CanvasContext) throws(CanvasEditError) -> String {
        guard let declared = spec.columns.first(where: { $0.id == column }) else {
            throw CanvasEditError(field: field.id, "\(field.label) has no column \"\(column.prefix(40))\".")
        }
        let clean = try CanvasText.check(value, maxCharacters: CanvasLimits.entryCharacters, what: declared.label, field: field)
        switch declared.type {
        case .number where !clean.isEmpty && Double(clean) == nil:
            throw CanvasEditError(field: field.id, "\(declared.label) takes a number.")
        case .date where !clean.isEmpty && !CanvasText.isDate(clean):
            throw CanvasEditError(field: field.id, "\(declared.label) takes a date as YYYY-MM-DD.")
        case .partner where !clean.isEmpty && !context.partners.contains(clean):
            throw CanvasEditError(field: field.id, "\(declared.label) takes one of the partnership's partners.")
        default:
            return clean
        }
    }

    /// Rebuilds a canvas from edits in the order they were stored, skipping none: an edit that was accepted
    /// once is accepted again, so a failure here means the stored log and the rules disagree.
    public static func replaying(_ edits: some Sequence<(edit: CanvasEdit, author: String)>, in context: CanvasContext) throws(CanvasEditError) -> CanvasState {
        var state = CanvasState()
        for (edit, author) in edits { state = try state.applying(edit, by: author, in: context) }
        return state
    }
}
