import FluentKit
public import Foundation

extension Store {
    /// Gives a participant another browser (they came back on a new device, or confirmed "Is this you?") and
    /// returns its secret; only the digest is kept. The participant's items and token budget stay theirs.
    public func addDevice(for participant: UUID) async throws -> String {
        let token = Secret.token()
        let record = ParticipantDeviceRecord()
        record.participantID = participant
        record.tokenHash = Secret.digest(token)
        record.createdAt = Store.timestamp()
        try await record.create(on: database)
        return token
    }

    /// Renames a participant of a session; what they did stays theirs under the new name.
    public func renameParticipant(_ id: UUID, in session: UUID, to name: String) async throws -> Participant {
        guard let record = try await ParticipantRecord.query(on: database).filter(\.$id == id).filter(\.$sessionID == session).first() else {
            throw StoreError.notFound("The participant")
        }
        record.name = name
        try await record.update(on: database)
        return record.value
    }

    /// Removes a participant from a session: their browsers no longer reach it, and their items stay,
    /// attributed to them.
    public func removeParticipant(_ id: UUID, from session: UUID) async throws -> Participant {
        guard let record = try await ParticipantRecord.query(on: database).filter(\.$id == id).filter(\.$sessionID == session).first() else {
            throw StoreError.notFound("The participant")
        }
        if record.removedAt == nil {
            record.removedAt = Store.timestamp()
            try await record.update(on: database)
        }
        return record.value
    }
}
