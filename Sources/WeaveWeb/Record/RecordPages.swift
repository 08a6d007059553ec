import Foundation
import WeaveCore
import WeaveStore

/// An option of a select, with whether it is chosen.
struct Option { var id: String; var label: String; var selected: Bool }

extension Option {
    /// The cases of an enum as options, one selected.
    static func of<T: RawRepresentable & CaseIterable>(_: T.Type, selected: T?, label: (T) -> String = { "\($0.rawValue)" }) -> [Option] where T.RawValue == String {
        T.allCases.map { value in Option(id: value.rawValue, label: label(value), selected: selected?.rawValue == value.rawValue) }
    }

    /// The partners as options, with a first "nobody named" option.
    static func partners(_ partners: [Partner], selected: String?, blank: String = "—") -> [Option] {
        [Option(id: "", label: blank, selected: selected == nil)] + partners.map { Option(id: $0.key, label: $0.name, selected: $0.key == selected) }
    }
}

/// The facilitator's view of a partnership's living record: its entries to edit, reporting links, imports,
/// API tokens and history.
struct RecordPage {
    struct IndicatorRow {
        var id: String; var name: String; var definition: String; var units: [Option]; var directions: [Option]
        var baseline: String; var since: String; var target: String; var targetDate: String; var reporters: [Option]
        var frequencies: [Option]; var status: String; var lastDue: String?; var overdue: Bool
    }
    struct RoleRow { var id: String; var partner: String; var role: String; var partnerKey = "" }
    struct AgreementRow { var id: String; var text: String; var owners: [Option] }
    struct StepRow { var id: String; var what: String; var owners: [Option]; var due: String; var statuses: [Option]; var overdue: Bool }
    struct Reporting {
        var partner: String; var link: String; var indicators: Int; var overdue: [String]; var hasOverdue: Bool; var reminder: String
        /// The partner's id in form paths, its contact email, and whether "Send reminder" is offered.
        var partnerID = ""; var email = ""; var canSend = false
    }
    struct SessionLink { var title: String; var date: String; var href: String }
    struct TokenRow { var id: String; var name: String; var createdBy: String; var created: String; var revoked: String?; var active: Bool }
    struct ChangeRow { var at: String; var by: String; var via: String; var action: String; var what: String }

    var chrome: Chrome
    var title: String
    var id: String
    /// The record's path, which its forms post under.
    var base: String
    var name: String
    var notice: String?
    var problems: [String] = []
    var hasProblems = false
    var csv = ""
    var newToken: String?
    var indicators: [IndicatorRow]
    var roles: [RoleRow]
    var agreements: [AgreementRow]
    var steps: [StepRow]
    var partners: [Option]
    var rolePartners: [Option]
    var units: [Option]
    var directions: [Option]
    var frequencies: [Option]
    var statuses: [Option]
    var today: String
    var reporting: [Reporting]
    var overdueCount: Int
    var carryOvers: [SessionLink]
    var hasCarryOvers: Bool
    var tokens: [TokenRow]
    var hasTokens: Bool
    var changes: [ChangeRow]
    var hasChanges: Bool
    var apiBase: String
    /// Whether an SMTP server is configured (`--smtp-url`); without it the page says reminders are copied by hand.
    var emailConfigured = false
    /// What became of a reminder just sent: sent, or the server's refusal in plain words.
    var mailResult: String?
    var mailSent = false
}

/// Confirming, field by field, what a closed session carries into the record.
struct CarryOverPage {
    struct Item { var value: String; var text: String; var done: Bool }
    struct Field { var label: String; var into: String; var items: [Item]; var hasItems: Bool }
    var chrome: Chrome
    var title: String
    var sessionTitle: String
    var date: String
    var partnershipHref: String
    var recordHref: String
    var fields: [Field]
    var hasFields: Bool
    var closed: Bool
}

/// A partner's report page, reached by its private link.
struct ReportPage {
    struct Row { var period: String; var value: String; var note: String }
    struct IndicatorForm {
        var id: String; var name: String; var definition: String; var unit: String; var frequency: String
        var example: String; var due: String; var overdue: Bool; var step: String; var min: String; var max: String
        var values: [Row]; var hasValues: Bool
    }
    var chrome: Chrome
    var title: String
    var partner: String
    var partnership: String
    var indicators: [IndicatorForm]
    var hasIndicators: Bool
    var saved: Bool
    var problem: String?
}

/// The progress page: every indicator's line against baseline and target with its table, next steps by
/// status and due date, freshness, and the Partnership Assessment over time.
struct ProgressPage {
    struct Row { var period: String; var value: String; var expected: String; var note: String }
    struct Chart {
        var id: String; var name: String; var definition: String; var unit: String; var direction: String
        var baseline: String; var target: String; var targetDate: String; var reporter: String; var frequency: String
        var status: String; var statusClass: String; var svg: String; var rows: [Row]; var hasRows: Bool; var notes: [Row]; var hasNotes: Bool
    }
    struct Step { var what: String; var owner: String; var due: String; var status: String; var overdue: Bool }
    struct StepGroup { var status: String; var steps: [Step] }
    var chrome: Chrome
    var title: String
    var id: String
    var name: String
    var focalIssue: String
    var asOf: String
    var freshness: String
    var freshnessDetail: String
    var charts: [Chart]
    var hasCharts: Bool
    var groups: [StepGroup]
    var hasSteps: Bool
    var roles: [RecordPage.RoleRow]
    var hasRoles: Bool
    var agreements: [String]
    var hasAgreements: Bool
    var assessment: AssessmentTable?
}

/// The Partnership Assessment's ratios per field across sessions, ready to print.
struct AssessmentTable {
    struct Row { var label: String; var cells: [String]; var change: String }
    var sessions: [String]
    var rows: [Row]
}

/// The assessment over time, on a page of its own, from a session.
struct AssessmentPage {
    var chrome: Chrome
    var title: String
    var sessionHref: String
    var assessment: AssessmentTable?
}
