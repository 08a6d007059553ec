import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// Reporting without accounts: each partner's private link shows only the indicators that partner reports,
/// of its own partnership, and takes a value per period with a note.
struct ReportController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/report/:code") { request, context in
            let (partner, partnership) = try await reporter(context)
            return app.pages.response(try await page(partner, partnership, context, saved: request.uri.queryParameters.get("saved") != nil), template: "report")
        }
        router.post("/report/:code") { _, context in
            let (partner, partnership) = try await reporter(context)
            let form = context.form ?? Form(parsing: "")
            let own = try await indicators(of: partner)
            guard let id = UUID(uuidString: form["indicator"]), let (_, indicator) = own.first(where: { $0.0 == id }) else {
                var shown = try await page(partner, partnership, context, saved: false)
                shown.problem = "Choose one of the indicators your organisation reports."
                return app.pages.response(shown, template: "report", status: .badRequest)
            }
            if let problem = problem(form, indicator) {
                var shown = try await page(partner, partnership, context, saved: false)
                shown.problem = "\(indicator.name): \(problem)"
                return app.pages.response(shown, template: "report", status: .badRequest)
            }
            let period = ReportingPeriod(form["period"], frequency: indicator.frequency)!
            let reading = IndicatorReading(period: period.description, value: Double(form["value"].replacingOccurrences(of: ",", with: "."))!,
                                           note: try form.optional("note", label: "The note", limit: 2_000))
            try await notFoundAsHTTP {
                try await app.store.saveIndicatorValues([(id, reading)], in: partnership.id, by: RecordEditor(name: partner.name, via: .reportLink))
            }
            return Response.seeOther("/report/\(try context.parameters.require("code"))?saved=1")
        }
    }

    /// Why the form's period and value cannot be saved, or `nil`.
    func problem(_ form: Form, _ indicator: Indicator) -> String? {
        guard ReportingPeriod(form["period"], frequency: indicator.frequency) != nil else {
            return "“\(form["period"].prefix(20))” is not a \(indicator.frequency.rawValue) period; write it like \(ReportingPeriod.example(indicator.frequency))."
        }
        guard let value = Double(form["value"].replacingOccurrences(of: ",", with: ".")) else {
            return "“\(form["value"].prefix(20))” is not a number."
        }
        return indicator.unit.problem(with: value).map { "\(form["value"]) \($0)." }
    }

    func reporter(_ context: WeaveContext) async throws -> (Partner, Partnership) {
        let code = try context.parameters.require("code")
        guard code.count <= 64, let partner = try await app.store.partner(reportCode: code),
              let partnership = try await app.store.partnership(partner.partnershipID) else {
            throw HTTPError(.notFound, message: "This report link is not valid. Ask your facilitator for your organisation's link.")
        }
        return (partner, partnership)
    }

    /// The indicators this partner reports, in its own partnership only.
    func indicators(of partner: Partner) async throws -> [(UUID, Indicator)] {
        try await app.store.recordItems(of: partner.partnershipID).compactMap { item in
            guard case .indicator(let indicator) = item.entry, indicator.reporter == partner.key else { return nil }
            return (item.id, indicator)
        }
    }

    func page(_ partner: Partner, _ partnership: Partnership, _ context: WeaveContext, saved: Bool) async throws -> ReportPage {
        let today = CivilDate.today()
        let values = Dictionary(grouping: try await app.store.indicatorValues(of: partnership.id), by: \.indicatorID)
        let own = try await indicators(of: partner)
        let forms = own.map { id, indicator in
            let readings = (values[id] ?? []).map(\.reading)
            let due = indicator.lastPeriodDue(on: today)
            let overdue = due.map { period in !readings.contains { ReportingPeriod($0.period, frequency: indicator.frequency) == period } } ?? false
            return ReportPage.IndicatorForm(
                id: id.uuidString.lowercased(), name: indicator.name, definition: indicator.definition, unit: indicator.unit.rawValue,
                frequency: indicator.frequency.rawValue, example: ReportingPeriod.example(indicator.frequency),
                due: (due ?? ReportingPeriod(indicator.frequency, containing: today)).description, overdue: overdue,
                step: indicator.unit == .count ? "1" : "any", min: indicator.unit == .number ? "" : "0", max: indicator.unit == .percentage ? "100" : "",
                values: readings.reversed().map { .init(period: $0.period, value: RecordDocument.number($0.value), note: $0.note) },
                hasValues: !readings.isEmpty)
        }
        return ReportPage(chrome: Chrome(context), title: "Report — \(partner.name)", partner: partner.name, partnership: partnership.name,
                          indicators: forms, hasIndicators: !forms.isEmpty, saved: saved)
    }
}
