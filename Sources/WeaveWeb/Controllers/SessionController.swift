import Foundation
import Hummingbird
import HummingbirdWebSocket
import WeaveCore
import WeaveStore

/// Sessions: the facilitator's canvas, the projector, joining, the participant's canvas, history, export and
/// the live sockets. A facilitator reaches a session only through a partnership they facilitate; a participant
/// only the one session their browser joined.
struct SessionController: Sendable {
    let app: WebApp
    static let participantCookie = "weave_participant"

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/sessions/:session") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            return try await canvasPage(session, partnership, context, view: .facilitator)
        }
        router.get("/sessions/:session/projector") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            return try await canvasPage(session, partnership, context, view: .projector)
        }
        router.get("/sessions/:session/history") { request, context in
            let (session, _) = try await app.facilitatedSession(context)
            let before = request.uri.queryParameters.get("before").flatMap { Int($0) }.map { max($0, 1) }
            return app.pages.response(try await history(session, before: before, context), template: "history")
        }
        router.get("/sessions/:session/export.json") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            let export = try await app.exports.json(session, partnership, app: app)
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(export.fileStem).json\""],
                            body: .init(byteBuffer: ByteBuffer(data: export.json)))
        }
        router.get("/sessions/:session/export.md") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            let export = try await SessionExport.make(session, partnership, app: app)
            return Response(status: .ok, headers: [.contentType: "text/markdown; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"\(export.fileStem).md\""],
                            body: .init(byteBuffer: ByteBuffer(string: export.markdown())))
        }
        router.get("/sessions/:session/agenda") { request, context in
            // The agenda and handout of the path as this session runs it: chosen tools, optional steps left out.
            let (session, _) = try await app.facilitatedSession(context)
            guard let loaded = try await app.ownPaths.path(for: session, library: app.library, store: app.store) else {
                throw HTTPError(.notFound, message: "This session runs a single tool, which has no agenda.")
            }
            let library = loaded.library
            let chosen = (try? loaded.path.choosing(session.choices)) ?? loaded.path
            // The session's start and breaks, unless the page's form asks for others.
            let query = request.uri.queryParameters
            let breaks = query.get("start") != nil ? query.getAll("break")
                : session.breaks.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return app.pages.response(LibraryController.pathPage(chosen, library: library, start: query.get("start") ?? session.start,
                                                                 breaks: breaks, end: query.get("end")),
                                      template: "path")
        }
        router.get("/sessions/:session/export.html") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            let export = try await SessionExport.make(session, partnership, app: app)
            return app.pages.response(export.page(), template: "export")
        }
        router.ws("/sessions/:session/live") { request, context in
            try checkOrigin(request)
            _ = try await app.facilitatedSession(context)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let (session, _) = try await app.facilitatedSession(context.requestContext)
            let account = try app.requireLogin(context.requestContext)
            let live = try await app.registry.session(session)
            let readOnly = context.request.uri.queryParameters.get("view") == "projector"
            let channel = context.requestContext.channel
            try await LiveSocket.serve(inbound: inbound, outbound: outbound, live: live,
                                       viewer: SessionActor(id: account.id.uuidString.lowercased(), name: account.name, isFacilitator: true),
                                       readOnly: readOnly, roster: readOnly ? nil : LiveRoster(store: app.store, session: session.id), limits: app.configuration.live, metrics: app.metrics, logger: context.logger,
                                       drop: { channel.close(promise: nil) })
        }

        router.get("/join") { request, context in
            let code = request.uri.queryParameters.get("code") ?? ""
            if !code.isEmpty { return Response.seeOther(joinPath(code)) }
            return app.pages.response(JoinPage(chrome: Chrome(context), code: "", askName: false, action: "/join", partners: []), template: "join")
        }
        router.post("/join") { _, context in
            Response.seeOther(joinPath((context.form ?? Form(parsing: ""))["code"]))
        }
        router.get("/join/:code") { request, context in
            let (session, partnership) = try await joinable(context)
            // The same device again: the same participant, not a new one.
            if let back = try await returning(request, to: session) { return back }
            return app.pages.response(try await joinPage(session, partnership, context), template: "join")
        }
        router.post("/join/:code") { request, context in try await join(request, context) }
        router.get("/s/:session") { request, context in
            let (session, participant) = try await participantSession(request, context)
            guard let partnership = try await app.partnerships.view(session.partnershipID)?.partnership else { throw HTTPError(.notFound) }
            return try await canvasPage(session, partnership, context, view: .participant(participant))
        }
        router.ws("/s/:session/live") { request, context in
            try checkOrigin(request)
            _ = try await participantSession(request, context)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            let (session, participant) = try await participantSession(context.request, context.requestContext)
            let live = try await app.registry.session(session)
            let channel = context.requestContext.channel
            try await LiveSocket.serve(inbound: inbound, outbound: outbound, live: live,
                                       viewer: SessionActor(id: participant.key, name: participant.name, isFacilitator: false),
                                       readOnly: false, limits: app.configuration.live, metrics: app.metrics, logger: context.logger,
                                       drop: { channel.close(promise: nil) })
        }
    }

    /// A page on another site may open a WebSocket to us with the browser's cookies; refuse it. The origin's
    /// host name must be the one the request was sent to (ports may differ behind a proxy).
    func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let authority = (request.head.authority ?? "").lowercased()
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }.dropFirst()) : String(authority.prefix { $0 != ":" })
        guard let originHost = URL(string: origin)?.host?.lowercased(), !host.isEmpty,
              originHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) == host else {
            throw HTTPError(.forbidden, message: "This connection did not come from a Weave page.")
        }
    }

    // MARK: Joining

    /// Where a typed code leads: its join page, spelled the way the screen shows it.
    func joinPath(_ typed: String) -> String {
        if let code = JoinCode.normalize(typed) { return "/join/\(JoinCode.display(code))" }
        return "/join/\(String(typed.prefix(40)).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }

    func joinable(_ context: WeaveContext) async throws -> (WorkSession, Partnership) {
        let typed = try context.parameters.require("code")
        // Only wrong codes count: a room of people behind one address all join with the right one.
        let key = "join:\(context.remoteAddress ?? "local")"
        if let wait = app.joinLimiter.blocked(key) {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(wait)],
                            message: "Too many wrong codes. Wait \(wait) seconds, then check the code on the screen and try again.")
        }
        guard let session = try await app.store.openSession(joinCode: typed.removingPercentEncoding ?? typed),
              let partnership = try await app.partnerships.view(session.partnershipID)?.partnership else {
            _ = app.joinLimiter.attempt(key)
            throw HTTPError(.notFound, message: "There is no open session with that code. Check the code on the screen; a closed session cannot be joined.")
        }
        return (session, partnership)
    }

    func joinPage(_ session: WorkSession, _ partnership: Partnership, _ context: WeaveContext, name: String = "", problem: String? = nil) async throws -> JoinPage {
        // For the choice only: joining checks the chosen partner against the database.
        let partners = try await app.partnerships.view(partnership.id)?.partners ?? []
        return JoinPage(chrome: Chrome(context), title: "Join \(partnership.name)", code: session.displayJoinCode, askName: true,
                        action: "/join/\(session.joinCode)",
                        sessionTitle: session.pathVersionID != nil ? (try await app.plan(for: session)?.title ?? session.itemID)
                            : (app.library.item(session.itemID, in: session.language)?.name ?? session.itemID),
                        partnership: partnership.name, partners: partners.map { .init(id: $0.id.uuidString.lowercased(), name: $0.name) },
                        name: name, problem: problem)
    }

    /// The cookie that brings a browser back to the participant it joined as, sent to the join pages only.
    static func deviceCookie(_ session: UUID) -> String { "weave_device_\(session.uuidString.lowercased().replacingOccurrences(of: "-", with: ""))" }

    /// Where a browser that already joined this session goes: straight back to its canvas, as the same participant.
    func returning(_ request: Request, to session: WorkSession) async throws -> Response? {
        guard let token = request.cookie(Self.deviceCookie(session.id)),
              try await app.store.participant(token: token, in: session.id) != nil else { return nil }
        return enter(session, token: token)
    }

    /// Sends a browser into its session with its secret: the canvas's cookie, and the one the join page reads.
    func enter(_ session: WorkSession, token: String) -> Response {
        let path = "/s/\(session.id.uuidString.lowercased())"
        return Response.seeOther(path, cookies: [app.cookies.set(Self.participantCookie, token, path: path, maxAge: 7 * 24 * 3600),
                                                 app.cookies.set(Self.deviceCookie(session.id), token, path: "/join", maxAge: 7 * 24 * 3600)])
    }

    func join(_ request: Request, _ context: WeaveContext) async throws -> Response {
        let (session, partnership) = try await joinable(context)
        if let back = try await returning(request, to: session) { return back }
        let form = context.form ?? Form(parsing: "")
        let partners = try await app.store.partners(of: partnership.id)
        let everyone = try await app.store.participants(of: session.id).filter { $0.removedAt == nil }
        // "Is this you?" confirmed: the same participant on this browser, with their items and token budget.
        if !form["resume"].isEmpty {
            guard let participant = everyone.first(where: { $0.key == form["resume"].lowercased() && LiveRoster.sameName($0.name, form["name"]) }) else {
                return app.pages.response(try await joinPage(session, partnership, context, name: String(form["name"].prefix(60)),
                                                             problem: "That person is no longer in this session; join with your name."),
                                          template: "join", status: .badRequest)
            }
            return enter(session, token: try await app.store.addDevice(for: participant.id))
        }
        func refuse(_ problem: String) async throws -> Response {
            app.pages.response(try await joinPage(session, partnership, context, name: String(form["name"].prefix(60)), problem: problem),
                               template: "join", status: .badRequest)
        }
        let name: String
        do { name = try form.required("name", label: "Your name", limit: 60) } catch let error as HTTPError { return try await refuse(error.body ?? "") }
        guard !CanvasText.containsMarkup(name) else { return try await refuse("Your name cannot contain < or >.") }
        let sameName = everyone.filter { LiveRoster.sameName($0.name, name) }
        if !sameName.isEmpty {
            // One person stays one person: ask before making a second "Ana".
            let names = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0.name) })
            var page = try await joinPage(session, partnership, context, name: name, problem: nil)
            page.title = "Is this you?"
            page.matches = sameName.map { .init(id: $0.key, name: $0.name, partner: names[$0.partnerID] ?? "") }
            page.askName = false
            return app.pages.response(page, template: "join")
        }
        guard let partner = partners.first(where: { $0.id.uuidString.lowercased() == form["partner"].lowercased() }) else {
            return try await refuse("Choose the organisation you are here for.")
        }
        let (participant, token) = try await app.store.addParticipant(to: session.id, name: name, partner: partner.id)
        if let live = await app.registry.loaded(session.id) { await live.participantJoined(participant) }
        return enter(session, token: token)
    }

    func participantSession(_ request: Request, _ context: WeaveContext) async throws -> (WorkSession, Participant) {
        let raw = try context.parameters.require("session")
        guard let id = UUID(uuidString: raw), let token = request.cookie(Self.participantCookie),
              let participant = try await app.store.participant(token: token, in: id),
              let session = try await app.store.session(id) else {
            throw HTTPError(.notFound, message: "This session is not open to this browser. Join it with the code on the screen.")
        }
        return (session, participant)
    }

    // MARK: Pages

    enum View {
        case facilitator, projector
        case participant(Participant)
    }

    func canvasPage(_ session: WorkSession, _ partnership: Partnership, _ context: WeaveContext, view: View) async throws -> Response {
        let live = try await app.registry.session(session)
        let plan = live.plan
        let snapshot = await live.snapshot()
        let cached = try await app.partnerships.view(partnership.id)
        let partners = cached?.partners ?? []
        let idText = session.id.uuidString.lowercased()
        let viewName: String, boot: CanvasBoot.Viewer, socket: String
        switch view {
        case .facilitator:
            viewName = "facilitator"
            boot = .init(role: viewName, id: context.login?.account.id.uuidString.lowercased(), name: context.login?.account.name ?? "")
            socket = "/sessions/\(idText)/live"
        case .projector:
            viewName = "projector"
            boot = .init(role: viewName, name: "Projector")
            socket = "/sessions/\(idText)/live?view=projector"
        case .participant(let participant):
            viewName = "participant"
            boot = .init(role: viewName, id: participant.key, participant: participant.key, name: participant.name, partner: participant.partnerID.uuidString.lowercased())
            socket = "/s/\(idText)/live"
        }
        var preparation: CanvasBoot.Preparation?
        if let tool = try await app.preparationTool(for: session), let first = plan.sections.first {
            let answers = cached?.preparations[tool.id] ?? [:]
            preparation = .init(title: tool.numberedName, phase: first.id,
                                fields: tool.fields.map { .init(id: $0.id, label: $0.label) },
                                answers: Dictionary(uniqueKeysWithValues: answers.map { ($0.key.uuidString.lowercased(), $0.value) }))
        }
        let bootValue = CanvasBoot(
            session: .init(id: idText, title: plan.title, partnership: partnership.name, status: snapshot.facilitation.closed ? "closed" : "open",
                           joinCode: snapshot.facilitation.closed ? "" : session.displayJoinCode),
            viewer: boot, phases: plan.sections, partners: partners.map { .init(id: $0.key, name: $0.name) },
            preparation: preparation, limits: .init(app.configuration.live), socket: socket, sequence: snapshot.sequence,
            perPartner: plan.perPartner.rawValue,
            notes: viewName == "facilitator" ? CanvasBoot.notes(of: plan) : nil)
        let joinURL = "\(app.configuration.url)/join/\(session.joinCode)"
        // The wall's join screen: the QR code only for the projector, and never once the session is closed.
        let joinQR = viewName == "projector" && !snapshot.facilitation.closed ? (try? QRCode(bytes: Array(joinURL.utf8)))?.svg() ?? "" : ""
        let page = CanvasPage(
            chrome: Chrome(context), title: "\(plan.title) — \(partnership.name)", view: viewName,
            isFacilitator: viewName == "facilitator", isProjector: viewName == "projector",
            partnership: partnership.name, partnershipHref: "/partnerships/\(partnership.id.uuidString.lowercased())",
            joinCode: session.displayJoinCode, joinURL: joinURL,
            joinAddress: ["https://", "http://"].first(where: joinURL.hasPrefix).map { String(joinURL.dropFirst($0.count)) } ?? joinURL,
            joinQR: joinQR, closed: snapshot.facilitation.closed,
            sessionHref: "/sessions/\(idText)", advice: plan.participantAdvice(count: snapshot.participantCount),
            participantCount: snapshot.participantCount, boot: app.boots.scriptJSON(bootValue, session: session.id, phasesJSON: live.phasesJSON))
        return app.pages.response(page, template: "canvas")
    }

    /// How many changes the history page shows at a time, newest first.
    static let historyPage = 500

    func history(_ session: WorkSession, before: Int?, _ context: WeaveContext) async throws -> HistoryPage {
        // One page more than shown tells whether there are older changes, without counting the whole log.
        let events = try await app.store.recentEvents(of: session.id, before: before, limit: Self.historyPage + 1)
        let shown = events.prefix(Self.historyPage)
        let plan = try await app.plan(for: session)
        let formatter = ISO8601DateFormatter()
        let rows = shown.map { event in
            HistoryPage.Row(sequence: event.sequence, at: formatter.string(from: event.at), who: event.actor.name,
                            what: SessionExport.describe(event.event, plan: plan))
        }
        let href = "/sessions/\(session.id.uuidString.lowercased())"
        return HistoryPage(chrome: Chrome(context), title: "History — \(plan?.title ?? session.itemID)",
                           sessionHref: href, rows: rows, hasRows: !rows.isEmpty,
                           olderHref: events.count > Self.historyPage ? shown.last.map { "\(href)/history?before=\($0.sequence)" } : nil,
                           newestHref: before == nil ? nil : "\(href)/history")
    }
}

