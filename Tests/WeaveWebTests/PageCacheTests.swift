import Foundation
import HummingbirdTesting
import Testing
import WeaveStore
@testable import WeaveWeb

/// The session page reads its partnership from memory; what this server changes shows at once.
@Suite struct PageCacheTests {
    @Test func aChangedPartnershipShowsOnTheNextSessionPage() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let page = "/sessions/\(workshop.session)"
            #expect(!(try await workshop.facilitator.get(client, page)).html.contains("Harbour Trust"))
            #expect(try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/partners",
                                                       ["name": "Harbour Trust", "type": "nonprofit"]).status == .seeOther)
            #expect((try await workshop.facilitator.get(client, page)).html.contains("Harbour Trust"), "a new partner shows at once")
            let export = try await workshop.facilitator.get(client, page + "/export.json")
            #expect(export.html.contains("Harbour Trust"))
            #expect(try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)",
                                                       ["name": "Riverside Food Alliance", "focal_issue": "Food waste"]).status == .seeOther)
            #expect((try await workshop.facilitator.get(client, page)).html.contains("Riverside Food Alliance"), "a new name shows at once")
        }
        // Entries are re-read after their minute.
        let store = try await WeaveStore.Store.open(.sqliteInMemory)
        let owner = try await store.createAccount(email: "a@example.org", name: "A", passwordHash: "h")
        let partnership = try await store.createPartnership(.init(name: "P", focalIssue: "F"), owner: owner.id)
        let cache = PartnershipCache(store: store, revalidateAfter: 60)
        let now = Date()
        #expect(try await cache.view(partnership.id, now: now)?.partners.isEmpty == true)
        _ = try await store.addPartner(.init(name: "Elsewhere", type: .business), to: partnership.id)
        #expect(try await cache.view(partnership.id, now: now.addingTimeInterval(30))?.partners.isEmpty == true, "within the minute")
        #expect(try await cache.view(partnership.id, now: now.addingTimeInterval(61))?.partners.map(\.name) == ["Elsewhere"])
        await store.shutdown()
    }
}
