/// A timed workshop a partnership works through together: phases of steps, filling a shared canvas.
public struct Path: Sendable, Hashable, Codable {
    /// Who should take part.
    public struct Participants: Sendable, Hashable, Codable {
        /// The fewest people the path works with.
        public var min: Int?
        /// The most people the path works with.
        public var max: Int?
        /// Who they should be.
        public var description: String?
        /// Further advice, possibly pointing at a tool.
        public var notes: [Note]

        /// Creates participant advice.
        public init(min: Int? = nil, max: Int? = nil, description: String? = nil, notes: [Note] = []) {
            self.min = min
            self.max = max
            self.description = description
            self.notes = notes
        }

        /// Whether a head count is outside what the path recommends.
        public func isOutsideRecommendation(_ count: Int) -> Bool {
            if let min, count < min { return true }
            if let max, count > max { return true }
            return false
        }
    }

    /// Unique across the library.
    public var id: String
    /// The path's name.
    public var name: String
    /// A second line under the name.
    public var subtitle: String?
    /// One line for lists.
    public var summary: String?
    /// About the path.
    public var description: String?
    /// Who should take part.
    public var participants: Participants?
    /// What the group will have at the end.
    public var outcomes: [String]
    /// What to do before the day.
    public var preparation: [Note]
    /// What the room needs.
    public var materials: [Material]
    /// The tools the path uses.
    public var tools: [String]
    /// The worksheet each partner fills in before the path's session (a tool whose fields are all
    /// per-partner), when the path has one.
    public var preparationTool: String?
    /// The phases, in order.
    public var phases: [Phase]
    /// The days the phases are grouped into, in order, when the path runs over several days; `nil` for a
    /// path of one day. Every phase belongs to exactly one day, in the phases' order.
    public var days: [Day]?

    /// One day of a path of several days.
    public struct Day: Sendable, Hashable, Codable {
        /// The day's name: "Day 1: Where we stand".
        public var name: String
        /// The ids of its phases, in order.
        public var phases: [String]

        /// Creates a day.
        public init(name: String, phases: [String]) {
            self.name = name
            self.phases = phases
        }
    }

    /// The path's phases day by day; a path of one day is one day named after the path.
    public var phasesByDay: [(day: Day, phases: [Phase])] {
        guard let days else { return [(Day(name: name, phases: phases.map(\.id)), phases)] }
        return days.map { day in (day, day.phases.compactMap { id in phases.first { $0.id == id } }) }
    }

    /// Which canvas fields carry over into the partnership's record when a session closes.
    public var record: [RecordSource] = []
    /// Who may change a partner's answer to a per-partner field (`per_partner`); anyone by default.
    public var perPartner: PerPartnerAccess = .anyone

    /// Creates a path.
    public init(
        id: String, name: String, subtitle: String? = nil, summary: String? = nil, description: String? = nil,
        participants: Participants? = nil, outcomes: [String] = [], preparation: [Note] = [],
        materials: [Material] = [], tools: [String] = [], phases: [Phase], days: [Day]? = nil, preparationTool: String? = nil,
        record: [RecordSource] = []
    ) {
        self.record = record
        self.id = id
        self.name = name
        self.subtitle = subtitle
        self.summary = summary
        self.description = description
        self.participants = participants
        self.outcomes = outcomes
        self.preparation = preparation
        self.materials = materials
        self.tools = tools
        self.phases = phases
        self.days = days
        self.preparationTool = preparationTool
    }

    /// The planned length of the whole path in minutes, breaks not counted.
    public var totalMinutes: Int { phases.reduce(0) { $0 + $1.duration } }

    /// Every canvas field of every phase, in order.
    public var canvasFields: [CanvasField] { phases.flatMap(\.canvas) }
}

/// One phase of a path: Orientation, Groundwork, Summit…
public struct Phase: Sendable, Hashable, Codable {
    /// How steps without their own duration share the phase's time.
    public enum StepTiming: String, Sendable, Hashable, Codable, CaseIterable {
        /// In equal parts.
        case equal
        /// In proportion to each step's weight.
        case weighted
    }

    /// Unique within its path.
    public var id: String
    /// The phase's name.
    public var name: String
    /// Planned minutes.
    public var duration: Int
    /// About the phase.
    public var description: String?
    /// How untimed steps share the time; `nil` when the path did not need to say.
    public var stepTiming: StepTiming?
    /// The steps, in order.
    public var steps: [Step]
    /// The phase's input to the path canvas.
    public var canvas: [CanvasField]

    /// Creates a phase.
    public init(
        id: String, name: String, duration: Int, description: String? = nil, stepTiming: StepTiming? = nil,
        steps: [Step], canvas: [CanvasField] = []
    ) {
        self.id = id
        self.name = name
        self.duration = duration
        self.description = description
        self.stepTiming = stepTiming
        self.steps = steps
        self.canvas = canvas
    }
}

