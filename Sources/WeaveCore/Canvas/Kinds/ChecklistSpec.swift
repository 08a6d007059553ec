/// Items to tick.
public struct ChecklistSpec: Sendable, Hashable, Codable {
    public var items: ChoiceList
    public init(items: ChoiceList) { self.items = items }
}

extension ChecklistSpec: FieldKindSpec {
    /// The edits a checklist takes.
    enum Edit: Sendable, Hashable {
        case check(item: String, checked: Bool)
    }

    static var name: CanvasFieldKind.Name { .checklist }
    static var keys: [String] { ["items", "items_from"] }
    static var requiredKeys: [String] { [] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> ChecklistSpec? {
        guard let items = file.readOptionList(reader, key: "items", required: true) else { return nil }
        return ChecklistSpec(items: items)
    }

    var kind: CanvasFieldKind { .checklist(self) }
    var optionLists: [ChoiceList] { [items] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> ChecklistSpec {
        guard lists.count == optionLists.count else { return self }
        return ChecklistSpec(items: lists[0])
    }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        switch edit {
        case .check(let item, let isChecked):
            guard items.options.contains(where: { $0.id == item }) else { throw check.fail("\(check.field.label) has no item \"\(item.prefix(40))\".") }
            if isChecked { state.checked[check.id, default: []].insert(item) } else { state.checked[check.id]?.remove(item) }
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        let ticked = state.checked[field.id] ?? []
        summary.lines = ticked.isEmpty ? [] : items.options.map { (ticked.contains($0.id) ? "[x] " : "[ ] ") + $0.label }
    }

    var outline: [String] { ["\(items.options.count) items"] }
}
