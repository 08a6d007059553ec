import Foundation
import WeaveCore
import WeaveStore

/// A session's canvas for keeping: JSON (docs/export-format.md), Markdown and a printable page.
struct SessionExport: Encodable {
    static let formatVersion = 1

    struct SessionInfo: Encodable {
        var id: String; var item: String; var title: String; var date: String; var start: String; var breaks: String
        var closed: Bool; var sequence: Int
    }
    struct PartnershipInfo: Encodable {
        var id: String; var name: String; var focalIssue: String; var issueArea: String; var networkAge: String; var stage: String
    }
    struct PartnerInfo: Encodable { var id: String; var name: String; var type: String; var sector: String }
    struct SectionInfo: Encodable {
        var id: String; var name: String; var minutes: Int; var fields: [FieldSummary]
        /// The day the section falls on, for a path of several days ("Day 1: Where we stand").
        var day: String? = nil

        /// The section's heading: its name, with its day for a path of several days.
        var heading: String { day.map { "\(name) (\($0))" } ?? name }
    }

    var format = formatVersion
    var session: SessionInfo
    var partnership: PartnershipInfo
    var partners: [PartnerInfo]
    var participants: [ParticipantInfo]
    var sections: [SectionInfo]
    var facilitation: Facilitation
    var canvas: Canvas
    /// What each partner prepared beforehand (the path's preparation worksheet), when the path has one.
    var preparation: Preparation?

    /// The preparation worksheet's answers, partner by partner in the partnership's order.
    struct Preparation: Encodable {
        struct Field: Encodable { var id: String; var label: String }
        struct Answers: Encodable { var partner: String; var name: String; var answers: [String: String] }
        var title: String
        var fields: [Field]
        var partners: [Answers]
    }

    /// The canvas as exported: the state, and every text field's earlier texts, oldest first, read from the
    /// log (the live state keeps only how many there are).
    struct Canvas: Encodable {
        var state: CanvasState
        var textHistory: [String: [CanvasState.TextVersion]]

        private enum Key: String, CodingKey { case textHistory }

        func encode(to encoder: any Encoder) throws {
            try state.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(textHistory, forKey: .textHistory)
        }

        /// Earlier texts by field from a session's `setText` events: each field's texts but its latest.
        static func history(_ edits: [StoredEvent]) -> [String: [CanvasState.TextVersion]] {
            var written: [String: [CanvasState.TextVersion]] = [:]
            for event in edits.sorted(by: { $0.sequence < $1.sequence }) {
                guard case .edit(.setText(let field, let text)) = event.event else { continue }
                written[field, default: []].append(.init(text: text.trimmingCharacters(in: .whitespacesAndNewlines), author: event.actor.id))
            }
            return written.compactMapValues { $0.count > 1 ? Array($0.dropLast()) : nil }
        }
    }

    var fileStem: String {
        let safe = partnership.name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(String(safe).split(separator: "-").joined(separator: "-").prefix(60)) + "-\(session.date)"
    }

    static func make(_ session: WorkSession, _ partnership: Partnership, app: WebApp) async throws -> SessionExport {
        let live = try await app.registry.session(session)
        let snapshot = await live.snapshot()
        let partners = try await app.partnerships.view(partnership.id)?.partners ?? []
        return try await make(session, partnership, plan: live.plan, snapshot: snapshot, partners: partners, app: app)
    }

