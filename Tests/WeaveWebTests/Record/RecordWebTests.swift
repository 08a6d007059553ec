import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

@Suite struct RecordWebTests {
    /// The Summit's indicators, the Outlook's roles and the Action Plan's next steps of one closed session.
    static func jointActionCanvas(_ partners: [Partner]) -> [(actor: String, edit: CanvasEdit)] {
        let (bank, hall, grocers) = (partners[0].key, partners[1].key, partners[2].key)
        return [
            ("facilitator", .addRow(field: "indicators", row: "r1", cells: ["indicator": "Tonnes of food redistributed", "how-measured": "Weighbridge logs", "who-reports": bank])),
            ("facilitator", .addRow(field: "indicators", row: "r2", cells: ["indicator": "Share of shops donating", "how-measured": "Survey of shops", "who-reports": grocers])),
            ("facilitator", .addRow(field: "indicators", row: "r3", cells: ["indicator": "Households reached", "how-measured": "", "who-reports": hall])),
            ("facilitator", .setPartnerAnswer(field: "primary-roles", partner: hall, text: nil, choices: ["convenor"])),
            ("facilitator", .setPartnerAnswer(field: "primary-roles", partner: bank, text: nil, choices: ["implementer"])),
            ("facilitator", .addRow(field: "next-steps", row: "s1", cells: ["what": "Draft the data-sharing agreement", "who": hall, "by-when": "2027-01-15"])),
            ("facilitator", .addRow(field: "next-steps", row: "s2", cells: ["what": "Recruit ten more shops", "who": grocers, "by-when": "2027-03-01"])),
        ]
    }

