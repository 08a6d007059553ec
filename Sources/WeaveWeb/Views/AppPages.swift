import Foundation
import WeaveCore
import WeaveStore

/// What every signed-in page's header needs.
struct Chrome {
    var csrf: String
    var signedIn: Bool
    var name: String?

    init(_ context: WeaveContext) {
        csrf = context.csrfToken
        signedIn = context.login != nil
        name = context.login?.account.name
    }
}

/// Sign up, sign in and first-account pages.
struct AccountPage {
    var chrome: Chrome
    var title: String
    var action: String
    var isSignup: Bool
    var setupToken: String?
    var next: String?
    var email = ""
    var name = ""
    var problem: String?
    var notice: String?
    var minimumPassword = Passwords.minimumLength
    var maximumPassword = Passwords.maximumLength
}

/// The facilitator's home: their partnerships and a form for a new one.
struct PartnershipsPage {
    struct Row { var name: String; var href: String; var focalIssue: String; var role: String }
    var chrome: Chrome
    var title = "Your partnerships"
    var rows: [Row]
    var hasRows: Bool
    var problem: String?
    /// Invitations waiting for this account.
    var invitations: [InvitationRow] = [] { didSet { hasInvitations = !invitations.isEmpty } }
    /// Stored, not computed: templates see stored properties only.
    var hasInvitations = false
}

/// One partnership: details, partners and their preparation, facilitators and sessions.
struct PartnershipPage {
    struct PartnerRow {
        var id: String; var typeID: String; var partnershipID: String
        var name: String; var type: String; var sector: String; var prepHref: String
        var prepared: Int; var prepFields: Int
    }
    struct SessionRow {
        var title: String; var href: String; var date: String; var start: String; var status: String; var events: Int; var exportHref: String
        /// The record's carry-over for a closed session whose path declares one; the assessment trend where it ran.
        var carryOverHref: String? = nil; var assessmentHref: String? = nil
        /// Where to delete the session, while it has not started.
        var deleteHref: String? = nil
    }
    struct Choice { var id: String; var label: String; var selected: Bool }
    var chrome: Chrome
    var title: String
    var id: String
    var partnership: Partnership
    var partners: [PartnerRow]
    var hasPartners: Bool
    var facilitators: [String]
    var sessions: [SessionRow]
    var hasSessions: Bool
    var partnerTypes: [Choice]
    var runnables: [Choice]
    /// Every language the library's content is in; the schedule form offers them when there are several.
    var languages: [Choice]
    var hasLanguages = false
    var today: String
    var problem: String?
    var notice: String?
    var prepToolName: String?
}

/// A partner's preparation worksheet, reached by its private link.
struct PreparationPage {
    struct Field { var id: String; var label: String; var prompt: String?; var value: String; var limit: Int }
    /// One scheduled path's worksheet.
    struct Worksheet { var toolName: String; var purpose: String; var fields: [Field] }
    var chrome: Chrome
    var title: String
    var partner: String
    var partnership: String
    var focalIssue: String
    var toolName: String
    var worksheets: [Worksheet]
    var saved: Bool
    var problem: String?
}

/// Join a session: the code, then a name and organisation.
struct JoinPage {
    struct PartnerChoice { var id: String; var name: String }
    var chrome: Chrome
    var title = "Join a session"
    var code: String
    var askName: Bool
    var action: String
    var sessionTitle: String?
    var partnership: String?
    var partners: [PartnerChoice]
    var name = ""
    var problem: String?
    /// "Is this you?": participants already in the session under the name typed.
    struct Match { var id: String; var name: String; var partner: String }
    var matches: [Match] = [] { didSet { confirming = !matches.isEmpty } }
    /// Stored, not computed: templates see stored properties only.
    var confirming = false
}

/// The live canvas page, for facilitators, participants and the projector.
struct CanvasPage {
    var chrome: Chrome
    var title: String
    var view: String
    var isFacilitator: Bool
    var isProjector: Bool
    var partnership: String
    var partnershipHref: String
    var joinCode: String
    var joinURL: String
    /// The join link without its scheme, as the wall shows it.
    var joinAddress: String
    /// The join link's QR code as SVG, made by ``QRCode`` (no user text in it); empty when not shown.
    var joinQR: String
    /// Whether the session is closed: the wall no longer shows how to join.
    var closed: Bool
    var sessionHref: String
    var advice: String?
    var participantCount: Int
    /// The boot JSON, already made safe to sit inside a script element.
    var boot: String
}

/// The session's history: its event log in words.
struct HistoryPage {
    struct Row { var sequence: Int; var at: String; var who: String; var what: String }
    var chrome: Chrome
    var title: String
    var sessionHref: String
    var rows: [Row]
    var hasRows: Bool
    /// The next page of older changes, when there are more than one page shows.
    var olderHref: String?
    /// Back to the newest changes, when this page is an older one.
    var newestHref: String?
}

/// The printable export of a session's canvas.
struct ExportPage {
    struct Row { var cells: [String] }
    struct Field {
        var label: String; var prompt: String?
        var text: String?; var lines: [String]; var hasLines: Bool
        var columns: [String]; var rows: [Row]; var hasTable: Bool; var isEmpty: Bool
        /// A text field's earlier texts, oldest first.
        var earlier: [String]; var hasEarlier: Bool

        init(_ summary: FieldSummary, earlier: [String] = []) {
            self.earlier = earlier
            hasEarlier = !earlier.isEmpty
            label = summary.label
            prompt = summary.prompt
            text = summary.text.flatMap { $0.isEmpty ? nil : $0 }
            lines = summary.lines
            hasLines = !summary.lines.isEmpty
            columns = summary.columns
            rows = summary.rows.map { Row(cells: $0) }
            hasTable = !summary.rows.isEmpty
            isEmpty = summary.isEmpty
        }
    }
    struct Section { var name: String; var fields: [Field] }
    struct Answer { var label: String; var text: String }
    struct Prepared { var name: String; var answers: [Answer] }
    var title: String
    var partnership: String
    var date: String
    var focalIssue: String
    var partners: [String]
    var preparationTitle: String
    var prepared: [Prepared]
    var hasPrepared: Bool
    var sections: [Section]
    var participants: [String]
    var generated: String
}