    /// The export of a session as `snapshot` holds it.
    static func make(_ session: WorkSession, _ partnership: Partnership, plan: SessionPlan, snapshot: LiveSession.Snapshot,
                     partners: [Partner], app: WebApp) async throws -> SessionExport {
        var names = Dictionary(uniqueKeysWithValues: partners.map { ($0.key, $0.name) })
        for participant in snapshot.participants { names[participant.id] = participant.name }
        // Items the facilitator hid are left out of every export (they stay in the history).
        let canvas = snapshot.state.visibleCanvas
        // Per-partner answers follow the partners' order on the canvas, not the alphabet.
        let order = Dictionary(partners.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { a, _ in a })
        func ordered(_ summary: FieldSummary, _ field: CanvasField) -> FieldSummary {
            guard case .perPartner = field.kind else { return summary }
            var summary = summary
            summary.rows.sort { (order[$0.first ?? ""] ?? Int.max) < (order[$1.first ?? ""] ?? Int.max) }
            return summary
        }
        var preparation: Preparation?
        if let tool = try await app.preparationTool(for: session) {
            let answers = try await app.partnerships.view(partnership.id)?.preparations[tool.id] ?? [:]
            preparation = Preparation(title: tool.numberedName, fields: tool.fields.map { .init(id: $0.id, label: $0.label) },
                                      partners: partners.compactMap { partner in
                                          guard let id = UUID(uuidString: partner.key), let given = answers[id], !given.isEmpty else { return nil }
                                          return .init(partner: partner.key, name: partner.name, answers: given)
                                      })
        }
        return SessionExport(
            session: .init(id: session.id.uuidString.lowercased(), item: session.itemID, title: plan.title, date: session.date,
                           start: session.start, breaks: session.breaks, closed: snapshot.facilitation.closed, sequence: snapshot.sequence),
            partnership: .init(id: partnership.id.uuidString.lowercased(), name: partnership.name, focalIssue: partnership.focalIssue,
                               issueArea: partnership.issueArea, networkAge: partnership.networkAge, stage: partnership.stage),
            partners: partners.map { .init(id: $0.key, name: $0.name, type: $0.type.rawValue, sector: $0.sector) },
            participants: snapshot.participants,
            sections: zip(plan.sections, Self.dayLabels(plan)).map { section, day in
                .init(id: section.id, name: section.name, minutes: section.minutes,
                      fields: section.fields.map { ordered(canvas.summary(of: $0, names: names), $0) }, day: day)
            },
            facilitation: snapshot.facilitation,
            canvas: Canvas(state: canvas, textHistory: Canvas.history(try await app.store.textEdits(of: session.id, field: nil))),
            preparation: preparation)
    }

