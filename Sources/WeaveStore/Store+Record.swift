import FluentKit
public import Foundation
public import WeaveCore

extension Store {
    static let recordEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try recordEncoder.encode(value), as: UTF8.self)
    }

    // MARK: - Entries

    /// A partnership's record entries still in force, oldest first.
    public func recordItems(of partnership: UUID) async throws -> [RecordItem] {
        try await RecordEntryRecord.query(on: database).filter(\.$partnershipID == partnership).filter(\.$removedAt == nil)
            .sort(\.$createdAt).all().map { try $0.value() }
    }

    /// One entry, only within its partnership; `nil` for another partnership's id or a removed entry.
    public func recordItem(_ id: UUID, in partnership: UUID) async throws -> RecordItem? {
        guard let record = try await RecordEntryRecord.query(on: database).filter(\.$id == id)
            .filter(\.$partnershipID == partnership).filter(\.$removedAt == nil).first() else { return nil }
        return try record.value()
    }

    /// The canvas items of a session already carried over, as `FIELD/REF`.
    public func carriedOver(from session: UUID) async throws -> Set<String> {
        Set(try await RecordEntryRecord.query(on: database).filter(\.$sourceSession == session).all().compactMap(\.sourceRef))
    }

    /// Adds entries in one transaction, each with a `created` change.
    ///
    /// - Parameters:
    ///   - entries: the entries with, for carried-over ones, their `FIELD/REF`.
    ///   - session: the session they come from, if any.
    @discardableResult
    public func addRecordEntries(_ entries: [(entry: RecordEntry, sourceRef: String?)], to partnership: UUID, from session: UUID? = nil,
                                 by editor: RecordEditor) async throws -> [RecordItem] {
        try await database.transaction { db in
            var added: [RecordItem] = []
            for (entry, ref) in entries {
                let now = Store.timestamp()
                let record = RecordEntryRecord()
                record.partnershipID = partnership
                record.kind = entry.kind.rawValue
                record.data = try Store.json(entry)
                record.sourceSession = session
                record.sourceRef = ref
                record.createdAt = now
                record.updatedAt = now
                try await record.create(on: db)
                try await Store.log(partnership, record.id!, "created", editor, before: nil, after: record.data, on: db)
                added.append(try record.value())
            }
            return added
        }
    }

    /// Replaces an entry with a new version of the same kind, keeping the old one in its change.
    public func updateRecordEntry(_ id: UUID, in partnership: UUID, to entry: RecordEntry, by editor: RecordEditor) async throws {
        try await database.transaction { db in
            guard let record = try await RecordEntryRecord.query(on: db).filter(\.$id == id).filter(\.$partnershipID == partnership)
                .filter(\.$removedAt == nil).first(), record.kind == entry.kind.rawValue else { throw StoreError.notFound("The record entry") }
            let before = record.data
            let after = try Store.json(entry)
            guard before != after else { return }
            record.data = after
            record.updatedAt = Store.timestamp()
            try await record.update(on: db)
            try await Store.log(partnership, id, "updated", editor, before: before, after: after, on: db)
        }
    }

    /// Removes an entry from the record; its rows and changes stay, so the history keeps it.
    public func removeRecordEntry(_ id: UUID, in partnership: UUID, by editor: RecordEditor) async throws {
        try await database.transaction { db in
            guard let record = try await RecordEntryRecord.query(on: db).filter(\.$id == id).filter(\.$partnershipID == partnership)
                .filter(\.$removedAt == nil).first() else { throw StoreError.notFound("The record entry") }
            record.removedAt = Store.timestamp()
            try await record.update(on: db)
            try await Store.log(partnership, id, "removed", editor, before: record.data, after: nil, on: db)
        }
    }

    /// The record's changes, newest first.
    public func recordChanges(of partnership: UUID, limit: Int = 200) async throws -> [RecordChange] {
        try await RecordChangeRecord.query(on: database).filter(\.$partnershipID == partnership)
            .sort(\.$at, .descending).limit(limit).all().map { record in
                RecordChange(id: record.id!, entryID: record.entryID, action: record.action, byName: record.byName, via: record.via,
                             at: record.at, before: record.before, after: record.after)
            }
    }

    private static func log(_ partnership: UUID, _ entry: UUID, _ action: String, _ editor: RecordEditor,
                            before: String?, after: String?, on db: any Database) async throws {
        let change = RecordChangeRecord()
        change.partnershipID = partnership
        change.entryID = entry
        change.action = action
        change.byName = editor.name
        change.via = editor.via.rawValue
        change.at = Store.timestamp()
        change.before = before
        change.after = after
        try await change.create(on: db)
    }

    // MARK: - Values

    /// Every value reported for a partnership's indicators, by indicator then period.
    public func indicatorValues(of partnership: UUID) async throws -> [IndicatorValue] {
        try await IndicatorValueRecord.query(on: database).filter(\.$partnershipID == partnership)
            .sort(\.$indicatorID).sort(\.$period).all().map { record in
                IndicatorValue(indicatorID: record.indicatorID, reading: IndicatorReading(period: record.period, value: record.value, note: record.note),
                               reportedBy: record.reportedBy, reportedAt: record.reportedAt)
            }
    }

    /// Saves values in one transaction — all, or none when any fails. A value for a period already reported
    /// replaces it; the change keeps both. Callers check units and periods first (``IndicatorUnit/problem(with:)``);
    /// here every indicator must belong to the partnership.
    public func saveIndicatorValues(_ values: [(indicator: UUID, reading: IndicatorReading)], in partnership: UUID,
                                    by editor: RecordEditor) async throws {
        try await database.transaction { db in
            for (indicator, reading) in values {
                guard try await RecordEntryRecord.query(on: db).filter(\.$id == indicator).filter(\.$partnershipID == partnership)
                    .filter(\.$kind == RecordSource.Kind.indicators.rawValue).filter(\.$removedAt == nil).count() == 1 else {
                    throw StoreError.notFound("The indicator")
                }
                let existing = try await IndicatorValueRecord.query(on: db).filter(\.$indicatorID == indicator)
                    .filter(\.$period == reading.period).first()
                let before = try existing.map { try Store.json(IndicatorReading(period: $0.period, value: $0.value, note: $0.note)) }
                let record = existing ?? IndicatorValueRecord()
                record.partnershipID = partnership
                record.indicatorID = indicator
                record.period = reading.period
                record.value = reading.value
                record.note = reading.note
                record.reportedBy = editor.name
                record.reportedAt = Store.timestamp()
                try await record.save(on: db)
                try await Store.log(partnership, indicator, "value", editor, before: before, after: try Store.json(reading), on: db)
            }
        }
    }

    // MARK: - Report links

    /// The code of a partner's report link, made on first asking.
    public func reportCode(for partner: Partner) async throws -> String {
        if let existing = try await ReportLinkRecord.query(on: database).filter(\.$partnerID == partner.id).first() { return existing.code }
        let record = ReportLinkRecord()
        record.partnershipID = partner.partnershipID
        record.partnerID = partner.id
        record.code = Secret.token()
        record.createdAt = Store.timestamp()
        do {
            try await record.create(on: database)
        } catch {
            // Another request may have made it first.
            if let existing = try await ReportLinkRecord.query(on: database).filter(\.$partnerID == partner.id).first() { return existing.code }
            throw error
        }
        return record.code
    }

    /// The partner a report link's code belongs to.
    public func partner(reportCode code: String) async throws -> Partner? {
        guard !code.isEmpty, let link = try await ReportLinkRecord.query(on: database).filter(\.$code == code).first() else { return nil }
        return try await PartnerRecord.find(link.partnerID, on: database)?.value
    }

    // MARK: - API tokens

    /// Creates a read-only API token for a partnership and returns its secret, shown once (only its digest is kept).
    public func createAPIToken(for partnership: UUID, name: String, by creator: String) async throws -> (APIToken, String) {
        let secret = "wv_" + Secret.token()
        let record = APITokenRecord()
        record.partnershipID = partnership
        record.name = name
        record.tokenHash = Secret.digest(secret)
        record.createdBy = creator
        record.createdAt = Store.timestamp()
        try await record.create(on: database)
        return (record.value, secret)
    }

    /// A partnership's API tokens, newest first, revoked ones included.
    public func apiTokens(of partnership: UUID) async throws -> [APIToken] {
        try await APITokenRecord.query(on: database).filter(\.$partnershipID == partnership).sort(\.$createdAt, .descending).all().map(\.value)
    }

    /// Revokes a token of this partnership; another partnership's id is not found.
    public func revokeAPIToken(_ id: UUID, in partnership: UUID) async throws {
        guard let record = try await APITokenRecord.query(on: database).filter(\.$id == id)
            .filter(\.$partnershipID == partnership).first() else { throw StoreError.notFound("The API token") }
        guard record.revokedAt == nil else { return }
        record.revokedAt = Store.timestamp()
        try await record.update(on: database)
    }

    /// The partnership a token opens, while it is not revoked.
    public func partnershipID(apiToken secret: String) async throws -> UUID? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        guard let record = try await APITokenRecord.query(on: database).filter(\.$tokenHash == Secret.digest(secret)).first(),
              record.revokedAt == nil else { return nil }
        return record.partnershipID
    }
}

extension RecordEntryRecord {
    func value() throws -> RecordItem {
        RecordItem(id: id!, partnershipID: partnershipID, entry: try JSONDecoder().decode(RecordEntry.self, from: Data(data.utf8)),
                   sourceSession: sourceSession, sourceRef: sourceRef, createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension APITokenRecord {
    var value: APIToken {
        APIToken(id: id!, partnershipID: partnershipID, name: name, createdBy: createdBy, createdAt: createdAt, revokedAt: revokedAt)
    }
}
