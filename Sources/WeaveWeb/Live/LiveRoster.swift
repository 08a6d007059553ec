import Foundation
import WeaveCore
import WeaveStore

/// What a facilitator's live page may do to the session's participants: rename them, or remove them (their
/// items stay, attributed). Kept apart from the canvas: these change the participant list, not the event log.
struct LiveRoster: Sendable {
    /// A roster change refused, in words for the facilitator.
    struct Refusal: Error { var message: String }

    var rename: @Sendable (UUID, String) async throws -> Participant
    var remove: @Sendable (UUID) async throws -> Participant

    /// The roster of one session in the store.
    init(store: Store, session: UUID) {
        rename = { id, name in try await store.renameParticipant(id, in: session, to: name) }
        remove = { id in try await store.removeParticipant(id, from: session) }
    }

    /// A participant's name as the join page takes it: 1 to 60 characters, no markup.
    static func checkName(_ raw: String) throws(Refusal) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw Refusal(message: "A participant's name cannot be empty.") }
        guard name.count <= 60 else { throw Refusal(message: "A participant's name is at most 60 characters.") }
        guard !CanvasText.containsMarkup(name), !name.contains("<"), !name.contains(">") else { throw Refusal(message: "A participant's name cannot contain < or >.") }
        return name
    }

    /// Two names people would read as the same: case, accents and spacing aside.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> String {
            s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return key(a) == key(b)
    }
}
