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

    /// `scoring: per-person`: each participant's score is their own edit; the summary (canvas, projector,
    /// exports) shows each cell's mean and spread. Expected values by hand: scores 2, 4, 5 have mean 11/3 =
    /// 3.67, shown 3.7, spread 2–5, n=3.
    @Test func perPersonScoresKeepEachPersonsOwnAndSummariseAsMeanAndSpread() throws {
        let yaml = Self.yaml.replacingOccurrences(of: "subjects: entered", with: "subjects: entered\n  scoring: per-person")
        let field = try kindField(yaml)
        guard case .rating(let spec) = field.kind else { Issue.record("not a rating"); return }
        #expect(spec.isPerPerson)
        #expect(field.kind.outline == "rating, 2 criteria, scale 1–5, each person scores")
        var canvas = KindCanvas(field)
        try canvas.apply(.addSubject(field: "fit", subject: "uni", name: "University"))
        // MUT: three people score trust; one scores reach, then changes their mind
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 2), by: "ana")
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 4), by: "ben")
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 5), by: "dev")
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "reach", score: 1), by: "ben")
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "reach", score: 3), by: "ben")
        // validate
        #expect(canvas.state.ownRatings["fit"]?["uni"]?["trust"] == ["ana": 2, "ben": 4, "dev": 5])
        #expect(canvas.state.ratings.isEmpty, "no shared score is set")
        #expect(canvas.summary.rows == [["University", "3.7 (2–5, n=3)", "3.0 (n=1)"]])
        #expect(canvas.refusal(.rate(field: "fit", subject: "uni", criterion: "trust", score: 3)) == "In Fit each person gives their own score.")
        #expect(canvas.refusal(.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 9)) == "Scores for Fit run from 1 to 5; 9 is outside.")
        #expect(canvas.refusal(.rateOwn(field: "fit", subject: "zoo", criterion: "trust", score: 3)) == "Fit has no subject with that id.")
        // Taking one's score back removes only one's own; hiding a subject hides its scores.
        try canvas.apply(.rateOwn(field: "fit", subject: "uni", criterion: "reach", score: nil), by: "ben")
        #expect(canvas.summary.rows == [["University", "3.7 (2–5, n=3)", ""]])
        #expect(canvas.state.ownRatings["fit"]?["uni"]?["reach"] == nil, "no empty cell is left behind")
        #expect(canvas.state.hiding(["fit": ["uni"]]).ownRatings["fit"]?["uni"] == nil)
        // Undo gives back one's own previous score, and is keyed to the person.
        let undo = CanvasEdit.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 1).inverse(before: canvas.state, by: "ben")
        #expect(undo == [.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 4)])
        #expect(CanvasEdit.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 1).target(by: "ana")
                != CanvasEdit.rateOwn(field: "fit", subject: "uni", criterion: "trust", score: 1).target(by: "ben"))
    }

    @Test func aSharedRatingRefusesOwnScoresAndAnUnknownScoringIsReportedWhereItIs() throws {
        let canvas = KindCanvas(try kindField(Self.yaml.replacingOccurrences(of: "subjects: entered", with: "subjects: partners")))
        #expect(canvas.refusal(.rateOwn(field: "fit", subject: "ngo", criterion: "reach", score: 2)) == "Fit holds one shared score per cell, not each person's own.")
        let yaml = Self.yaml.replacingOccurrences(of: "subjects: entered", with: "subjects: entered\n  scoring: everyone")
        #expect(kindProblems(yaml) == ["12:14 canvas field \"fit\": \"scoring\" must be \"shared\" (one score per cell) or \"per-person\" (each participant scores), not \"everyone\""])
        let shared = try kindField(Self.yaml.replacingOccurrences(of: "subjects: entered", with: "subjects: entered\n  scoring: shared"))
        guard case .rating(let spec) = shared.kind else { Issue.record("not a rating"); return }
        #expect(spec.scoring == nil && !spec.isPerPerson, "shared is the default and written as such")
    }

    @Test func meanAndSpreadReadsPlainly() {
        #expect(RatingSpec.meanAndSpread([]) == nil)
        #expect(RatingSpec.meanAndSpread([4]) == "4.0 (n=1)")
        #expect(RatingSpec.meanAndSpread([1, 2]) == "1.5 (1–2, n=2)")
        #expect(RatingSpec.meanAndSpread([-2, 1, 1]) == "0.0 (-2–1, n=3)")
    }
}
