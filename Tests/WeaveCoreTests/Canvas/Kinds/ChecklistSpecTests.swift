import Testing
@testable import WeaveCore

/// The checklist kind: read from YAML, edits, summary and outline.
@Suite struct ChecklistSpecTests {
    static let yaml = """
        - id: ready
          kind: checklist
          label: Ready
          items:
            - {id: room, label: Room booked}
            - {id: food, label: Food ordered}
        """

    @Test func readsItsItems() throws {
        let field = try kindField(Self.yaml)
        #expect(field.kind.outline == "checklist, 2 items")
    }

    @Test func reportsMissingItemsAtTheField() {
        #expect(kindProblems("- id: ready\n  kind: checklist\n  label: Ready") == [
            "8:5 canvas field \"ready\" needs \"items\" (written out) or \"items_from\" (a tool's option set)",
        ])
    }

    @Test func ticksAndUnticks() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        #expect(canvas.summary.lines.isEmpty)
        try canvas.apply(.check(field: "ready", item: "food", checked: true))
        #expect(canvas.summary.lines == ["[ ] Room booked", "[x] Food ordered"])
        try canvas.apply(.check(field: "ready", item: "food", checked: false))
        #expect(canvas.summary.lines.isEmpty)
        #expect(canvas.refusal(.check(field: "ready", item: "car", checked: true)) == "Ready has no item \"car\".")
        #expect(wrongKindRefusals(canvas) == 18)
    }
}
