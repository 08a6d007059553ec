import Foundation
import NIOConcurrencyHelpers

/// The boot JSON of each session's canvas page, per viewer, as last made: encoding it was the largest share of
/// a session page once the database was out of the way. Everything in it but the sequence number is compared
/// with what the page would encode now (the session's title and status, the viewer, the partners, the
/// preparation answers, the limits, the socket), so a change to any of them is never served from here; the
/// sequence number, which moves with every edit, is written into the kept text. Bounded in entries.
final class BootCache: Sendable {
    private struct Key: Hashable {
        var session: UUID
        var viewer: CanvasBoot.Viewer
    }

    private struct Entry {
        /// The boot as encoded, its sequence number set to 0 and its phases left empty.
        var boot: CanvasBoot
        /// The phases' JSON it was made with (the same string each time for a session, so compared at once).
        var phasesJSON: String
        /// The script JSON before and after the sequence number.
        var head: String
        var tail: String
    }

    private let entries = NIOLockedValueBox<[Key: Entry]>([:])
    /// At most this many entries; past it, all go. A Path of Joint Action's boot is about 12 KB, so the
    /// default holds about 12 MB: every facilitator's and projector's page, and the participants' most recent.
    let capacity: Int

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// ``CanvasBoot/scriptJSON(phasesJSON:)`` of `boot`, from memory when only its sequence number changed.
    func scriptJSON(_ boot: CanvasBoot, session: UUID, phasesJSON: String) -> String {
        var comparable = boot
        comparable.sequence = 0
        comparable.phases = []
        let key = Key(session: session, viewer: boot.viewer)
        if let hit = entries.withLockedValue({ $0[key] }), hit.boot == comparable, hit.phasesJSON == phasesJSON {
            return hit.head + String(boot.sequence) + hit.tail
        }
        let text = comparable.scriptJSON(phasesJSON: phasesJSON)
        // Keys are sorted, so the top-level sequence is followed by the session object; no string holds an
        // unescaped quote, so this pattern occurs once.
        guard let slot = text.range(of: #""sequence":0,"session":{"#) else { return boot.scriptJSON(phasesJSON: phasesJSON) }
        let number = text.index(slot.lowerBound, offsetBy: #""sequence":"#.count)
        let entry = Entry(boot: comparable, phasesJSON: phasesJSON, head: String(text[..<number]), tail: String(text[text.index(after: number)...]))
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return entry.head + String(boot.sequence) + entry.tail
    }
}
