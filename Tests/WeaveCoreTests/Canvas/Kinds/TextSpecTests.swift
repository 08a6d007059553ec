import Testing
@testable import WeaveCore

/// The text kind: read from YAML, edits, summary and outline.
@Suite struct TextSpecTests {
    static let yaml = """
        - id: vision
          kind: text
          label: Vision
          max_characters: 40
          max_sentences: 1
        """

    @Test func readsItsLimits() throws {
        let field = try kindField(Self.yaml)
        #expect(field.kind == .text(TextSpec(maxCharacters: 40, maxSentences: 1)))
        #expect(field.kind.outline == "text, at most 1 sentence, at most 40 characters")
    }

    @Test func reportsLimitsInTheWrongOrderAtTheMinimum() {
        // line 8 is "- id: order"; min_characters is on line 12, its value at column 21.
        #expect(kindProblems("- id: order\n  kind: text\n  label: Order\n  max_characters: 5\n  min_characters: 9") == [
            "12:21 canvas field \"order\": \"min_characters\" (9) is greater than \"max_characters\" (5)",
        ])
    }

    @Test func keepsTheLaterTextAndCountsTheEarlier() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.setText(field: "vision", text: "  Every child reads. "))
        try canvas.apply(.setText(field: "vision", text: "Every child reads well."), by: "ben")
        #expect(canvas.state.texts["vision"] == CanvasState.TextVersion(text: "Every child reads well.", author: "ben"))
        #expect(canvas.state.earlierTexts["vision"] == 1)
        #expect(canvas.summary.text == "Every child reads well.")
    }

    @Test func refusesTooManySentencesTooManyCharactersAndOtherKindsEdits() throws {
        let canvas = KindCanvas(try kindField(Self.yaml))
        #expect(canvas.refusal(.setText(field: "vision", text: "One. Two.")) == "Vision takes at most 1 sentence; this has 2.")
        #expect(canvas.refusal(.setText(field: "vision", text: String(repeating: "a", count: 41))) == "The text for Vision is 41 characters; at most 40 fit.")
        #expect(wrongKindRefusals(canvas) == 18)
    }

    @Test func minCharactersIsAGoalAndKindsWithoutAMinimumHaveNone() throws {
        let field = try kindField("- id: why\n  kind: text\n  label: Why\n  min_characters: 10")
        var canvas = KindCanvas(field)
        #expect(canvas.state.goal(of: field)?.message == "Why has 0 of at least 10 characters.")
        try canvas.apply(.setText(field: "why", text: "Because we must."))
        #expect(canvas.state.goal(of: field)?.isMet == true)
        #expect(CanvasState().goal(of: try kindField(Self.yaml)) == nil)
    }
}
