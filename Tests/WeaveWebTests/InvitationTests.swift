import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// Adding someone by email: the answer does not say whether they have an account, and nobody is added
/// until they accept.
@Suite struct InvitationTests {
    @Test func invitingSaysNothingAboutAccountsAndAddsNobodyUntilTheyAccept() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            var zoe = TestBrowser()
            try await signUp(client, &zoe, name: "Zoe", email: "zoe@example.org", setup: nil)
            let base = "/partnerships/\(workshop.partnership)"

            // The same answer for an address with an account and one without.
            let existing = try await workshop.facilitator.post(client, "\(base)/facilitators", ["email": "zoe@example.org"])
            let unknown = try await workshop.facilitator.post(client, "\(base)/facilitators", ["email": "nobody@example.org"])
            #expect(existing.status == unknown.status)
            #expect(existing.location == unknown.location)
            let page = try await workshop.facilitator.get(client, base)
            #expect(page.html.contains("zoe@example.org (invited; joins on accepting)"))
            #expect(page.html.contains("nobody@example.org (invited; joins on accepting)"))
            #expect(!page.html.contains("Zoe (co-facilitator)"), "her name, which would reveal the account, is not shown")

            // Not in until she accepts.
            #expect(try await zoe.get(client, "/sessions/\(workshop.session)").status == .notFound)
            let home = try await zoe.get(client, "/partnerships")
            #expect(home.html.contains("Ana Facilitator invites you to co-facilitate the partnership “Riverside Food Network”."))

            // Someone else cannot answer her invitation.
            var mallory = TestBrowser()
            try await signUp(client, &mallory, name: "Mallory", email: "mallory@example.org", setup: nil)
            let invitation = try #require(home.html.firstMatch(of: #/action="(/invitations/[0-9a-f-]{36})/accept"/#)?.1)
            #expect(try await mallory.post(client, "\(invitation)/accept", [:]).status == .notFound)
            #expect(try await mallory.get(client, "/sessions/\(workshop.session)").status == .notFound)

            #expect(try await acceptInvitations(client, &zoe) == 1)
            #expect(try await zoe.get(client, "/sessions/\(workshop.session)").status == .ok)
            let after = try await workshop.facilitator.get(client, base)
            #expect(after.html.contains("Zoe (co-facilitator)"))
            #expect(!after.html.contains("zoe@example.org (invited"))
            #expect(try await zoe.post(client, "\(invitation)/accept", [:]).status == .notFound, "answered once")

            // Someone who signs up later with an invited address finds the invitation waiting, and may decline.
            var nobody = TestBrowser()
            try await signUp(client, &nobody, name: "No Body", email: "nobody@example.org", setup: nil)
            let waiting = try await nobody.get(client, "/partnerships")
            let declined = try #require(waiting.html.firstMatch(of: #/action="(/invitations/[0-9a-f-]{36}/decline)"/#)?.1)
            #expect(try await nobody.post(client, String(declined), [:]).status == .seeOther)
            #expect(try await acceptInvitations(client, &nobody) == 0)
            #expect(try await nobody.get(client, "/sessions/\(workshop.session)").status == .notFound)
            #expect(!(try await workshop.facilitator.get(client, base)).html.contains("nobody@example.org"))
        }
    }

    @Test func researchTeamsInviteTheSameWay() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser(), zoe = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            try await signUp(client, &zoe, name: "Zoe", email: "zoe@example.org", setup: nil)
            let project = try await ana.post(client, "/research", ["name": "Study"]).location
            let existing = try await ana.post(client, project + "/members", ["email": "zoe@example.org"])
            let unknown = try await ana.post(client, project + "/members", ["email": "nobody@example.org"])
            #expect(existing.status == .seeOther && existing.location == unknown.location)
            #expect(try await zoe.get(client, project).status == .notFound)
            let list = try await zoe.get(client, "/research")
            #expect(list.html.contains("Ana invites you to join the research project “Study”."))
            #expect(try await acceptInvitations(client, &zoe) == 1)
            #expect(try await zoe.get(client, project).status == .ok)
        }
    }
}