/// One step of a phase: what the group does, who leads it, in what grouping, with which tool.
public struct Step: Sendable, Hashable, Codable {
    /// Who leads the step.
    public enum Lead: String, Sendable, Hashable, Codable, CaseIterable {
        /// The host or preparation group.
        case host
        /// The whole group.
        case everyone

        /// "Host / preparation group" or "Everyone".
        public var displayName: String {
            switch self {
            case .host: "Host / preparation group"
            case .everyone: "Everyone"
            }
        }
    }

    /// How people work during the step.
    public enum Grouping: String, Sendable, Hashable, Codable, CaseIterable {
        case plenary, triads, pairs
        case smallGroups = "small-groups"
        case rounds, individual

        /// "Small groups", "Triads"…
        public var displayName: String {
            switch self {
            case .plenary: "Plenary"
            case .triads: "Triads"
            case .pairs: "Pairs"
            case .smallGroups: "Small groups"
            case .rounds: "Rounds"
            case .individual: "Individual"
            }
        }
    }

    /// What the group does, in a line.
    public var title: String
    /// More detail.
    public var description: String?
    /// Who leads it.
    public var lead: Lead
    /// How people work.
    public var grouping: Grouping?
    /// The tool it uses.
    public var tool: String?
    /// Its own minutes, if the path gives them.
    public var duration: Int?
    /// Its share of the phase's untimed minutes, with weighted step timing.
    public var weight: Double?
    /// Activity codes the step serves (its tool's codes count too).
    public var activities: [String]
    /// Whether the facilitator may leave the step out.
    public var optional: Bool?
    /// Tools that can stand in for `tool`; the facilitator picks one when scheduling.
    public var alternatives: [String]?
    /// Notes for the facilitator only: shown to facilitators and in the handout, never to participants.
    public var notes: String?
    /// What the step needs in the room.
    public var materials: [Material]?
    /// With `grouping: small-groups`, how many people each group has.
    public var groupSize: Int?
    /// Whether each group mixes people from different partner organisations.
    public var mixOrganisations: Bool?

    /// How people are grouped for the step, as structure a session can form groups from.
    public var groupPlan: GroupPlan? {
        guard let grouping else { return nil }
        let size: Int? = switch grouping {
        case .pairs: 2
        case .triads: 3
        case .smallGroups: groupSize
        case .plenary, .rounds, .individual: nil
        }
        return GroupPlan(grouping: grouping, size: size, mixOrganisations: mixOrganisations ?? false)
    }

    /// Creates a step.
    public init(
        title: String, description: String? = nil, lead: Lead = .everyone, grouping: Grouping? = nil,
        tool: String? = nil, duration: Int? = nil, weight: Double? = nil, activities: [String] = [],
        optional: Bool? = nil, alternatives: [String]? = nil, notes: String? = nil, materials: [Material]? = nil,
        groupSize: Int? = nil, mixOrganisations: Bool? = nil
    ) {
        self.title = title
        self.description = description
        self.lead = lead
        self.grouping = grouping
        self.tool = tool
        self.duration = duration
        self.weight = weight
        self.activities = activities
        self.optional = optional
        self.alternatives = alternatives
        self.notes = notes
        self.materials = materials
        self.groupSize = groupSize
        self.mixOrganisations = mixOrganisations
    }
}

/// How people work in a step, as structure: the grouping, people per group, and whether groups mix
/// organisations. A live session forms its groups from this.
public struct GroupPlan: Sendable, Hashable, Codable {
    /// Plenary, pairs, triads, small groups, rounds or individual work.
    public var grouping: Step.Grouping
    /// People per group: 2 for pairs, 3 for triads, the step's `group_size` for small groups; `nil` when
    /// the grouping has no groups (plenary, rounds, individual) or the path leaves it open.
    public var size: Int?
    /// Whether each group should mix people from different partner organisations.
    public var mixOrganisations: Bool

    /// Creates a group plan.
    public init(grouping: Step.Grouping, size: Int?, mixOrganisations: Bool) {
        self.grouping = grouping
        self.size = size
        self.mixOrganisations = mixOrganisations
    }

    /// "Triads of mixed organisations", "Small groups of 5", "Plenary".
    public var displayName: String {
        let base: String = switch (grouping, size) {
        case (.smallGroups, let size?): "Small groups of \(size)"
        default: grouping.displayName
        }
        return mixOrganisations ? base + " of mixed organisations" : base
    }
}

/// Who may change a partner's answer to a per-partner field during a session. Facilitators always may.
public enum PerPartnerAccess: String, Sendable, Hashable, Codable, CaseIterable {
    /// Anyone in the session (the default): the room fills in each partner's row together.
    case anyone
    /// Only the participants who joined for that partner: each organisation speaks for itself.
    case ownParticipants = "own-participants"
}
