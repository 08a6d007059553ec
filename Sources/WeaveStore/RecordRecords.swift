import FluentKit
import Foundation

// The record's tables (M007, M008). Fluent models are classes that FluentKit mutates in place, so they are
// `@unchecked Sendable` only to satisfy `Model`; they never leave the store's functions — callers get the
// values in Values+Record.swift.

final class RecordEntryRecord: Model, @unchecked Sendable {
    static let schema = "record_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "kind") var kind: String
    /// The entry as JSON (``RecordEntry``'s pinned form).
    @Field(key: "data") var data: String
    @OptionalField(key: "source_session") var sourceSession: UUID?
    @OptionalField(key: "source_ref") var sourceRef: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "removed_at") var removedAt: Date?
    init() {}
}

final class RecordChangeRecord: Model, @unchecked Sendable {
    static let schema = "record_changes"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "action") var action: String
    @Field(key: "by_name") var byName: String
    @Field(key: "via") var via: String
    @Field(key: "at") var at: Date
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    init() {}
}

final class IndicatorValueRecord: Model, @unchecked Sendable {
    static let schema = "indicator_values"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "indicator_id") var indicatorID: UUID
    @Field(key: "period") var period: String
    @Field(key: "value") var value: Double
    @Field(key: "note") var note: String
    @Field(key: "reported_by") var reportedBy: String
    @Field(key: "reported_at") var reportedAt: Date
    init() {}
}

final class ReportLinkRecord: Model, @unchecked Sendable {
    static let schema = "report_links"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "code") var code: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class APITokenRecord: Model, @unchecked Sendable {
    static let schema = "api_tokens"
    @ID(key: .id) var id: UUID?
    @Field(key: "partnership_id") var partnershipID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    init() {}
}
