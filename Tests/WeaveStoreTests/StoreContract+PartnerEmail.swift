import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

extension StoreContract {
    /// A partner's contact email is set, cleared and read only within its own partnership.
    func partnerEmailsStayInTheirPartnership() async throws {
        // setup
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let riverside = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let hillside = try await store.createPartnership(PartnershipDraft(name: "Hillside", focalIssue: "Housing"), owner: ana.id)
        let bank = try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: riverside.id)
        let hall = try await store.addPartner(PartnerDraft(name: "Town Hall", type: .government), to: riverside.id)
        // MUT
        try await store.setPartnerEmail(bank.id, in: riverside.id, to: "bank@example.org")
        // validate
        #expect(try await store.partnerEmails(of: riverside.id) == [bank.id: "bank@example.org"])
        #expect(try await store.partnerEmails(of: hillside.id).isEmpty)
        await #expect(throws: StoreError.notFound("The partner")) { try await store.setPartnerEmail(hall.id, in: hillside.id, to: "spy@example.org") }
        #expect(try await store.partnerEmails(of: riverside.id)[hall.id] == nil)
        try await store.setPartnerEmail(bank.id, in: riverside.id, to: "")
        #expect(try await store.partnerEmails(of: riverside.id).isEmpty, "an empty value clears it")
    }
}