    @Test func aClosedJointActionSessionCarriesOverFieldByFieldOnce() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup
            var workshop = try await RecordWorkshop.make(client, store, setup: setup)
            let session = try await workshop.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(workshop.partners))
            let partnershipPage = try await workshop.facilitator.get(client, "/partnerships/\(workshop.key)")
            #expect(partnershipPage.html.contains("href=\"/sessions/\(session.uuidString.lowercased())/carry-over\">Carry over to the record</a>"))
            #expect(partnershipPage.html.contains("href=\"/sessions/\(session.uuidString.lowercased())/assessment\">Assessment over time</a>"))
            let page = try await workshop.facilitator.get(client, "/sessions/\(session.uuidString.lowercased())/carry-over")
            #expect(page.status == .ok)
            #expect(page.html.contains("Three indicators of progress → Indicators"))
            #expect(page.html.contains("Tonnes of food redistributed — measured as: Weighbridge logs — reported by City Food Bank"))
            #expect(page.html.contains("Town Hall: Convenor"))
            #expect(page.html.contains("Draft the data-sharing agreement — who: Town Hall — by 2027-01-15"))

            // MUT: the facilitator unticks one indicator
            let chosen = ["indicators/r1", "indicators/r2", "primary-roles/\(workshop.partners[1].key)", "primary-roles/\(workshop.partners[0].key)",
                          "next-steps/s1", "next-steps/s2"]
            let posted = try await workshop.facilitator.post(client, "/sessions/\(session.uuidString.lowercased())/carry-over", pairs: chosen.map { ("take", $0) })
            #expect(posted.status == .seeOther)
            // Sent again, nothing is added twice.
            _ = try await workshop.facilitator.post(client, "/sessions/\(session.uuidString.lowercased())/carry-over", pairs: chosen.map { ("take", $0) })

            // validate
            let items = try await store.recordItems(of: workshop.partnership)
            let indicators = items.compactMap { if case .indicator(let value) = $0.entry { value } else { nil } }
            #expect(indicators.map(\.name) == ["Tonnes of food redistributed", "Share of shops donating"])
            #expect(indicators[0].reporter == workshop.partners[0].key && indicators[0].since == "2026-12-01")
            let roles = items.compactMap { if case .role(let value) = $0.entry { value } else { nil } }
            #expect(Set(roles.map(\.role)) == ["Convenor or backbone", "Implementer"])
            let steps = items.compactMap { if case .nextStep(let value) = $0.entry { value } else { nil } }
            #expect(steps == [NextStep(what: "Draft the data-sharing agreement", owner: workshop.partners[1].key, due: "2027-01-15"),
                              NextStep(what: "Recruit ten more shops", owner: workshop.partners[2].key, due: "2027-03-01")])
            let record = try await workshop.facilitator.get(client, workshop.record)
            #expect(record.status == .ok)
            #expect(record.html.contains("carry-over"), "the history says how each entry came in")
            #expect(record.html.contains("(already in the record)") == false)
            let again = try await workshop.facilitator.get(client, "/sessions/\(session.uuidString.lowercased())/carry-over")
            #expect(again.html.components(separatedBy: "(already in the record)").count - 1 == 6)

            // A later session's role for the same partner replaces the earlier one, keeping it in the history.
            let later = try await workshop.session(client, store, date: "2027-06-01", edits: [
                ("facilitator", .setPartnerAnswer(field: "primary-roles", partner: workshop.partners[1].key, text: nil, choices: ["connector"]))])
            _ = try await workshop.facilitator.post(client, "/sessions/\(later.uuidString.lowercased())/carry-over",
                                                    pairs: [("take", "primary-roles/\(workshop.partners[1].key)")])
            let rolesNow = try await store.recordItems(of: workshop.partnership).compactMap { if case .role(let value) = $0.entry { value } else { nil } }
            #expect(Set(rolesNow.map(\.role)) == ["Connector or advocate", "Implementer"])
            #expect(try await store.recordChanges(of: workshop.partnership).contains { $0.action == "updated" && $0.before?.contains("Convenor or backbone") == true })
        }
    }

    @Test func anOpenSessionDoesNotCarryOver() async throws {
        try await RecordTestApp.run { client, setup, store in
            var workshop = try await RecordWorkshop.make(client, store, setup: setup)
            let session = try await workshop.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(workshop.partners), close: false)
            let refused = try await workshop.facilitator.post(client, "/sessions/\(session.uuidString.lowercased())/carry-over", pairs: [("take", "indicators/r1")])
            #expect(refused.status == .badRequest)
            #expect(try await store.recordItems(of: workshop.partnership).isEmpty)
        }
    }

    @Test func everyRouteRefusesAnotherPartnershipsIds() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup: Ana's partnership with an entry, a token and a closed session; Zoe's with the same
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            var zoe = try await RecordWorkshop.make(client, store, setup: nil, email: "zoe@example.org", name: "Hillside Housing")
            let anaSession = try await ana.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(ana.partners))
            let zoeSession = try await zoe.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(zoe.partners))
            _ = try await ana.facilitator.post(client, "/sessions/\(anaSession.uuidString.lowercased())/carry-over", pairs: [("take", "indicators/r1"), ("take", "next-steps/s1")])
            _ = try await zoe.facilitator.post(client, "/sessions/\(zoeSession.uuidString.lowercased())/carry-over", pairs: [("take", "indicators/r1"), ("take", "next-steps/s1")])
            _ = try await ana.facilitator.post(client, "\(ana.record)/tokens", ["name": "Dashboard"])
            _ = try await zoe.facilitator.post(client, "\(zoe.record)/tokens", ["name": "Dashboard"])
            let anaEntry = try #require(try await store.recordItems(of: ana.partnership).first).key
            let zoeEntry = try #require(try await store.recordItems(of: zoe.partnership).first).key
            let anaToken = try #require(try await store.apiTokens(of: ana.partnership).first).key
            let zoeToken = try #require(try await store.apiTokens(of: zoe.partnership).first).key
            let anaSessionKey = anaSession.uuidString.lowercased()
            let before = try await store.recordChanges(of: ana.partnership).count

            // MUT + validate: Zoe reaches none of Ana's record…
            for path in [ana.record, "/partnerships/\(ana.key)/progress", "/partnerships/\(ana.key)/progress.csv", "/partnerships/\(ana.key)/progress.json",
                         "/sessions/\(anaSessionKey)/carry-over", "/sessions/\(anaSessionKey)/assessment"] {
                #expect(try await zoe.facilitator.get(client, path).status == .notFound, "GET \(path)")
            }
            let posts: [(String, [String: String])] = [
                ("\(ana.record)/entries", ["kind": "agreement", "text": "Meet monthly"]),
                ("\(ana.record)/entries/\(anaEntry)", ["name": "Renamed"]),
                ("\(ana.record)/entries/\(anaEntry)/remove", [:]),
                ("\(ana.record)/values", ["csv": "indicator,period,value\nTonnes of food redistributed,2027-Q1,5\n"]),
                ("\(ana.record)/tokens", ["name": "Mine now"]),
                ("\(ana.record)/tokens/\(anaToken)/revoke", [:]),
                ("/sessions/\(anaSessionKey)/carry-over", ["take": "indicators/r2"]),
                // …nor does Ana's own partnership path open Zoe's entries or tokens.
            ]
            for (path, fields) in posts {
                #expect(try await zoe.facilitator.post(client, path, fields).status == .notFound, "POST \(path)")
            }
            for path in ["\(ana.record)/entries/\(zoeEntry)", "\(ana.record)/entries/\(zoeEntry)/remove", "\(ana.record)/tokens/\(zoeToken)/revoke"] {
                #expect(try await ana.facilitator.post(client, path, ["name": "X", "what": "X"]).status == .notFound, "POST \(path)")
            }
            #expect(try await store.recordChanges(of: ana.partnership).count == before)
            #expect(try await store.apiTokens(of: zoe.partnership).allSatisfy { $0.revokedAt == nil })
            #expect(try await store.recordItems(of: zoe.partnership).count == 2)
            var nobody = TestBrowser()
            #expect(try await nobody.get(client, ana.record).status == .seeOther, "signed out: sent to sign in")
        }
    }

    @Test func aPartnersReportLinkReachesOnlyItsOwnIndicators() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            var zoe = try await RecordWorkshop.make(client, store, setup: nil, email: "zoe@example.org", name: "Hillside Housing")
            let session = try await ana.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(ana.partners))
            let zoeSession = try await zoe.session(client, store, date: "2026-12-01", edits: Self.jointActionCanvas(zoe.partners))
            _ = try await ana.facilitator.post(client, "/sessions/\(session.uuidString.lowercased())/carry-over", pairs: [("take", "indicators/r1"), ("take", "indicators/r2")])
            _ = try await zoe.facilitator.post(client, "/sessions/\(zoeSession.uuidString.lowercased())/carry-over", pairs: [("take", "indicators/r1")])
            let items = try await store.recordItems(of: ana.partnership)
            let (tonnes, shops) = (items[0], items[1])
            // Tonnes is a count reported monthly; shops a percentage.
            let edit = try await ana.facilitator.post(client, "\(ana.record)/entries/\(tonnes.key)", [
                "name": "Tonnes of food redistributed", "unit": "count", "direction": "increase", "baseline": "40", "since": "2026-12-01",
                "target": "100", "target_date": "2027-12-31", "reporter": ana.partners[0].key, "frequency": "monthly"])
            #expect(edit.status == .seeOther)
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries/\(shops.key)", [
                "name": "Share of shops donating", "unit": "percentage", "reporter": ana.partners[2].key, "frequency": "quarterly"])
            let record = try await ana.facilitator.get(client, ana.record)
            let links = record.html.matches(of: #/href="https://weave\.example(/report/[A-Za-z0-9_-]+)"/#).map { String($0.1) }
            #expect(links.count == 3, "one private link per partner")
            let bankLink = links[0], grocersLink = links[2]
            #expect(record.html.contains("Hello City Food Bank"), "a reminder per partner, to copy")
            #expect(record.html.contains("Email is not configured on this server"))

            // MUT + validate: the food bank sees its indicator only, and reports it
            var bank = TestBrowser()
            let form = try await bank.get(client, bankLink)
            #expect(form.status == .ok)
            #expect(form.html.contains("Tonnes of food redistributed"))
            #expect(!form.html.contains("Share of shops donating"))
            let saved = try await bank.post(client, bankLink, ["indicator": tonnes.key, "period": "2027-01", "value": "52", "note": "Two new <vans>"])
            #expect(saved.status == .seeOther)
            #expect(try await bank.get(client, bankLink).html.contains("Two new &lt;vans&gt;"))
            // Not another partner's indicator, not another partnership's, not a value the unit forbids.
            let zoeIndicator = try #require(try await store.recordItems(of: zoe.partnership).first).key
            for (fields, message) in [
                (["indicator": shops.key, "period": "2027-Q1", "value": "10"], "Choose one of the indicators"),
                (["indicator": zoeIndicator, "period": "2027-01", "value": "10"], "Choose one of the indicators"),
                (["indicator": tonnes.key, "period": "2027-01", "value": "2.5"], "must be a whole number"),
                (["indicator": tonnes.key, "period": "2027-Q1", "value": "3"], "not a monthly period"),
            ] {
                let refused = try await bank.post(client, bankLink, fields)
                #expect(refused.status == .badRequest, "\(fields)")
                #expect(refused.html.contains(message), "\(fields): \(message)")
            }
            var grocers = TestBrowser()
            let over = try await grocers.post(client, grocersLink, ["indicator": shops.key, "period": "2027-Q1", "value": "101"])
            #expect(over.html.contains("must be between 0 and 100"))
            #expect(try await store.indicatorValues(of: ana.partnership).map(\.reading.value) == [52])
            #expect(try await store.indicatorValues(of: zoe.partnership).isEmpty)
            #expect(try await bank.get(client, "/report/not-a-real-code").status == .notFound)
            #expect(try await store.recordChanges(of: ana.partnership).contains { $0.via == "report-link" && $0.byName == "City Food Bank" })
        }
    }

    @Test func csvValueImportIsAllOrNothingWithLocatedErrors() async throws {
        try await RecordTestApp.run { client, setup, store in
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "indicator", "name": "Share of shops donating", "unit": "percentage", "frequency": "quarterly"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "indicator", "name": "Meals served", "unit": "count", "frequency": "monthly"])
            let bad = """
            indicator,period,value,note
            Share of shops donating,2027-Q1,35,fine
            Share of shops donating,2027-Q2,120,too many
            meals served,2027-01,10.5,half a meal
            Meals served,2027-Q1,10,wrong period
            Nobody's indicator,2027-01,1,
            Meals served,2027-02,ten,
            Share of shops donating,2027-Q1,36,again
            """
            let refused = try await ana.facilitator.post(client, "\(ana.record)/values", ["csv": bad])
            #expect(refused.status == .badRequest)
            for expected in ["line 3: column &quot;value&quot;: 120 for &quot;Share of shops donating&quot; is a percentage",
                             "line 4: column &quot;value&quot;: 10.5 for &quot;Meals served&quot; is a count",
                             "line 5: column &quot;period&quot;: &quot;2027-Q1&quot; is not a monthly period; write it like 2027-03",
                             "line 6: column &quot;indicator&quot;: &quot;Nobody&#39;s indicator&quot; is not an indicator",
                             "line 7: column &quot;value&quot;: &quot;ten&quot; is not a number",
                             "line 8: &quot;Share of shops donating&quot; already has a value for 2027-Q1 on line 2"] {
                #expect(refused.html.contains(expected) || refused.html.contains(expected.replacingOccurrences(of: "&#39;", with: "&#x27;")), "\(expected)")
            }
            #expect(!refused.html.contains("line 2:"))
            #expect(try await store.indicatorValues(of: ana.partnership).isEmpty, "nothing saved")
            let missing = try await ana.facilitator.post(client, "\(ana.record)/values", ["csv": "indicator,value\nMeals served,3\n"])
            #expect(missing.html.contains("line 1: the header has no column &quot;period&quot;"))

            let good = "indicator,period,value,note\nShare of shops donating,2027-Q1,35,fine\nmeals served,2027-01,120,\n"
            #expect(try await ana.facilitator.post(client, "\(ana.record)/values", ["csv": good]).status == .seeOther)
            #expect(try await store.indicatorValues(of: ana.partnership).map(\.reading.value).sorted() == [35, 120])
        }
    }

    @Test func theProgressPageDrawsEachIndicatorWithItsTableAndExports() async throws {
        try await RecordTestApp.run { client, setup, store in
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", [
                "kind": "indicator", "name": "Tonnes wasted <city>", "unit": "count", "direction": "decrease", "baseline": "500", "since": "2026-01-01",
                "target": "300", "target_date": "2026-12-31", "frequency": "quarterly", "reporter": ana.partners[0].key])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "next-step", "what": "Publish the first report", "due": "2020-01-01", "status": "open"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "next-step", "what": "Hire a coordinator", "status": "done"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "agreement", "text": "Share data monthly", "owner": ana.partners[1].key])
            let csv = "indicator,period,value,note\nTonnes wasted <city>,2026-Q1,480,Slow start\nTonnes wasted <city>,2026-Q2,400,New depot\n"
            #expect(try await ana.facilitator.post(client, "\(ana.record)/values", ["csv": csv]).status == .seeOther)

            let page = try await ana.facilitator.get(client, "/partnerships/\(ana.key)/progress")
            #expect(page.status == .ok)
            #expect(page.html.contains("<svg class=\"chart\""))
            #expect(page.html.contains("Tonnes wasted &lt;city&gt;"))
            #expect(!page.html.contains("<city>"), "no user text unescaped, in the page or its chart")
            #expect(page.html.contains("<caption>Values of Tonnes wasted &lt;city&gt;</caption>"), "a table beside every chart")
            // 2026-Q2 ends on day 180 of 364: the course stands at 500 − 200 × 180/364 = 401.1; 400 is on track.
            #expect(page.html.contains("<td>2026-Q2</td><td>400</td><td>401.1</td>"))
            #expect(page.html.contains("status on-track"))
            #expect(page.html.contains("New depot"))
            #expect(page.html.contains("Publish the first report") && page.html.contains("overdue"))
            #expect(page.html.range(of: "Open")!.lowerBound < page.html.range(of: "Done")!.lowerBound, "next steps grouped by status")
            #expect(page.html.contains("Data freshness:"))

            let json = try await ana.facilitator.get(client, "/partnerships/\(ana.key)/progress.json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.html.utf8)) as? [String: Any])
            let indicators = try #require(object["indicators"] as? [[String: Any]])
            #expect(indicators.first?["status"] as? String == "on-track")
            #expect((indicators.first?["values"] as? [[String: Any]])?.count == 2)
            #expect((object["agreements"] as? [[String: Any]])?.first?["text"] as? String == "Share data monthly")
            let exported = try await ana.facilitator.get(client, "/partnerships/\(ana.key)/progress.csv")
            #expect(exported.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = exported.html.split(separator: "\r\n")
            #expect(lines.count == 3)
            #expect(lines[2].hasSuffix(",2026-Q2,400,New depot,Ana Facilitator"))
        }
    }

    @Test func theAssessmentShowsEachFieldsRatioBesideEarlierSessions() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup: the assessment run three times — on the Path of Joint Action, then twice as the tool alone
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            let first = try await ana.session(client, store, date: "2026-12-01", edits: assessmentEdits(field: "assessment", green: ["shared-purpose": 3], red: ["trust-and-relationships": 4, "shared-purpose": 1]))
            _ = try await ana.session(client, store, item: "partnership-assessment", date: "2027-06-01",
                                      edits: assessmentEdits(field: "assessment", green: ["trust-and-relationships": 2, "shared-purpose": 2], red: ["trust-and-relationships": 2, "shared-purpose": 1]))
            let third = try await ana.session(client, store, item: "partnership-assessment", date: "2027-12-01",
                                              edits: assessmentEdits(field: "assessment", green: ["trust-and-relationships": 6], red: ["trust-and-relationships": 2, "shared-purpose": 1]), close: false)
            _ = first

            // MUT
            let page = try await ana.facilitator.get(client, "/sessions/\(third.uuidString.lowercased())/assessment")

            // validate: trust went from 0/4 to 2/2 = 1.00 to 6/2 = 3.00; shared purpose 3/1 = 3.00, 2/1 = 2.00, 0/1 = 0.00
            #expect(page.status == .ok)
            #expect(page.html.contains("<th scope=\"col\">2026-12-01</th><th scope=\"col\">2027-06-01</th><th scope=\"col\">2027-12-01</th>"))
            #expect(page.html.contains("<th scope=\"row\">Trust and relationships</th><td>0 / 4 = 0.00</td><td>2 / 2 = 1.00</td><td>6 / 2 = 3.00</td><td>+3.00</td>"), "\(page.html)")
            #expect(page.html.contains("<td>3 / 1 = 3.00</td><td>2 / 1 = 2.00</td><td>0 / 1 = 0.00</td><td>-3.00</td>"))
            let progress = try await ana.facilitator.get(client, "/partnerships/\(ana.key)/progress")
            #expect(progress.html.contains("Partnership Assessment over time"))
        }
    }
}

