/// The Partnership Assessment over time: each field's green/red ratio in every session that ran it, side by
/// side, so a partnership sees whether its weak fields improved.
public struct AssessmentTrend: Sendable, Hashable, Codable {
    /// One session's tallies.
    public struct Run: Sendable, Hashable, Codable {
        /// The session's id.
        public var session: String
        /// `YYYY-MM-DD`.
        public var date: String
        public var tallies: [TokenTally]
        public init(session: String, date: String, tallies: [TokenTally]) {
            self.session = session
            self.date = date
            self.tallies = tallies
        }
    }

    /// One target (a field of the partnership) across the runs.
    public struct Row: Sendable, Hashable, Codable {
        public var target: String
        public var label: String
        /// The tally per run, in run order; `nil` where that run did not offer the target.
        public var tallies: [TokenTally?]
        /// The change of ratio from the first run that has one to the last, when both exist.
        public var change: Double?
    }

    /// The runs, oldest first.
    public var runs: [Run]
    /// The targets, in the order the latest run declares them, then any only earlier runs had.
    public var rows: [Row]

    /// Lines the runs up by target.
    public init(runs: [Run]) {
        let ordered = runs.sorted { ($0.date, $0.session) < ($1.date, $1.session) }
        self.runs = ordered
        var targets: [(String, String)] = []
        var seen: Set<String> = []
        for run in ordered.reversed() {
            for tally in run.tallies where seen.insert(tally.target).inserted { targets.append((tally.target, tally.label)) }
        }
        rows = targets.map { target, label in
            let tallies = ordered.map { run in run.tallies.first { $0.target == target } }
            let ratios = tallies.compactMap { $0?.ratio }
            return Row(target: target, label: label, tallies: tallies,
                       change: ratios.count >= 2 ? ratios[ratios.count - 1] - ratios[0] : nil)
        }
    }

    /// Whether a field is the Partnership Assessment: a token vote with a ratio, taken from the tool
    /// (`origin`), or the tool's own field when the tool itself is run.
    public static func isAssessment(_ field: CanvasField, itemID: String, tool: String = "partnership-assessment") -> Bool {
        guard case .tokenVote(let spec) = field.kind, spec.ratio != nil else { return false }
        return field.origin == "\(tool)/assessment" || (itemID == tool && field.id == "assessment")
    }
}
