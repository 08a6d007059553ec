import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// The partnership's living record, for its facilitators: carrying a closed session's canvas over, editing
/// entries (every change kept with who and when), importing values, reporting links, API tokens and the
/// progress page with its exports. Every route checks the partnership is the signed-in account's, and every
/// entry, token and session id is looked up only within that partnership: another's id is "not found".
struct RecordController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/partnerships/:partnership/record") { request, context in
            let partnership = try await app.facilitated(context)
            return app.pages.response(try await page(partnership, context, notice: request.uri.queryParameters.get("notice")), template: "record")
        }
        router.post("/partnerships/:partnership/record/entries") { _, context in
            let partnership = try await app.facilitated(context)
            let form = context.form ?? Form(parsing: "")
            let partners = try await app.store.partners(of: partnership.id)
            let entry = try Self.entry(kind: form["kind"], form, partners: partners)
            try await app.store.addRecordEntries([(entry, nil)], to: partnership.id, by: editor(context))
            return Response.seeOther(recordPath(partnership) + "?notice=added#\(entry.kind.rawValue)")
        }
        router.post("/partnerships/:partnership/record/entries/:entry") { _, context in
            let partnership = try await app.facilitated(context)
            let item = try await recordItem(context, partnership)
            let partners = try await app.store.partners(of: partnership.id)
            let kind = switch item.entry { case .indicator: "indicator"; case .role: "role"; case .agreement: "agreement"; case .nextStep: "next-step" }
            let entry = try Self.entry(kind: kind, context.form ?? Form(parsing: ""), partners: partners)
            try await notFoundAsHTTP { try await app.store.updateRecordEntry(item.id, in: partnership.id, to: entry, by: editor(context)) }
            return Response.seeOther(recordPath(partnership) + "?notice=saved#\(entry.kind.rawValue)")
        }
        router.post("/partnerships/:partnership/record/entries/:entry/remove") { _, context in
            let partnership = try await app.facilitated(context)
            let item = try await recordItem(context, partnership)
            try await notFoundAsHTTP { try await app.store.removeRecordEntry(item.id, in: partnership.id, by: editor(context)) }
            return Response.seeOther(recordPath(partnership) + "?notice=removed#\(item.entry.kind.rawValue)")
        }
        router.post("/partnerships/:partnership/record/values") { _, context in
            let partnership = try await app.facilitated(context)
            let text = (context.form ?? Form(parsing: "")).all("csv").first ?? ""
            let items = try await app.store.recordItems(of: partnership.id)
            switch IndicatorValueImport.read(text, indicators: items) {
            case .failure(let problems):
                var shown = try await page(partnership, context, notice: nil)
                shown.problems = problems.list.map(\.description)
                shown.hasProblems = true
                shown.csv = text
                return app.pages.response(shown, template: "record", status: .badRequest)
            case .success(let values):
                try await notFoundAsHTTP { try await app.store.saveIndicatorValues(values, in: partnership.id, by: RecordEditor(name: try app.requireLogin(context).name, via: .csvImport)) }
                return Response.seeOther(recordPath(partnership) + "?notice=imported#reporting")
            }
        }
        router.post("/partnerships/:partnership/record/tokens") { _, context in
            let partnership = try await app.facilitated(context)
            let name = try (context.form ?? Form(parsing: "")).required("name", label: "The token's name", limit: 120)
            let (_, secret) = try await app.store.createAPIToken(for: partnership.id, name: name, by: try app.requireLogin(context).name)
            var shown = try await page(partnership, context, notice: nil)
            shown.newToken = secret
            return app.pages.response(shown, template: "record")
        }
        router.post("/partnerships/:partnership/record/tokens/:token/revoke") { _, context in
            let partnership = try await app.facilitated(context)
            guard let id = UUID(uuidString: try context.parameters.require("token")) else { throw HTTPError(.notFound, message: "There is no such token.") }
            try await notFoundAsHTTP { try await app.store.revokeAPIToken(id, in: partnership.id) }
            return Response.seeOther(recordPath(partnership) + "?notice=revoked#api")
        }
        addReminderRoutes(to: router)
        router.get("/sessions/:session/carry-over") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            return app.pages.response(try await carryOverPage(session, partnership, context), template: "carry-over")
        }
        router.post("/sessions/:session/carry-over") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            try await carryOver(session, partnership, chosen: Set((context.form ?? Form(parsing: "")).all("take")), context: context)
            return Response.seeOther(recordPath(partnership) + "?notice=carried")
        }
        router.get("/partnerships/:partnership/progress") { _, context in
            let partnership = try await app.facilitated(context)
            return app.pages.response(try await progressPage(partnership, context), template: "progress")
        }
        router.get("/partnerships/:partnership/progress.json") { _, context in
            let partnership = try await app.facilitated(context)
            let document = try await RecordDocument.make(partnership, store: app.store, today: .today())
            return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"record-\(document.asOf).json\""],
                            body: .init(byteBuffer: ByteBuffer(data: try document.json())))
        }
        router.get("/partnerships/:partnership/progress.csv") { _, context in
            let partnership = try await app.facilitated(context)
            let document = try await RecordDocument.make(partnership, store: app.store, today: .today())
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"indicators-\(document.asOf).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: document.csv())))
        }
        router.get("/sessions/:session/assessment") { _, context in
            let (session, partnership) = try await app.facilitatedSession(context)
            let trend = try await AssessmentHistory.trend(partnership.id, app: app)
            return app.pages.response(AssessmentPage(chrome: Chrome(context), title: "Partnership Assessment over time",
                                                     sessionHref: "/sessions/\(session.id.uuidString.lowercased())",
                                                     assessment: AssessmentHistory.table(trend)), template: "assessment")
        }
    }

    // MARK: - Helpers

    func recordPath(_ partnership: Partnership) -> String { "/partnerships/\(partnership.id.uuidString.lowercased())/record" }

    func editor(_ context: WeaveContext) throws -> RecordEditor {
        RecordEditor(name: try app.requireLogin(context).name, via: .facilitator)
    }

    /// The entry named in the path, only within this partnership.
    func recordItem(_ context: WeaveContext, _ partnership: Partnership) async throws -> RecordItem {
        guard let id = UUID(uuidString: try context.parameters.require("entry")),
              let item = try await app.store.recordItem(id, in: partnership.id) else {
            throw HTTPError(.notFound, message: "There is no such entry in this partnership's record.")
        }
        return item
    }

    /// Reads an entry of a kind from a form, or a 400 saying which field is wrong.
    static func entry(kind: String, _ form: Form, partners: [Partner]) throws -> RecordEntry {
        let keys = Set(partners.map(\.key))
        func partner(_ name: String, label: String) throws -> String? {
            let value = form[name]
            guard !value.isEmpty else { return nil }
            guard keys.contains(value) else { throw HTTPError(.badRequest, message: "\(label): choose one of this partnership's partners.") }
            return value
        }
        func date(_ name: String, label: String) throws -> String? {
            let value = form[name]
            guard !value.isEmpty else { return nil }
            guard CanvasText.isDate(value) else { throw HTTPError(.badRequest, message: "\(label): “\(value.prefix(20))” is not a date as YYYY-MM-DD.") }
            return value
        }
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _: T.Type, label: String, default fallback: T) throws -> T where T.RawValue == String {
            let value = form[name]
            guard !value.isEmpty else { return fallback }
            guard let chosen = T(rawValue: value) else {
                throw HTTPError(.badRequest, message: "\(label): choose one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return chosen
        }
        switch kind {
        case "indicator":
            let unit = try choice("unit", IndicatorUnit.self, label: "Unit", default: .number)
            func number(_ name: String, label: String) throws -> Double? {
                let value = form[name]
                guard !value.isEmpty else { return nil }
                guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number.isFinite else {
                    throw HTTPError(.badRequest, message: "\(label): “\(value.prefix(20))” is not a number.")
                }
                if let problem = unit.problem(with: number) { throw HTTPError(.badRequest, message: "\(label): \(value) \(problem).") }
                return number
            }
            return .indicator(Indicator(
                name: try form.required("name", label: "The indicator's name", limit: 200),
                definition: try form.optional("definition", label: "How it is measured", limit: 1_000), unit: unit,
                direction: try choice("direction", IndicatorDirection.self, label: "Direction", default: .increase),
                baseline: try number("baseline", label: "Baseline"), since: try date("since", label: "Baseline date") ?? CivilDate.today().description,
                target: try number("target", label: "Target"), targetDate: try date("target_date", label: "Target date"),
                reporter: try partner("reporter", label: "Who reports"),
                frequency: try choice("frequency", ReportingFrequency.self, label: "How often", default: .quarterly)))
        case "role":
            guard let key = try partner("partner", label: "Partner") else { throw HTTPError(.badRequest, message: "Partner: choose the partner whose role this is.") }
            return .role(PartnerRole(partner: key, role: try form.required("role", label: "The role", limit: 300)))
        case "agreement":
            return .agreement(Agreement(text: try form.required("text", label: "The agreement", limit: 1_000), owner: try partner("owner", label: "Owner")))
        case "next-step":
            return .nextStep(NextStep(what: try form.required("what", label: "What", limit: 500), owner: try partner("owner", label: "Who"),
                                      due: try date("due", label: "By when"),
                                      status: try choice("status", NextStepStatus.self, label: "Status", default: .open)))
        default:
            throw HTTPError(.badRequest, message: "Choose what to add: an indicator, a role, an agreement or a next step.")
        }
    }

    // MARK: - Carry-over

    /// What the session's canvas offers, with the items already carried over marked.
    func proposals(_ session: WorkSession) async throws -> (Path, [CarryOverProposal], Set<String>, Bool)? {
        guard let path = try await app.path(for: session), !path.record.isEmpty else { return nil }
        let live = try await app.registry.session(session)
        let snapshot = await live.snapshot()
        let partners = try await app.store.partners(of: session.partnershipID)
        let proposals = CarryOverProposal.proposals(for: path, canvas: snapshot.state.visibleCanvas, sessionDate: session.date, partners: Set(partners.map(\.key)))
        return (path, proposals, try await app.store.carriedOver(from: session.id), snapshot.facilitation.closed || session.isClosed)
    }

    func carryOverPage(_ session: WorkSession, _ partnership: Partnership, _ context: WeaveContext) async throws -> CarryOverPage {
        let names = Dictionary(try await app.store.partners(of: partnership.id).map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        let found = try await proposals(session)
        let fields = (found?.1 ?? []).map { proposal in
            CarryOverPage.Field(label: proposal.label, into: proposal.source.into.displayName, items: proposal.items.map { item in
                let value = "\(proposal.source.field)/\(item.ref)"
                return .init(value: value, text: Self.describe(item.entry, names: names), done: found?.2.contains(value) ?? false)
            }, hasItems: !proposal.items.isEmpty)
        }
        let href = "/partnerships/\(partnership.id.uuidString.lowercased())"
        return CarryOverPage(chrome: Chrome(context), title: "Carry over to the record", sessionTitle: found?.0.name ?? app.library.item(session.itemID)?.name ?? session.itemID,
                             date: session.date, partnershipHref: href, recordHref: href + "/record", fields: fields, hasFields: !fields.isEmpty,
                             closed: found?.3 ?? session.isClosed)
    }

    func carryOver(_ session: WorkSession, _ partnership: Partnership, chosen: Set<String>, context: WeaveContext) async throws {
        guard let (_, proposals, done, closed) = try await proposals(session) else {
            throw HTTPError(.badRequest, message: "This session's path does not declare anything to carry over into the record.")
        }
        guard closed else { throw HTTPError(.badRequest, message: "Close the session first: its canvas carries over once it is final.") }
        let editor = RecordEditor(name: try app.requireLogin(context).name, via: .carryOver)
        let existing = try await app.store.recordItems(of: partnership.id)
        var additions: [(entry: RecordEntry, sourceRef: String?)] = []
        for proposal in proposals {
            for item in proposal.items {
                let ref = "\(proposal.source.field)/\(item.ref)"
                guard chosen.contains(ref), !done.contains(ref) else { continue }
                // A partner has one primary role: a later session's role replaces the earlier one.
                if case .role(let role) = item.entry, let current = existing.first(where: { if case .role(let old) = $0.entry { old.partner == role.partner } else { false } }) {
                    try await app.store.updateRecordEntry(current.id, in: partnership.id, to: item.entry, by: editor)
                    continue
                }
                additions.append((item.entry, ref))
            }
        }
        try await app.store.addRecordEntries(additions, to: partnership.id, from: session.id, by: editor)
    }

    static func describe(_ entry: RecordEntry, names: [String: String]) -> String {
        func name(_ key: String?) -> String? { key.map { names[$0] ?? $0 } }
        switch entry {
        case .indicator(let indicator):
            return [indicator.name, indicator.definition.isEmpty ? nil : "measured as: \(indicator.definition)",
                    name(indicator.reporter).map { "reported by \($0)" }].compactMap { $0 }.joined(separator: " — ")
        case .role(let role): return "\(name(role.partner) ?? "?"): \(role.role)"
        case .agreement(let agreement): return [agreement.text, name(agreement.owner).map { "owner: \($0)" }].compactMap { $0 }.joined(separator: " — ")
        case .nextStep(let step):
            return [step.what, name(step.owner).map { "who: \($0)" }, step.due.map { "by \($0)" }].compactMap { $0 }.joined(separator: " — ")
        }
    }

    // MARK: - Pages

    func page(_ partnership: Partnership, _ context: WeaveContext, notice: String?) async throws -> RecordPage {
        let today = CivilDate.today()
        let partners = try await app.store.partners(of: partnership.id)
        let items = try await app.store.recordItems(of: partnership.id)
        let document = RecordDocument.make(partnership, items: items, values: try await app.store.indicatorValues(of: partnership.id),
                                           partners: partners, today: today)
        let info = Dictionary(document.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let stepInfo = Dictionary(document.nextSteps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(partners.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        var indicators: [RecordPage.IndicatorRow] = [], roles: [RecordPage.RoleRow] = [], agreements: [RecordPage.AgreementRow] = [], steps: [RecordPage.StepRow] = []
        for item in items {
            switch item.entry {
            case .indicator(let indicator):
                let shown = info[item.key]
                indicators.append(.init(id: item.key, name: indicator.name, definition: indicator.definition,
                                        units: Option.of(IndicatorUnit.self, selected: indicator.unit),
                                        directions: Option.of(IndicatorDirection.self, selected: indicator.direction),
                                        baseline: RecordDocument.number(indicator.baseline), since: indicator.since,
                                        target: RecordDocument.number(indicator.target), targetDate: indicator.targetDate ?? "",
                                        reporters: Option.partners(partners, selected: indicator.reporter),
                                        frequencies: Option.of(ReportingFrequency.self, selected: indicator.frequency),
                                        status: shown?.status.displayName ?? "", lastDue: shown?.lastPeriodDue, overdue: shown?.overdue ?? false))
            case .role(let role):
                roles.append(.init(id: item.key, partner: names[role.partner] ?? "(a partner no longer listed)", role: role.role, partnerKey: role.partner))
            case .agreement(let agreement):
                agreements.append(.init(id: item.key, text: agreement.text, owners: Option.partners(partners, selected: agreement.owner)))
            case .nextStep(let step):
                steps.append(.init(id: item.key, what: step.what, owners: Option.partners(partners, selected: step.owner), due: step.due ?? "",
                                   statuses: Option.of(NextStepStatus.self, selected: step.status, label: \.displayName),
                                   overdue: stepInfo[item.key]?.overdue ?? false))
            }
        }
        var reporting: [RecordPage.Reporting] = []
        var overdueCount = 0
        let emails = try await app.store.partnerEmails(of: partnership.id)
        for partner in partners {
            let own = document.indicators.filter { $0.reporter?.id == partner.key }
            let link = app.configuration.url + "/report/" + (try await app.store.reportCode(for: partner))
            let overdue = own.filter(\.overdue).map { "\($0.name) (\($0.lastPeriodDue ?? ""))" }
            overdueCount += overdue.count
            reporting.append(.init(partner: partner.name, link: link, indicators: own.count, overdue: overdue, hasOverdue: !overdue.isEmpty,
                                   reminder: Self.reminder(partner: partner.name, partnership: partnership.name, overdue: overdue, link: link),
                                   partnerID: partner.key, email: emails[partner.id] ?? "",
                                   canSend: app.configuration.smtp != nil && emails[partner.id] != nil && !overdue.isEmpty))
        }
        var carryOvers: [RecordPage.SessionLink] = []
        for session in try await app.store.sessions(of: partnership.id) where session.isClosed {
            guard let path = try await app.path(for: session), !path.record.isEmpty else { continue }
            carryOvers.append(.init(title: path.name, date: session.date, href: "/sessions/\(session.id.uuidString.lowercased())/carry-over"))
        }
        let tokens = try await app.store.apiTokens(of: partnership.id).map { token in
            RecordPage.TokenRow(id: token.key, name: token.name, createdBy: token.createdBy, created: Self.day(token.createdAt),
                                revoked: token.revokedAt.map(Self.day), active: token.revokedAt == nil)
        }
        let headlines = Dictionary(items.map { ($0.id, $0.entry.headline) }, uniquingKeysWith: { a, _ in a })
        let changes = try await app.store.recordChanges(of: partnership.id, limit: 100).map { change in
            RecordPage.ChangeRow(at: Self.minute(change.at), by: change.byName, via: change.via, action: change.action,
                                 what: Self.changeText(change, headline: headlines[change.entryID]))
        }
        let notices = ["added": "Added to the record.", "saved": "Saved; the earlier version is kept in the history.",
                       "removed": "Removed from the record; the history keeps it.", "imported": "Values imported.",
                       "carried": "Carried over into the record.", "revoked": "Token revoked: it no longer opens the API.",
                       "email": "Contact email saved."]
        let key = partnership.id.uuidString.lowercased()
        return RecordPage(
            chrome: Chrome(context), title: "Record — \(partnership.name)", id: key, base: "/partnerships/\(key)/record", name: partnership.name,
            notice: notice.flatMap { notices[$0] }, indicators: indicators, roles: roles, agreements: agreements, steps: steps,
            partners: Option.partners(partners, selected: nil), rolePartners: partners.map { Option(id: $0.key, label: $0.name, selected: false) },
            units: Option.of(IndicatorUnit.self, selected: .percentage), directions: Option.of(IndicatorDirection.self, selected: .increase),
            frequencies: Option.of(ReportingFrequency.self, selected: .quarterly),
            statuses: Option.of(NextStepStatus.self, selected: .open, label: \.displayName), today: today.description,
            reporting: reporting, overdueCount: overdueCount, carryOvers: carryOvers, hasCarryOvers: !carryOvers.isEmpty,
            tokens: tokens, hasTokens: !tokens.isEmpty, changes: changes, hasChanges: !changes.isEmpty,
            apiBase: app.configuration.url + "/api/v1/partnerships/\(key)", emailConfigured: app.configuration.smtp != nil)
    }

    /// The reminder a facilitator copies into a message to a partner.
    static func reminder(partner: String, partnership: String, overdue: [String], link: String) -> String {
        let what = overdue.isEmpty ? "There is nothing overdue right now; you can add values whenever you have them."
            : "These reports are due:\n" + overdue.map { "- \($0)" }.joined(separator: "\n")
        return "Hello \(partner),\n\nThis is a reminder to report your indicators for \(partnership). \(what)\n\nYour organisation's private link (no account needed): \(link)\n\nThank you!"
    }

    static func changeText(_ change: RecordChange, headline: String?) -> String {
        let subject = headline ?? ((change.after ?? change.before).flatMap { try? JSONDecoder().decode(RecordEntry.self, from: Data($0.utf8)) }?.headline ?? "an entry")
        if change.action == "value", let after = change.after,
           let reading = try? JSONDecoder().decode(IndicatorReading.self, from: Data(after.utf8)) {
            let earlier = change.before.flatMap { try? JSONDecoder().decode(IndicatorReading.self, from: Data($0.utf8)) }
            return "\(subject): \(reading.period) = \(RecordDocument.number(reading.value))" + (earlier.map { " (was \(RecordDocument.number($0.value)))" } ?? "")
        }
        return subject
    }

    static func day(_ date: Date) -> String { CivilDate.today(date).description }
    static func minute(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    func progressPage(_ partnership: Partnership, _ context: WeaveContext) async throws -> ProgressPage {
        let document = try await RecordDocument.make(partnership, store: app.store, today: .today())
        let charts = document.indicators.map { indicator in
            let rows = indicator.values.map { value in
                let end = ReportingPeriod(value.period, frequency: indicator.frequency)?.end
                let expected = end.flatMap { day in
                    Indicator(name: indicator.name, unit: indicator.unit, direction: indicator.direction, baseline: indicator.baseline,
                              since: indicator.since, target: indicator.target, targetDate: indicator.targetDate, frequency: indicator.frequency).expected(on: day)
                }
                return ProgressPage.Row(period: value.period, value: RecordDocument.number(value.value),
                                        expected: expected.map { String(format: "%.1f", $0) } ?? "—", note: value.note)
            }
            let unit = indicator.unit == .percentage ? "%" : ""
            return ProgressPage.Chart(
                id: indicator.id, name: indicator.name, definition: indicator.definition, unit: indicator.unit.rawValue,
                direction: indicator.direction == .increase ? "Higher is better" : "Lower is better",
                baseline: indicator.baseline.map { RecordDocument.number($0) + unit } ?? "—",
                target: indicator.target.map { RecordDocument.number($0) + unit } ?? "—", targetDate: indicator.targetDate ?? "—",
                reporter: indicator.reporter?.name ?? "—", frequency: indicator.frequency.rawValue,
                status: indicator.status.displayName, statusClass: indicator.status.rawValue,
                svg: ProgressChart.svg(indicator, title: "\(indicator.name): values by period against baseline and target; the table beside it has the numbers."),
                rows: rows, hasRows: !rows.isEmpty, notes: rows.filter { !$0.note.isEmpty }, hasNotes: rows.contains { !$0.note.isEmpty })
        }
        var groups: [ProgressPage.StepGroup] = []
        for status in [NextStepStatus.inProgress, .open, .done, .dropped] {
            let steps = document.nextSteps.filter { $0.status == status }.map {
                ProgressPage.Step(what: $0.what, owner: $0.owner?.name ?? "—", due: $0.due ?? "—", status: status.displayName, overdue: $0.overdue)
            }
            if !steps.isEmpty { groups.append(.init(status: status.displayName, steps: steps)) }
        }
        let freshness = document.freshness
        return ProgressPage(
            chrome: Chrome(context), title: "Progress — \(partnership.name)", id: document.partnership.id, name: partnership.name,
            focalIssue: partnership.focalIssue, asOf: document.asOf,
            freshness: freshness.score.map { "\(Int(($0 * 100).rounded()))%" } ?? "Nothing due yet",
            freshnessDetail: "\(freshness.reported) of \(freshness.due) indicators with a report due have one for their last period due.",
            charts: charts, hasCharts: !charts.isEmpty, groups: groups, hasSteps: !groups.isEmpty,
            roles: document.roles.map { .init(id: $0.id, partner: $0.partner.name, role: $0.role) }, hasRoles: !document.roles.isEmpty,
            agreements: document.agreements.map { [$0.text, $0.owner.map { "(\($0.name))" }].compactMap { $0 }.joined(separator: " ") },
            hasAgreements: !document.agreements.isEmpty,
            assessment: AssessmentHistory.table(try await AssessmentHistory.trend(partnership.id, app: app)))
    }
}

/// Runs a store call, turning "not found" into a 404 (another partnership's id).
func notFoundAsHTTP<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch StoreError.notFound(let what) {
        throw HTTPError(.notFound, message: "\(what) was not found in this partnership.")
    }
}
