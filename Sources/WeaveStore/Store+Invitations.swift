import FluentKit
public import Foundation

/// What an invitation is to.
public enum InvitationTarget: Sendable, Hashable {
    /// Co-facilitating a partnership.
    case partnership(UUID)
    /// Membership of a research project.
    case researchProject(UUID)

    var kind: String {
        switch self {
        case .partnership: "partnership"
        case .researchProject: "research"
        }
    }

    var id: UUID {
        switch self {
        case .partnership(let id), .researchProject(let id): id
        }
    }

    init?(kind: String, id: UUID) {
        switch kind {
        case "partnership": self = .partnership(id)
        case "research": self = .researchProject(id)
        default: return nil
        }
    }
}

/// An invitation waiting for the person it names to accept it.
public struct Invitation: Sendable, Hashable {
    public var id: UUID
    public var target: InvitationTarget
    /// The partnership's or project's name.
    public var targetName: String
    /// The email it was sent to.
    public var email: String
    /// Who invited.
    public var invitedBy: String
    public var createdAt: Date
}

/// An invitation, kept until accepted or declined. Fluent models are reference types that Fluent mutates;
/// records never leave the store (callers get ``Invitation`` values), hence `@unchecked Sendable`.
final class InvitationRecord: Model, @unchecked Sendable {
    static let schema = "invitations"
    // identity
    @ID(key: .id) var id: UUID?
    // references
    @Field(key: "kind") var kind: String
    @Field(key: "target_id") var targetID: UUID
    @Field(key: "invited_by") var invitedBy: UUID
    // data
    @Field(key: "email") var email: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

extension Store {
    /// How long an invitation can be accepted: 30 days. After that it is not shown, cannot be accepted,
    /// and inviting the same address again starts a fresh one.
    public static let invitationLifetime: TimeInterval = 30 * 24 * 60 * 60

    /// Invites whoever uses an email address. Nothing is said about whether an account has that address,
    /// and nobody is added until they accept; inviting the same address twice, or someone already in, is
    /// quietly nothing new — except that an expired invitation is renewed.
    public func invite(email: String, to target: InvitationTarget, by inviter: UUID, now: Date = Store.timestamp()) async throws {
        let email = email.lowercased()
        let db = database
        if let (account, _) = try await account(email: email), try await isIn(account.id, target) { return }
        if let existing = try await InvitationRecord.query(on: db).filter(\.$kind == target.kind).filter(\.$targetID == target.id)
            .filter(\.$email == email).first() {
            guard Self.hasExpired(existing, now: now) else { return }
            existing.createdAt = now
            existing.invitedBy = inviter
            try await existing.update(on: db)
            return
        }
        let record = InvitationRecord()
        record.kind = target.kind
        record.targetID = target.id
        record.email = email
        record.invitedBy = inviter
        record.createdAt = now
        do {
            try await record.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Sent twice at once: one is enough.
        }
    }

    /// The addresses invited to a partnership or project who have not answered yet (and whose invitation
    /// has not expired), alphabetically.
    public func pendingInvitations(to target: InvitationTarget, now: Date = Store.timestamp()) async throws -> [String] {
        try await InvitationRecord.query(on: database).filter(\.$kind == target.kind).filter(\.$targetID == target.id)
            .filter(\.$createdAt > now.addingTimeInterval(-Self.invitationLifetime))
            .sort(\.$email).all().map(\.email)
    }

    /// The invitations waiting for an account (by its email) that have not expired, oldest first.
    public func invitations(for account: Account, now: Date = Store.timestamp()) async throws -> [Invitation] {
        let db = database
        var result: [Invitation] = []
        for record in try await InvitationRecord.query(on: db).filter(\.$email == account.email.lowercased())
            .filter(\.$createdAt > now.addingTimeInterval(-Self.invitationLifetime)).sort(\.$createdAt).all() {
            guard let target = InvitationTarget(kind: record.kind, id: record.targetID), let name = try await targetName(target) else { continue }
            let inviter = try await AccountRecord.find(record.invitedBy, on: db)?.name ?? "Someone"
            result.append(Invitation(id: record.id!, target: target, targetName: name, email: record.email, invitedBy: inviter,
                                     createdAt: record.createdAt))
        }
        return result
    }

    /// Accepts an invitation addressed to the account: adds it to the partnership (as co-facilitator) or the
    /// project, and forgets the invitation. `nil` when there is no such invitation for this account, or it
    /// has expired.
    public func acceptInvitation(_ id: UUID, by account: Account, now: Date = Store.timestamp()) async throws -> InvitationTarget? {
        let db = database
        guard let record = try await InvitationRecord.find(id, on: db), record.email == account.email.lowercased(),
              !Self.hasExpired(record, now: now), let target = InvitationTarget(kind: record.kind, id: record.targetID) else { return nil }
        if try await !isIn(account.id, target) {
            switch target {
            case .partnership(let partnership):
                let link = FacilitatorRecord()
                link.partnershipID = partnership
                link.accountID = account.id
                link.role = FacilitatorRole.coFacilitator.rawValue
                try await link.create(on: db)
            case .researchProject(let project):
                let member = ResearchMemberRecord()
                member.projectID = project
                member.accountID = account.id
                try await member.create(on: db)
            }
        }
        try await record.delete(on: db)
        return target
    }

    /// Declines an invitation addressed to the account; `false` when there is none.
    public func declineInvitation(_ id: UUID, by account: Account) async throws -> Bool {
        let db = database
        guard let record = try await InvitationRecord.find(id, on: db), record.email == account.email.lowercased() else { return false }
        try await record.delete(on: db)
        return true
    }

    private static func hasExpired(_ record: InvitationRecord, now: Date) -> Bool {
        record.createdAt <= now.addingTimeInterval(-invitationLifetime)
    }

    private func isIn(_ account: UUID, _ target: InvitationTarget) async throws -> Bool {
        switch target {
        case .partnership(let id): return try await isFacilitator(account, of: id)
        case .researchProject(let id): return try await researchProject(id, member: account) != nil
        }
    }

    private func targetName(_ target: InvitationTarget) async throws -> String? {
        switch target {
        case .partnership(let id): return try await partnership(id)?.name
        case .researchProject(let id): return try await ResearchProjectRecord.find(id, on: database)?.name
        }
    }
}
