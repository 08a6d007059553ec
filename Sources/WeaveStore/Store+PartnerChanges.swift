import FluentKit
public import Foundation

extension Store {
    /// Renames a partner or changes its type and sector.
    public func updatePartner(_ id: UUID, in partnership: UUID, _ draft: PartnerDraft) async throws {
        guard let record = try await PartnerRecord.query(on: database).filter(\.$id == id).filter(\.$partnershipID == partnership).first() else {
            throw StoreError.notFound("The partner")
        }
        record.name = draft.name
        record.type = draft.type.rawValue
        record.sector = draft.sector
        try await record.update(on: database)
    }

    /// Whether any session used a partner: someone joined for it, or a session's log names it (an answer,
    /// a table cell, a place on a grid…). A used partner is kept, so what was said about it stays readable.
    public func partnerIsUsed(_ id: UUID, in partnership: UUID) async throws -> Bool {
        if try await ParticipantRecord.query(on: database).filter(\.$partnerID == id).count() > 0 { return true }
        let key = id.uuidString.lowercased()
        for session in try await sessions(of: partnership) where
            try await EventRecord.query(on: database).filter(\.$sessionID == session.id).filter(\.$payload ~~ key).count() > 0 {
            return true
        }
        return false
    }

    /// Removes a partner no session used, with its preparation answers.
    public func removePartner(_ id: UUID, from partnership: UUID) async throws {
        guard let record = try await PartnerRecord.query(on: database).filter(\.$id == id).filter(\.$partnershipID == partnership).first() else {
            throw StoreError.notFound("The partner")
        }
        try await record.delete(on: database)
    }

    /// Whether a session has started: anyone joined, or anything was stored in its log.
    public func sessionHasStarted(_ id: UUID) async throws -> Bool {
        if try await ParticipantRecord.query(on: database).filter(\.$sessionID == id).count() > 0 { return true }
        return try await EventRecord.query(on: database).filter(\.$sessionID == id).count() > 0
    }

    /// Deletes a session that has not started.
    public func deleteSession(_ id: UUID) async throws {
        guard let record = try await SessionRecord.find(id, on: database) else { throw StoreError.notFound("The session") }
        try await record.delete(on: database)
        await forgetEverywhere(session: id)
    }
}
