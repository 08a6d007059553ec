import FluentKit
import Foundation

/// One saved version of a partnership's own path: its YAML text as the designer checked it.
///
/// `@unchecked Sendable` because Fluent models are classes with property wrappers; a record is only used
/// on the task that loaded it, and callers get an ``OwnPathVersion`` value.
final class OwnPathVersionRecord: Model, @unchecked Sendable {
    static let schema = "own_path_versions"
    // identity
    @ID(key: .id) var id: UUID?
    // references
    @Field(key: "partnership_id") var partnershipID: UUID
    /// The path's id in its YAML: one own path is all versions with the same id in a partnership.
    @Field(key: "path_id") var pathID: String
    @Field(key: "version") var version: Int
    // data
    @Field(key: "name") var name: String
    @Field(key: "yaml") var yaml: String
    /// Who saved it; the name is kept too, so the history reads the same after an account goes.
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var value: OwnPathVersion {
        OwnPathVersion(id: id!, partnershipID: partnershipID, pathID: pathID, version: version, name: name, yaml: yaml,
                       authorID: authorID, authorName: authorName, createdAt: createdAt)
    }
}
