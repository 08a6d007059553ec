import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

extension StoreContract {
    /// The record on both engines: entries and their history, values all-or-nothing, report links and API
    /// tokens — and no id of one partnership reaches into another.
    func theRecordKeepsEveryChangeWithinItsPartnership() async throws {
        // setup
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let riverside = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let elsewhere = try await store.createPartnership(PartnershipDraft(name: "Elsewhere", focalIssue: "Housing"), owner: ana.id)
        let bank = try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: riverside.id)
        let stranger = try await store.addPartner(PartnerDraft(name: "Housing Trust", type: .nonprofit), to: elsewhere.id)
        let session = try await store.createSession(SessionDraft(partnershipID: riverside.id, itemID: "joint-action", date: "2026-12-01", start: "09:00"))
        let facilitator = RecordEditor(name: "Ana", via: .facilitator)
        let indicator = Indicator(name: "Meals served", unit: .count, baseline: 100, since: "2026-12-01", target: 200, targetDate: "2027-12-31",
                                  reporter: bank.key, frequency: .monthly)

        // MUT: carried over from a session, then edited
        let added = try await store.addRecordEntries([(.indicator(indicator), "indicators/r1"), (.nextStep(NextStep(what: "Sign the agreement")), "next-steps/s1")],
                                                     to: riverside.id, from: session.id, by: RecordEditor(name: "Ana", via: .carryOver))
        #expect(added.count == 2)
        #expect(try await store.carriedOver(from: session.id) == ["indicators/r1", "next-steps/s1"])
        var changed = indicator
        changed.target = 250
        try await store.updateRecordEntry(added[0].id, in: riverside.id, to: .indicator(changed), by: facilitator)
        try await store.removeRecordEntry(added[1].id, in: riverside.id, by: facilitator)

        // validate: what is in force, and the history of who changed what
        #expect(try await store.recordItems(of: riverside.id).map(\.entry) == [.indicator(changed)])
        let changes = try await store.recordChanges(of: riverside.id)
        #expect(changes.map(\.action).sorted() == ["created", "created", "removed", "updated"])
        let update = try #require(changes.first { $0.action == "updated" })
        #expect(update.byName == "Ana" && update.via == "facilitator")
        #expect(update.before?.contains("\"target\":200") == true && update.after?.contains("\"target\":250") == true)

        // Another partnership's ids are not found, and change nothing.
        #expect(try await store.recordItem(added[0].id, in: elsewhere.id) == nil)
        await #expect(throws: StoreError.notFound("The record entry")) {
            try await store.updateRecordEntry(added[0].id, in: elsewhere.id, to: .indicator(indicator), by: facilitator)
        }
        await #expect(throws: StoreError.notFound("The record entry")) { try await store.removeRecordEntry(added[0].id, in: elsewhere.id, by: facilitator) }
        #expect(try await store.recordItems(of: elsewhere.id).isEmpty)

        // Values: all or nothing, a period reported again replaces the value and keeps the old one in the history.
        let reporter = RecordEditor(name: "Food Bank", via: .reportLink)
        try await store.saveIndicatorValues([(added[0].id, IndicatorReading(period: "2027-01", value: 120, note: "Winter"))], in: riverside.id, by: reporter)
        await #expect(throws: StoreError.notFound("The indicator")) {
            try await store.saveIndicatorValues([(added[0].id, IndicatorReading(period: "2027-02", value: 130)),
                                                 (added[1].id, IndicatorReading(period: "2027-02", value: 1))], in: riverside.id, by: reporter)
        }
        await #expect(throws: StoreError.notFound("The indicator")) {
            try await store.saveIndicatorValues([(added[0].id, IndicatorReading(period: "2027-03", value: 1))], in: elsewhere.id, by: reporter)
        }
        try await store.saveIndicatorValues([(added[0].id, IndicatorReading(period: "2027-01", value: 125, note: "Corrected"))], in: riverside.id, by: reporter)
        let values = try await store.indicatorValues(of: riverside.id)
        #expect(values.map(\.reading) == [IndicatorReading(period: "2027-01", value: 125, note: "Corrected")])
        #expect(values.first?.reportedBy == "Food Bank")
        #expect(try await store.indicatorValues(of: elsewhere.id).isEmpty)
        let correction = try #require(try await store.recordChanges(of: riverside.id).first { $0.action == "value" && $0.before != nil })
        #expect(correction.before?.contains("120") == true && correction.after?.contains("125") == true && correction.via == "report-link")

        // Report links: one per partner, stable, leading to that partner only.
        let code = try await store.reportCode(for: bank)
        #expect(try await store.reportCode(for: bank) == code)
        #expect(try await store.partner(reportCode: code) == bank)
        #expect(try await store.partner(reportCode: try await store.reportCode(for: stranger)) == stranger)
        #expect(try await store.partner(reportCode: "guess") == nil)

        // API tokens: kept as digests, scoped to their partnership, revocable only there.
        let (token, secret) = try await store.createAPIToken(for: riverside.id, name: "Dashboard", by: "Ana")
        #expect(try await store.partnershipID(apiToken: secret) == riverside.id)
        #expect(try await store.partnershipID(apiToken: secret + "x") == nil)
        await #expect(throws: StoreError.notFound("The API token")) { try await store.revokeAPIToken(token.id, in: elsewhere.id) }
        #expect(try await store.partnershipID(apiToken: secret) == riverside.id)
        try await store.revokeAPIToken(token.id, in: riverside.id)
        #expect(try await store.partnershipID(apiToken: secret) == nil)
        #expect(try await store.apiTokens(of: riverside.id).first?.revokedAt != nil)
        #expect(try await store.apiTokens(of: elsewhere.id).isEmpty)
    }
}
