import FluentKit
import Foundation

// The tables, one record type each. Records stay inside WeaveStore: callers get the Sendable value types
// in Values.swift, never a record (Fluent models are classes and must not cross tasks).

final class AccountRecord: Model, @unchecked Sendable {
    static let schema = "accounts"
    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class LoginRecord: Model, @unchecked Sendable {
    static let schema = "logins"
    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    init() {}
}

final class PartnershipRecord: Model, @unchecked Sendable {
    static let schema = "partnerships"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "focal_issue") var focalIssue: String
    @Field(key: "issue_area") var issueArea: String
    @Field(key: "network_age") var networkAge: String
    @Field(key: "stage") var stage: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class FacilitatorRecord: Model, @unchecked Sendable {
    static let schema = "facilitators"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "role") var role: String
    init() {}
}

final class PartnerRecord: Model, @unchecked Sendable {
    static let schema = "partners"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "name") var name: String
    @Field(key: "type") var type: String
    @Field(key: "sector") var sector: String
    @Field(key: "preparation_code") var preparationCode: String
    @Field(key: "created_at") var createdAt: Date
    /// Where reminders go (M011); kept out of ``Partner``, which participants' pages receive.
    @OptionalField(key: "email") var email: String?
    init() {}
}

final class PreparationRecord: Model, @unchecked Sendable {
    static let schema = "preparations"
    @ID(key: .id) var id: UUID?
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "field") var field: String
    @Field(key: "text") var text: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

final class SessionRecord: Model, @unchecked Sendable {
    static let schema = "sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "item_id") var itemID: String
    @Field(key: "date") var date: String
    @Field(key: "start") var start: String
    @Field(key: "breaks") var breaks: String
    @Field(key: "join_code") var joinCode: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "language") var language: String?
    init() {}
}

final class ParticipantRecord: Model, @unchecked Sendable {
    static let schema = "participants"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "name") var name: String
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "joined_at") var joinedAt: Date
    @OptionalField(key: "removed_at") var removedAt: Date?
    init() {}
}

final class EventRecord: Model, @unchecked Sendable {
    static let schema = "session_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "actor_id") var actorID: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "by_facilitator") var byFacilitator: Bool
    @OptionalField(key: "client_ref") var clientRef: String?
    @Field(key: "payload") var payload: String
    @Field(key: "at") var at: Date
    init() {}
}

final class ResearchProjectRecord: Model, @unchecked Sendable {
    static let schema = "research_projects"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class ResearchMemberRecord: Model, @unchecked Sendable {
    static let schema = "research_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "account_id") var accountID: UUID
    init() {}
}

final class ResearchRunRecord: Model, @unchecked Sendable {
    static let schema = "research_runs"
    @ID(key: .id) var id: UUID?
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "file_name") var fileName: String
    @Field(key: "run_by") var runBy: String
    @Field(key: "summary") var summary: String
    /// The report's files as JSON: name → contents.
    @Field(key: "files") var files: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
