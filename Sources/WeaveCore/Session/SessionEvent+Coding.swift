/// The JSON of a session event as the log stores it, written out rather than generated so that renaming a
/// Swift case cannot change it (docs/live-protocol.md, "The stored form"; pinned by golden files in
/// `StoredEventFormatTests`). It is the form Swift's generated coding wrote when the first sessions were
/// stored: `{"move": {"phase": 2, "step": 1}}`, `{"lock": {"locked": true, "section": "…"}}`, `{"close": {}}`,
/// and `{"edit": {"_0": CanvasEdit}}`; since December 2026 also `{"clock": {"action": "extend", "minutes": 5}}`
/// and `{"show": {"view": "field", "field": "assessment"}}`, `{"hide": {"field": "…", "item": "…", "hidden": true}}` and
/// `{"undo": {"sequence": 12, "edits": [CanvasEdit, …]}}`.
extension SessionEvent: Codable {
    /// The name of each event in the log.
    public enum Kind: String, CodingKey, CaseIterable, Sendable {
        case edit, move, lock, close, clock, show, groups, hide, undo
    }

    private enum Argument: String, CodingKey {
        /// An edit's change, under the name Swift gives an unlabelled value.
        case change = "_0"
        case phase, step, section, locked
        /// `clock`: `{"action": "extend", "minutes": 5}`; `show`: `{"view": "field", "field": "assessment"}`.
        case action, minutes, view, field
        /// `groups`: `{"phase": 0, "step": 3, "groups": [["<participant>", …], …]}`.
        case groups
        /// `hide`: `{"field": "…", "item": "…", "hidden": true}` (`field` as for `show`).
        case item, hidden
        /// `undo`: `{"sequence": 12, "edits": [CanvasEdit, …]}`.
        case sequence, edits
    }

    /// The event's name.
    public var kind: Kind {
        switch self {
        case .edit: .edit
        case .move: .move
        case .lock: .lock
        case .close: .close
        case .clock: .clock
        case .show: .show
        case .groups: .groups
        case .hide: .hide
        case .undo: .undo
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.typeMismatch(SessionEvent.self, .init(codingPath: container.codingPath,
                                                                       debugDescription: "An event is one key naming it."))
        }
        let a = try container.nestedContainer(keyedBy: Argument.self, forKey: kind)
        switch kind {
        case .edit: self = .edit(try a.decode(CanvasEdit.self, forKey: .change))
        case .move: self = .move(phase: try a.decode(Int.self, forKey: .phase), step: try a.decode(Int.self, forKey: .step))
        case .lock: self = .lock(section: try a.decode(String.self, forKey: .section), locked: try a.decode(Bool.self, forKey: .locked))
        case .close: self = .close
        case .clock:
            let name = try a.decode(String.self, forKey: .action)
            switch name {
            case "start": self = .clock(.start)
            case "pause": self = .clock(.pause)
            case "resume": self = .clock(.resume)
            case "reset": self = .clock(.reset)
            case "extend": self = .clock(.extend(minutes: try a.decode(Int.self, forKey: .minutes)))
            default: throw DecodingError.dataCorruptedError(forKey: .action, in: a, debugDescription: "Unknown clock action \"\(name)\".")
            }
        case .show:
            let name = try a.decode(String.self, forKey: .view)
            switch name {
            case "phase": self = .show(.phase)
            case "join": self = .show(.join)
            case "pause": self = .show(.pause)
            case "field": self = .show(.field(try a.decode(String.self, forKey: .field)))
            default: throw DecodingError.dataCorruptedError(forKey: .view, in: a, debugDescription: "Unknown projector view \"\(name)\".")
            }
        case .groups:
            self = .groups(SessionGroups(phase: try a.decode(Int.self, forKey: .phase), step: try a.decode(Int.self, forKey: .step),
                                         groups: try a.decode([[String]].self, forKey: .groups)))
        case .hide:
            self = .hide(field: try a.decode(String.self, forKey: .field), item: try a.decode(String.self, forKey: .item),
                         hidden: try a.decode(Bool.self, forKey: .hidden))
        case .undo:
            self = .undo(sequence: try a.decode(Int.self, forKey: .sequence), edits: try a.decode([CanvasEdit].self, forKey: .edits))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        var a = container.nestedContainer(keyedBy: Argument.self, forKey: kind)
        switch self {
        case .edit(let edit):
            try a.encode(edit, forKey: .change)
        case .move(let phase, let step):
            try a.encode(phase, forKey: .phase)
            try a.encode(step, forKey: .step)
        case .lock(let section, let locked):
            try a.encode(section, forKey: .section)
            try a.encode(locked, forKey: .locked)
        case .close:
            break
        case .clock(let action):
            try a.encode(action.name, forKey: .action)
            if case .extend(let minutes) = action { try a.encode(minutes, forKey: .minutes) }
        case .show(let view):
            try a.encode(view.name, forKey: .view)
            if case .field(let field) = view { try a.encode(field, forKey: .field) }
        case .groups(let formed):
            try a.encode(formed.phase, forKey: .phase)
            try a.encode(formed.step, forKey: .step)
            try a.encode(formed.groups, forKey: .groups)
        case .hide(let field, let item, let hidden):
            try a.encode(field, forKey: .field)
            try a.encode(item, forKey: .item)
            try a.encode(hidden, forKey: .hidden)
        case .undo(let sequence, let edits):
            try a.encode(sequence, forKey: .sequence)
            try a.encode(edits, forKey: .edits)
        }
    }
}
