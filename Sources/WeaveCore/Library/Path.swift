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
    /// The phases, in order.
    public var phases: [Phase]
    /// Which canvas fields carry over into the partnership's record when a session closes.
    public var record: [RecordSource] = []

    /// Creates a path.
    public init(
        id: String, name: String, subtitle: String? = nil, summary: String? = nil, description: String? = nil,
        participants: Participants? = nil, outcomes: [String] = [], preparation: [Note] = [],
        materials: [Material] = [], tools: [String] = [], phases: [Phase], record: [RecordSource] = []
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

    /// Creates a step.
    public init(
        title: String, description: String? = nil, lead: Lead = .everyone, grouping: Grouping? = nil,
        tool: String? = nil, duration: Int? = nil, weight: Double? = nil, activities: [String] = []
    ) {
        self.title = title
        self.description = description
        self.lead = lead
        self.grouping = grouping
        self.tool = tool
        self.duration = duration
        self.weight = weight
        self.activities = activities
    }
}
