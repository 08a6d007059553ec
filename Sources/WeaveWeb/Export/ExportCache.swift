import Foundation
import NIOConcurrencyHelpers
import WeaveStore

/// The JSON export of each session as last made, so reading a canvas that has not changed costs no query
/// and no encoding. An export is a function of the session's row, its partnership, partners and their
/// preparation answers, its log up to its sequence and its participants (who only ever join): that is the
/// key, so a changed canvas, a new participant, an edited partnership or a saved preparation is never served
/// from here. Entries are bounded in number and bytes.
final class ExportCache: Sendable {
    struct Key: Hashable, Sendable {
        var session: WorkSession
        var partnership: Partnership
        var partners: [Partner]
        var preparations: [String: [UUID: [String: String]]]
        var sequence: Int
        var participants: Int
    }

    struct Export: Sendable {
        var json: Data
        var fileStem: String
    }

    private struct Entries {
        var byID: [UUID: (key: Key, export: Export)] = [:]
        var bytes = 0
    }

    private let entries = NIOLockedValueBox(Entries())
    /// Exports larger than this are made each time.
    let largestEntry: Int
    /// When the cached exports together pass this, they are all forgotten.
    let capacity: Int

    init(largestEntry: Int = 4 << 20, capacity: Int = 64 << 20) {
        self.largestEntry = largestEntry
        self.capacity = capacity
    }

    /// The export of `session` as JSON: from memory when nothing it depends on has changed, else made anew.
    func json(_ session: WorkSession, _ partnership: Partnership, app: WebApp) async throws -> Export {
        let live = try await app.registry.session(session)
        let snapshot = await live.snapshot()
        let view = try await app.partnerships.view(partnership.id)
        let partners = view?.partners ?? []
        let key = Key(session: session, partnership: partnership, partners: partners, preparations: view?.preparations ?? [:], sequence: snapshot.sequence,
                      participants: snapshot.participantCount)
        if let hit = entries.withLockedValue({ $0.byID[session.id] }), hit.key == key { return hit.export }
        let made = try await SessionExport.make(session, partnership, plan: live.plan, snapshot: snapshot, partners: partners, app: app)
        let export = Export(json: try made.json(), fileStem: made.fileStem)
        guard export.json.count <= largestEntry else { return export }
        entries.withLockedValue { entries in
            if let old = entries.byID.removeValue(forKey: session.id) { entries.bytes -= old.export.json.count }
            if entries.bytes + export.json.count > capacity { entries = Entries() }
            entries.byID[session.id] = (key, export)
            entries.bytes += export.json.count
        }
        return export
    }
}
