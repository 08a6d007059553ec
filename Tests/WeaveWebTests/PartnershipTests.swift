import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

@Suite struct PartnershipTests {
    @Test func aFacilitatorSetsUpAPartnershipAndItsPartnersPrepare() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            #expect(workshop.partners.count == 4)
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            #expect(page.status == .ok)
            #expect(page.html.contains("Food waste in the city"))
            #expect(page.html.contains("City Food Bank"))
            #expect(page.html.contains("Nonprofit / CSO"))
            #expect(page.html.contains("Path of Joint Action"))

            // Each partner has a private preparation link; its answers reach the session's Orientation.
            let prepLink = try #require(page.html.firstMatch(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#)?.1).description
            var partner = TestBrowser()
            let form = try await partner.get(client, prepLink)
            #expect(form.status == .ok)
            #expect(form.html.contains("Projects as an Interface (24)"))
            #expect(form.html.contains("Strategic intent"))
            let saved = try await partner.post(client, prepLink, ["projects-as-an-interface/strategic-intent": "Cut food waste by half & feed <everyone>",
                                                                   "projects-as-an-interface/capabilities": "Vans and volunteers"])
            #expect(saved.status == .seeOther)
            #expect(try await partner.get(client, prepLink).html.contains("Cut food waste by half &amp; feed &lt;everyone&gt;"))
            var stranger = TestBrowser()
            #expect(try await stranger.get(client, "/prep/not-a-real-code").status == .notFound)

