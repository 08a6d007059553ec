import Foundation

/// A field's content in words, ready to print: what the Markdown and HTML exports and the history show.
public struct FieldSummary: Sendable, Hashable, Codable {
    public var id: String
    public var label: String
    public var prompt: String?
    public var kind: String
    /// Paragraph text (text fields).
    public var text: String?
    /// Bulleted lines (lists, checklists, trees indented with two spaces per level, grids).
    public var lines: [String]
    /// A table's column headings, when the field is best shown as a table.
    public var columns: [String]
    /// A table's rows.
    public var rows: [[String]]
    /// Whether nothing has been filled in.
    public var isEmpty: Bool { (text ?? "").isEmpty && lines.isEmpty && rows.isEmpty }
}

extension CanvasState {
    /// A field's content in words. `names` turns partner and participant ids into names.
    public func summary(of field: CanvasField, names: [String: String]) -> FieldSummary {
        var summary = FieldSummary(id: field.id, label: field.label, prompt: field.prompt, kind: field.kind.name.rawValue,
                                   text: nil, lines: [], columns: [], rows: [])
        field.kind.spec.summarize(self, field: field, into: &summary) { names[$0] ?? $0 }
        return summary
    }
}