/// What a canvas page hands its script (docs/live-protocol.md).
struct CanvasBoot: Encodable, Hashable, Sendable {
    struct Session: Encodable, Hashable, Sendable { var id: String; var title: String; var partnership: String; var status: String; var joinCode: String }
    struct Viewer: Encodable, Hashable, Sendable {
        var role: String
        /// The viewer's id in the canvas (author of texts, owner of tokens); absent for the projector.
        var id: String?
        var participant: String?
        var name: String
        var partner: String?
    }
    struct PartnerInfo: Encodable, Hashable, Sendable { var id: String; var name: String }
    /// The limits the server enforces, so the script checks against them rather than against copies of them.
    struct Limits: Encodable, Hashable, Sendable {
        var textCharacters = CanvasLimits.textCharacters
        var entryCharacters = CanvasLimits.entryCharacters
        var entries = CanvasLimits.entries
        var maxMessageBytes = LiveLimits.maxMessageBytes
        var messagesPerSecond: Double
        var messageBurst: Int
        init(_ live: LiveLimits) {
            messagesPerSecond = live.messagesPerSecond
            messageBurst = live.messageBurst
        }
    }
    struct Preparation: Encodable, Hashable, Sendable {
        struct Field: Encodable, Hashable, Sendable { var id: String; var label: String }
        var title: String
        var phase: String
        var fields: [Field]
        var answers: [String: [String: String]]
    }
    var session: Session
    var viewer: Viewer
    var phases: [SessionPlan.Section]
    var partners: [PartnerInfo]
    var preparation: Preparation?
    var limits: Limits
    var socket: String
    var sequence: Int
    /// Who may change a partner's answer to a per-partner field: `anyone` or `own-participants`.
    var perPartner = PerPartnerAccess.anyone.rawValue

