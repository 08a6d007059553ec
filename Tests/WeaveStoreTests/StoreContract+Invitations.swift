import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

extension StoreContract {
    /// An invitation can be accepted for its lifetime only; after that it is not listed, cannot be
    /// accepted, and inviting the same address again renews it.
    func invitationsExpire() async throws {
        // setup
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let ben = try await store.createAccount(email: "ben@example.org", name: "Ben", passwordHash: "h")
        let riverside = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        let stillValid = sent.addingTimeInterval(Store.invitationLifetime - 60)
        let expired = sent.addingTimeInterval(Store.invitationLifetime + 60)
        // MUT
        try await store.invite(email: "Ben@example.org", to: .partnership(riverside.id), by: ana.id, now: sent)
        // validate
        let invitation = try #require(try await store.invitations(for: ben, now: stillValid).first)
        #expect(try await store.pendingInvitations(to: .partnership(riverside.id), now: stillValid) == ["ben@example.org"])
        #expect(try await store.invitations(for: ben, now: expired).isEmpty, "an expired invitation is not listed")
        #expect(try await store.pendingInvitations(to: .partnership(riverside.id), now: expired).isEmpty)
        #expect(try await store.acceptInvitation(invitation.id, by: ben, now: expired) == nil, "nor can it be accepted")
        #expect(try await store.isFacilitator(ben.id, of: riverside.id) == false)
        // inviting again renews the same invitation, which can then be accepted
        try await store.invite(email: "ben@example.org", to: .partnership(riverside.id), by: ana.id, now: expired)
        let renewed = try await store.invitations(for: ben, now: expired)
        #expect(renewed.map(\.id) == [invitation.id])
        #expect(try await store.acceptInvitation(invitation.id, by: ben, now: expired) == .partnership(riverside.id))
        #expect(try await store.isFacilitator(ben.id, of: riverside.id))
    }
}