    /// Each section's day as "day 2: What we do next", counting days as the plan's sections change day;
    /// `nil` for a path of one day.
    static func dayLabels(_ plan: SessionPlan) -> [String?] {
        var number = 0
        var previous: String?
        return plan.sections.map { section in
            guard let day = section.day else { return nil }
            if number == 0 || day != previous { number += 1 }
            previous = day
            return "day \(number): \(day)"
        }
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    func markdown() -> String {
        func clean(_ text: String) -> String {
            // Keep people's text as text: escape what Markdown would read as markup.
            var out = ""
            for character in text {
                if "\\`*_{}[]<>#|".contains(character) { out.append("\\") }
                out.append(character)
            }
            return out.replacingOccurrences(of: "\n", with: " ")
        }
        var lines = ["# \(clean(session.title)) — \(clean(partnership.name))", ""]
        lines.append("- Date: \(session.date), starting \(session.start)")
        lines.append("- Focal issue: \(clean(partnership.focalIssue))")
        if !partners.isEmpty { lines.append("- Partners: \(partners.map { clean($0.name) }.joined(separator: ", "))") }
        if !participants.isEmpty { lines.append("- Participants: \(participants.map { clean($0.name) }.joined(separator: ", "))") }
        lines.append("")
        if let preparation, !preparation.partners.isEmpty {
            lines += ["## Prepared beforehand: \(clean(preparation.title))", ""]
            for partner in preparation.partners {
                lines += ["### \(clean(partner.name))", ""]
                for field in preparation.fields { if let text = partner.answers[field.id], !text.isEmpty { lines.append("- \(clean(field.label)): \(clean(text))") } }
                lines.append("")
            }
        }
        for section in sections {
            lines += ["## \(clean(section.heading))", ""]
            for field in section.fields {
                lines += ["### \(clean(field.label))", ""]
                if field.isEmpty { lines += ["_Not filled in._", ""]; continue }
                if let text = field.text, !text.isEmpty { lines += [clean(text), ""] }
                if let earlier = canvas.textHistory[field.id], !earlier.isEmpty {
                    lines += ["Earlier versions, oldest first:", ""] + earlier.map { "- \(clean($0.text))" } + [""]
                }
                if !field.lines.isEmpty {
                    lines += field.lines.map { line in
                        let depth = line.prefix { $0 == " " }.count / 2
                        return String(repeating: "  ", count: depth) + "- " + clean(line.trimmingCharacters(in: .whitespaces))
                    }
                    lines.append("")
                }
                if !field.rows.isEmpty {
                    lines.append("| " + field.columns.map(clean).joined(separator: " | ") + " |")
                    lines.append("|" + String(repeating: " --- |", count: field.columns.count))
                    for row in field.rows { lines.append("| " + row.map(clean).joined(separator: " | ") + " |") }
                    lines.append("")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    func page() -> ExportPage {
        let prepared: [ExportPage.Prepared] = preparation.map { prep in
            prep.partners.map { partner in
                .init(name: partner.name, answers: prep.fields.compactMap { field in
                    partner.answers[field.id].flatMap { $0.isEmpty ? nil : ExportPage.Answer(label: field.label, text: $0) }
                })
            }
        } ?? []
        return ExportPage(title: "\(session.title) — \(partnership.name)", partnership: partnership.name, date: "\(session.date), \(session.start)",
                          focalIssue: partnership.focalIssue, partners: partners.map(\.name),
                          preparationTitle: preparation?.title ?? "", prepared: prepared, hasPrepared: !prepared.isEmpty,
                          sections: sections.map { section in
                              .init(name: section.heading, fields: section.fields.map { ExportPage.Field($0, earlier: canvas.textHistory[$0.id]?.map(\.text) ?? []) })
                          },
                          participants: participants.map(\.name), generated: ISO8601DateFormatter().string(from: Date()))
    }

    /// One event in words, for the history page.
    static func describe(_ event: SessionEvent, plan: SessionPlan?) -> String {
        func label(_ field: String) -> String { plan?.fields.first { $0.id == field }?.label ?? field }
        switch event {
        case .edit(let edit):
            let what: String
            switch edit {
            case .setText(_, let text): what = "wrote “\(text.prefix(80))”"
            case .addItem(_, _, let text): what = "added “\(text.prefix(80))”"
            case .editItem(_, _, let text): what = "changed an item to “\(text.prefix(80))”"
            case .removeItem: what = "removed an item"
            case .addRow: what = "added a row"
            case .setCell(_, _, _, let value): what = "filled a cell with “\(value.prefix(80))”"
            case .removeRow: what = "removed a row"
            case .setPartnerAnswer: what = "answered for a partner"
            case .placeToken(_, let colour, _): what = "placed a \(colour) token"
            case .removeToken(_, let colour, _): what = "took back a \(colour) token"
            case .addSubject(_, _, let name): what = "added “\(name.prefix(80))” to rate"
            case .rate: what = "gave a score"
            case .rateOwn(_, _, _, let score): what = score == nil ? "took back their own score" : "gave their own score"
            case .check(_, _, let checked): what = checked ? "ticked an item" : "unticked an item"
            case .addNode(_, _, _, _, let text): what = "added “\(text.prefix(80))”"
            case .editNode(_, _, let text): what = "changed an entry to “\(text.prefix(80))”"
            case .removeNode: what = "removed an entry"
            case .placeOnGrid(_, _, let label, _, _): what = "placed “\(label.prefix(80))” on the grid"
            case .removeFromGrid: what = "removed an item from the grid"
            }
            return "\(label(edit.field)): \(what)"
        case .move(let phase, let step):
            let section = plan?.sections.indices.contains(phase) == true ? plan!.sections[phase] : nil
            let stepTitle = section.flatMap { $0.steps.indices.contains(step) ? $0.steps[step].title : nil }
            return "Moved to \(section?.name ?? "phase \(phase + 1)")" + (stepTitle.map { ": \($0)" } ?? "")
        case .lock(let section, let locked):
            return "\(locked ? "Locked" : "Unlocked") \(plan?.sections.first { $0.id == section }?.name ?? section)"
        case .close:
            return "Closed the session"
        case .clock(let action):
            switch action {
            case .start: return "Started the clock"
            case .pause: return "Paused the clock"
            case .resume: return "Resumed the clock"
            case .extend(let minutes): return "Gave the step \(minutes) more minute\(minutes == 1 ? "" : "s")"
            case .reset: return "Reset the step's clock"
            }
        case .show(let view):
            switch view {
            case .phase: return "Showed the current phase on the projector"
            case .field(let field): return "Showed \(label(field)) on the projector"
            case .join: return "Showed the join screen on the projector"
            case .pause: return "Showed the pause screen on the projector"
            }
        case .undo(let sequence, let edits):
            return "\(edits.first.map { label($0.field) } ?? "A field"): undid change \(sequence)"
        case .hide(let field, _, let hidden):
            return "\(hidden ? "Hid" : "Showed again") an item of \(label(field))"
        case .groups(let formed):
            return "Formed \(formed.groups.count) group\(formed.groups.count == 1 ? "" : "s") of \(formed.groups.map { String($0.count) }.joined(separator: ", "))"
        }
    }
}
