import Foundation
import NIOConcurrencyHelpers
import WeaveStore

/// What every session page and canvas read needs of a partnership: the partnership, who facilitates it, its
/// partners and their preparation answers, kept in memory so those pages need not ask the database for them
/// each time. This server forgets an entry whenever it changes one of them (edit, new partner, accepted
/// invitation, saved preparation); an entry is also re-read after a minute, which bounds how long a change
/// made through another server sharing PostgreSQL takes to show here.
final class PartnershipCache: Sendable {
    /// A partnership as the pages use it.
    struct View: Sendable {
        var partnership: Partnership
        var facilitators: Set<UUID>
        var partners: [Partner]
        /// Partners' preparation answers, by worksheet (tool id), then partner, then field.
        var preparations: [String: [UUID: [String: String]]]
    }

    private struct Entry {
        var view: View
        var until: Date
    }

    private let entries = NIOLockedValueBox<[UUID: Entry]>([:])
    let store: Store
    let revalidateAfter: TimeInterval
    let capacity: Int

    init(store: Store, revalidateAfter: TimeInterval = 60, capacity: Int = 10_000) {
        self.store = store
        self.revalidateAfter = revalidateAfter
        self.capacity = capacity
    }

    /// The partnership with its facilitators and partners, or `nil` when there is none with this id.
    func view(_ id: UUID, now: Date = Date()) async throws -> View? {
        if let entry = entries.withLockedValue({ $0[id] }), entry.until > now { return entry.view }
        guard let partnership = try await store.partnership(id) else { return nil }
        let view = View(partnership: partnership,
                        facilitators: Set(try await store.facilitators(of: id).map(\.account.id)),
                        partners: try await store.partners(of: id), preparations: try await store.preparationsByWorksheet(of: id))
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = Entry(view: view, until: now.addingTimeInterval(revalidateAfter))
        }
        return view
    }

    /// Forgets a partnership after this server changed it.
    func forget(_ id: UUID) {
        _ = entries.withLockedValue { $0.removeValue(forKey: id) }
    }
}