            let session = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)")
            #expect(session.status == .ok)
            let boot = try #require(session.html.firstMatch(of: #/<script type="application/json" id="weave-boot">(.*?)</script>/#)?.1)
            #expect(!boot.contains("<"), "the boot JSON escapes every < so no text can close the script element")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(boot.utf8)) as? [String: Any])
            let preparation = try #require(json["preparation"] as? [String: Any])
            #expect(preparation["phase"] as? String == "orientation")
            let answers = try #require(preparation["answers"] as? [String: [String: String]])
            #expect(answers.values.contains { $0["strategic-intent"] == "Cut food waste by half & feed <everyone>" })
            #expect((json["phases"] as? [[String: Any]])?.count == 6)
            #expect((json["viewer"] as? [String: Any])?["role"] as? String == "facilitator")
            // Fewer people than the path recommends: the page says so.
            #expect(session.html.contains("0 participants have joined; Path of Joint Action is meant for 10–15."))
        }
    }

    @Test func participantsJoinWithACodeAndSeeOnlyTheirSession() async throws {
        try await TestApp.run { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            var visitor = TestBrowser()
            let form = try await visitor.get(client, "/join")
            #expect(form.status == .ok)
            let typed = try await visitor.post(client, "/join", ["code": workshop.joinCode.lowercased()])
            #expect(typed.location == "/join/\(workshop.joinCode)")
            let named = try await visitor.get(client, typed.location)
            #expect(named.status == .ok)
            #expect(named.html.contains("Riverside Food Network"))
            let markup = try await visitor.post(client, "/join/\(workshop.joinCode)", ["name": "<img src=x>", "partner": workshop.partners[0]])
            #expect(markup.status == .badRequest)
            let noPartner = try await visitor.post(client, "/join/\(workshop.joinCode)", ["name": "Ana", "partner": UUID().uuidString])
            #expect(noPartner.status == .badRequest)
            #expect(noPartner.html.contains("Choose the organisation you are here for."))

            var ana = try await workshop.join(client, name: "Ana", partner: 0)
            let canvas = try await ana.get(client, "/s/\(workshop.session)")
            #expect(canvas.status == .ok)
            #expect(canvas.html.contains("\"role\":\"participant\""))
            #expect(canvas.html.contains("data-view=\"participant\""))
            // Not the facilitator's pages, nor anyone else's session.
            for path in ["/sessions/\(workshop.session)", "/sessions/\(workshop.session)/projector", "/sessions/\(workshop.session)/export.json",
                         "/partnerships/\(workshop.partnership)"] {
                #expect(try await ana.get(client, path).status == .seeOther, "\(path) sends a participant to sign in")
            }
            let other = try await Workshop.make(client, setup: nil, email: "zoe@example.org")
            #expect(try await ana.get(client, "/s/\(other.session)").status == .notFound)
            var nobody = TestBrowser()
            #expect(try await nobody.get(client, "/s/\(workshop.session)").status == .notFound)
            #expect(try await nobody.get(client, "/join/AAAAA-AAAAA").status == .notFound)
        }
    }

    @Test func guessingJoinCodesIsRateLimited() async throws {
        try await TestApp.run { client, _ in
            var guesser = TestBrowser()
            var statuses: [Int] = []
            for index in 0..<22 { statuses.append(try await guesser.get(client, "/join/AAAAA-AAA\(String(format: "%02d", index))").status.code) }
            #expect(statuses.prefix(20).allSatisfy { $0 == 404 })
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 })
        }
    }

    /// Fifteen people in one room share one address: the right code never runs into the limit.
    @Test func aRoomBehindOneAddressAllJoin() async throws {
        try await TestApp.run { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            for index in 0..<30 {
                _ = try await workshop.join(client, name: "Person \(index)", partner: index % 4)
            }
            var facilitator = workshop.facilitator
            #expect(try await facilitator.get(client, "/sessions/\(workshop.session)").html.contains("30 participants have joined; Path of Joint Action is meant for 10–15. Consider splitting into groups."))
        }
    }

    /// Every route that takes a partnership or session id answers a facilitator of another partnership as
    /// if it did not exist, and changes nothing.
    @Test func noFacilitatorReachesAnotherPartnership() async throws {
        try await TestApp.run { client, setup in
            let mine = try await Workshop.make(client, setup: setup)
            var other = try await Workshop.make(client, setup: nil, email: "zoe@example.org")
            let gets = ["/partnerships/\(mine.partnership)", "/sessions/\(mine.session)", "/sessions/\(mine.session)/projector",
                        "/sessions/\(mine.session)/history", "/sessions/\(mine.session)/export.json", "/sessions/\(mine.session)/export.md",
                        "/sessions/\(mine.session)/export.html", "/partnerships/not-a-uuid", "/sessions/not-a-uuid"]
            for path in gets {
                #expect(try await other.facilitator.get(client, path).status == .notFound, "GET \(path)")
            }
            let posts: [(String, [String: String])] = [
                ("/partnerships/\(mine.partnership)", ["name": "Taken", "focal_issue": "Over"]),
                ("/partnerships/\(mine.partnership)/partners", ["name": "Intruder", "type": "business"]),
                ("/partnerships/\(mine.partnership)/facilitators", ["email": "zoe@example.org"]),
                ("/partnerships/\(mine.partnership)/sessions", ["item": "joint-action", "date": "2026-12-24", "start": "09:00"]),
            ]
            for (path, fields) in posts {
                #expect(try await other.facilitator.post(client, path, fields).status == .notFound, "POST \(path)")
            }
            var owner = mine.facilitator
            let page = try await owner.get(client, "/partnerships/\(mine.partnership)")
            #expect(!page.html.contains("Taken"))
            #expect(!page.html.contains("Intruder"))
            #expect(!page.html.contains("zoe@example.org") && !page.html.contains("Ana Facilitator (co-facilitator)"))
            #expect(page.html.components(separatedBy: "/export.html").count == 2, "still one session")

            // Once added as co-facilitator, they can.
            #expect(try await owner.post(client, "/partnerships/\(mine.partnership)/facilitators", ["email": "zoe@example.org"]).status == .seeOther)
            #expect(try await other.facilitator.get(client, "/sessions/\(mine.session)").status == .notFound, "not before accepting")
            #expect(try await acceptInvitations(client, &other.facilitator) == 1)
            #expect(try await other.facilitator.get(client, "/sessions/\(mine.session)").status == .ok)
        }
    }

    @Test func badFormsSayWhyAndChangeNothing() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            let cases: [(String, [String: String], String)] = [
                ("\(base)/partners", ["name": "", "type": "nonprofit"], "The partner&#39;s name is required."),
                ("\(base)/partners", ["name": "X", "type": "alien"], "Choose the partner&#39;s type"),
                ("\(base)/partners", ["name": String(repeating: "n", count: 200), "type": "business"], "at most 160 characters"),
                ("\(base)/partners", ["name": "City Food Bank", "type": "nonprofit"], "There is already a partner called"),
                ("\(base)/sessions", ["item": "no-such-path", "date": "2026-12-01"], "Choose a path, or a tool with canvas fields"),
                ("\(base)/sessions", ["item": "joint-action", "date": "1 Dec"], "is not a date as YYYY-MM-DD"),
                ("\(base)/sessions", ["item": "joint-action", "date": "2026-12-01", "start": "25:99"], "is not a time as HH:MM"),
                ("\(base)/sessions", ["item": "joint-action", "date": "2026-12-01", "breaks": "noon"], "Breaks:"),
                ("\(base)/facilitators", ["email": "nobody"], "does not look like an email address"),
                ("/partnerships", ["name": "No issue", "focal_issue": ""], "The focal issue is required."),
            ]
            for (path, fields, message) in cases {
                let response = try await workshop.facilitator.post(client, path, fields)
                #expect(response.status == .badRequest, "\(path) \(fields)")
                #expect(response.html.contains(message), "“\(message)” in \(response.html.prefix(600))")
            }
            let page = try await workshop.facilitator.get(client, base)
            #expect(page.html.components(separatedBy: "/export.html").count == 2, "no session was scheduled by a refused form")
        }
    }

    @Test func aSingleToolCanBeRunAsASession() async throws {
        try await TestApp.run { client, setup in
            let workshop = try await Workshop.make(client, setup: setup, item: "partner-assessment-form")
            var facilitator = workshop.facilitator
            let page = try await facilitator.get(client, "/sessions/\(workshop.session)")
            #expect(page.status == .ok)
            let boot = try #require(page.html.firstMatch(of: #/id="weave-boot">(.*?)</script>/#)?.1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(boot.utf8)) as? [String: Any])
            let phases = try #require(json["phases"] as? [[String: Any]])
            #expect(phases.count == 1)
            #expect((phases[0]["steps"] as? [Any])?.isEmpty == true)
            #expect(((phases[0]["fields"] as? [[String: Any]])?.first?["kind"] as? String) == "rating")
        }
    }

    /// A path that names its own preparation worksheet gets it: the partnership page and every partner's
    /// link serve the worksheet of each path the partnership has scheduled, not always tool 24.
    @Test func preparationLinksServeTheWorksheetsOfTheScheduledPaths() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveCoreTests/Fixtures/own-worksheet")
        let library = try Library.loading([LibraryFolder(url: folder, display: "own-worksheet")])
        try await TestApp.run(library: library, configure: { _ in }) { client, setup, _ in
            var workshop = try await Workshop.make(client, setup: setup, item: "readiness-path")
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            #expect(page.html.contains("<th>Readiness worksheet</th>"))
            let prepLink = try #require(page.html.firstMatch(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#)?.1).description
            var partner = TestBrowser()
            let form = try await partner.get(client, prepLink)
            #expect(form.html.contains("What we need from the others"))
            #expect(!form.html.contains("Strategic intent"), "a path with its own worksheet does not get tool 24's")
            #expect(try await partner.post(client, prepLink, ["readiness-worksheet/brings": "A warehouse", "readiness-worksheet/needs": "Drivers"]).status == .seeOther)
            #expect(try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html.contains("2 of 2 answered"))

            // Scheduling the Path of Joint Action as well adds its worksheet to the same link.
            let scheduled = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions",
                                                                 ["item": "joint-action", "date": "2026-12-02", "start": "09:00"])
            #expect(scheduled.status == .seeOther)
            let both = try await partner.get(client, prepLink)
            #expect(both.html.contains("<legend>Readiness worksheet</legend>"))
            #expect(both.html.contains("<legend>Projects as an Interface (24)</legend>"))
            #expect(both.html.contains("A warehouse"))
        }
    }

    /// Scheduling a path with alternative tools and optional steps: the form offers them, the session keeps
    /// the choice, and the live plan uses the chosen tool without the step left out.
    @Test func schedulingChoosesAnAlternativeToolAndLeavesAnOptionalStepOut() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveCoreTests/Fixtures/two-day")
        let library = try Library.loading([LibraryFolder(url: folder, display: "two-day")])
        try await TestApp.run(library: library, configure: { _ in }) { client, setup, _ in
            // setup
            var workshop = try await Workshop.make(client, setup: setup, item: "example-two-days")
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            #expect(page.html.contains(#"<select name="tool/example-two-days/rate.1">"#))
            #expect(page.html.contains(#"<option value="stakeholder-analysis">Stakeholder Analysis (34)</option>"#))
            #expect(page.html.contains(#"name="omit/example-two-days/rate.2""#))
            #expect(!page.html.contains("omit/example-two-days/arrive.1"), "only optional steps can be left out")

            // MUT
            let scheduled = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions", [
                "item": "example-two-days", "date": "2026-12-04", "start": "09:00",
                "tool/example-two-days/rate.1": "stakeholder-analysis", "omit/example-two-days/rate.2": "1",
            ])
            #expect(scheduled.status == .seeOther)

            // validate: the facilitator's boot data carries the chosen plan
            let session = try await workshop.facilitator.get(client, scheduled.location)
            let boot = try #require(session.html.firstMatch(of: #/<script type="application/json" id="weave-boot">(.*?)</script>/#)?.1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(boot.utf8)) as? [String: Any])
            let phases = try #require(json["phases"] as? [[String: Any]])
            let rate = try #require(phases.first { $0["id"] as? String == "rate" })
            let steps = try #require(rate["steps"] as? [[String: Any]])
            #expect(steps.map { $0["title"] as? String } == ["Rate the candidates"])
            #expect(steps.first?["tool"] as? String == "Stakeholder Analysis (34)")
            #expect(rate["minutes"] as? Int == 45)
            // The session's agenda and handout show the path as it runs: the chosen tool, the energiser gone.
            let agenda = try await workshop.facilitator.get(client, scheduled.location + "/agenda").html
            #expect(agenda.contains("Stakeholder Analysis (34)"))
            #expect(!agenda.contains("Energiser"))
            #expect(try await workshop.facilitator.get(client, "/library/example-two-days").html.contains("Energiser"), "the library's page shows the path as written")
            #expect(try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html.contains(scheduled.location + "/agenda"))

            // A tool that is not an alternative, or leaving out a step that is not optional, is refused.
            let wrongTool = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions", [
                "item": "example-two-days", "date": "2026-12-04", "start": "09:00", "tool/example-two-days/rate.1": "problem-tree",
            ])
            #expect(wrongTool.status == .badRequest)
            #expect(wrongTool.html.contains("cannot use “problem-tree”"))
            let notOptional = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions", [
                "item": "example-two-days", "date": "2026-12-04", "start": "09:00", "omit/example-two-days/arrive.1": "1",
            ])
            #expect(notOptional.status == .badRequest)
            #expect(notOptional.html.contains("is not optional"))
        }
    }

    @Test func aPartnershipWhosePathsHaveNoWorksheetHasNoPreparationLinks() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup, item: "stakeholder-analysis")
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            #expect(page.status == .ok)
            #expect(!page.html.contains("/prep/"))
        }
    }
}
