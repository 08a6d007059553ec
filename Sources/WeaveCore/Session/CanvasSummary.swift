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
        func name(_ id: String) -> String { names[id] ?? id }
        switch field.kind {
        case .text:
            summary.text = texts[field.id]?.text
        case .list:
            summary.lines = (lists[field.id] ?? []).map(\.text)
        case .table(let spec):
            summary.columns = spec.columns.map(\.label)
            summary.rows = (tables[field.id] ?? []).map { row in
                spec.columns.map { column in
                    let value = row.cells[column.id] ?? ""
                    return column.type == .partner ? (value.isEmpty ? "" : name(value)) : value
                }
            }
        case .perPartner(let spec):
            summary.columns = ["Partner", spec.answer == .choice ? "Choice" : "Answer"]
            let labels = Dictionary((spec.options?.options ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            summary.rows = (partnerAnswers[field.id] ?? [:]).map { partner, answer in
                [name(partner), answer.text ?? answer.choices.map { labels[$0] ?? $0 }.joined(separator: ", ")]
            }.sorted { $0[0] < $1[0] }
        case .tokenVote(let spec):
            summary.columns = ["Target"] + spec.tokens.map(\.label) + (spec.ratio == nil ? [] : ["Ratio"])
            summary.rows = priorities(field).map { tally in
                [tally.label] + spec.tokens.map { String(tally.counts[$0.colour] ?? 0) }
                    + (spec.ratio == nil ? [] : [tally.ratio.map { String(format: "%.2f", $0) } ?? "–"])
            }
        case .rating(let spec):
            summary.columns = ["Subject"] + spec.criteria.options.map(\.label)
            let subjectNames: [(String, String)]
            switch spec.subjects {
            case .partners: subjectNames = (ratings[field.id] ?? [:]).keys.sorted().map { ($0, name($0)) }
            case .entered: subjectNames = (subjects[field.id] ?? []).map { ($0.id, $0.text) }
            case .listed(let list): subjectNames = list.options.map { ($0.id, $0.label) }
            }
            summary.rows = subjectNames.compactMap { id, label in
                guard let scores = ratings[field.id]?[id], !scores.isEmpty else { return nil }
                return [label] + spec.criteria.options.map { scores[$0.id].map(String.init) ?? "" }
            }
        case .checklist(let spec):
            let ticked = checked[field.id] ?? []
            summary.lines = spec.items.options.map { (ticked.contains($0.id) ? "[x] " : "[ ] ") + $0.label }
            if ticked.isEmpty { summary.lines = [] }
        case .tree(let spec):
            let nodes = trees[field.id] ?? []
            func walk(_ parent: String?, branch: String, depth: Int) {
                for node in nodes where node.parent == parent && node.branch == branch {
                    summary.lines.append(String(repeating: "  ", count: depth) + node.text)
                    walk(node.id, branch: branch, depth: depth + 1)
                }
            }
            for branch in spec.branches where nodes.contains(where: { $0.branch == branch.id }) {
                summary.lines.append(branch.label)
                walk(nil, branch: branch.id, depth: 1)
            }
        case .grid(let spec):
            summary.lines = (grids[field.id] ?? []).map { item in
                "\(item.label) — \(spec.xAxis.label) \(String(format: "%.2f", item.x)), \(spec.yAxis.label) \(String(format: "%.2f", item.y))"
            }
        }
        return summary
    }
}
