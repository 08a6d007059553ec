import Foundation
import HummingbirdTesting
import Testing
import WeaveStore
@testable import WeaveWeb

/// "Send reminder" on the record page: only with an SMTP server configured, only for one's own partners.
@Suite struct ReminderWebTests {
    /// Gives the first partner a contact email and a monthly indicator reported since 2025, so it is overdue.
    static func overduePartner(_ client: any TestClientProtocol, _ workshop: inout RecordWorkshop) async throws -> Partner {
        let partner = workshop.partners[0]
        let added = try await workshop.facilitator.post(client, "\(workshop.record)/entries", [
            "kind": "indicator", "name": "Tonnes of food redistributed", "unit": "count", "since": "2025-01-01",
            "reporter": partner.key, "frequency": "monthly"])
        #expect(added.status == .seeOther)
        let saved = try await workshop.facilitator.post(client, "\(workshop.record)/partners/\(partner.key)/email", ["email": "bank@example.org"])
        #expect(saved.status == .seeOther)
        return partner
    }

    @Test func withoutAnSMTPServerNoEmailIsAttemptedAndThePageSaysSo() async throws {
        let server = try await FakeSMTPServer.start()
        try await RecordTestApp.run(smtp: nil) { client, setup, store in
            // setup
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            let partner = try await Self.overduePartner(client, &ana)
            // MUT
            let page = try await ana.facilitator.get(client, ana.record)
            let sent = try await ana.facilitator.post(client, "\(ana.record)/partners/\(partner.key)/remind", [:])
            // validate
            #expect(page.html.contains("Email is not configured on this server"))
            #expect(page.html.contains("Overdue:") && page.html.contains("bank@example.org"))
            #expect(!page.html.contains("Send reminder"))
            #expect(sent.status == .badRequest)
            #expect(sent.html.contains("Email is not configured"))
        }
        #expect(server.transcript.connections == 0)
        await server.stop()
    }

    @Test func aReminderIsSentToThePartnersEmail() async throws {
        let server = try await FakeSMTPServer.start()
        let smtp = try SMTPSettings(url: "smtp://127.0.0.1:\(server.port)?tls=none", from: "weave@example.org")
        try await RecordTestApp.run(smtp: smtp) { client, setup, store in
            // setup
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            let partner = try await Self.overduePartner(client, &ana)
            let page = try await ana.facilitator.get(client, ana.record)
            #expect(page.html.contains("Send reminder to bank@example.org"))
            #expect(!page.html.contains("Email is not configured"))
            #expect(page.html.components(separatedBy: "Send reminder to").count == 2, "only the partner with an email and overdue reports")
            // MUT
            let sent = try await ana.facilitator.post(client, "\(ana.record)/partners/\(partner.key)/remind", [:])
            // validate
            #expect(sent.status == .ok)
            #expect(sent.html.contains("Reminder sent to City Food Bank (bank@example.org)."))
            let seen = server.transcript
            #expect(seen.commands.contains("RCPT TO:<bank@example.org>"))
            #expect(seen.data.contains("To: \"City Food Bank\" <bank@example.org>"))
            #expect(seen.data.contains("Subject: Reminder: indicator reports for Riverside Food Network"))
            let body = FakeSMTPServer.decodedBody(seen.data)
            #expect(body.hasPrefix("Hello City Food Bank,\n\nThis is a reminder to report your indicators for Riverside Food Network."))
            #expect(body.contains("- Tonnes of food redistributed ("), "the overdue report")
            let link = try #require(body.firstMatch(of: #/https://weave\.example(/report/[A-Za-z0-9_-]+)/#)?.1)
            let report = try await ana.facilitator.get(client, String(link))
            #expect(report.status == .ok && report.html.contains("Tonnes of food redistributed"), "the partner's own private link")
        }
        await server.stop()
    }

    @Test func theServersRefusalIsShownInPlainWords() async throws {
        let server = try await FakeSMTPServer.start(.init(refuse: ("MAIL FROM", "553 5.7.1 Sender address rejected: not owned by user")))
        let smtp = try SMTPSettings(url: "smtp://127.0.0.1:\(server.port)?tls=none", from: "weave@example.org")
        try await RecordTestApp.run(smtp: smtp) { client, setup, store in
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            let partner = try await Self.overduePartner(client, &ana)
            let sent = try await ana.facilitator.post(client, "\(ana.record)/partners/\(partner.key)/remind", [:])
            #expect(sent.status == .badGateway)
            #expect(sent.html.contains("The reminder to City Food Bank was not sent. The mail server refused the sender weave@example.org: 553 5.7.1 Sender address rejected: not owned by user"))
        }
        await server.stop()
    }

    @Test func anotherPartnershipsPartnerIsNotFound() async throws {
        let server = try await FakeSMTPServer.start()
        let smtp = try SMTPSettings(url: "smtp://127.0.0.1:\(server.port)?tls=none", from: "weave@example.org")
        try await RecordTestApp.run(smtp: smtp) { client, setup, store in
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            var zoe = try await RecordWorkshop.make(client, store, setup: nil, email: "zoe@example.org", name: "Hillside Housing")
            let zoePartner = try await Self.overduePartner(client, &zoe)
            for path in ["\(ana.record)/partners/\(zoePartner.key)/email", "\(ana.record)/partners/\(zoePartner.key)/remind",
                         "\(zoe.record)/partners/\(zoePartner.key)/remind", "\(ana.record)/partners/not-a-uuid/remind"] {
                #expect(try await ana.facilitator.post(client, path, ["email": "spy@evil.example"]).status == .notFound, "POST \(path)")
            }
            #expect(try await store.partnerEmails(of: zoe.partnership)[zoePartner.id] == "bank@example.org")
            #expect(try await ana.facilitator.post(client, "\(ana.record)/partners/\(ana.partners[1].key)/email", ["email": "not an address"]).status == .badRequest)
        }
        #expect(server.transcript.connections == 0)
        await server.stop()
    }
}
