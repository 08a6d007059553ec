import FluentKit

/// The partnership's living record: entries carried over from sessions or added later, every change to
/// them with who and when, and the values reported for indicators. Add-only: new tables.
struct M007PartnershipRecord: AsyncMigration {
    var name: String { "007 partnership record" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RecordEntryRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("data", .string, .required)
            .field("source_session", .uuid)
            .field("source_ref", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("removed_at", .datetime)
            .create()
        try await database.schema(RecordChangeRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("entry_id", .uuid, .required, .references(RecordEntryRecord.schema, .id, onDelete: .cascade))
            .field("action", .string, .required)
            .field("by_name", .string, .required)
            .field("via", .string, .required)
            .field("at", .datetime, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await database.schema(IndicatorValueRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("indicator_id", .uuid, .required, .references(RecordEntryRecord.schema, .id, onDelete: .cascade))
            .field("period", .string, .required)
            .field("value", .double, .required)
            .field("note", .string, .required)
            .field("reported_by", .string, .required)
            .field("reported_at", .datetime, .required)
            .unique(on: "indicator_id", "period")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndicatorValueRecord.schema).delete()
        try await database.schema(RecordChangeRecord.schema).delete()
        try await database.schema(RecordEntryRecord.schema).delete()
    }
}
