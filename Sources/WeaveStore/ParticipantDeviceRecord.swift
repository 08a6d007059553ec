import FluentKit
import Foundation

/// A further browser a participant uses: its secret's digest. The participant's first browser keeps its secret
/// on the participant row.
///
/// `@unchecked Sendable`: Fluent models are mutable classes; a record is made, used and dropped within one
/// store call and never shared between tasks (callers get a ``Participant`` value).
final class ParticipantDeviceRecord: Model, @unchecked Sendable {
    static let schema = "participant_devices"
    // identity
    @ID(key: .id) var id: UUID?
    // references
    @Field(key: "participant_id") var participantID: UUID
    // data
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
