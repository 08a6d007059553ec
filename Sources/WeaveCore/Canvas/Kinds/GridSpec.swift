import Foundation

/// Items placed on two axes, such as stakeholders by influence and interest.
public struct GridSpec: Sendable, Hashable, Codable {
    /// One axis and the words for its two ends.
    public struct Axis: Sendable, Hashable, Codable {
        public var label: String
        public var low: String
        public var high: String
        public init(label: String, low: String, high: String) {
            self.label = label
            self.low = low
            self.high = high
        }
    }
    /// Where the grid's items come from.
    public enum Items: String, Sendable, Hashable, Codable, CaseIterable { case partners, entered }
    public var xAxis: Axis
    public var yAxis: Axis
    public var items: Items
    /// Top left, top right, bottom left, bottom right.
    public var quadrants: [String]?
    public init(xAxis: Axis, yAxis: Axis, items: Items = .entered, quadrants: [String]? = nil) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.items = items
        self.quadrants = quadrants
    }
}

extension GridSpec: FieldKindSpec {
    /// The edits a grid takes.
    enum Edit: Sendable, Hashable {
        /// Places (or moves) an item; `x` and `y` run from 0 to 1.
        case place(item: String, label: String, x: Double, y: Double)
        case remove(item: String)
    }

    static var name: CanvasFieldKind.Name { .grid }
    static var keys: [String] { ["x_axis", "y_axis", "items", "quadrants"] }
    static var requiredKeys: [String] { ["x_axis", "y_axis"] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> GridSpec? {
        func axis(_ key: String) -> Axis? {
            guard let axis = reader.mapping(key, required: ["label", "low", "high"], optional: []),
                  let label = axis.text("label", nonEmpty: true), let low = axis.text("low", nonEmpty: true),
                  let high = axis.text("high", nonEmpty: true) else { return nil }
            return Axis(label: label, low: low, high: high)
        }
        let x = axis("x_axis")
        let y = axis("y_axis")
        var quadrants: [String]?
        if reader.has("quadrants") {
            let labels = reader.textList("quadrants")
            guard labels.count == 4 else {
                file.error("\(reader.subject): \"quadrants\" must list exactly four labels (top left, top right, bottom left, bottom right), not \(labels.count)", at: reader.value("quadrants"))
                return nil
            }
            quadrants = labels
        }
        guard let x, let y else { return nil }
        let items = reader.choice("items", of: Items.self)
        if reader.has("items") && items == nil { return nil }
        return GridSpec(xAxis: x, yAxis: y, items: items ?? .entered, quadrants: quadrants)
    }

    var kind: CanvasFieldKind { .grid(self) }
    var optionLists: [ChoiceList] { [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> GridSpec { self }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let id = check.id
        switch edit {
        case .place(let item, let label, let x, let y):
            try check.id(item, "item")
            guard x.isFinite, y.isFinite, (0...1).contains(x), (0...1).contains(y) else { throw check.fail("A place on the grid runs from 0 to 1 on each axis.") }
            if items == .partners, !check.context.partners.contains(item) { throw check.fail("That partner is not part of this partnership.") }
            let clean = try check.entry(label, "label")
            guard !clean.isEmpty else { throw check.fail("An item on \(check.field.label) needs a label: say who or what it is.") }
            let placed = CanvasState.GridItem(id: item, label: clean, x: x, y: y)
            if let index = state.grids[id]?.firstIndex(where: { $0.id == item }) {
                state.grids[id]![index] = placed
            } else {
                try check.room(state.grids[id]?.count ?? 0, noun: "items")
                state.grids[id, default: []].append(placed)
            }
        case .remove(let item):
            guard state.grids[id]?.contains(where: { $0.id == item }) == true else { throw check.fail("That item is no longer on \(check.field.label).") }
            state.grids[id]!.removeAll { $0.id == item }
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.lines = (state.grids[field.id] ?? []).map { item in
            "\(item.label) — \(xAxis.label) \(String(format: "%.2f", item.x)), \(yAxis.label) \(String(format: "%.2f", item.y))"
        }
    }

    var outline: [String] { ["\(xAxis.label) × \(yAxis.label)"] }
}
