import Foundation
import Testing
@testable import WeaveCore

/// One tool with the given fields, read from YAML beside a one-code codebook, as a new author would write
/// it. Lines of `fields` are indented by two spaces and start at line 8 of `tool.yaml`.
func kindTool(fields: String) -> (tool: Tool?, diagnostics: [Diagnostic]) {
    let codebook = """
        kind: codebook
        id: kind-test-codes
        name: Kind test codes
        description: One code for the field kind tests.
        codes:
          - id: kind-testing
            name: Testing a field kind
            definition: Trying out one canvas field kind.

        """
    let tool = """
        kind: tool
        id: kind-card
        type: worksheet
        name: Kind card
        purpose: Holds one field of the kind under test.
        activities: [kind-testing]
        fields:
        \(fields.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n"))

        """
    let (library, diagnostics) = Library.load(files: [
        (display: "codes.yaml", data: Data(codebook.utf8)),
        (display: "tool.yaml", data: Data(tool.utf8)),
    ])
    return (library.tool("kind-card"), diagnostics)
}

/// The one field of a tool read by ``kindTool(fields:)``, failing the test when it does not load.
func kindField(_ fields: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CanvasField {
    let (tool, diagnostics) = kindTool(fields: fields)
    #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
    return try #require(tool?.fields.first, sourceLocation: sourceLocation)
}

/// The problems reported for a tool read by ``kindTool(fields:)``, as `line:column message`.
func kindProblems(_ fields: String) -> [String] {
    kindTool(fields: fields).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
}

/// A field's canvas, edited in turn by the given participants.
struct KindCanvas {
    let field: CanvasField
    let context: CanvasContext
    var state = CanvasState()

    init(_ field: CanvasField, partners: Set<String> = ["ngo", "city"]) {
        self.field = field
        context = CanvasContext(fields: [field], partners: partners)
    }

    /// Applies the edit, keeping the new state.
    mutating func apply(_ edit: CanvasEdit, by author: String = "ana") throws(CanvasEditError) {
        state = try state.applying(edit, by: author, in: context)
    }

    /// Why the edit is refused, or `nil` when it is accepted (the state does not change either way).
    func refusal(_ edit: CanvasEdit, by author: String = "ana") -> String? {
        do {
            _ = try state.applying(edit, by: author, in: context)
            return nil
        } catch {
            return error.message
        }
    }

    /// The field's content in words, with partner names.
    var summary: FieldSummary { state.summary(of: field, names: ["ngo": "River NGO", "city": "City office"]) }
}

/// One edit of every kind, aimed at `field`: each kind must accept only its own.
func everyKindOfEdit(on field: String) -> [CanvasEdit] {
    [
        .setText(field: field, text: "t"), .addItem(field: field, item: "i", text: "t"), .editItem(field: field, item: "i", text: "t"),
        .removeItem(field: field, item: "i"), .addRow(field: field, row: "r", cells: [:]), .setCell(field: field, row: "r", column: "c", value: "v"),
        .removeRow(field: field, row: "r"), .setPartnerAnswer(field: field, partner: "ngo", text: nil, choices: []),
        .placeToken(field: field, colour: "green", target: "a"), .removeToken(field: field, colour: "green", target: "a"),
        .addSubject(field: field, subject: "s", name: "n"), .rate(field: field, subject: "s", criterion: "c", score: 1),
        .rateOwn(field: field, subject: "s", criterion: "c", score: 1),
        .check(field: field, item: "i", checked: true), .addNode(field: field, node: "n", branch: "b", parent: nil, text: "t"),
        .editNode(field: field, node: "n", text: "t"), .removeNode(field: field, node: "n"),
        .placeOnGrid(field: field, item: "i", label: "l", x: 0.5, y: 0.5), .removeFromGrid(field: field, item: "i"),
    ]
}

/// The edits of `everyKindOfEdit` refused as not applying to the field's kind.
func wrongKindRefusals(_ canvas: KindCanvas) -> Int {
    everyKindOfEdit(on: canvas.field.id).filter { canvas.refusal($0)?.contains("field; this change does not apply to it.") == true }.count
}
