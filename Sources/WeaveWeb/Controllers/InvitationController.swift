import Foundation
import Hummingbird
import WeaveStore

/// Invitations to co-facilitate a partnership or join a research project: whoever adds someone by email
/// learns nothing about whether that email has an account, and nobody joins anything until they accept.
struct InvitationController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        router.post("/invitations/:invitation/accept") { _, context in
            let account = try app.requireLogin(context)
            guard let target = try await app.store.acceptInvitation(try invitationID(context), by: account) else { throw missing }
            if case .partnership(let id) = target { await app.forgetEverywhere(.partnership(id)) }
            switch target {
            case .partnership(let id): return Response.seeOther("/partnerships/\(id.uuidString.lowercased())")
            case .researchProject(let id): return Response.seeOther("/research/\(id.uuidString.lowercased())")
            }
        }
        router.post("/invitations/:invitation/decline") { _, context in
            let account = try app.requireLogin(context)
            guard try await app.store.declineInvitation(try invitationID(context), by: account) else { throw missing }
            return Response.seeOther("/partnerships")
        }
    }

    private var missing: HTTPError { HTTPError(.notFound, message: "There is no such invitation for you: it may have been answered already.") }

    private func invitationID(_ context: WeaveContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("invitation")) else { throw missing }
        return id
    }

    /// The invitations waiting for the signed-in account, for the pages that list them.
    static func rows(_ app: WebApp, for account: Account) async throws -> [InvitationRow] {
        try await app.store.invitations(for: account).map { invitation in
            let what: String
            switch invitation.target {
            case .partnership: what = "co-facilitate the partnership"
            case .researchProject: what = "join the research project"
            }
            let base = "/invitations/\(invitation.id.uuidString.lowercased())"
            return InvitationRow(text: "\(invitation.invitedBy) invites you to \(what) “\(invitation.targetName)”.",
                                 acceptHref: base + "/accept", declineHref: base + "/decline")
        }
    }
}

/// An invitation as a page lists it, with its two answers.
struct InvitationRow {
    var text: String
    var acceptHref: String
    var declineHref: String
}
