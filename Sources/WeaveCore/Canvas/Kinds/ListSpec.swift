/// A list of short items: "3–5 core causes".
public struct ListSpec: Sendable, Hashable, Codable {
    public var minItems: Int?
    public var maxItems: Int?
    /// The longest an item may be.
    public var maxCharacters: Int?
    public init(minItems: Int? = nil, maxItems: Int? = nil, maxCharacters: Int? = nil) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.maxCharacters = maxCharacters
    }
}

extension ListSpec: FieldKindSpec {
    /// The edits a list takes.
    enum Edit: Sendable, Hashable {
        case add(item: String, text: String)
        case edit(item: String, text: String)
        case remove(item: String)
    }

    static var name: CanvasFieldKind.Name { .list }
    static var keys: [String] { ["min_items", "max_items", "max_characters"] }
    static var requiredKeys: [String] { [] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> ListSpec? {
        let minimum = reader.integer("min_items", minimum: 0, meaning: "a whole number of items, zero or more")
        let maximum = reader.integer("max_items", minimum: 1, meaning: "a whole number of items greater than zero")
        let characters = reader.integer("max_characters", minimum: 1, meaning: "a whole number of characters greater than zero")
        guard file.checkOrder(minimum, maximum, "min_items", "max_items", reader) else { return nil }
        return ListSpec(minItems: minimum, maxItems: maximum, maxCharacters: characters)
    }

    var kind: CanvasFieldKind { .list(self) }
    var optionLists: [ChoiceList] { [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> ListSpec { self }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let id = check.id
        let label = check.field.label
        switch edit {
        case .add(let item, let text):
            try check.id(item, "item")
            let clean = try check.entry(text, limit: maxCharacters, "item")
            let items = state.lists[id] ?? []
            guard !items.contains(where: { $0.id == item }) else { throw check.fail("\(label) already has an item with this id.") }
            try check.room(items.count, max: maxItems, noun: "items")
            state.lists[id, default: []].append(CanvasState.Entry(id: item, text: clean))
        case .edit(let item, let text):
            let clean = try check.entry(text, limit: maxCharacters, "item")
            guard let index = state.lists[id]?.firstIndex(where: { $0.id == item }) else { throw check.fail("That item is no longer in \(label).") }
            state.lists[id]![index].text = clean
        case .remove(let item):
            guard state.lists[id]?.contains(where: { $0.id == item }) == true else { throw check.fail("That item is no longer in \(label).") }
            state.lists[id]!.removeAll { $0.id == item }
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        // An item a group added says which ("Cold storage (Triad 2)"), in the Markdown and printable exports too.
        let groups = state.itemGroups[field.id] ?? [:]
        summary.lines = (state.lists[field.id] ?? []).map { item in groups[item.id].map { "\(item.text) (\($0))" } ?? item.text }
    }

    func goal(in state: CanvasState, field: CanvasField) -> FieldGoal? {
        minItems.map { FieldGoal(field: field.id, label: field.label, have: state.lists[field.id]?.count ?? 0, want: $0, unit: "items") }
    }

    var outline: [String] { [boundsOutline(minItems, maxItems, "items")].compactMap { $0 } }
}
