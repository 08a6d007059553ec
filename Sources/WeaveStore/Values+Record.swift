public import Foundation
public import WeaveCore

/// One entry of a partnership's record, as stored.
public struct RecordItem: Sendable, Hashable {
    public var id: UUID
    public var partnershipID: UUID
    public var entry: RecordEntry
    /// The session it was carried over from, if any.
    public var sourceSession: UUID?
    /// `FIELD/REF`: the canvas field and row, item or partner it came from.
    public var sourceRef: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The lowercase id, as links and the API write it.
    public var key: String { id.uuidString.lowercased() }
}

/// Who changes the record and through what.
public struct RecordEditor: Sendable, Hashable {
    /// How the change came in.
    public enum Via: String, Sendable, Hashable, Codable {
        case carryOver = "carry-over", facilitator, reportLink = "report-link", csvImport = "csv-import"
    }
    public var name: String
    public var via: Via
    public init(name: String, via: Via) {
        self.name = name
        self.via = via
    }
}

/// One kept change to the record: an entry created, updated or removed, or a value reported.
public struct RecordChange: Sendable, Hashable {
    public var id: UUID
    public var entryID: UUID
    /// `created`, `updated`, `removed` or `value`.
    public var action: String
    public var byName: String
    public var via: String
    public var at: Date
    /// The entry (or value) before and after, as stored JSON.
    public var before: String?
    public var after: String?
}

/// A value reported for an indicator.
public struct IndicatorValue: Sendable, Hashable {
    public var indicatorID: UUID
    public var reading: IndicatorReading
    public var reportedBy: String
    public var reportedAt: Date
}

/// A read-only API token, without its secret (only its digest is kept).
public struct APIToken: Sendable, Hashable {
    public var id: UUID
    public var partnershipID: UUID
    public var name: String
    public var createdBy: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var key: String { id.uuidString.lowercased() }
}
