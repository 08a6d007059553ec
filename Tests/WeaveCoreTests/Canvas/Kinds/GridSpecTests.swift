import Testing
@testable import WeaveCore

/// The grid kind: read from YAML, edits, summary and outline.
@Suite struct GridSpecTests {
    static let yaml = """
        - id: map
          kind: grid
          label: Stakeholder map
          items: partners
          x_axis: {label: Interest, low: low, high: high}
          y_axis: {label: Influence, low: low, high: high}
        """

    @Test func readsAxesAndItems() throws {
        let field = try kindField(Self.yaml)
        guard case .grid(let spec) = field.kind else { Issue.record("not a grid"); return }
        #expect(spec.items == .partners)
        #expect(field.kind.outline == "grid, Interest × Influence")
    }

    @Test func reportsThreeQuadrantsAtTheList() {
        #expect(kindProblems(Self.yaml + "\n  quadrants: [a, b, c]") == [
            "14:16 canvas field \"map\": \"quadrants\" must list exactly four labels (top left, top right, bottom left, bottom right), not 3",
        ])
    }

    @Test func placesMovesAndRemovesPartners() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.placeOnGrid(field: "map", item: "ngo", label: "River NGO", x: 0.2, y: 0.9))
        try canvas.apply(.placeOnGrid(field: "map", item: "ngo", label: "River NGO", x: 0.75, y: 0.5))
        #expect(canvas.summary.lines == ["River NGO — Interest 0.75, Influence 0.50"])
        #expect(canvas.refusal(.placeOnGrid(field: "map", item: "bank", label: "Bank", x: 0.5, y: 0.5)) == "That partner is not part of this partnership.")
        #expect(canvas.refusal(.placeOnGrid(field: "map", item: "city", label: "City", x: 1.5, y: 0.5)) == "A place on the grid runs from 0 to 1 on each axis.")
        #expect(canvas.refusal(.placeOnGrid(field: "map", item: "city", label: "  ", x: 0.5, y: 0.5)) == "An item on Stakeholder map needs a label: say who or what it is.")
        try canvas.apply(.removeFromGrid(field: "map", item: "ngo"))
        #expect(canvas.refusal(.removeFromGrid(field: "map", item: "ngo")) == "That item is no longer on Stakeholder map.")
        #expect(wrongKindRefusals(canvas) == 17)
    }
}
