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
        /// Whether the facilitator may leave the step out (`nil`: it may not).
        public var optional: Bool? = nil
        /// Tools that can stand in for `tool`.
        public var alternatives: [ToolReference]? = nil
        /// How people are grouped, as structure.
        public var groups: GroupPlan? = nil
        /// Notes for the facilitator.
        public var notes: String? = nil
        /// What the step needs in the room, one line each.
        public var materials: [String]? = nil
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
    /// For a path of several days, each day's own agenda (named after the day, with its own start, breaks,
    /// end and overrun); `nil` for a path of one day. `phases`, `breaks` and `warnings` above then hold
    /// every day's, in order, and `start` and `end` are the first day's start and the last day's end.
    public var days: [Agenda]? = nil
}

/// When one day of a path runs: its start, its breaks, and when it must be over.
public struct AgendaDay: Sendable, Hashable {
    public var start: ClockTime
    public var breaks: [AgendaBreak]
    public var end: ClockTime?

    /// Creates a day's times.
    public init(start: ClockTime, breaks: [AgendaBreak] = [], end: ClockTime? = nil) {
        self.start = start
        self.breaks = breaks
        self.end = end
    }
}

extension AgendaDay {
    /// Each day's times from what a facilitator typed: one start per day (the last given counts for the
    /// days after it), breaks as `HH:MM+MIN` for every day or `D@HH:MM+MIN` for day D only, and optionally
    /// one end per day (likewise).
    ///
    /// - Parameters:
    ///   - count: how many days the path has.
    /// - Throws: ``AgendaError`` for a time or break that cannot be read, or a day the path does not have.
    public static func days(starts: [String], breaks: [String], ends: [String], count: Int) throws(AgendaError) -> [AgendaDay] {
        func time(_ text: String) throws(AgendaError) -> ClockTime {
            guard let time = ClockTime(parsing: text) else { throw .malformedTime(text) }
            return time
        }
        var startTimes: [ClockTime] = []
        for text in starts { startTimes.append(try time(text)) }
        var endTimes: [ClockTime] = []
        for text in ends { endTimes.append(try time(text)) }
        let total = max(count, 1)
        if startTimes.count > total { throw .noSuchDay(starts[total], days: total) }
        if endTimes.count > total { throw .noSuchDay(ends[total], days: total) }
        var days = (0..<total).map { index in
            AgendaDay(start: startTimes.isEmpty ? ClockTime(hour: 9, minute: 0) : startTimes[min(index, startTimes.count - 1)],
                      end: endTimes.isEmpty ? nil : endTimes[min(index, endTimes.count - 1)])
        }
        for text in breaks {
            let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                guard let day = Int(parts[0]), (1...total).contains(day) else { throw .noSuchDay(text, days: total) }
                days[day - 1].breaks.append(try AgendaBreak(parsing: String(parts[1])))
            } else {
                let pause = try AgendaBreak(parsing: text)
                for index in days.indices { days[index].breaks.append(pause) }
            }
        }
        return days
    }
}
