import Yams

/// What a canvas field kind is, in one place: its parameters (the conforming spec), the YAML keys it takes
/// and how they are read, how the edits meant for it apply, and how its content and limits read in words.
///
/// Each kind lives in its own file (`TextSpec.swift`, `ListSpec.swift`, …). Adding a kind means one such
/// file, one case in ``CanvasFieldKind`` and its ``CanvasFieldKind/Name``, and one case in ``KindEdit``; the
/// compiler then points at every exhaustive switch that must learn it.
protocol FieldKindSpec: Sendable, Hashable, Codable {
    /// The edits that apply to this kind of field.
    associatedtype Edit

    /// The kind's name as written in YAML.
    static var name: CanvasFieldKind.Name { get }
    /// The YAML keys this kind takes besides the common ones (`id`, `kind`, `label`, `prompt`, `required`).
    static var keys: [String] { get }
    /// The keys this kind cannot do without (options given either way are checked separately).
    static var requiredKeys: [String] { get }
    /// Reads the kind's keys, reporting every problem to the reader's file.
    ///
    /// - Returns: the spec, or `nil` after reporting at least one problem.
    static func read(_ reader: MappingReader, in file: LibraryFile) -> Self?

    /// The spec wrapped as a field kind.
    var kind: CanvasFieldKind { get }
    /// Every option list the kind holds, for resolving `…_from` references.
    var optionLists: [ChoiceList] { get }
    /// The same spec with its option lists replaced, in the order ``optionLists`` gives them.
    func replacingOptionLists(_ lists: [ChoiceList]) -> Self
    /// Applies an edit to the field's part of `state`, or says why not (leaving `state` as it may be:
    /// the caller discards it).
    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError)
    /// Fills in the summary's text, lines or table from the field's content.
    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String)
    /// The kind's limits in a few words each: `["3–5 items"]`.
    var outline: [String] { get }
    /// How far the field is towards the minimum its spec sets (`min_items`, `min_characters`, `min_rows`),
    /// or `nil` when it sets none.
    func goal(in state: CanvasState, field: CanvasField) -> FieldGoal?
}

extension FieldKindSpec {
    /// Kinds without a minimum have no goal.
    func goal(in state: CanvasState, field: CanvasField) -> FieldGoal? { nil }
}

/// A field's minimum as a goal with progress: shown while people type, and checked (as a warning, never a
/// block) when the facilitator closes the field's phase.
public struct FieldGoal: Sendable, Hashable, Codable {
    public var field: String
    public var label: String
    /// What the field holds now, and the least it should.
    public var have: Int
    public var want: Int
    /// "items", "characters", "rows".
    public var unit: String

    /// Whether the minimum is reached.
    public var isMet: Bool { have >= want }

    /// "Core causes has 2 of at least 3 items."
    public var message: String { "\(label) has \(have) of at least \(want) \(unit)." }
}

extension CanvasState {
    /// The field's goal with its progress, when its kind sets a minimum.
    public func goal(of field: CanvasField) -> FieldGoal? {
        field.kind.spec.goal(in: self, field: field)
    }

    /// The goals not yet reached among these fields (a phase's canvas), in order: what to warn about when
    /// the facilitator closes the phase.
    public func unmetGoals(_ fields: [CanvasField]) -> [FieldGoal] {
        fields.compactMap { goal(of: $0) }.filter { !$0.isMet }
    }
}

extension CanvasFieldKind {
    /// The kind's spec, for everything every kind provides.
    var spec: any FieldKindSpec {
        switch self {
        case .text(let spec): spec
        case .list(let spec): spec
        case .table(let spec): spec
        case .perPartner(let spec): spec
        case .tokenVote(let spec): spec
        case .rating(let spec): spec
        case .checklist(let spec): spec
        case .tree(let spec): spec
        case .grid(let spec): spec
        }
    }

    /// The kind's name and limits in a few words: "list, 3–5 items".
    public var outline: String {
        ([name.rawValue] + spec.outline).joined(separator: ", ")
    }
}

extension CanvasFieldKind.Name {
    /// The spec type of the kind with this name.
    var specType: any FieldKindSpec.Type {
        switch self {
        case .text: TextSpec.self
        case .list: ListSpec.self
        case .table: TableSpec.self
        case .perPartner: PerPartnerSpec.self
        case .tokenVote: TokenVoteSpec.self
        case .rating: RatingSpec.self
        case .checklist: ChecklistSpec.self
        case .tree: TreeSpec.self
        case .grid: GridSpec.self
        }
    }

    /// The keys this kind takes besides the common ones.
    var keys: [String] { specType.keys }

    /// The keys this kind cannot do without.
    var requiredKeys: [String] { specType.requiredKeys }
}

