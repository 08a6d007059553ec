import FluentKit

/// The language a session shows its library content in. Add-only: a nullable column; a session without
/// one (every session before this step) shows its path in the path's own language.
struct M015SessionLanguage: AsyncMigration {
    var name: String { "015 session language" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema).field("language", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema).deleteField("language").update()
    }
}