    /// The facilitator's notes, section id → each step's note (`nil` where it has none); only in the
    /// facilitator's page, never a participant's or the projector's.
    var notes: [String: [String?]]? = nil

    /// The notes of a plan's steps, or `nil` when no step has any.
    static func notes(of plan: SessionPlan) -> [String: [String?]]? {
        let notes = Dictionary(plan.sections.map { ($0.id, $0.steps.map(\.notes)) }, uniquingKeysWith: { first, _ in first })
        return notes.values.contains { $0.contains { $0 != nil } } ? notes : nil
    }

    /// The same JSON as ``ScriptJSON/embed(_:)`` of this value (keys sorted, escaped for a script element),
    /// with the phases given already encoded: they are the same for every page of a session and most of its
    /// bytes, so a page need not encode them each time.
    func scriptJSON(phasesJSON: String) -> String {
        var rest = self
        rest.phases = []
        return ScriptJSON.embed(rest, placing: phasesJSON, at: #""phases":[]"#) ?? ScriptJSON.embed(self)
    }
}

/// JSON that can sit inside a `<script type="application/json">` element: `<`, `>`, `&` and the line
/// separators are written as \u escapes, so no text can close the element or start markup.
enum ScriptJSON {
    static func embed(_ value: some Encodable) -> String {
        escape(LiveJSON.text(value))
    }

