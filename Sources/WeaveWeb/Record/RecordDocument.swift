import Foundation
import WeaveCore
import WeaveStore

/// A partnership's record as the progress export and the API give it (docs/record-format.md): entries with
/// their partners' names, every indicator's values and status, and the data-freshness score on a given day.
struct RecordDocument: Codable, Sendable {
    static let formatVersion = 1

    struct PartnerRef: Codable, Sendable, Hashable { var id: String; var name: String }
    struct Value: Codable, Sendable, Hashable {
        var period: String; var value: Double; var note: String; var reportedBy: String; var reportedAt: Date
    }
    struct IndicatorInfo: Codable, Sendable {
        var id: String; var name: String; var definition: String; var unit: IndicatorUnit; var direction: IndicatorDirection
        var baseline: Double?; var since: String; var target: Double?; var targetDate: String?
        var reporter: PartnerRef?; var frequency: ReportingFrequency
        var status: TrackStatus
        /// The last period whose report is due, if any.
        var lastPeriodDue: String?
        /// Whether that period has no value yet.
        var overdue: Bool
        var values: [Value]
    }
    struct RoleInfo: Codable, Sendable { var id: String; var partner: PartnerRef; var role: String }
    struct AgreementInfo: Codable, Sendable { var id: String; var text: String; var owner: PartnerRef? }
    struct NextStepInfo: Codable, Sendable {
        var id: String; var what: String; var owner: PartnerRef?; var due: String?; var status: NextStepStatus; var overdue: Bool
    }
    struct Freshness: Codable, Sendable { var due: Int; var reported: Int; var score: Double? }
    struct PartnershipInfo: Codable, Sendable { var id: String; var name: String; var focalIssue: String }

    var format = formatVersion
    var partnership: PartnershipInfo
    /// The day statuses and freshness are computed for, `YYYY-MM-DD` (UTC).
    var asOf: String
    var freshness: Freshness
    var indicators: [IndicatorInfo]
    var roles: [RoleInfo]
    var agreements: [AgreementInfo]
    var nextSteps: [NextStepInfo]

    /// Builds the document from the store: only this partnership's entries, values and partners.
    static func make(_ partnership: Partnership, store: Store, today: CivilDate) async throws -> RecordDocument {
        let items = try await store.recordItems(of: partnership.id)
        let values = try await store.indicatorValues(of: partnership.id)
        let partners = try await store.partners(of: partnership.id)
        return make(partnership, items: items, values: values, partners: partners, today: today)
    }

    /// The same from values already read (tests call it without a store).
    static func make(_ partnership: Partnership, items: [RecordItem], values: [IndicatorValue], partners: [Partner],
                     today: CivilDate) -> RecordDocument {
        let names = Dictionary(partners.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        func ref(_ key: String?) -> PartnerRef? { key.flatMap { key in names[key].map { PartnerRef(id: key, name: $0) } } }
        let byIndicator = Dictionary(grouping: values, by: \.indicatorID)
        var indicators: [IndicatorInfo] = [], roles: [RoleInfo] = [], agreements: [AgreementInfo] = [], steps: [NextStepInfo] = []
        var pairs: [(Indicator, [IndicatorReading])] = []
        for item in items {
            switch item.entry {
            case .indicator(let indicator):
                let own = (byIndicator[item.id] ?? []).sorted { a, b in
                    let (x, y) = (ReportingPeriod(a.reading.period, frequency: indicator.frequency), ReportingPeriod(b.reading.period, frequency: indicator.frequency))
                    if let x, let y { return x < y }
                    return a.reading.period < b.reading.period
                }
                let readings = own.map(\.reading)
                pairs.append((indicator, readings))
                let due = indicator.lastPeriodDue(on: today)
                indicators.append(IndicatorInfo(
                    id: item.key, name: indicator.name, definition: indicator.definition, unit: indicator.unit, direction: indicator.direction,
                    baseline: indicator.baseline, since: indicator.since, target: indicator.target, targetDate: indicator.targetDate,
                    reporter: ref(indicator.reporter), frequency: indicator.frequency, status: indicator.status(readings),
                    lastPeriodDue: due?.description,
                    overdue: due.map { period in !readings.contains { ReportingPeriod($0.period, frequency: indicator.frequency) == period } } ?? false,
                    values: own.map { Value(period: $0.reading.period, value: $0.reading.value, note: $0.reading.note, reportedBy: $0.reportedBy, reportedAt: $0.reportedAt) }))
            case .role(let role):
                guard let partner = ref(role.partner) else { continue }
                roles.append(RoleInfo(id: item.key, partner: partner, role: role.role))
            case .agreement(let agreement):
                agreements.append(AgreementInfo(id: item.key, text: agreement.text, owner: ref(agreement.owner)))
            case .nextStep(let step):
                let late = step.due.flatMap(CivilDate.init).map { $0 < today } ?? false
                steps.append(NextStepInfo(id: item.key, what: step.what, owner: ref(step.owner), due: step.due, status: step.status,
                                          overdue: late && (step.status == .open || step.status == .inProgress)))
            }
        }
        let freshness = DataFreshness(pairs, today: today)
        return RecordDocument(
            partnership: .init(id: partnership.id.uuidString.lowercased(), name: partnership.name, focalIssue: partnership.focalIssue),
            asOf: today.description, freshness: .init(due: freshness.due, reported: freshness.reported, score: freshness.score),
            indicators: indicators, roles: roles, agreements: agreements,
            nextSteps: steps.sorted { a, b in
                let (x, y) = (Self.statusOrder(a.status), Self.statusOrder(b.status))
                if x != y { return x < y }
                return (a.due ?? "9999") < (b.due ?? "9999")
            })
    }

    static func statusOrder(_ status: NextStepStatus) -> Int {
        switch status {
        case .inProgress: 0
        case .open: 1
        case .done: 2
        case .dropped: 3
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    func json() throws -> Data { try Self.encoder.encode(self) }

    /// One row per reported value, then one per indicator without values: the spreadsheet form.
    func csv() -> String {
        var lines = [["indicator_id", "indicator", "unit", "direction", "baseline", "since", "target", "target_date", "reporter",
                      "frequency", "status", "period", "value", "note", "reported_by"].joined(separator: ",")]
        for indicator in indicators {
            let head = [indicator.id, indicator.name, indicator.unit.rawValue, indicator.direction.rawValue, Self.number(indicator.baseline),
                        indicator.since, Self.number(indicator.target), indicator.targetDate ?? "", indicator.reporter?.name ?? "",
                        indicator.frequency.rawValue, indicator.status.rawValue]
            let rows = indicator.values.isEmpty ? [["", "", "", ""]]
                : indicator.values.map { [$0.period, Self.number($0.value), $0.note, $0.reportedBy] }
            for row in rows { lines.append((head + row).map(Self.cell).joined(separator: ",")) }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A number without a needless `.0`.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A CSV cell, quoted when needed; a leading `=`, `+`, `-` or `@` of text is prefixed with `'` so a
    /// spreadsheet does not run it as a formula.
    static func cell(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension CivilDate {
    /// Today in UTC.
    static func today(_ now: Date = Date()) -> CivilDate {
        CivilDate(dayNumber: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
