/// A path laid out on the clock: each phase and step with its start and end, and the breaks between.
public struct Agenda: Sendable, Hashable, Codable {
    /// A tool as the agenda names it.
    public struct ToolReference: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var number: Int?
        public var type: Tool.Kind
    }

    /// A canvas field as the agenda lists it.
    public struct CanvasInput: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var kind: CanvasFieldKind.Name
    }

    /// One step on the clock.
    public struct StepSlot: Sendable, Hashable, Codable {
        public var title: String
        public var start: ClockTime
        public var end: ClockTime
        /// Working minutes, breaks not counted.
        public var minutes: Int
        /// How the minutes were set.
        public var timing: StepTimeSource
        public var lead: Step.Lead
        public var grouping: Step.Grouping?
        public var tool: ToolReference?
        public var activities: [String]
        /// The start of a break that falls inside the step, if any.
        public var interruptedBy: [ClockTime]
    }

    /// One phase on the clock.
    public struct PhaseSlot: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var start: ClockTime
        public var end: ClockTime
        /// Minutes of work the path plans for the phase.
        public var plannedMinutes: Int
        /// Minutes of breaks that fall inside the phase.
        public var breakMinutes: Int
        public var steps: [StepSlot]
        /// The phase's input to the path canvas.
        public var canvas: [CanvasInput]
    }

    /// A break on the clock, and where it falls.
    public struct BreakSlot: Sendable, Hashable, Codable {
        public var start: ClockTime
        public var end: ClockTime
        public var minutes: Int
        /// The phase it interrupts, when it falls inside one rather than between two.
        public var duringPhase: String?
        /// The step it interrupts, when it falls inside a step rather than between two.
        public var duringStep: String?
        /// The phase just before it, when it falls between phases.
        public var afterPhase: String?
    }

    public var path: String
    public var name: String
    public var subtitle: String?
    public var start: ClockTime
    public var end: ClockTime
    /// Minutes of work the path plans, breaks not counted.
    public var plannedMinutes: Int
    /// Minutes of breaks.
    public var breakMinutes: Int
    /// When the day must end, if given.
    public var dayEnd: ClockTime?
    /// Minutes past `dayEnd`, when the agenda runs over it.
    public var overrunMinutes: Int?
    public var phases: [PhaseSlot]
    public var breaks: [BreakSlot]
    /// Things a facilitator should know: a break inside a phase, an overrun, a break left out.
    public var warnings: [String]
}
