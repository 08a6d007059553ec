/// Something the room needs: markers, a pin board, three red figures for each participant.
public struct Material: Sendable, Hashable, Codable {
    /// Who or what a quantity is counted for.
    public enum Per: String, Sendable, Hashable, Codable, CaseIterable {
        case participant, group, session
    }

    /// What it is.
    public var name: String
    /// How many, counted `per`; `nil` when any amount will do.
    public var quantity: Int?
    /// What the quantity is counted for.
    public var per: Per
    /// Anything else worth knowing.
    public var note: String?

    /// Creates a material.
    public init(name: String, quantity: Int? = nil, per: Per = .session, note: String? = nil) {
        self.name = name
        self.quantity = quantity
        self.per = per
        self.note = note
    }

    /// "Red figures — 3 per participant", as a materials list shows it (the note left out).
    public var line: String {
        name + (quantity.map { " — \($0)" + (per == .session ? "" : " per \(per.rawValue)") } ?? "")
    }

    /// The total needed for a number of participants, when the quantity is per participant or per session.
    public func total(participants: Int) -> Int? {
        guard let quantity else { return nil }
        switch per {
        case .participant: return quantity * participants
        case .session: return quantity
        case .group: return nil
        }
    }
}

/// A note that may point at a tool: "prepare the worksheet Projects as an Interface (24)".
public struct Note: Sendable, Hashable, Codable {
    /// The note.
    public var text: String
    /// The id of the tool it points at.
    public var tool: String?

    /// Creates a note.
    public init(text: String, tool: String? = nil) {
        self.text = text
        self.tool = tool
    }
}

/// A whole-number range such as a duration in minutes or a group size; a single number is `min == max`.
public struct CountRange: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The smallest value.
    public var min: Int
    /// The largest value.
    public var max: Int

    /// Creates a range; `min` must not exceed `max`.
    public init(min: Int, max: Int) {
        self.min = min
        self.max = max
    }

    /// "45" or "30–60".
    public var description: String { min == max ? "\(min)" : "\(min)–\(max)" }
}
