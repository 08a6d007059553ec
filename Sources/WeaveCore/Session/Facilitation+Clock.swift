public import Foundation

/// What the facilitator does to the current step's clock.
public enum ClockAction: Sendable, Hashable {
    /// Starts the session's clock (the day's and the current step's), once.
    case start
    /// Stops the step's clock where it is.
    case pause
    /// Runs a paused clock on.
    case resume
    /// Gives the current step more minutes (1 to 60).
    case extend(minutes: Int)
    /// Starts the current step's clock again from its full time.
    case reset

    /// The action's name in the log and on the socket.
    public var name: String {
        switch self {
        case .start: "start"
        case .pause: "pause"
        case .resume: "resume"
        case .extend: "extend"
        case .reset: "reset"
        }
    }
}

extension Facilitation {
    /// The facilitator moved to a step: its clock starts (and the day's, if it had not).
    public mutating func moved(toPhase phase: Int, step: Int, at date: Date) {
        self.phase = phase
        self.step = step
        restartStep(at: date)
    }

    private mutating func restartStep(at date: Date) {
        startedAt = date
        if sessionStartedAt == nil { sessionStartedAt = date }
        pausedAt = nil
        pausedSeconds = 0
        extraMinutes = 0
        if !reached.contains(where: { $0.phase == phase && $0.step == step }) {
            reached.append(Reached(phase: phase, step: step, at: date))
        }
    }

    /// Works the clock, or says why not.
    public mutating func apply(_ action: ClockAction, at date: Date) throws(SessionEventError) {
        switch action {
        case .start:
            guard startedAt == nil else { throw SessionEventError("The clock is already running; pause or reset it instead.") }
            restartStep(at: date)
        case .pause:
            guard startedAt != nil else { throw SessionEventError("The clock has not started yet; start the session first.") }
            guard pausedAt == nil else { throw SessionEventError("The clock is already paused.") }
            pausedAt = date
        case .resume:
            guard let paused = pausedAt else { throw SessionEventError("The clock is not paused.") }
            pausedSeconds += max(0, date.timeIntervalSince(paused))
            pausedAt = nil
        case .extend(let minutes):
            guard (1...60).contains(minutes) else { throw SessionEventError("Add between 1 and 60 minutes at a time.") }
            guard extraMinutes + minutes <= 600 else { throw SessionEventError("A step can be given at most 10 hours more.") }
            extraMinutes += minutes
        case .reset:
            guard startedAt != nil else { throw SessionEventError("The clock has not started yet; start the session first.") }
            let wasPaused = pausedAt != nil
            startedAt = date
            pausedSeconds = 0
            extraMinutes = 0
            pausedAt = wasPaused ? date : nil
        }
    }

    /// The current step's planned seconds, minutes added included.
    public func plannedSeconds(in plan: SessionPlan) -> Int {
        guard plan.sections.indices.contains(phase) else { return 0 }
        let section = plan.sections[phase]
        let minutes = section.steps.indices.contains(step) ? section.steps[step].minutes : section.minutes
        return (minutes + extraMinutes) * 60
    }

    /// Seconds the current step's clock has run (pauses left out), or `nil` before it starts.
    public func elapsedSeconds(at now: Date) -> Double? {
        guard let startedAt else { return nil }
        let end = pausedAt ?? now
        return max(0, end.timeIntervalSince(startedAt) - pausedSeconds)
    }

    /// Seconds left of the current step; negative when it runs over; `nil` before the clock starts.
    public func remainingSeconds(in plan: SessionPlan, at now: Date) -> Double? {
        elapsedSeconds(at: now).map { Double(plannedSeconds(in: plan)) - $0 }
    }

    /// Minutes the agenda plans before a step (every earlier step's, in order).
    public static func plannedOffsetMinutes(toPhase phase: Int, step: Int, in plan: SessionPlan) -> Int {
        var total = 0
        for (index, section) in plan.sections.enumerated() where index <= phase {
            if index < phase { total += section.steps.isEmpty ? section.minutes : section.steps.reduce(0) { $0 + $1.minutes } }
            else { total += section.steps.prefix(step).reduce(0) { $0 + $1.minutes } }
        }
        return total
    }

    /// How far the day is behind its agenda, in seconds (negative: ahead); `nil` before the session starts.
    /// The current step's start is compared with when the agenda planned it (counted from the session's
    /// start), and a step running over its planned time adds its overrun as it grows.
    public func driftSeconds(in plan: SessionPlan, at now: Date) -> Double? {
        guard let dayStart = sessionStartedAt, let stepStart = startedAt else { return nil }
        let planned = Double(Self.plannedOffsetMinutes(toPhase: phase, step: step, in: plan) * 60)
        let lateStart = stepStart.timeIntervalSince(dayStart) - planned
        // Against the agenda's minutes, not those added: "+5 min" makes the day later. Paused time is lost too.
        let agendaSeconds = Double(plannedSeconds(in: plan) - extraMinutes * 60)
        let spent = now.timeIntervalSince(stepStart)
        return lateStart + max(0, spent - agendaSeconds)
    }
}

/// What the projector shows, chosen from the facilitator's laptop.
public enum ProjectorView: Sendable, Hashable, Codable {
    /// The current phase (the default).
    case phase
    /// One field, large (e.g. the token tally and its priorities).
    case field(String)
    /// The join screen: address, code and QR code.
    case join
    /// A pause screen.
    case pause

    /// The view's name on the socket and in the log.
    public var name: String {
        switch self {
        case .phase: "phase"
        case .field: "field"
        case .join: "join"
        case .pause: "pause"
        }
    }

    private enum Key: String, CodingKey { case view, field }

    /// In snapshots and events: `{"view": "field", "field": "assessment"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(name, forKey: .view)
        if case .field(let field) = self { try container.encode(field, forKey: .field) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .view) {
        case "field": self = .field(try container.decode(String.self, forKey: .field))
        case "join": self = .join
        case "pause": self = .pause
        default: self = .phase
        }
    }
}
