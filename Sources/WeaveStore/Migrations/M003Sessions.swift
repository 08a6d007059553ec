import FluentKit

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
