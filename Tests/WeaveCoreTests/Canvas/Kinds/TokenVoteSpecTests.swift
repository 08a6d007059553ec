import Testing
@testable import WeaveCore

/// The token-vote kind: read from YAML, edits, summary and outline.
@Suite struct TokenVoteSpecTests {
    static let yaml = """
        - id: priorities
          kind: token-vote
          label: Priorities
          tokens:
            - {colour: green, label: Support, per_participant: 2}
            - {colour: red, label: Concern, per_participant: 1}
          targets:
            - {id: jobs, label: Jobs}
            - {id: housing, label: Housing}
          ratio: {numerator: green, denominator: red}
        """

    @Test func readsTokensTargetsAndRatio() throws {
        let field = try kindField(Self.yaml)
        guard case .tokenVote(let spec) = field.kind else { Issue.record("not a token vote"); return }
        #expect(spec.tokens.map(\.perParticipant) == [2, 1])
        #expect(spec.ratio == TokenVoteSpec.Ratio(numerator: "green", denominator: "red"))
        #expect(field.kind.outline == "token-vote, 2 green + 1 red per participant, 2 targets")
    }

    @Test func reportsARatioColourThatIsNoTokenAtItsValue() {
        let yaml = Self.yaml.replacingOccurrences(of: "denominator: red}", with: "denominator: blue}")
        #expect(kindProblems(yaml) == [
            "17:44 canvas field \"priorities\": the ratio's denominator \"blue\" is not one of its token colours (\"green\", \"red\")",
        ])
    }

    @Test func countsEachParticipantsBudget() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.placeToken(field: "priorities", colour: "green", target: "jobs"))
        try canvas.apply(.placeToken(field: "priorities", colour: "green", target: "jobs"))
        try canvas.apply(.placeToken(field: "priorities", colour: "red", target: "housing"), by: "ben")
        #expect(canvas.refusal(.placeToken(field: "priorities", colour: "green", target: "housing")) ==
            "You have placed all 2 of your support (green) tokens; take one back to place it elsewhere.")
        #expect(canvas.refusal(.placeToken(field: "priorities", colour: "blue", target: "jobs")) == "Priorities has no blue tokens.")
        #expect(canvas.refusal(.placeToken(field: "priorities", colour: "red", target: "roads")) == "Priorities has no target \"roads\".")
        #expect(canvas.refusal(.removeToken(field: "priorities", colour: "red", target: "housing")) == "You have no red token on that target.")
        #expect(canvas.summary.columns == ["Target", "Support", "Concern", "Ratio"])
        #expect(Set(canvas.summary.rows) == [["Jobs", "2", "0", "–"], ["Housing", "0", "1", "0.00"]])
        try canvas.apply(.removeToken(field: "priorities", colour: "green", target: "jobs"))
        #expect(canvas.state.tokens["priorities"]?.count == 2)
        #expect(wrongKindRefusals(canvas) == 17)
    }
}

/// A token vote that says which colour is good: the priorities' order and label come from the tool.
@Suite struct TokenVotePrioritiesTests {
    static let yaml = """
        - id: health
          kind: token-vote
          label: Health check
          tokens:
            - {colour: green, label: Risk, per_participant: 3}
            - {colour: red, label: Strength, per_participant: 3}
          targets:
            - {id: a, label: A}
            - {id: b, label: B}
            - {id: c, label: C}
          priorities: {good: red, order: weakest-first, label: Where to work first}
        """

    @Test func ordersByTheShareOfTheGoodColour() throws {
        let field = try kindField(Self.yaml)
        guard case .tokenVote(let spec) = field.kind else { Issue.record("not a token vote"); return }
        #expect(spec.priorities == TokenVoteSpec.Priorities(good: "red", order: .weakestFirst, label: "Where to work first"))
        var canvas = KindCanvas(field)
        try canvas.apply(.placeToken(field: "health", colour: "red", target: "a"))
        try canvas.apply(.placeToken(field: "health", colour: "green", target: "a"))
        try canvas.apply(.placeToken(field: "health", colour: "green", target: "c"))
        #expect(canvas.state.priorities(field).map(\.label) == ["C", "A", "B"], "no red on C (0), half on A, none placed on B last")
        #expect(canvas.state.priorities(field).map(\.goodShare) == [0, 0.5, nil])
        var strongest = field
        if case .tokenVote(var spec) = field.kind { spec.priorities?.order = .strongestFirst; strongest.kind = .tokenVote(spec) }
        #expect(canvas.state.priorities(strongest).map(\.label) == ["A", "C", "B"])
    }

    @Test func reportsAGoodColourThatIsNoToken() {
        let yaml = Self.yaml.replacingOccurrences(of: "{good: red,", with: "{good: blue,")
        #expect(kindProblems(yaml) == [
            "18:24 canvas field \"health\": the priorities' good colour \"blue\" is not one of its token colours (\"green\", \"red\")",
        ])
    }
}
