import FluentKit

/// Access to the record without a facilitator's account: each partner's private report link, and the
/// read-only API tokens a facilitator creates and revokes. Add-only: new tables.
struct M008RecordAccess: AsyncMigration {
    var name: String { "008 record report links and API tokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReportLinkRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references(PartnerRecord.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "partner_id")
            .unique(on: "code")
            .create()
        try await database.schema(APITokenRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APITokenRecord.schema).delete()
        try await database.schema(ReportLinkRecord.schema).delete()
    }
}
