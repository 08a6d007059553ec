/// What a session runs through: its sections (a path's phases, or one section for a single tool), each
/// with planned steps and the canvas fields it fills.
public struct SessionPlan: Sendable, Hashable {
    /// One planned step within a section.
    public struct PlannedStep: Sendable, Hashable, Codable {
        public var title: String
        public var minutes: Int
        public var lead: String
        public var grouping: String?
        /// The tool's name with its number, when the step uses one.
        public var tool: String?
        /// How people are grouped, as structure group formation can use: grouping, people per group, and
        /// whether groups mix organisations.
        public var groups: GroupPlan?
        /// Whether the facilitator may leave the step out.
        public var optional: Bool = false
        /// What the step needs in the room, one line each.
        public var materials: [String] = []
        /// Notes for the facilitator. Not part of the step's JSON, so that a plan sent to participants'
        /// browsers never carries them; facilitator views read them from here.
        public var notes: String?

        enum CodingKeys: String, CodingKey { case title, minutes, lead, grouping, tool, groups, optional, materials }
    }

    /// One section of the canvas: a phase of a path, or the whole of a tool.
    public struct Section: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var minutes: Int
        public var description: String?
        public var steps: [PlannedStep]
        public var fields: [CanvasField]
        /// The name of the day the section falls on, for a path of several days.
        public var day: String? = nil
    }

    /// The library item the session runs: a path or a tool.
    public var itemID: String
    /// The item's name.
    public var title: String
    public var sections: [Section]
    /// The fewest participants the item recommends, when it says.
    public var minParticipants: Int?
    /// The most participants the item recommends, when it says.
    public var maxParticipants: Int?
    /// Who may change a partner's answer to a per-partner field (the path's `per_partner`).
    public var perPartner: PerPartnerAccess = .anyone

    /// The plan for running a path: its phases, with step minutes shared out as the agenda does.
    public init(path: Path, library: Library) {
        itemID = path.id
        title = path.name
        minParticipants = path.participants?.min
        maxParticipants = path.participants?.max
        perPartner = path.perPartner
        let dayOfPhase = Dictionary((path.days ?? []).flatMap { day in day.phases.map { ($0, day.name) } }, uniquingKeysWith: { first, _ in first })
        sections = path.phases.map { phase in
            let minutes = phase.stepMinutes()
            let steps = zip(phase.steps, minutes).map { step, timing in
                PlannedStep(title: step.title, minutes: timing.minutes, lead: step.lead.displayName,
                            grouping: step.groupPlan?.displayName,
                            tool: step.tool.flatMap { library.tool($0) }.map(\.numberedName),
                            groups: step.groupPlan, optional: step.optional ?? false,
                            materials: (step.materials ?? []).map(\.line), notes: step.notes)
            }
            return Section(id: phase.id, name: phase.name, minutes: phase.duration, description: phase.description,
                           steps: steps, fields: phase.canvas, day: dayOfPhase[phase.id])
        }
    }

    /// The plan for a single tool with canvas fields: one section named after the tool.
    public init(tool: Tool) {
        itemID = tool.id
        title = tool.numberedName
        minParticipants = tool.groupSize?.min
        maxParticipants = tool.groupSize?.max
        let minutes = tool.duration?.max ?? tool.duration?.min ?? 60
        sections = [Section(id: tool.id, name: tool.numberedName, minutes: minutes, description: tool.purpose,
                            steps: [], fields: tool.fields)]
    }

    /// The plan for a library item, or `nil` when it is neither a path nor a tool with canvas fields.
    public init?(itemID: String, library: Library) {
        if let path = library.path(itemID) {
            self.init(path: path, library: library)
        } else if let tool = library.tool(itemID), !tool.fields.isEmpty {
            self.init(tool: tool)
        } else {
            return nil
        }
    }

    /// What to say when a number of participants is outside the recommendation, or `nil` when it is inside.
    public func participantAdvice(count: Int) -> String? {
        let range = switch (minParticipants, maxParticipants) {
        case let (low?, high?): "\(low)–\(high)"
        case let (low?, nil): "at least \(low)"
        case let (nil, high?): "at most \(high)"
        case (nil, nil): ""
        }
        if let low = minParticipants, count < low {
            return "\(count) participant\(count == 1 ? " has" : "s have") joined; \(title) is meant for \(range)."
        }
        if let high = maxParticipants, count > high {
            return "\(count) participants have joined; \(title) is meant for \(range). Consider splitting into groups."
        }
        return nil
    }

    /// Every field, in canvas order.
    public var fields: [CanvasField] { sections.flatMap(\.fields) }

    /// The section holding a field.
    public func section(ofField field: String) -> Section? {
        sections.first { $0.fields.contains { $0.id == field } }
    }

    /// The context edits are checked against, for a partnership's partners.
    public func context(partners: Set<String>) -> CanvasContext {
        CanvasContext(fields: fields, partners: partners)
    }

    /// How many stops (steps, or one for a section without steps) a section has.
    func stops(in section: Int) -> Int { max(sections[section].steps.count, 1) }

    /// Whether a phase and step name a place in the plan.
    public func contains(phase: Int, step: Int) -> Bool {
        sections.indices.contains(phase) && (0..<stops(in: phase)).contains(step)
    }
}

extension Tool {
    /// The tool's name with its number, as printed on the cards: "Stakeholder Analysis (41)".
    public var numberedName: String { number.map { "\(name) (\($0))" } ?? name }
}
