import Testing
@testable import WeaveCore

/// The table kind: read from YAML, edits, summary and outline.
@Suite struct TableSpecTests {
    static let yaml = """
        - id: actions
          kind: table
          label: Actions
          max_rows: 2
          columns:
            - {id: what, label: What}
            - {id: who, label: Who, type: partner}
            - {id: due, label: Due, type: date}
            - {id: cost, label: Cost, type: number}
        """

    @Test func readsItsColumns() throws {
        let field = try kindField(Self.yaml)
        guard case .table(let spec) = field.kind else { Issue.record("not a table"); return }
        #expect(spec.columns.map(\.type) == [.text, .partner, .date, .number])
        #expect(spec.maxRows == 2)
        #expect(field.kind.outline == "table, What / Who / Due / Cost, at most 2 rows")
    }

    @Test func reportsATwiceUsedColumnIDAtTheSecond() {
        #expect(kindProblems("- id: t\n  kind: table\n  label: T\n  columns:\n    - {id: a, label: A}\n    - {id: a, label: B}") == [
            "13:14 canvas field \"t\" has two columns with the id \"a\"",
        ])
    }

    @Test func checksCellsByTheirColumnsType() throws {
        var canvas = KindCanvas(try kindField(Self.yaml))
        try canvas.apply(.addRow(field: "actions", row: "r1", cells: ["what": "Map funders", "who": "ngo"]))
        try canvas.apply(.setCell(field: "actions", row: "r1", column: "due", value: "2027-01-31"))
        #expect(canvas.summary.rows == [["Map funders", "River NGO", "2027-01-31", ""]])
        #expect(canvas.refusal(.setCell(field: "actions", row: "r1", column: "cost", value: "a lot")) == "Cost takes a number.")
        #expect(canvas.refusal(.setCell(field: "actions", row: "r1", column: "due", value: "31.1.2027")) == "Due takes a date as YYYY-MM-DD.")
        #expect(canvas.refusal(.setCell(field: "actions", row: "r1", column: "who", value: "bank")) == "Who takes one of the partnership's partners.")
        #expect(canvas.refusal(.setCell(field: "actions", row: "r1", column: "where", value: "x")) == "Actions has no column \"where\".")
        try canvas.apply(.setCell(field: "actions", row: "r1", column: "cost", value: ""))
        try canvas.apply(.addRow(field: "actions", row: "r2", cells: [:]))
        #expect(canvas.refusal(.addRow(field: "actions", row: "r3", cells: [:])) == "Actions holds at most 2 rows.")
        try canvas.apply(.removeRow(field: "actions", row: "r1"))
        #expect(canvas.refusal(.setCell(field: "actions", row: "r1", column: "what", value: "x")) == "That row is no longer in Actions.")
        #expect(wrongKindRefusals(canvas) == 16)
    }
}
