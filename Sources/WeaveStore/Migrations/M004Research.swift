import FluentKit

struct M004Research: AsyncMigration {
    var name: String { "004 research projects, their teams and analysis runs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ResearchProjectRecord.schema)
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ResearchMemberRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ResearchProjectRecord.schema, .id, onDelete: .cascade))
            .field("account_id", .uuid, .required, .references(AccountRecord.schema, .id, onDelete: .cascade))
            .unique(on: "project_id", "account_id")
            .create()
        try await database.schema(ResearchRunRecord.schema)
            .id()
            .field("project_id", .uuid, .required, .references(ResearchProjectRecord.schema, .id, onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("run_by", .string, .required)
            .field("summary", .string, .required)
            .field("files", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResearchRunRecord.schema).delete()
        try await database.schema(ResearchMemberRecord.schema).delete()
        try await database.schema(ResearchProjectRecord.schema).delete()
    }
}
