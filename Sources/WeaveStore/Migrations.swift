import FluentKit

/// The schema, as numbered steps. Each step can be reverted; a new change is a new step at the end, never
/// an edit to one that has shipped.
enum WeaveMigrations {
    static let all: [any Migration] = [M001Accounts(), M002Partnerships(), M003Sessions(), M004Research(),
                                       M005Invitations()]
}

struct M001Accounts: AsyncMigration {
    var name: String { "001 accounts and logins" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AccountRecord.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()
        try await database.schema(LoginRecord.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, .id, onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LoginRecord.schema).delete()
        try await database.schema(AccountRecord.schema).delete()
    }
}

struct M002Partnerships: AsyncMigration {
    var name: String { "002 partnerships, facilitators, partners and preparation" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PartnershipRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("focal_issue", .string, .required)
            .field("issue_area", .string, .required)
            .field("network_age", .string, .required)
            .field("stage", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(FacilitatorRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, .id, onDelete: .cascade))
            .field("role", .string, .required)
            .unique(on: "partnership_id", "account_id")
            .create()
        try await database.schema(PartnerRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("sector", .string, .required)
            .field("preparation_code", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "preparation_code")
            .create()
        try await database.schema(PreparationRecord.schema)
            .id()
            .field("partner_id", .uuid, .required, .references(PartnerRecord.schema, .id, onDelete: .cascade))
            .field("field", .string, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "partner_id", "field")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PreparationRecord.schema).delete()
        try await database.schema(PartnerRecord.schema).delete()
        try await database.schema(FacilitatorRecord.schema).delete()
        try await database.schema(PartnershipRecord.schema).delete()
    }
}

struct M003Sessions: AsyncMigration {
    var name: String { "003 sessions, participants and the session event log" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("item_id", .string, .required)
            .field("date", .string, .required)
            .field("start", .string, .required)
            .field("breaks", .string, .required)
            .field("join_code", .string, .required)
            .field("created_at", .datetime, .required)
            .field("closed_at", .datetime)
            .unique(on: "join_code")
            .create()
        try await database.schema(ParticipantRecord.schema)
            .id()
            .field("session_id", .uuid, .required, .references(SessionRecord.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("partner_id", .uuid, .required, .references(PartnerRecord.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("joined_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(EventRecord.schema)
            .id()
            .field("session_id", .uuid, .required, .references(SessionRecord.schema, .id, onDelete: .cascade))
            .field("sequence", .int, .required)
            .field("actor_id", .string, .required)
            .field("actor_name", .string, .required)
            .field("by_facilitator", .bool, .required)
            .field("client_ref", .string)
            .field("payload", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "session_id", "sequence")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventRecord.schema).delete()
        try await database.schema(ParticipantRecord.schema).delete()
        try await database.schema(SessionRecord.schema).delete()
    }
}

struct M004Research: AsyncMigration {
    var name: String { "004 research projects, their teams and analysis runs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ResearchProjectRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ResearchMemberRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ResearchProjectRecord.schema, .id, onDelete: .cascade))
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, .id, onDelete: .cascade))
            .unique(on: "project_id", "account_id")
            .create()
        try await database.schema(ResearchRunRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ResearchProjectRecord.schema, .id, onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("run_by", .string, .required)
            .field("summary", .string, .required)
            .field("files", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResearchRunRecord.schema).delete()
        try await database.schema(ResearchMemberRecord.schema).delete()
        try await database.schema(ResearchProjectRecord.schema).delete()
    }
}
