import Foundation
import WeaveCore
import WeaveStore

/// The Partnership Assessment across a partnership's sessions, read from each session's canvas.
enum AssessmentHistory {
    /// Every session of the partnership that ran the assessment with tokens placed, oldest first.
    static func trend(_ partnership: UUID, app: WebApp) async throws -> AssessmentTrend {
        var runs: [AssessmentTrend.Run] = []
        for session in try await app.store.sessions(of: partnership) {
            guard let plan = try await app.plan(for: session) else { continue }
            let fields = plan.sections.flatMap(\.fields).filter { AssessmentTrend.isAssessment($0, itemID: session.itemID) }
            guard !fields.isEmpty else { continue }
            let canvas = await (try app.registry.session(session)).snapshot().state.visibleCanvas
            let tallies = fields.flatMap { canvas.tally($0) }
            guard tallies.contains(where: { $0.counts.values.contains { $0 > 0 } }) else { continue }
            runs.append(.init(session: session.id.uuidString.lowercased(), date: session.date, tallies: tallies))
        }
        return AssessmentTrend(runs: runs)
    }

    /// The trend as a printable table: "green/red = ratio" per session, and the change from first to last.
    static func table(_ trend: AssessmentTrend) -> AssessmentTable? {
        guard !trend.runs.isEmpty else { return nil }
        return AssessmentTable(sessions: trend.runs.map(\.date), rows: trend.rows.map { row in
            AssessmentTable.Row(label: row.label, cells: row.tallies.map { tally in
                guard let tally else { return "—" }
                let green = tally.counts["green"] ?? 0, red = tally.counts["red"] ?? 0
                return "\(green) / \(red)" + (tally.ratio.map { " = \(String(format: "%.2f", $0))" } ?? "")
            }, change: row.change.map { String(format: "%+.2f", $0) } ?? "—")
        })
    }
}
