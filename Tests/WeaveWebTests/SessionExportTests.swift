import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// The defects the room found in the exports and the history (issue 9, item 8), each over a live session.
@Suite struct SessionExportTests {
    @Test func exportsKeepCanvasOrderPreparationAnswersFocalIssuePartnersAndEarlierTexts() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: a partner prepares; roles are chosen for Town Hall and Green Grocers (canvas order: Town Hall
            // first; alphabetically Green Grocers would be); the vision is written twice.
            let workshop = try await Workshop.make(client, setup: setup)
            var facilitator = workshop.facilitator
            let partnershipPage = try await facilitator.get(client, "/partnerships/\(workshop.partnership)")
            let prepLink = try #require(partnershipPage.html.firstMatch(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#)?.1).description
            var partner = TestBrowser()
            _ = try await partner.get(client, prepLink)
            #expect(try await partner.post(client, prepLink, ["projects-as-an-interface/strategic-intent": "Feed every family", "projects-as-an-interface/capabilities": "Vans"]).status == .seeOther)
            let port = try #require(client.port)
            let host = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            host.send(["type": "hello", "after": 0])
            _ = try await host.next("snapshot")
            let edits: [[String: Any]] = [
                ["setPartnerAnswer": ["field": "primary-roles", "partner": workshop.partners[2], "choices": ["funder"]]],
                ["setPartnerAnswer": ["field": "primary-roles", "partner": workshop.partners[1], "choices": ["convenor"]]],
                ["setText": ["field": "vision-statement", "text": "A first vision."]],
                ["setText": ["field": "vision-statement", "text": "A better vision."]],
            ]
            for (index, edit) in edits.enumerated() {
                host.send(["type": "edit", "id": "e\(index)", "edit": edit])
                _ = try await host.next("ack") { $0.string("id") == "e\(index)" }
            }

            // MUT
            let markdown = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md").html
            let printable = try await facilitator.get(client, "/sessions/\(workshop.session)/export.html").html
            let json = try await facilitator.get(client, "/sessions/\(workshop.session)/export.json").html

            // validate: roles in the partners' order
            for text in [markdown, printable] {
                let town = try #require(text.range(of: "Town Hall", options: [], range: text.range(of: "Primary role of each partner")!.upperBound..<text.endIndex))
                let green = try #require(text.range(of: "Green Grocers", options: [], range: text.range(of: "Primary role of each partner")!.upperBound..<text.endIndex))
                #expect(town.lowerBound < green.lowerBound, "roles follow the canvas's partner order")
            }
            // The printable page has the focal issue and the partners; both have the preparation answers and earlier texts.
            #expect(printable.contains("Food waste in the city"))
            #expect(printable.contains("River University"))
            for text in [markdown, printable] {
                #expect(text.contains("Feed every family"), "the preparation answers are exported")
                #expect(text.contains("A first vision."), "earlier versions of a text are exported")
                #expect(text.contains("A better vision."))
            }
            #expect(json.contains("\"preparation\""))
            #expect(json.contains("Feed every family"))
        }
    }

    @Test func historyTimesAreShownInTheReadersTimeZone() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup
            let workshop = try await Workshop.make(client, setup: setup)
            let host = await LiveConnection.open(port: try #require(client.port), path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
            host.send(["type": "hello", "after": 0])
            _ = try await host.next("snapshot")
            host.send(["type": "clock", "id": "c1", "action": "start"])
            _ = try await host.next("ack")
            var facilitator = workshop.facilitator
            // MUT
            let page = try await facilitator.get(client, "/sessions/\(workshop.session)/history").html
            // validate: the server writes UTC in a machine-readable element, and a script shows it in local time.
            #expect(page.contains("Started the clock"))
            #expect(page.firstMatch(of: #/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" data-local-time>/#) != nil)
            #expect(page.contains("<script src=\"/assets/local-times.js\" defer></script>"))
            #expect(!page.contains("(UTC)"))
            let script = try await client.execute(uri: "/assets/local-times.js", method: .get)
            #expect(script.status == .ok)
        }
    }
}
