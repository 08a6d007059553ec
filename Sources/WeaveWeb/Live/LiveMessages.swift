import Foundation
import WeaveCore
import WeaveStore

/// What a browser sends over the live socket (see docs/live-protocol.md).
struct ClientMessage: Decodable, Sendable {
    var type: String
    var id: String?
    var after: Int?
    var edit: CanvasEdit?
    var phase: Int?
    var step: Int?
    var section: String?
    var locked: Bool?
    /// `versions`: the text field, and the sequence to page back from.
    var field: String?
    var before: Int?
    /// `renameParticipant`, `removeParticipant`: whom; `renameParticipant`: the new name.
    var participant: String?
    var name: String?
    /// `clock`: start, pause, resume, extend (with `minutes`) or reset.
    var action: String?
    var minutes: Int?
    /// `show`: phase, field (with `field`), join or pause.
    var view: String?
    /// `hide`: the item of `field` to hide, and whether to hide it (`false` shows it again; default `true`).
    var item: String?
    var hidden: Bool?
}

/// One person in the session, as the canvas shows them.
struct ParticipantInfo: Codable, Sendable, Hashable {
    var id: String
    var name: String
    var partner: String
    /// Whether a browser of theirs is connected now.
    var present = false
    /// Whether the facilitator removed them; their items stay attributed to them.
    var removed = false

    init(_ participant: Participant, present: Bool = false) {
        id = participant.key
        name = participant.name
        partner = participant.partnerID.uuidString.lowercased()
        removed = participant.removedAt != nil
        self.present = present
    }
}

struct SnapshotMessage: Encodable {
    let type = "snapshot"
    var sequence: Int
    var state: CanvasState
    var facilitation: Facilitation
    var participants: [ParticipantInfo]
    var now: Date
}

struct EventMessage: Encodable {
    struct Actor: Encodable { var id: String; var name: String }
    let type = "event"
    var sequence: Int
    var at: Date
    var actor: Actor
    var field: String?
    var value: CanvasState?
    var facilitation: Facilitation
}

struct AckMessage: Encodable {
    let type = "ack"
    var id: String
    var sequence: Int
}

struct ErrorMessage: Encodable {
    let type = "error"
    var id: String?
    var field: String?
    var message: String
    /// The change was fine but could not be stored just now: keep it and send it again.
    var retry: Bool?
    /// With `retry`: send it again after this many seconds.
    var retryAfter: Int?
}

/// Earlier texts of one text field, newest first, in answer to a `versions` request.
struct VersionsMessage: Encodable {
    struct Version: Encodable {
        var sequence: Int
        var at: Date
        var author: String
        var name: String
        var text: String
    }
    let type = "versions"
    var id: String?
    var field: String
    var versions: [Version]
    /// Whether there are earlier ones still: ask again with `before` set to the last version's sequence.
    var more: Bool
}

struct ParticipantsMessage: Encodable {
    let type = "participants"
    var participants: [ParticipantInfo]
}

struct ReconnectMessage: Encodable {
    let type = "reconnect"
    var message: String
}

/// The live protocol's JSON: Swift property names as keys, no key conversion (ids are dictionary keys),
/// ISO 8601 dates.
enum LiveJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Milliseconds, so a countdown on a phone can line its clock up with the server's closely.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func text(_ value: some Encodable) -> String {
        // Encoding our own message types cannot fail.
        String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
