public import Foundation
public import WeaveCore

/// A facilitator's account.
public struct Account: Sendable, Hashable, Codable {
    public var id: UUID
    public var email: String
    public var name: String
    public var createdAt: Date
}

/// A signed-in browser: whose it is and the token its forms must carry.
public struct Login: Sendable, Hashable {
    public var account: Account
    /// The value every state-changing form of this login must send back.
    public var csrfToken: String
    public var expiresAt: Date
}

/// What a partnership's network is like; the research questions group networks by these.
public struct PartnershipDraft: Sendable, Hashable, Codable {
    public var name: String
    public var focalIssue: String
    public var issueArea: String
    public var networkAge: String
    public var stage: String

    public init(name: String, focalIssue: String, issueArea: String = "", networkAge: String = "", stage: String = "") {
        self.name = name
        self.focalIssue = focalIssue
        self.issueArea = issueArea
        self.networkAge = networkAge
        self.stage = stage
    }
}

/// A partnership: organisations working together on one focal issue.
public struct Partnership: Sendable, Hashable, Codable {
    public var id: UUID
    public var name: String
    public var focalIssue: String
    public var issueArea: String
    public var networkAge: String
    public var stage: String
    public var createdAt: Date
}

/// A facilitator's part in a partnership.
public enum FacilitatorRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created the partnership.
    case owner
    /// Added by another facilitator.
    case coFacilitator = "co-facilitator"
}

/// One of a partnership's facilitators.
public struct Facilitator: Sendable, Hashable, Codable {
    public var account: Account
    public var role: FacilitatorRole
}

/// The kinds of organisation a partner can be.
public enum PartnerType: String, Sendable, Hashable, Codable, CaseIterable {
    case nonprofit, government, business, academic, funder, other

    /// How the type is shown to people.
    public var displayName: String {
        switch self {
        case .nonprofit: "Nonprofit / CSO"
        case .government: "Government"
        case .business: "Business"
        case .academic: "Academic"
        case .funder: "Funder"
        case .other: "Other"
        }
    }
}

/// A partner organisation before it is saved.
public struct PartnerDraft: Sendable, Hashable, Codable {
    public var name: String
    public var type: PartnerType
    public var sector: String

    public init(name: String, type: PartnerType, sector: String = "") {
        self.name = name
        self.type = type
        self.sector = sector
    }
}

/// A partner organisation of a partnership.
public struct Partner: Sendable, Hashable, Codable {
    public var id: UUID
    public var partnershipID: UUID
    public var name: String
    public var type: PartnerType
    public var sector: String
    /// The secret in the partner's preparation link.
    public var preparationCode: String
    /// The id the canvas uses for the partner: the lowercase UUID.
    public var key: String { id.uuidString.lowercased() }
}

/// A scheduled session before it is saved.
public struct SessionDraft: Sendable, Hashable {
    public var partnershipID: UUID
    /// The path or tool the session runs.
    public var itemID: String
    /// `YYYY-MM-DD`.
    public var date: String
    /// `HH:MM`.
    public var start: String
    /// Breaks as the agenda reads them: `12:30+45, 15:00+15`.
    public var breaks: String
    /// The language to show the library content in; `nil` for the path's own language.
    public var language: String? = nil

    public init(partnershipID: UUID, itemID: String, date: String, start: String, breaks: String = "") {
        self.partnershipID = partnershipID
        self.itemID = itemID
        self.date = date
        self.start = start
        self.breaks = breaks
    }
}

/// A session of a path or tool with a partnership.
public struct WorkSession: Sendable, Hashable, Codable {
    public var id: UUID
    public var partnershipID: UUID
    public var itemID: String
    public var date: String
    public var start: String
    public var breaks: String
    /// The code participants join with, without its dash.
    public var joinCode: String
    public var createdAt: Date
    public var closedAt: Date?
    /// The language the session shows its library content in; `nil` for the path's own language.
    public var language: String? = nil

    public var isClosed: Bool { closedAt != nil }
    /// The join code as people read it: `K7QM4-XPD2R`.
    public var displayJoinCode: String { JoinCode.display(joinCode) }
}

/// Someone taking part in a session, with no account.
public struct Participant: Sendable, Hashable, Codable {
    public var id: UUID
    public var sessionID: UUID
    public var name: String
    public var partnerID: UUID
    public var joinedAt: Date
    /// When the facilitator removed them from the session; their items stay, attributed.
    public var removedAt: Date? = nil
    /// The id the canvas uses for the participant: the lowercase UUID.
    public var key: String { id.uuidString.lowercased() }
}

/// One stored event of a session's log.
public struct StoredEvent: Sendable, Hashable {
    public var sessionID: UUID
    /// 1, 2, 3… within the session, without gaps.
    public var sequence: Int
    public var actor: SessionActor
    /// The client's own id for the message that made it, so a re-sent message is not applied twice.
    public var clientRef: String?
    public var event: SessionEvent
    public var at: Date

    public init(sessionID: UUID, sequence: Int, actor: SessionActor, clientRef: String?, event: SessionEvent, at: Date) {
        self.sessionID = sessionID
        self.sequence = sequence
        self.actor = actor
        self.clientRef = clientRef
        self.event = event
        self.at = at
    }
}

/// Why the store refused something, said for the person who asked.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case emailTaken
    case noSuchAccount(String)
    case alreadyFacilitator
    case alreadyMember
    case sequenceTaken(Int)
    case notFound(String)
    case unreadableEvent(session: UUID, sequence: Int, reason: String)

    public var description: String {
        switch self {
        case .emailTaken: "There is already an account with this email address."
        case .noSuchAccount(let email): "There is no account with the email address \(email); they need to sign up first."
        case .alreadyFacilitator: "They already facilitate this partnership."
        case .alreadyMember: "They are already on this project's team."
        case .sequenceTaken(let sequence): "Event \(sequence) was stored by another writer first."
        case .notFound(let what): "\(what) was not found."
        case .unreadableEvent(let session, let sequence, let reason):
            "Event \(sequence) of session \(session) cannot be read: \(reason)"
        }
    }
}
