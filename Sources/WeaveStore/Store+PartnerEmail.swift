import FluentKit
public import Foundation

extension Store {
    /// The partners' contact emails, by partner id; partners without one are absent. Only facilitators'
    /// pages read these: ``Partner`` (which live pages receive) does not carry them.
    public func partnerEmails(of partnership: UUID) async throws -> [UUID: String] {
        var emails: [UUID: String] = [:]
        for record in try await PartnerRecord.query(on: readDatabase).filter(\.$partnershipID == partnership).all() {
            if let id = record.id, let email = record.email, !email.isEmpty { emails[id] = email }
        }
        return emails
    }

    /// Sets or clears (empty text) a partner's contact email, only within its partnership.
    /// - Throws: ``StoreError/notFound(_:)`` for a partner of another partnership.
    public func setPartnerEmail(_ partner: UUID, in partnership: UUID, to email: String) async throws {
        guard let record = try await PartnerRecord.find(partner, on: database), record.partnershipID == partnership else {
            throw StoreError.notFound("The partner")
        }
        record.email = email.isEmpty ? nil : email
        try await record.update(on: database)
    }
}
