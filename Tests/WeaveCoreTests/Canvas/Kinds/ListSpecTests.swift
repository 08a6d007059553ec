import Testing
@testable import WeaveCore

/// The list kind: read from YAML, edits, summary and outline.
@Suite struct ListSpecTests {
    static let yaml = """
        - id: causes
          kind: list
          label: Core causes
          min_items: 1
          max_items: 2
          max_characters: 20
        """

    @Test func readsItsLimits() throws {
        let field = try kindField(Self.yaml)
        #expect(field.kind == .list(ListSpec(minItems: 1, maxItems: 2, maxCharacters: 20)))
        #expect(field.kind.outline == "list, 1–2 items")
    }

    @Test func reportsAZeroMaximumAtItsValue() {
        #expect(kindProblems("- id: causes\n  kind: list\n  label: Causes\n  max_items: 0") == [
            "11:16 canvas field \"causes\": \"max_items\" must be a whole number of items greater than zero, not \"0\"",
        ])
    }

    @Test func addsEditsAndRemovesItems() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.addItem(field: "causes", item: "a", text: "Low pay"))
        try canvas.apply(.addItem(field: "causes", item: "b", text: "Short funding"), by: "ben")
        try canvas.apply(.editItem(field: "causes", item: "a", text: "Low wages"))
        #expect(canvas.summary.lines == ["Low wages", "Short funding"])
        #expect(canvas.refusal(.addItem(field: "causes", item: "c", text: "Rent")) == "Core causes holds at most 2 items.")
        #expect(canvas.refusal(.addItem(field: "causes", item: "a", text: "Rent")) == "Core causes already has an item with this id.")
        #expect(canvas.refusal(.addItem(field: "causes", item: "bad id", text: "Rent")) == "The item id \"bad id\" is not valid: use up to 64 letters, digits, - or _.")
        try canvas.apply(.removeItem(field: "causes", item: "a"))
        #expect(canvas.state.lists["causes"]?.map(\.id) == ["b"])
        #expect(canvas.refusal(.removeItem(field: "causes", item: "a")) == "That item is no longer in Core causes.")
        #expect(canvas.refusal(.editItem(field: "causes", item: "b", text: String(repeating: "x", count: 21))) == "The item for Core causes is 21 characters; at most 20 fit.")
        #expect(wrongKindRefusals(canvas) == 16)
    }

    @Test func itsMinimumIsAGoalWithProgress() throws {
        let field = try kindField(Self.yaml.replacingOccurrences(of: "min_items: 1", with: "min_items: 2"))
        var canvas = KindCanvas(field)
        try canvas.apply(.addItem(field: "causes", item: "a", text: "Low pay"))
        #expect(canvas.state.goal(of: field) == FieldGoal(field: "causes", label: "Core causes", have: 1, want: 2, unit: "items"))
        #expect(canvas.state.unmetGoals([field]).map(\.message) == ["Core causes has 1 of at least 2 items."])
        try canvas.apply(.addItem(field: "causes", item: "b", text: "Rent"))
        #expect(canvas.state.unmetGoals([field]).isEmpty)
    }
}