/// A ``CanvasEdit`` sorted by the kind of field it applies to, so that applying it is one exhaustive switch
/// over field kinds and, inside each kind, one exhaustive switch over that kind's edits.
enum KindEdit {
    case text(TextSpec.Edit)
    case list(ListSpec.Edit)
    case table(TableSpec.Edit)
    case perPartner(PerPartnerSpec.Edit)
    case tokenVote(TokenVoteSpec.Edit)
    case rating(RatingSpec.Edit)
    case checklist(ChecklistSpec.Edit)
    case tree(TreeSpec.Edit)
    case grid(GridSpec.Edit)
}

extension CanvasEdit {
    /// The edit, sorted by the kind of field it applies to.
    var byKind: KindEdit {
        switch self {
        case .setText(_, let text): .text(.set(text: text))
        case .addItem(_, let item, let text): .list(.add(item: item, text: text))
        case .editItem(_, let item, let text): .list(.edit(item: item, text: text))
        case .removeItem(_, let item): .list(.remove(item: item))
        case .addRow(_, let row, let cells): .table(.addRow(row: row, cells: cells))
        case .setCell(_, let row, let column, let value): .table(.setCell(row: row, column: column, value: value))
        case .removeRow(_, let row): .table(.removeRow(row: row))
        case .setPartnerAnswer(_, let partner, let text, let choices): .perPartner(.answer(partner: partner, text: text, choices: choices))
        case .placeToken(_, let colour, let target): .tokenVote(.place(colour: colour, target: target))
        case .removeToken(_, let colour, let target): .tokenVote(.remove(colour: colour, target: target))
        case .addSubject(_, let subject, let name): .rating(.addSubject(subject: subject, name: name))
        case .rate(_, let subject, let criterion, let score): .rating(.rate(subject: subject, criterion: criterion, score: score))
        case .rateOwn(_, let subject, let criterion, let score): .rating(.rateOwn(subject: subject, criterion: criterion, score: score))
        case .check(_, let item, let checked): .checklist(.check(item: item, checked: checked))
        case .addNode(_, let node, let branch, let parent, let text): .tree(.add(node: node, branch: branch, parent: parent, text: text))
        case .editNode(_, let node, let text): .tree(.edit(node: node, text: text))
        case .removeNode(_, let node): .tree(.remove(node: node))
        case .placeOnGrid(_, let item, let label, let x, let y): .grid(.place(item: item, label: label, x: x, y: y))
        case .removeFromGrid(_, let item): .grid(.remove(item: item))
        }
    }
}

/// The checks every kind's edits share, bound to the field being edited and who edits it.
struct FieldEditCheck {
    /// The field being edited.
    let field: CanvasField
    /// The fields and partners the edit is checked against.
    let context: CanvasContext
    /// The participant making the edit.
    let author: String

    /// The field's id, the key of its part of the state.
    var id: String { field.id }

    /// An error about this field.
    func fail(_ message: String) -> CanvasEditError { CanvasEditError(field: field.id, message) }

    /// Refuses an id a client made up that is empty, too long or not letters, digits, - or _.
    func id(_ id: String, _ what: String) throws(CanvasEditError) {
        guard !id.isEmpty, id.count <= CanvasLimits.idCharacters,
              id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw fail("The \(what) id \"\(id.prefix(20))\" is not valid: use up to \(CanvasLimits.idCharacters) letters, digits, - or _.")
        }
    }

    /// The entry trimmed, or why it is refused (see ``CanvasText/check(_:maxCharacters:what:field:)``).
    func entry(_ text: String, limit: Int? = nil, _ what: String = "text") throws(CanvasEditError) -> String {
        try CanvasText.check(text, maxCharacters: limit ?? CanvasLimits.entryCharacters, what: what, field: field)
    }

    /// Refuses one more entry when the field already holds `count` of at most `max` (and never more than
    /// ``CanvasLimits/entries``).
    func room(_ count: Int, max: Int? = nil, noun: String) throws(CanvasEditError) {
        let limit = min(max ?? CanvasLimits.entries, CanvasLimits.entries)
        if count >= limit { throw fail("\(field.label) holds at most \(limit) \(noun).") }
    }
}

/// A count's bounds in words: "3–5 items", "at least 2 rows", or `nil` when unbounded.
func boundsOutline(_ low: Int?, _ high: Int?, _ noun: String) -> String? {
    switch (low, high) {
    case let (low?, high?) where low == high: "exactly \(low) \(noun)"
    case let (low?, high?): "\(low)–\(high) \(noun)"
    case let (low?, nil): "at least \(low) \(noun)"
    case let (nil, high?): "at most \(high) \(noun)"
    case (nil, nil): nil
    }
}
