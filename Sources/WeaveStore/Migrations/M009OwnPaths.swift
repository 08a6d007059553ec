import FluentKit

/// A partnership's own paths, made in the path designer: every saved version's YAML, and which version a
/// session runs. Add-only: a new table and a nullable column.
struct M009OwnPaths: AsyncMigration {
    var name: String { "009 own paths and their versions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OwnPathVersionRecord.schema)
            .id()
            .field("partnership_id", .uuid, .required, .references(PartnershipRecord.schema, .id, onDelete: .cascade))
            .field("path_id", .string, .required)
            .field("version", .int, .required)
            .field("name", .string, .required)
            .field("yaml", .string, .required)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "partnership_id", "path_id", "version")
            .create()
        try await database.schema(SessionRecord.schema).field("path_version_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SessionRecord.schema).deleteField("path_version_id").update()
        try await database.schema(OwnPathVersionRecord.schema).delete()
    }
}
