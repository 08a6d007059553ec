import FluentKit

/// One person stays one person: a participant may come back on another device (`participant_devices`, one
/// secret per browser), and a facilitator may remove a participant (`participants.removed_at`) while their
/// items stay attributed. Add-only: a new table and a nullable column.
struct M006ParticipantDevices: AsyncMigration {
    var name: String { "006 participant devices and removal" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ParticipantDeviceRecord.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(ParticipantRecord.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(ParticipantRecord.schema)
            .field("removed_at", .datetime)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ParticipantRecord.schema).deleteField("removed_at").update()
        try await database.schema(ParticipantDeviceRecord.schema).delete()
    }
}
