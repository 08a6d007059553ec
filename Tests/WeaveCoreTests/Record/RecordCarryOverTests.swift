import Foundation
import Testing
@testable import WeaveCore

@Suite struct RecordCarryOverTests {
    let partners = ["p-food-bank", "p-town-hall", "p-grocers"]

    @Test func theJointActionPathDeclaresWhatCarriesOver() throws {
        let path = try #require(try builtInLibrary().path("joint-action"))
        #expect(path.record.map(\.into) == [.indicators, .roles, .nextSteps])
        for source in path.record {
            #expect(source.problem(with: path.canvasFields.first { $0.id == source.field }) == nil, "\(source.field)")
        }
    }

    @Test func aClosedCanvasBecomesIndicatorsRolesAndNextSteps() throws {
        // setup: the Summit's indicators, the Outlook's roles and the Action Plan's next steps, as on the day
        let library = try builtInLibrary()
        let path = try #require(library.path("joint-action"))
        let context = CanvasContext(fields: path.canvasFields, partners: Set(partners))
        var canvas = CanvasState()
        let edits: [CanvasEdit] = [
            .addRow(field: "indicators", row: "r1", cells: ["indicator": "Tonnes of food redistributed", "how-measured": "Weighbridge logs", "who-reports": "p-food-bank"]),
            .addRow(field: "indicators", row: "r2", cells: ["indicator": "Share of shops donating", "how-measured": "", "who-reports": ""]),
            .addRow(field: "indicators", row: "r3", cells: ["indicator": "", "how-measured": "an empty row is skipped"]),
            .setPartnerAnswer(field: "primary-roles", partner: "p-town-hall", text: nil, choices: ["convenor"]),
            .setPartnerAnswer(field: "primary-roles", partner: "p-grocers", text: nil, choices: ["funder"]),
            .addRow(field: "next-steps", row: "s1", cells: ["what": "Draft the data-sharing agreement", "who": "p-town-hall", "by-when": "2027-01-15"]),
        ]
        for edit in edits { canvas = try canvas.applying(edit, by: "facilitator", in: context) }

        // MUT
        let proposals = CarryOverProposal.proposals(for: path, canvas: canvas, sessionDate: "2026-12-01", partners: Set(partners))

        // validate
        #expect(proposals.map(\.source.into) == [.indicators, .roles, .nextSteps])
        let indicators = proposals[0].items.map(\.entry)
        #expect(indicators.count == 2)
        #expect(indicators[0] == .indicator(Indicator(name: "Tonnes of food redistributed", definition: "Weighbridge logs", since: "2026-12-01", reporter: "p-food-bank")))
        #expect(proposals[0].items.map(\.ref) == ["r1", "r2"])
        let roles = proposals[1].items.map(\.entry)
        #expect(Set(roles) == [.role(PartnerRole(partner: "p-town-hall", role: "Convenor or backbone")), .role(PartnerRole(partner: "p-grocers", role: "Funder"))])
        #expect(proposals[2].items.map(\.entry) == [.nextStep(NextStep(what: "Draft the data-sharing agreement", owner: "p-town-hall", due: "2027-01-15"))])
    }

    @Test func aRecordKeyNamingTheWrongFieldIsRefusedWithItsLine() {
        let text = """
        kind: path
        id: small
        name: Small
        phases:
          - id: one
            name: One
            duration: 30
            steps:
              - title: Talk
            canvas:
              - id: notes
                kind: list
                label: Notes
              - id: plan
                kind: table
                label: Plan
                columns:
                  - {id: task, label: Task}
        record:
          - field: notes
            into: roles
          - field: plan
            into: next-steps
            columns: {what: job}
          - field: nowhere
            into: agreements
        """
        let (_, diagnostics) = Library.load(files: [(display: "small.yaml", data: Data(text.utf8))])
        let messages = diagnostics.map(\.description)
        #expect(diagnostics.contains { $0.location.line == 20 && $0.message.contains("needs a per-partner field") }, "\(messages)")
        #expect(diagnostics.contains { $0.location.line == 22 && $0.message.contains("no such column") }, "\(messages)")
        #expect(diagnostics.contains { $0.location.line == 25 && $0.message.contains("no canvas field with that id") }, "\(messages)")
    }

    @Test func entriesKeepTheirStoredForm() throws {
        let entry = RecordEntry.nextStep(NextStep(what: "Call", owner: nil, due: "2027-01-01", status: .inProgress))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(entry), as: UTF8.self)
        #expect(json == #"{"kind":"next-step","next-step":{"due":"2027-01-01","status":"in-progress","what":"Call"}}"#)
        #expect(try JSONDecoder().decode(RecordEntry.self, from: Data(json.utf8)) == entry)
    }
}
