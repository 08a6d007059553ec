import Testing
@testable import WeaveCore

/// The tree kind: read from YAML, edits, summary and outline.
@Suite struct TreeSpecTests {
    static let yaml = """
        - id: problem
          kind: tree
          label: Problem tree
          root_label: Youth unemployment
          max_depth: 2
          branches:
            - {id: causes, label: Causes}
            - {id: effects, label: Effects}
        """

    @Test func readsRootBranchesAndDepth() throws {
        let field = try kindField(Self.yaml)
        guard case .tree(let spec) = field.kind else { Issue.record("not a tree"); return }
        #expect(spec.maxDepth == 2)
        #expect(field.kind.outline == "tree, Youth unemployment / Causes / Effects")
    }

    @Test func reportsATwiceUsedBranchAtTheSecond() {
        let yaml = Self.yaml.replacingOccurrences(of: "{id: effects, label: Effects}", with: "{id: causes, label: Effects}")
        #expect(kindProblems(yaml) == ["15:14 canvas field \"problem\": \"branches\" has the option id \"causes\" twice"])
    }

    @Test func nestsWithinItsDepthAndRemovesWholeBranches() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.addNode(field: "problem", node: "a", branch: "causes", parent: nil, text: "Few apprenticeships"))
        try canvas.apply(.addNode(field: "problem", node: "b", branch: "causes", parent: "a", text: "Small firms"))
        try canvas.apply(.addNode(field: "problem", node: "c", branch: "effects", parent: nil, text: "Migration"))
        #expect(canvas.summary.lines == ["Causes", "  Few apprenticeships", "    Small firms", "Effects", "  Migration"])
        #expect(canvas.refusal(.addNode(field: "problem", node: "d", branch: "causes", parent: "b", text: "x")) == "Problem tree nests at most 2 levels deep.")
        #expect(canvas.refusal(.addNode(field: "problem", node: "d", branch: "effects", parent: "a", text: "x")) == "A node must sit on the same branch as the node above it.")
        #expect(canvas.refusal(.addNode(field: "problem", node: "d", branch: "roots", parent: nil, text: "x")) == "Problem tree has no branch \"roots\".")
        try canvas.apply(.editNode(field: "problem", node: "c", text: "Young people leave"))
        try canvas.apply(.removeNode(field: "problem", node: "a"))
        #expect(canvas.state.trees["problem"]?.map(\.id) == ["c"])
        #expect(canvas.refusal(.editNode(field: "problem", node: "b", text: "x")) == "That entry is no longer in Problem tree.")
        #expect(wrongKindRefusals(canvas) == 16)
    }
}
