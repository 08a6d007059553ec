public import Foundation

/// One change to a session, as stored in its append-only log. The session's canvas and facilitation
/// state are rebuilt by applying its events in order.
public enum SessionEvent: Sendable, Hashable {
    /// A change to the canvas.
    case edit(CanvasEdit)
    /// The facilitator moves to a phase and step.
    case move(phase: Int, step: Int)
    /// The facilitator locks or unlocks a section's fields.
    case lock(section: String, locked: Bool)
    /// The facilitator closes the session: no more edits, no new participants.
    case close
    /// The facilitator works the current step's clock: start, pause, resume, add minutes, reset.
    case clock(ClockAction)
    /// The facilitator chooses what the projector shows.
    case show(ProjectorView)
    /// The facilitator forms (or reshuffles) the current step's groups.
    case groups(SessionGroups)
    /// The facilitator hides an item of a field (a list entry, table row, tree node, grid item or rating
    /// subject) from participants, the projector and exports, or shows it again. The item stays in the state
    /// and its text in the log.
    case hide(field: String, item: String, hidden: Bool)
    /// Someone takes back their own change stored as `sequence`: `edits` restore what it changed (built by
    /// ``SessionUndo``), applied together as one change. The undone change stays in the log.
    case undo(sequence: Int, edits: [CanvasEdit])

    /// The canvas field the event changes, if any.
    public var field: String? {
        switch self {
        case .edit(let edit): edit.field
        case .hide(let field, _, _): field
        case .undo(_, let edits): edits.first?.field
        default: nil
        }
    }
}

/// Who made a change: a participant, or a facilitator signed in with an account.
public struct SessionActor: Sendable, Hashable, Codable {
    /// The participant's or account's id.
    public var id: String
    /// The name shown beside what they did.
    public var name: String
    /// Whether they facilitate the session.
    public var isFacilitator: Bool

    public init(id: String, name: String, isFacilitator: Bool) {
        self.id = id
        self.name = name
        self.isFacilitator = isFacilitator
    }
}

/// Where the facilitator has got to.
public struct Facilitation: Sendable, Hashable, Codable {
    /// Index of the current section.
    public var phase = 0
    /// Index of the current step within the section.
    public var step = 0
    /// When the current step began; `nil` before the facilitator first moves.
    public var startedAt: Date?
    /// Ids of locked sections, sorted.
    public var locked: [String] = []
    /// Whether the session is closed.
    public var closed = false
    /// When the facilitator started the session (its first Start or move); `nil` before. The day's drift is
    /// measured from here.
    public var sessionStartedAt: Date?
    /// When the current step's clock was paused; `nil` while it runs.
    public var pausedAt: Date?
    /// Seconds the current step's clock stood paused, pauses that ended.
    public var pausedSeconds: Double = 0
    /// Minutes added to the current step ("+5 min").
    public var extraMinutes = 0
    /// When each step was first reached, in the order reached: the real times beside the agenda's.
    public var reached: [Reached] = []
    /// What the projector shows.
    public var projector = ProjectorView.phase
    /// The groups formed for a step, while the session is at that step.
    public var groups: SessionGroups?
    /// Field → ids of the items the facilitator hid, sorted; only fields with hidden items are keys.
    public var hidden: [String: [String]] = [:]

    /// When a step was first reached.
    public struct Reached: Sendable, Hashable, Codable {
        public var phase: Int
        public var step: Int
        public var at: Date
    }

    public init() {}
}

/// Why a change to a session is refused, said for the person who made it.
public struct SessionEventError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field concerned, when there is one.
    public var field: String?
    public var message: String

    public init(field: String? = nil, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}

/// A session's canvas and facilitation state.
public struct SessionState: Sendable, Hashable {
    public var canvas = CanvasState()
    public var facilitation = Facilitation()

    public init() {}