@Suite struct RecordPageFormTests {
    /// The fields a form on a page would send as shown: inputs with their values, each select's selected option.
    static func fields(of form: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for input in form.matches(of: #/<input(?: type="(?:hidden|date)")? name="([a-z_]+)" value="([^"]*)"/#) where input.1 != "_csrf" {
            fields[String(input.1)] = String(input.2)
        }
        for select in form.matches(of: #/<select name="([a-z_]+)"[^>]*>(.*?)</select>/#) {
            fields[String(select.1)] = select.2.firstMatch(of: #/<option value="([^"]*)" selected>/#).map { String($0.1) } ?? ""
        }
        return fields
    }

    @Test func everyEntrysFormSavesAsShownWithoutAChange() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup: one entry of each kind, every attribute filled
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            let entries: [[String: String]] = [
                ["kind": "indicator", "name": "Meals", "definition": "Plates served", "unit": "count", "direction": "decrease", "baseline": "10",
                 "since": "2026-02-01", "target": "4", "target_date": "2027-02-01", "reporter": ana.partners[0].key, "frequency": "monthly"],
                ["kind": "role", "partner": ana.partners[1].key, "role": "Convenor"],
                ["kind": "agreement", "text": "Monthly call", "owner": ana.partners[2].key],
                ["kind": "next-step", "what": "Write", "owner": ana.partners[2].key, "due": "2027-02-01", "status": "in-progress"],
            ]
            for entry in entries { #expect(try await ana.facilitator.post(client, "\(ana.record)/entries", entry).status == .seeOther) }
            let page = try await ana.facilitator.get(client, ana.record).html
            let forms = page.matches(of: #/<form class="[a-z-]+" action="([^"]+/entries/[0-9a-f-]{36})" method="post">(.*?)</form>/#.dotMatchesNewlines())

            // MUT: each form sent back as shown
            #expect(forms.count == 4)
            for form in forms {
                let response = try await ana.facilitator.post(client, String(form.1), Self.fields(of: form.2))
                #expect(response.status == .seeOther, "\(form.1): \(response.html.prefix(300))")
            }

            // validate: nothing changed, so nothing new in the history
            #expect(try await store.recordChanges(of: ana.partnership).allSatisfy { $0.action == "created" })
            #expect(try await store.recordItems(of: ana.partnership).count == 4)
        }
    }
}
