import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// Facilitator control of what they set up: partners edited, removed only when no session used them;
/// sessions deleted only before they start.
@Suite struct PartnerChangesTests {
    @Test func partnersAreEditedAndRemovedOnlyWhenNoSessionUsedThem() async throws {
        try await TestApp.run { client, setup in
            // setup
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)/partners"
            // MUT: rename Town Hall; a clash is refused and changes nothing
            #expect(try await workshop.facilitator.post(client, "\(base)/\(workshop.partners[1])", ["name": "Riverside Town Hall", "type": "government", "sector": "Food"]).status == .seeOther)
            #expect(try await workshop.facilitator.post(client, "\(base)/\(workshop.partners[1])", ["name": "City Food Bank", "type": "government"]).status == .badRequest)
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html
            #expect(page.contains("Riverside Town Hall"))
            // A partner someone joined for stays; an unused one goes.
            _ = try await workshop.join(client, name: "Ana", partner: 0)
            let kept = try await workshop.facilitator.post(client, "\(base)/\(workshop.partners[0])/remove", [:])
            #expect(kept.status == .conflict)
            #expect(kept.html.contains("took part in a session"))
            #expect(try await workshop.facilitator.post(client, "\(base)/\(workshop.partners[3])/remove", [:]).status == .seeOther)
            let after = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html
            #expect(!after.contains("River University"))
            #expect(after.contains("City Food Bank"))
            // validate: nobody else can.
            var stranger = TestBrowser()
            try await signUp(client, &stranger, name: "Zoe", email: "zoe@example.org", setup: nil)
            #expect(try await stranger.post(client, "\(base)/\(workshop.partners[2])/remove", [:]).status == .notFound)
        }
    }

    @Test func aSessionIsDeletedOnlyBeforeItStarts() async throws {
        try await TestApp.run { client, setup in
            // setup: two sessions; someone joins the first
            var workshop = try await Workshop.make(client, setup: setup)
            let scheduled = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions",
                                                                ["item": "joint-action", "date": "2026-12-08", "start": "09:00", "breaks": ""])
            let second = String(scheduled.location.split(separator: "/").last ?? "")
            _ = try await workshop.join(client, name: "Ana", partner: 0)
            // MUT + validate
            let started = try await workshop.facilitator.post(client, "/sessions/\(workshop.session)/delete", [:])
            #expect(started.status == .conflict)
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)").html
            #expect(page.contains("action=\"/sessions/\(second)/delete\""))
            #expect(!page.contains("action=\"/sessions/\(workshop.session)/delete\""))
            #expect(try await workshop.facilitator.post(client, "/sessions/\(second)/delete", [:]).status == .seeOther)
            #expect(try await workshop.facilitator.get(client, "/sessions/\(second)").status == .notFound)
            #expect(try await workshop.facilitator.get(client, "/sessions/\(workshop.session)").status == .ok)
        }
    }
}
