/// Rows under declared columns: indicators, action items.
public struct TableSpec: Sendable, Hashable, Codable {
    /// One column of a table.
    public struct Column: Sendable, Hashable, Codable {
        /// What a cell holds.
        public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
            case text, number, date, person, partner
        }
        public var id: String
        public var label: String
        public var type: ValueType
        public init(id: String, label: String, type: ValueType = .text) {
            self.id = id
            self.label = label
            self.type = type
        }
    }
    public var columns: [Column]
    public var minRows: Int?
    public var maxRows: Int?
    public init(columns: [Column], minRows: Int? = nil, maxRows: Int? = nil) {
        self.columns = columns
        self.minRows = minRows
        self.maxRows = maxRows
    }
}

extension TableSpec: FieldKindSpec {
    /// The edits a table takes.
    enum Edit: Sendable, Hashable {
        case addRow(row: String, cells: [String: String])
        case setCell(row: String, column: String, value: String)
        case removeRow(row: String)
    }

    static var name: CanvasFieldKind.Name { .table }
    static var keys: [String] { ["columns", "min_rows", "max_rows"] }
    static var requiredKeys: [String] { ["columns"] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> TableSpec? {
        let minimum = reader.integer("min_rows", minimum: 0, meaning: "a whole number of rows, zero or more")
        let maximum = reader.integer("max_rows", minimum: 1, meaning: "a whole number of rows greater than zero")
        guard file.checkOrder(minimum, maximum, "min_rows", "max_rows", reader),
              let nodes = reader.list("columns", nonEmpty: true), !nodes.isEmpty else { return nil }
        var columns: [Column] = []
        for (index, node) in nodes.enumerated() {
            guard let column = MappingReader(node, subject: "\(reader.subject): column \(index + 1)", file: file, required: ["id", "label"], optional: ["type"]),
                  let id = column.id(), let label = column.text("label", nonEmpty: true) else { continue }
            if columns.contains(where: { $0.id == id }) {
                file.error("\(reader.subject) has two columns with the id \"\(id)\"", at: column.value("id"))
                continue
            }
            columns.append(Column(id: id, label: label, type: column.choice("type", of: Column.ValueType.self) ?? .text))
        }
        guard columns.count == nodes.count else { return nil }
        return TableSpec(columns: columns, minRows: minimum, maxRows: maximum)
    }

    var kind: CanvasFieldKind { .table(self) }
    var optionLists: [ChoiceList] { [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> TableSpec { self }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let id = check.id
        let label = check.field.label
        switch edit {
        case .addRow(let row, let cells):
            try check.id(row, "row")
            let rows = state.tables[id] ?? []
            guard !rows.contains(where: { $0.id == row }) else { throw check.fail("\(label) already has a row with this id.") }
            try check.room(rows.count, max: maxRows, noun: "rows")
            var clean: [String: String] = [:]
            for (column, value) in cells { clean[column] = try cell(column, value, check: check) }
            state.tables[id, default: []].append(CanvasState.Row(id: row, cells: clean))
        case .setCell(let row, let column, let value):
            guard let index = state.tables[id]?.firstIndex(where: { $0.id == row }) else { throw check.fail("That row is no longer in \(label).") }
            state.tables[id]![index].cells[column] = try cell(column, value, check: check)
        case .removeRow(let row):
            guard state.tables[id]?.contains(where: { $0.id == row }) == true else { throw check.fail("That row is no longer in \(label).") }
            state.tables[id]!.removeAll { $0.id == row }
        }
    }

    /// A cell's value trimmed and checked against its column's type.
    private func cell(_ column: String, _ value: String, check: FieldEditCheck) throws(CanvasEditError) -> String {
        guard let declared = columns.first(where: { $0.id == column }) else {
            throw check.fail("\(check.field.label) has no column \"\(column.prefix(40))\".")
        }
        let clean = try CanvasText.check(value, maxCharacters: CanvasLimits.entryCharacters, what: declared.label, field: check.field)
        guard !clean.isEmpty else { return clean }
        switch declared.type {
        case .number where Double(clean) == nil:
            throw check.fail("\(declared.label) takes a number.")
        case .date where !CanvasText.isDate(clean):
            throw check.fail("\(declared.label) takes a date as YYYY-MM-DD.")
        case .partner where !check.context.partners.contains(clean):
            throw check.fail("\(declared.label) takes one of the partnership's partners.")
        case .text, .number, .date, .person, .partner:
            return clean
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.columns = columns.map(\.label)
        summary.rows = (state.tables[field.id] ?? []).map { row in
            columns.map { column in
                let value = row.cells[column.id] ?? ""
                return column.type == .partner ? (value.isEmpty ? "" : name(value)) : value
            }
        }
    }

    func goal(in state: CanvasState, field: CanvasField) -> FieldGoal? {
        minRows.map { FieldGoal(field: field.id, label: field.label, have: state.tables[field.id]?.count ?? 0, want: $0, unit: "rows") }
    }

    var outline: [String] {
        [columns.map(\.label).joined(separator: " / "), boundsOutline(minRows, maxRows, "rows")].compactMap { $0 }
    }
}
