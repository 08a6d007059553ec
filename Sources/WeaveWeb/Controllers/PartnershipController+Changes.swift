import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// Changing what a facilitator set up: editing and removing partners (a partner a session used is kept), and
/// deleting a session that has not started.
extension PartnershipController {
    func addChangeRoutes(to router: Router<WeaveContext>) {
        router.post("/partnerships/:partnership/partners/:partner") { _, context in
            let (partnership, partner) = try await ownPartner(context)
            let form = context.form ?? Form(parsing: "")
            guard let type = PartnerType(rawValue: form["type"]) else {
                throw HTTPError(.badRequest, message: "Choose the partner's type: \(PartnerType.allCases.map(\.displayName).joined(separator: ", ")).")
            }
            let draft = PartnerDraft(name: try form.required("name", label: "The partner's name", limit: 160), type: type,
                                     sector: try form.optional("sector", label: "Sector", limit: 160))
            let others = try await app.store.partners(of: partnership.id).filter { $0.id != partner.id }
            guard !others.contains(where: { $0.name.lowercased() == draft.name.lowercased() }) else {
                throw HTTPError(.badRequest, message: "There is already a partner called “\(draft.name)”.")
            }
            try await app.store.updatePartner(partner.id, in: partnership.id, draft)
            try await partnersChanged(partnership)
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())#partners")
        }
        router.post("/partnerships/:partnership/partners/:partner/remove") { _, context in
            let (partnership, partner) = try await ownPartner(context)
            guard try await !app.store.partnerIsUsed(partner.id, in: partnership.id) else {
                throw HTTPError(.conflict, message: "“\(partner.name)” took part in a session, so it stays: what was said about it must remain readable. Rename it instead.")
            }
            try await app.store.removePartner(partner.id, from: partnership.id)
            try await partnersChanged(partnership)
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())#partners")
        }
        router.post("/sessions/:session/delete") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            guard try await !app.store.sessionHasStarted(session.id) else {
                throw HTTPError(.conflict, message: "This session has started (someone joined or something was recorded), so it stays. Close it instead.")
            }
            try await app.store.deleteSession(session.id)
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())#sessions")
        }
    }

    /// The partnership the account facilitates, and one of its partners named in the path.
    private func ownPartner(_ context: WeaveContext) async throws -> (Partnership, Partner) {
        let partnership = try await app.facilitated(context)
        let raw = try context.parameters.require("partner")
        guard let id = UUID(uuidString: raw), let partner = try await app.store.partners(of: partnership.id).first(where: { $0.id == id }) else {
            throw HTTPError(.notFound, message: "There is no such partner in this partnership.")
        }
        return (partnership, partner)
    }

    private func partnersChanged(_ partnership: Partnership) async throws {
        app.partnerships.forget(partnership.id)
        let partners = try await app.store.partners(of: partnership.id)
        for live in await app.registry.loaded(partnership: partnership.id) { await live.partnersChanged(partners) }
    }
}
