import Foundation
import Hummingbird
import Logging
import WeaveCore
import WeaveStore

/// Everything the controllers share, made once per app.
struct WebApp: Sendable {
    let configuration: WebConfiguration
    let library: Library
    let store: Store
    let pages: PageRenderer
    let registry: LiveRegistry
    let metrics: WeaveMetrics
    let cookies: CookieJar
    let passwords: Passwords
    /// Research analyses from the browser, a few at a time on threads of their own.
    let analyses: AnalysisQueue
    /// Signed-in accounts by cookie, so pages need not ask the database for them.
    let logins = LoginCache()
    /// Partnerships with their facilitators and partners, for the session pages.
    let partnerships: PartnershipCache
    /// Each session's JSON export as last made, for canvas reads that find nothing changed.
    let exports = ExportCache()
    /// Each session's canvas-page boot JSON per viewer as last made, for pages that find nothing changed.
    let boots = BootCache()
    /// Sign-in attempts, per account and address.
    let signIns = SignInThrottle()
    /// Sign-ups: 10 a minute per address.
    let loginLimiter = RateLimiter(limit: 10, per: 60)
    /// Wrong join codes: 20 a minute per address.
    let joinLimiter = RateLimiter(limit: 20, per: 60)
    let setup: SetupLink
    let logger: Logger
    /// The partnerships' own paths, each saved version loaded once.
    let ownPaths = OwnPathCache()

    /// The preparation worksheet partners fill before a session of a path: the tool the path names as its
    /// `preparation_tool`, if any — for a partnership's own path, the one its version names.
    func preparationTool(for session: WorkSession) async throws -> Tool? {
        guard let loaded = try await ownPaths.path(for: session, library: library, store: store) else { return nil }
        return loaded.path.preparationTool.flatMap(loaded.library.tool)
    }

    /// What a session runs through: the library item's plan, or that of the own path version it was
    /// scheduled with.
    func plan(for session: WorkSession) async throws -> SessionPlan? {
        try await ownPaths.plan(for: session, library: library, store: store)
    }

    /// The path a session runs, library or own, with the library it belongs to.
    func path(for session: WorkSession) async throws -> Path? {
        try await ownPaths.path(for: session, library: library, store: store)?.path
    }

    /// The preparation worksheets of the paths a partnership has scheduled, each once, in the order first
    /// scheduled: what its partners' preparation links serve.
    func preparationTools(of partnership: UUID) async throws -> [Tool] {
        var tools: [Tool] = []
        for session in try await store.sessions(of: partnership) {
            if let tool = try await preparationTool(for: session), !tools.contains(where: { $0.id == tool.id }) { tools.append(tool) }
        }
        return tools
    }

    /// Forgets a cached login or partnership here, and tells the other servers sharing the database to
    /// forget it too, so a sign-out or a change of members holds on every server at once.
    func forgetEverywhere(_ notice: CacheNotice) async {
        forget(notice)
        await store.announce(notice)
    }

    /// Forgets a cached login or partnership on this server.
    func forget(_ notice: CacheNotice) {
        switch notice {
        case .login(let digest): logins.forget(digest: digest)
        case .partnership(let id):
            partnerships.forget(id)
        case .session:
            break // The store keeps sessions' rows, and forgets them itself.
        }
    }

    /// The signed-in account, or a redirect to sign in.
    func requireLogin(_ context: WeaveContext) throws -> Account {
        guard let login = context.login else {
            throw HTTPError(.seeOther, headers: [.location: "/login"], message: "Sign in to continue.")
        }
        return login.account
    }

    /// The partnership named in the path, if the signed-in account facilitates it; otherwise 404.
    func facilitated(_ context: WeaveContext) async throws -> Partnership {
        let account = try requireLogin(context)
        guard let id = UUID(uuidString: try context.parameters.require("partnership")),
              let view = try await partnerships.view(id), view.facilitators.contains(account.id) else {
            throw HTTPError(.notFound, message: "There is no such partnership among yours.")
        }
        return view.partnership
    }

    /// The session named in the path, if the signed-in account facilitates its partnership; otherwise 404.
    func facilitatedSession(_ context: WeaveContext) async throws -> (WorkSession, Partnership) {
        let account = try requireLogin(context)
        guard let id = UUID(uuidString: try context.parameters.require("session")),
              let session = try await store.session(id),
              let view = try await partnerships.view(session.partnershipID), view.facilitators.contains(account.id) else {
            throw HTTPError(.notFound, message: "There is no such session among your partnerships'.")
        }
        return (session, view.partnership)
    }
}
