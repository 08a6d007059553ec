import FluentKit

/// Two things issue 11 needs from the schema, both add-only:
/// - a session's step choices (the tool chosen for a step with alternatives, the optional steps left out),
///   as a nullable JSON column on `sessions`;
/// - preparation answers keyed by worksheet as well as field, so two paths' worksheets sharing a field id
///   keep apart. The old table is unique on (partner, field), which SQLite cannot relax in place, so the
///   answers move to a new table unique on (partner, worksheet, field); the rows there are copied across as
///   answers to the worksheet every earlier release served — the built-in Path of Joint Action's,
///   Projects as an Interface. The old table stays, unread, for the release after to drop.
struct M012PathChoices: AsyncMigration {
    var name: String { "012 session step choices, preparation answers per worksheet" }

    /// The worksheet earlier releases kept every answer for.
    static let earlierWorksheet = "projects-as-an-interface"

    func prepare(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema).field("choices", .string).update()
        try await database.schema(PreparationAnswerRecord.schema)
            .id()
            .field("partner_id", .uuid, .required, .references(PartnerRecord.schema, .id, onDelete: .cascade))
            .field("worksheet", .string, .required)
            .field("field", .string, .required)
            .field("text", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "partner_id", "worksheet", "field")
            .create()
        for old in try await PreparationRecord.query(on: database).all() {
            let answer = PreparationAnswerRecord()
            answer.partnerID = old.partnerID
            answer.worksheet = Self.earlierWorksheet
            answer.field = old.field
            answer.text = old.text
            answer.updatedAt = old.updatedAt
            try await answer.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PreparationAnswerRecord.schema).delete()
        try await database.schema(SessionRecord.schema).deleteField("choices").update()
    }
}
