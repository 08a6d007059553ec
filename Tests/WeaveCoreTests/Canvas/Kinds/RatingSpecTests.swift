import Testing
@testable import WeaveCore

/// The rating kind: read from YAML, edits, summary and outline.
@Suite struct RatingSpecTests {
    static let yaml = """
        - id: fit
          kind: rating
          label: Fit
          subjects: entered
          criteria:
            - {id: trust, label: Trust}
            - {id: reach, label: Reach}
          scale: {min: 1, max: 5, low_label: weak, high_label: strong}
        """

    @Test func readsCriteriaSubjectsAndScale() throws {
        let field = try kindField(Self.yaml)
        guard case .rating(let spec) = field.kind else { Issue.record("not a rating"); return }
        #expect(spec.subjects == .entered)
        #expect(spec.scale == RatingSpec.Scale(min: 1, max: 5, lowLabel: "weak", highLabel: "strong"))
        #expect(field.kind.outline == "rating, 2 criteria, scale 1–5")
    }

    @Test func reportsAScaleTheWrongWayRoundAtTheScale() {
        let yaml = Self.yaml.replacingOccurrences(of: "{min: 1, max: 5,", with: "{min: 5, max: 1,")
        #expect(kindProblems(yaml) == ["15:12 canvas field \"fit\": the scale's min 5 must be less than its max 1"])
    }

    @Test func scoresEnteredSubjects() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.addSubject(field: "fit", subject: "uni", name: "University"))
        try canvas.apply(.rate(field: "fit", subject: "uni", criterion: "trust", score: 4))
        #expect(canvas.summary.rows == [["University", "4", ""]], "a score reads as its number, never zero-padded (\"04\")")
        #expect(canvas.refusal(.rate(field: "fit", subject: "uni", criterion: "trust", score: 6)) == "Scores for Fit run from 1 to 5; 6 is outside.")
        #expect(canvas.refusal(.rate(field: "fit", subject: "zoo", criterion: "trust", score: 3)) == "Fit has no subject with that id.")
        #expect(canvas.refusal(.rate(field: "fit", subject: "uni", criterion: "size", score: 3)) == "Fit has no criterion \"size\".")
        #expect(canvas.refusal(.addSubject(field: "fit", subject: "uni", name: "Again")) == "Fit already has a subject with this id.")
        #expect(canvas.refusal(.addSubject(field: "fit", subject: "blank", name: " \n")) == "A subject of Fit needs a name.")
        try canvas.apply(.rate(field: "fit", subject: "uni", criterion: "trust", score: nil))
        #expect(canvas.summary.rows.isEmpty)
        #expect(wrongKindRefusals(canvas) == 16)
    }

    @Test func refusesNewSubjectsOnAFixedList() throws {
        let canvas = KindCanvas(try kindField(Self.yaml.replacingOccurrences(of: "subjects: entered", with: "subjects: partners")))
        #expect(canvas.refusal(.addSubject(field: "fit", subject: "uni", name: "University")) == "Fit rates a fixed list; subjects cannot be added.")
        #expect(canvas.refusal(.rate(field: "fit", subject: "ngo", criterion: "reach", score: 2)) == nil)
    }
}
