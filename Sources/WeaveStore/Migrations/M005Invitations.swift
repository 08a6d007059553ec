import FluentKit

/// Invitations to co-facilitate a partnership or join a research project, waiting for the invited
/// person to accept. Add-only: a new table, nothing else changes.
struct M005Invitations: AsyncMigration {
    var name: String { "005 invitations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(InvitationRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("email", .string, .required)
            .field("invited_by", .uuid, .required, .references(AccountRecord.schema, .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "kind", "target_id", "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(InvitationRecord.schema).delete()
    }
}