    /// ``embed(_:)`` of `value` with JSON already encoded put in place of one top-level key's placeholder
    /// value: `slot` is that key with the placeholder (`"phases":[]`), which, with every string escaped,
    /// occurs once, as the key. For a page whose largest part is the same on every request. `nil` when
    /// `slot` is not in the encoded value.
    static func embed(_ value: some Encodable, placing json: String, at slot: String) -> String? {
        let text = LiveJSON.text(value)
        guard let range = text.range(of: slot), let colon = slot.firstIndex(of: ":") else { return nil }
        // Joined as Swift strings (not through NSString's replacingCharacters, a measurable share of a canvas page).
        var joined = String(text[..<range.lowerBound])
        joined.reserveCapacity(text.utf8.count + json.utf8.count)
        joined += slot[...colon]
        joined += json
        joined += text[range.upperBound...]
        return escape(joined)
    }

    /// `text` (JSON) with `<`, `>`, `&`, U+2028 and U+2029 written as \u escapes. Works on the UTF-8 bytes: a
    /// canvas page escapes its whole boot JSON on every request.
    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x3C: out += Array("\\u003c".utf8)
                case 0x3E: out += Array("\\u003e".utf8)
                case 0x26: out += Array("\\u0026".utf8)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    out += Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 3
                    continue
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }
}
