import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// Partnerships: create and edit, partners and their preparation, co-facilitators, scheduling sessions.
/// Every route checks that the signed-in account facilitates the partnership; to anyone else it does not exist.
struct PartnershipController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        addChangeRoutes(to: router)
        DesignerController(app: app).addRoutes(to: router)
        router.get("/partnerships") { _, context in
            let account = try app.requireLogin(context)
            return app.pages.response(try await listing(account, context), template: "partnerships")
        }
        router.post("/partnerships") { _, context in
            let account = try app.requireLogin(context)
            let draft = try partnershipDraft(context.form)
            let partnership = try await app.store.createPartnership(draft, owner: account.id)
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())")
        }
        router.get("/partnerships/:partnership") { request, context in
            let partnership = try await app.facilitated(context)
            return app.pages.response(try await page(partnership, context, notice: request.uri.queryParameters.get("notice")), template: "partnership")
        }
        router.post("/partnerships/:partnership") { _, context in
            let partnership = try await app.facilitated(context)
            try await app.store.updatePartnership(partnership.id, try partnershipDraft(context.form))
            await app.forgetEverywhere(.partnership(partnership.id))
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())?notice=saved")
        }
        router.post("/partnerships/:partnership/partners") { _, context in
            let partnership = try await app.facilitated(context)
            let form = context.form ?? Form(parsing: "")
            guard let type = PartnerType(rawValue: form["type"]) else {
                throw HTTPError(.badRequest, message: "Choose the partner's type: \(PartnerType.allCases.map(\.displayName).joined(separator: ", ")).")
            }
            let draft = PartnerDraft(name: try form.required("name", label: "The partner's name", limit: 160), type: type,
                                     sector: try form.optional("sector", label: "Sector", limit: 160))
            let existing = try await app.store.partners(of: partnership.id)
            guard existing.count < 100 else { throw HTTPError(.badRequest, message: "A partnership has at most 100 partners.") }
            guard !existing.contains(where: { $0.name.lowercased() == draft.name.lowercased() }) else {
                throw HTTPError(.badRequest, message: "There is already a partner called “\(draft.name)”.")
            }
            _ = try await app.store.addPartner(draft, to: partnership.id)
            await app.forgetEverywhere(.partnership(partnership.id))
            let partners = try await app.store.partners(of: partnership.id)
            for live in await app.registry.loaded(partnership: partnership.id) { await live.partnersChanged(partners) }
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())#partners")
        }
        router.post("/partnerships/:partnership/facilitators") { _, context in
            let partnership = try await app.facilitated(context)
            let email = try (context.form ?? Form(parsing: "")).required("email", label: "Their email", limit: 200)
            guard email.contains("@") else { throw HTTPError(.badRequest, message: "“\(email)” does not look like an email address.") }
            // The same answer whether or not the address has an account; they join once they accept.
            try await app.store.invite(email: email, to: .partnership(partnership.id), by: try app.requireLogin(context).id)
            return Response.seeOther("/partnerships/\(partnership.id.uuidString.lowercased())?notice=facilitator")
        }
        router.post("/partnerships/:partnership/sessions") { _, context in
            let partnership = try await app.facilitated(context)
            let session = try await schedule(partnership, form: context.form ?? Form(parsing: ""))
            return Response.seeOther("/sessions/\(session.id.uuidString.lowercased())")
        }
        router.get("/prep/:code") { request, context in
            let (partner, partnership) = try await prepared(context)
            return app.pages.response(try await preparationPage(partner, partnership, context, saved: request.uri.queryParameters.get("saved") != nil), template: "preparation")
        }
        router.post("/prep/:code") { _, context in
            let (partner, partnership) = try await prepared(context)
            let tools = try await app.preparationTools(of: partnership.id)
            guard !tools.isEmpty else { throw HTTPError(.notFound, message: Self.noWorksheet) }
            let form = context.form ?? Form(parsing: "")
            // Each worksheet's answers are kept apart: its inputs are named WORKSHEET/FIELD.
            for tool in tools {
                var answers: [String: String] = [:]
                for field in tool.fields {
                    answers[field.id] = try form.optional(Self.inputName(tool, field), label: field.label, limit: CanvasLimits.textCharacters)
                }
                try await app.store.savePreparation(partner: partner.id, worksheet: tool.id, answers: answers)
            }
            await app.forgetEverywhere(.partnership(partnership.id))
            return Response.seeOther("/prep/\(partner.preparationCode)?saved=1")
        }
    }

    func partnershipDraft(_ form: Form?) throws -> PartnershipDraft {
        let form = form ?? Form(parsing: "")
        return PartnershipDraft(name: try form.required("name", label: "The partnership's name", limit: 160),
                                focalIssue: try form.required("focal_issue", label: "The focal issue", limit: 1_000),
                                issueArea: try form.optional("issue_area", label: "Social issue area", limit: 160),
                                networkAge: try form.optional("network_age", label: "Network age", limit: 60),
                                stage: try form.optional("stage", label: "Stage", limit: 60))
    }

    func listing(_ account: Account, _ context: WeaveContext) async throws -> PartnershipsPage {
        var rows: [PartnershipsPage.Row] = []
        for partnership in try await app.store.partnerships(facilitatedBy: account.id) {
            let role = try await app.store.facilitators(of: partnership.id).first { $0.account.id == account.id }?.role
            rows.append(.init(name: partnership.name, href: "/partnerships/\(partnership.id.uuidString.lowercased())",
                              focalIssue: partnership.focalIssue, role: role == .owner ? "Owner" : "Co-facilitator"))
        }
        var page = PartnershipsPage(chrome: Chrome(context), rows: rows, hasRows: !rows.isEmpty)
        page.invitations = try await InvitationController.rows(app, for: account)
        return page
    }

    func page(_ partnership: Partnership, _ context: WeaveContext, notice: String?) async throws -> PartnershipPage {
        let partners = try await app.store.partners(of: partnership.id)
        let preparations = try await app.store.preparationsByWorksheet(of: partnership.id)
        let prepTools = try await app.preparationTools(of: partnership.id)
        let prepFields = prepTools.reduce(0) { $0 + $1.fields.count }
        /// How many fields of the scheduled worksheets a partner has answered.
        func prepared(_ partner: UUID) -> Int {
            prepTools.reduce(0) { count, tool in
                let answers = preparations[tool.id]?[partner] ?? [:]
                return count + tool.fields.filter { answers[$0.id] != nil }.count
            }
        }
        var sessions: [PartnershipPage.SessionRow] = []
        for session in try await app.store.sessions(of: partnership.id) {
            let href = "/sessions/\(session.id.uuidString.lowercased())"
            let plan = try await app.plan(for: session)
            let assesses = plan?.sections.flatMap(\.fields).contains { AssessmentTrend.isAssessment($0, itemID: session.itemID) } ?? false
            let path = try await app.path(for: session)
            let title = session.pathVersionID != nil ? (plan?.title ?? session.itemID)
                : (app.library.item(session.itemID, in: session.language)?.name ?? session.itemID) + (session.language.map { " (\($0))" } ?? "")
            sessions.append(.init(title: title, href: href, date: session.date,
                                  start: session.start, status: session.isClosed ? "Closed" : "Open",
                                  events: try await app.store.eventCount(of: session.id), exportHref: href + "/export.html",
                                  carryOverHref: session.isClosed && !(path?.record.isEmpty ?? true) ? href + "/carry-over" : nil,
                                  assessmentHref: assesses ? href + "/assessment" : nil,
                                  agendaHref: path == nil ? nil : href + "/agenda",
                                  deleteHref: try await app.store.sessionHasStarted(session.id) ? nil : href + "/delete"))
        }
        let ownPaths = try await app.store.ownPaths(of: partnership.id)
        let partnershipHref = "/partnerships/\(partnership.id.uuidString.lowercased())"
        // A path in several languages says which, so the facilitator knows what the language choice offers.
        let runnables = ownPaths.map { PartnershipPage.Choice(id: Self.ownPrefix + $0.pathID, label: "Own path: \($0.name) (version \($0.version))", selected: false) }
            + app.library.ids(of: .path).map { id in
                let languages = app.library.languageChoices(of: id)
                return PartnershipPage.Choice(id: id, label: (app.library.item(id)?.name ?? id) + (languages.isEmpty ? "" : " (\(languages.joined(separator: ", ")))"), selected: false)
            }
            + app.library.ids(of: .tool).compactMap { id -> PartnershipPage.Choice? in
                guard let tool = app.library.tool(id), !tool.fields.isEmpty else { return nil }
                return .init(id: id, label: "Tool: \(tool.numberedName)", selected: false)
            }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        var page = PartnershipPage(
            chrome: Chrome(context), title: partnership.name, id: partnership.id.uuidString.lowercased(), partnership: partnership,
            partners: partners.map { partner in
                .init(id: partner.id.uuidString.lowercased(), typeID: partner.type.rawValue, partnershipID: partnership.id.uuidString.lowercased(),
                      name: partner.name, type: partner.type.displayName, sector: partner.sector,
                      prepHref: "/prep/\(partner.preparationCode)", prepared: prepared(partner.id), prepFields: prepFields)
            },
            hasPartners: !partners.isEmpty,
            facilitators: try await app.store.facilitators(of: partnership.id).map { "\($0.account.name) (\($0.role == .owner ? "owner" : "co-facilitator"))" }
                + (try await app.store.pendingInvitations(to: .partnership(partnership.id))).map { "\($0) (invited; joins on accepting)" },
            sessions: sessions, hasSessions: !sessions.isEmpty,
            partnerTypes: PartnerType.allCases.map { .init(id: $0.rawValue, label: $0.displayName, selected: false) },
            runnables: runnables, languages: app.library.languages.map { .init(id: $0, label: LanguageCode.displayName($0), selected: false) },
            hasLanguages: app.library.languages.count > 1,
            today: formatter.string(from: Date()),
            notice: notice.map { $0 == "facilitator" ? "Invitation recorded. It waits on their Partnerships page for whoever signs in with that address, and they join once they accept." : "Saved." },
            prepToolName: prepTools.isEmpty ? nil : prepTools.map(\.numberedName).joined(separator: ", "),
            stepChoices: app.library.ids(of: .path).compactMap { stepChoices(app.library.path($0)) })
        page.designerStarts = app.library.ids(of: .path).map { .init(id: $0, label: app.library.item($0)?.name ?? $0, selected: false) }
        page.ownPaths = ownPaths.map { .init(label: "\($0.name) (version \($0.version))", href: partnershipHref + "/paths/\($0.pathID)") }
        page.hasOwnPaths = !ownPaths.isEmpty
        return page
    }

    /// What a path lets the facilitator choose when scheduling it, or `nil` when it has nothing to choose.
    func stepChoices(_ path: Path?) -> PartnershipPage.StepChoiceSet? {
        guard let path else { return nil }
        var steps: [PartnershipPage.StepChoiceSet.Step] = []
        for phase in path.phases {
            for (index, step) in phase.steps.enumerated() where step.optional == true || step.alternatives?.isEmpty == false {
                let tools = step.tool.map { [$0] + (step.alternatives ?? []) } ?? []
                steps.append(.init(key: StepChoices.key(phase: phase.id, step: index), phase: phase.name, title: step.title,
                                   tools: tools.enumerated().map { offset, id in
                                       .init(id: id, label: app.library.tool(id)?.numberedName ?? id, selected: offset == 0)
                                   },
                                   hasTools: tools.count > 1, optional: step.optional == true))
            }
        }
        return steps.isEmpty ? nil : .init(item: path.id, name: path.name, steps: steps)
    }

    /// The step choices the schedule form sends for `path`: inputs `tool/PATH/KEY` (a tool other than the
    /// step's usual one) and `omit/PATH/KEY` (an optional step left out), checked against the path.
    func stepChoices(_ form: Form, path: Path) throws -> StepChoices {
        var choices = StepChoices()
        for phase in path.phases {
            for (index, step) in phase.steps.enumerated() {
                let key = StepChoices.key(phase: phase.id, step: index)
                let tool = form["tool/\(path.id)/\(key)"]
                if !tool.isEmpty, tool != step.tool { choices.tools[key] = tool }
                if !form["omit/\(path.id)/\(key)"].isEmpty { choices.omitted.insert(key) }
            }
        }
        do { _ = try path.choosing(choices) } catch { throw HTTPError(.badRequest, message: error.description) }
        return choices
    }

    /// How the schedule form names a partnership's own path: `own:PATH-ID`, apart from the library's ids.
    static let ownPrefix = "own:"

    func schedule(_ partnership: Partnership, form: Form) async throws -> WorkSession {
        var itemID = form["item"]
        var version: OwnPathVersion?
        if itemID.hasPrefix(Self.ownPrefix) {
            // The latest version of the partnership's own path; the session keeps it when newer ones are saved.
            let pathID = String(itemID.dropFirst(Self.ownPrefix.count))
            guard let latest = try await app.store.ownPathVersions(partnership: partnership.id, pathID: pathID).first,
                  await app.ownPaths.loaded(latest, library: app.library) != nil else {
                throw HTTPError(.badRequest, message: "This partnership has no path “\(pathID.prefix(80))” that can run; choose another.")
            }
            itemID = pathID
            version = latest
        } else if SessionPlan(itemID: itemID, library: app.library) == nil {
            throw HTTPError(.badRequest, message: "Choose a path, or a tool with canvas fields, to run.")
        }
        let date = form["date"]
        guard CanvasText.isDate(date) else { throw HTTPError(.badRequest, message: "The date “\(date.prefix(20))” is not a date as YYYY-MM-DD.") }
        let start = form["start"].isEmpty ? "09:00" : form["start"]
        guard ClockTime(parsing: start) != nil else { throw HTTPError(.badRequest, message: "The start “\(start.prefix(20))” is not a time as HH:MM.") }
        let breaks = try form.optional("breaks", label: "Breaks", limit: 200)
        for text in breaks.split(separator: ",") where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { _ = try AgendaBreak(parsing: text.trimmingCharacters(in: .whitespaces)) } catch {
                throw HTTPError(.badRequest, message: "Breaks: \(error.description)")
            }
        }
        // Step choices are offered for library paths; an own path is shaped in the designer instead.
        let choices = try (version == nil ? app.library.path(itemID) : nil).map { try stepChoices(form, path: $0) } ?? StepChoices()
        var draft = SessionDraft(partnershipID: partnership.id, itemID: itemID, date: date, start: start, breaks: breaks, choices: choices,
                                 pathVersionID: version?.id)
        // An own path runs in the language it was written in.
        if version == nil {
            do { draft.language = try app.library.sessionLanguage(form["language"], for: itemID) } catch {
                throw HTTPError(.badRequest, message: error.description)
            }
        }
        return try await app.store.createSession(draft)
    }

    func prepared(_ context: WeaveContext) async throws -> (Partner, Partnership) {
        let code = try context.parameters.require("code")
        guard code.count <= 64, let partner = try await app.store.partner(preparationCode: code),
              let partnership = try await app.store.partnership(partner.partnershipID) else {
            throw HTTPError(.notFound, message: "This preparation link is not valid. Ask your facilitator for the link for your organisation.")
        }
        return (partner, partnership)
    }

    func preparationPage(_ partner: Partner, _ partnership: Partnership, _ context: WeaveContext, saved: Bool) async throws -> PreparationPage {
        let tools = try await app.preparationTools(of: partnership.id)
        guard !tools.isEmpty else { throw HTTPError(.notFound, message: Self.noWorksheet) }
        let answers = try await app.store.preparationsByWorksheet(of: partnership.id)
        let names = tools.map(\.numberedName).joined(separator: ", ")
        return PreparationPage(chrome: Chrome(context), title: "\(names) — \(partner.name)", partner: partner.name,
                               partnership: partnership.name, focalIssue: partnership.focalIssue, toolName: names,
                               worksheets: tools.map { tool in
                                   .init(toolName: tool.numberedName, purpose: tool.purpose,
                                         fields: tool.fields.map {
                                             .init(id: Self.inputName(tool, $0), label: $0.label, prompt: $0.prompt,
                                                   value: answers[tool.id]?[partner.id]?[$0.id] ?? "", limit: CanvasLimits.textCharacters)
                                         })
                               },
                               saved: saved)
    }

    /// The form input of a worksheet's field: `WORKSHEET/FIELD`, so that two worksheets sharing a field id
    /// each keep their own answer.
    static func inputName(_ tool: Tool, _ field: CanvasField) -> String { "\(tool.id)/\(field.id)" }

    /// Why a preparation link has nothing to serve yet.
    static let noWorksheet = "There is no preparation worksheet yet: none of the paths this partnership has scheduled names one."
}
