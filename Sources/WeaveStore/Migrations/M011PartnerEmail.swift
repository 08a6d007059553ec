import FluentKit

/// A partner's contact email, where the record's reminders can be sent. Add-only: a nullable column.
struct M011PartnerEmail: AsyncMigration {
    var name: String { "011 partner contact email" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PartnerRecord.schema).field("email", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PartnerRecord.schema).deleteField("email").update()
    }
}
