import Testing
@testable import WeaveCore

/// The per-partner kind: read from YAML, edits, summary and outline.
@Suite struct PerPartnerSpecTests {
    static let choice = """
        - id: role
          kind: per-partner
          label: Role
          answer: choice
          multiple: true
          options:
            - {id: lead, label: Lead}
            - {id: funder, label: Funder}
        """

    @Test func readsChoicesAndText() throws {
        let field = try kindField(Self.choice)
        #expect(field.kind.outline == "per-partner, choose from Lead, Funder")
        let text = try kindField("- id: hopes\n  kind: per-partner\n  label: Hopes")
        #expect(text.kind == .perPartner(PerPartnerSpec(answer: .text)))
        #expect(text.kind.outline == "per-partner, text")
    }

    @Test func reportsAChoiceWithoutOptionsAtTheField() {
        #expect(kindProblems("- id: role\n  kind: per-partner\n  label: Role\n  answer: choice") == [
            "8:5 canvas field \"role\" has answer \"choice\" but no options: add \"options\" or \"options_from\"",
        ])
    }

    @Test func takesOneAnswerPerPartner() throws {
        var canvas = KindCanvas(try kindField(Self.choice))
        try canvas.apply(.setPartnerAnswer(field: "role", partner: "ngo", text: nil, choices: ["lead", "funder"]))
        try canvas.apply(.setPartnerAnswer(field: "role", partner: "city", text: nil, choices: ["funder"]))
        #expect(canvas.summary.rows == [["City office", "Funder"], ["River NGO", "Lead, Funder"]])
        #expect(canvas.refusal(.setPartnerAnswer(field: "role", partner: "bank", text: nil, choices: [])) == "That partner is not part of this partnership.")
        #expect(canvas.refusal(.setPartnerAnswer(field: "role", partner: "ngo", text: "Lead", choices: [])) == "Role takes a choice, not a written answer.")
        #expect(canvas.refusal(.setPartnerAnswer(field: "role", partner: "ngo", text: nil, choices: ["host"])) == "\"host\" is not one of the choices for Role.")
        #expect(canvas.refusal(.setPartnerAnswer(field: "role", partner: "ngo", text: nil, choices: ["lead", "lead"])) == "The same choice is given twice.")
        #expect(wrongKindRefusals(canvas) == 18)
    }
}
