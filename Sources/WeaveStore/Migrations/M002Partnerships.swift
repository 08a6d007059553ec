import FluentKit

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