    /// The state after an event, or why the event is refused (and nothing changes).
    ///
    /// - Parameters:
    ///   - event: the change.
    ///   - actor: who makes it; only facilitators move, lock and close.
    ///   - date: when it is made; a move starts the step's clock.
    ///   - plan: the sections and fields of the session.
    ///   - context: fields and partners the canvas edits are checked against.
    public func applying(_ event: SessionEvent, by actor: SessionActor, at date: Date, plan: SessionPlan,
                         context: CanvasContext) throws(SessionEventError) -> SessionState {
        var next = self
        if facilitation.closed { throw SessionEventError(field: event.field, "This session is closed; nothing more can be changed.") }
        switch event {
        case .edit(let edit):
            if let section = plan.section(ofField: edit.field), facilitation.locked.contains(section.id) {
                throw SessionEventError(field: edit.field, "\(section.name) is locked by the facilitator; ask them to unlock it to make changes.")
            }
            if let hidden = facilitation.hidden[edit.field], let item = edit.existingItems.first(where: hidden.contains) {
                throw SessionEventError(field: edit.field, actor.isFacilitator
                    ? "That item is hidden; show it again before changing it."
                    : "That item was hidden by the facilitator and can no longer be changed (\(item.prefix(40))).")
            }
            do {
                next.canvas = try canvas.applying(edit, by: actor.id, in: context)
            } catch {
                throw SessionEventError(field: error.field, error.message)
            }
            next.canvas.labelGroup(of: edit, before: canvas, by: actor.id, groups: facilitation.currentGroups(in: plan))
        case .move(let phase, let step):
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can move the session to another step.") }
            guard plan.contains(phase: phase, step: step) else { throw SessionEventError("There is no step \(step + 1) in phase \(phase + 1) of this session.") }
            next.facilitation.moved(toPhase: phase, step: step, at: date)
        case .lock(let section, let locked):
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can lock or unlock a section.") }
            guard plan.sections.contains(where: { $0.id == section }) else { throw SessionEventError("There is no section \"\(section.prefix(40))\" in this session.") }
            var set = Set(facilitation.locked)
            if locked { set.insert(section) } else { set.remove(section) }
            next.facilitation.locked = set.sorted()
        case .close:
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can close the session.") }
            next.facilitation.closed = true
        case .clock(let action):
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can work the clock.") }
            try next.facilitation.apply(action, at: date)
        case .show(let view):
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can choose what the projector shows.") }
            if case .field(let field) = view, plan.section(ofField: field) == nil {
                throw SessionEventError("There is no field \"\(field.prefix(40))\" on this canvas to show.")
            }
            next.facilitation.projector = view
        case .groups(let formed):
            guard actor.isFacilitator else { throw SessionEventError("Only a facilitator can form groups.") }
            guard plan.contains(phase: formed.phase, step: formed.step),
                  plan.sections[formed.phase].steps.indices.contains(formed.step),
                  plan.sections[formed.phase].steps[formed.step].groups?.size != nil else {
                throw SessionEventError("This step does not work in groups.")
            }
            guard !formed.groups.isEmpty, formed.groups.allSatisfy({ !$0.isEmpty }) else { throw SessionEventError("There is nobody to put in groups yet.") }
            next.facilitation.groups = formed
        case .undo(_, let edits):
            guard let field = edits.first?.field, edits.allSatisfy({ $0.field == field }) else {
                throw SessionEventError("An undo restores one field.")
            }
            if let section = plan.section(ofField: field), facilitation.locked.contains(section.id) {
                throw SessionEventError(field: field, "\(section.name) is locked by the facilitator; ask them to unlock it to undo.")
            }
            do {
                for edit in edits { next.canvas = try next.canvas.applying(edit, by: actor.id, in: context) }
            } catch {
                throw SessionEventError(field: error.field, "Your last change cannot be undone: \(error.message)")
            }
        case .hide(let field, let item, let hidden):
            guard actor.isFacilitator else { throw SessionEventError(field: field, "Only the facilitator can hide or show items; ask them if something should not be on the canvas.") }
            if let section = plan.section(ofField: field), facilitation.locked.contains(section.id) {
                throw SessionEventError(field: field, "\(section.name) is locked; unlock it to hide or show items.")
            }
            guard canvas.hasItem(item, in: field) else {
                throw SessionEventError(field: field, "There is no item \"\(item.prefix(40))\" in this field to hide or show.")
            }
            var ids = Set(facilitation.hidden[field] ?? [])
            if hidden { ids.insert(item) } else { ids.remove(item) }
            next.facilitation.hidden[field] = ids.isEmpty ? nil : ids.sorted()
        }
        return next
    }
}
