import Foundation

/// Whether more or less of an indicator is better.
public enum IndicatorDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case increase, decrease
}

/// What an indicator's values count, and the rule they follow.
public enum IndicatorUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// 0 to 100.
    case percentage
    /// Whole numbers, zero or more.
    case count
    /// Any number.
    case number

    /// Why a value cannot be one of this unit, or `nil` when it can.
    public func problem(with value: Double) -> String? {
        guard value.isFinite else { return "is not a number" }
        switch self {
        case .percentage where !(0...100).contains(value): return "is a percentage, so it must be between 0 and 100"
        case .count where value < 0 || value != value.rounded(): return "is a count, so it must be a whole number, zero or more"
        default: return nil
        }
    }
}

/// How often an indicator is reported.
public enum ReportingFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    case monthly, quarterly, yearly
}

/// Where a next step stands.
public enum NextStepStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case inProgress = "in-progress"
    case done
    case dropped

    /// "In progress"…
    public var displayName: String {
        switch self {
        case .open: "Open"
        case .inProgress: "In progress"
        case .done: "Done"
        case .dropped: "Dropped"
        }
    }
}

/// An indicator the partners track together.
public struct Indicator: Sendable, Hashable, Codable {
    public var name: String
    /// How it is measured.
    public var definition: String
    public var unit: IndicatorUnit
    public var direction: IndicatorDirection
    public var baseline: Double?
    /// When the baseline holds, `YYYY-MM-DD`: the start of the line toward the target.
    public var since: String
    public var target: Double?
    /// By when the target should be reached, `YYYY-MM-DD`.
    public var targetDate: String?
    /// The partner who reports it (its key), if agreed.
    public var reporter: String?
    public var frequency: ReportingFrequency

    public init(name: String, definition: String = "", unit: IndicatorUnit = .number, direction: IndicatorDirection = .increase,
                baseline: Double? = nil, since: String, target: Double? = nil, targetDate: String? = nil,
                reporter: String? = nil, frequency: ReportingFrequency = .quarterly) {
        self.name = name
        self.definition = definition
        self.unit = unit
        self.direction = direction
        self.baseline = baseline
        self.since = since
        self.target = target
        self.targetDate = targetDate
        self.reporter = reporter
        self.frequency = frequency
    }
}

/// A partner's primary role.
public struct PartnerRole: Sendable, Hashable, Codable {
    /// The partner's key.
    public var partner: String
    public var role: String
    public init(partner: String, role: String) {
        self.partner = partner
        self.role = role
    }
}

/// An agreement on communication, information sharing or strategy: a text with an owner.
public struct Agreement: Sendable, Hashable, Codable {
    public var text: String
    /// The partner who looks after it (its key), if named.
    public var owner: String?
    public init(text: String, owner: String? = nil) {
        self.text = text
        self.owner = owner
    }
}

/// A next step: what, who, by when, and where it stands.
public struct NextStep: Sendable, Hashable, Codable {
    public var what: String
    /// The partner who does it (its key), if named.
    public var owner: String?
    /// `YYYY-MM-DD`, if agreed.
    public var due: String?
    public var status: NextStepStatus
    public init(what: String, owner: String? = nil, due: String? = nil, status: NextStepStatus = .open) {
        self.what = what
        self.owner = owner
        self.due = due
        self.status = status
    }
}

/// One entry of a partnership's record.
public enum RecordEntry: Sendable, Hashable, Codable {
    case indicator(Indicator)
    case role(PartnerRole)
    case agreement(Agreement)
    case nextStep(NextStep)

    /// Which list it belongs to.
    public var kind: RecordSource.Kind {
        switch self {
        case .indicator: .indicators
        case .role: .roles
        case .agreement: .agreements
        case .nextStep: .nextSteps
        }
    }

    /// A line naming it, for the history.
    public var headline: String {
        switch self {
        case .indicator(let indicator): indicator.name
        case .role(let role): role.role
        case .agreement(let agreement): agreement.text
        case .nextStep(let step): step.what
        }
    }

    private enum Key: String, CodingKey { case kind, indicator, role, agreement, nextStep = "next-step" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "indicator": self = .indicator(try container.decode(Indicator.self, forKey: .indicator))
        case "role": self = .role(try container.decode(PartnerRole.self, forKey: .role))
        case "agreement": self = .agreement(try container.decode(Agreement.self, forKey: .agreement))
        case "next-step": self = .nextStep(try container.decode(NextStep.self, forKey: .nextStep))
        case let other: throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown record entry kind \(other)")
        }
    }

    /// The stored form: `{"kind": "indicator", "indicator": {…}}` — pinned, since rows keep it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .indicator(let value): try container.encode("indicator", forKey: .kind); try container.encode(value, forKey: .indicator)
        case .role(let value): try container.encode("role", forKey: .kind); try container.encode(value, forKey: .role)
        case .agreement(let value): try container.encode("agreement", forKey: .kind); try container.encode(value, forKey: .agreement)
        case .nextStep(let value): try container.encode("next-step", forKey: .kind); try container.encode(value, forKey: .nextStep)
        }
    }
}
