import Foundation
import HummingbirdTesting
import Logging
import Testing
import WeaveCore
@testable import WeaveStore
@testable import WeaveWeb

/// Two servers on one PostgreSQL database each keep logins and partnerships in memory; a sign-out or an
/// accepted invitation on one must hold on the other at once, not after the caches' minute.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WEAVE_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false,
                "PostgreSQL tests need WEAVE_TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database, with a role that may create databases; .ci/run sets it up"))
struct CacheInvalidationTests {
    @Test func signOutAndNewMembersHoldOnTheOtherServerAtOnce() async throws {
        try await withScratchPostgresDatabase { url, _, _ in
            try await withTwoServers(url) { clientA, clientB, setupA, _, _ in
                // setup: both servers have Ana's login and the partnership (without Zoe) in memory.
                var workshop = try await Workshop.make(clientA, setup: setupA)
                let page = "/sessions/\(workshop.session)"
                var anaOnB = workshop.facilitator
                #expect(try await anaOnB.get(clientB, page).status == .ok)
                var zoe = TestBrowser()
                try await signUp(clientA, &zoe, name: "Zoe", email: "zoe@example.org", setup: nil)
                #expect(try await workshop.facilitator.post(clientA, "/partnerships/\(workshop.partnership)/facilitators",
                                                           ["email": "zoe@example.org"]).status == .seeOther)
                var zoeOnB = zoe
                #expect(try await zoeOnB.get(clientB, page).status == .notFound)

                // MUT: Zoe accepts on A; Ana signs out on A.
                #expect(try await acceptInvitations(clientA, &zoe) == 1)
                #expect(try await workshop.facilitator.post(clientA, "/logout", [:]).status == .seeOther)

                // validate: B follows within moments (the notice travels through PostgreSQL), far inside
                // the minute after which its caches would read the database again anyway.
                #expect(await eventually { (try? await zoeOnB.get(clientB, page).status) == .ok }, "Zoe reaches the session through B")
                #expect(await eventually {
                    let response = try? await anaOnB.get(clientB, page)
                    return response?.status == .seeOther && response?.location.hasPrefix("/login") == true
                }, "Ana's ended login no longer opens pages on B")
            }
        }
    }

    @Test func aSessionClosedOrDeletedOnOneServerIsSoOnTheOtherAtOnce() async throws {
        try await withScratchPostgresDatabase { url, _, _ in
            try await withTwoServers(url) { clientA, clientB, setupA, _, storeB in
                // setup: two sessions, each read through B, so B keeps both rows.
                var workshop = try await Workshop.make(clientA, setup: setupA)
                let closing = "/sessions/\(workshop.session)"
                let deleting = try await workshop.facilitator.post(clientA, "/partnerships/\(workshop.partnership)/sessions",
                                                                   ["item": "joint-action", "date": "2026-12-02", "start": "09:00"]).location
                var anaOnB = workshop.facilitator
                for page in [closing, deleting] { #expect(try await anaOnB.get(clientB, page).status == .ok) }
                let closingID = try #require(UUID(uuidString: workshop.session))
                #expect(storeB.sessionRows.session(closingID)?.isClosed == false, "B keeps the open row")

                // MUT: on A, the facilitator closes one from the canvas and deletes the other.
                let host = await LiveConnection.open(port: try #require(clientA.port), path: closing + "/live", cookies: workshop.facilitator.cookieHeader)
                host.send(["type": "hello", "after": 0])
                _ = try await host.next("snapshot")
                host.send(["type": "close", "id": "end"])
                _ = try await host.next("ack")
                #expect(try await workshop.facilitator.post(clientA, deleting + "/delete", [:]).status == .seeOther)

                // validate: B follows within moments (the store's notice travels through PostgreSQL), far inside
                // the minute after which it would read the rows again anyway.
                #expect(await eventually { (try? await storeB.session(closingID))??.isClosed == true }, "B reads the session closed")
                #expect(await eventually { (try? await anaOnB.get(clientB, deleting).status) == .notFound }, "B no longer has the deleted session")
                #expect(await eventually { (try? await anaOnB.get(clientB, closing + "/export.json").html.contains(#""closed" : true"#)) == true })
            }
        }
    }

    /// True once `check` holds, trying for up to five seconds.
    private func eventually(_ check: () async -> Bool) async -> Bool {
        for _ in 0..<50 {
            if await check() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func noticesReadBackAsSentAndEventsStayEvents() throws {
        let id = UUID()
        #expect(CacheNotice(payload: CacheNotice.partnership(id).payload) == .partnership(id))
        #expect(CacheNotice(payload: CacheNotice.login(digest: "abc123").payload) == .login(digest: "abc123"))
        #expect(CacheNotice(payload: EventChannel.payload(session: id, sequence: 4)) == nil)
        #expect(EventChannel.parse(CacheNotice.partnership(id).payload) == nil, "an older server ignores a notice")
        #expect(CacheNotice(payload: CacheNotice.session(id).payload) == .session(id))
        #expect(EventChannel.parse(CacheNotice.session(id).payload) == nil, "an older server ignores a notice")
        #expect(CacheNotice(payload: "forget partnership not-a-uuid") == nil)
        #expect(CacheNotice(payload: "forget session not-a-uuid") == nil)
    }
}

/// The canvas page's boot JSON and the export read: made faster, and still what they were.
@Suite struct PageWorkTests {
    @Test func bootJSONWithEncodedPhasesIsTheSameAsEncodingItWhole() throws {
        let library = TestApp.library
        let plan = try #require(SessionPlan(itemID: "joint-action", library: library))
        for preparation in [nil, CanvasBoot.Preparation(title: "Prep </script>", phase: "orientation", fields: [.init(id: "a", label: "A & B")],
                                                         answers: ["p": ["a": "line\u{2028}sep\u{2029} <b> 👩‍👩‍👧‍👦"]])] {
            let boot = CanvasBoot(session: .init(id: "s", title: "T <i>", partnership: "P & Q", status: "open", joinCode: "AAAAA-BBBBB"),
                                  viewer: .init(role: "participant", id: "x", participant: "x", name: "Ana > Ben", partner: "p"),
                                  phases: plan.sections, partners: [.init(id: "p", name: "Food \u{2028} Bank")],
                                  preparation: preparation, limits: .init(LiveLimits()), socket: "/s/s/live", sequence: 41)
            #expect(boot.scriptJSON(phasesJSON: LiveJSON.text(plan.sections)) == ScriptJSON.embed(boot))
        }
    }

    @Test func aKeptBootIsTheSameAsEncodingItAndAnyChangeIsEncodedAnew() throws {
        // setup
        let plan = try #require(SessionPlan(itemID: "joint-action", library: TestApp.library))
        let phases = LiveJSON.text(plan.sections)
        let cache = BootCache()
        let session = UUID()
        var boot = CanvasBoot(session: .init(id: "s", title: "T <i>", partnership: "P & Q", status: "open", joinCode: "AAAAA-BBBBB"),
                              viewer: .init(role: "facilitator", id: "f", name: "Ana"), phases: plan.sections,
                              partners: [.init(id: "p", name: "Food Bank")],
                              preparation: .init(title: "Prep", phase: "orientation", fields: [.init(id: "a", label: "A")], answers: [:]),
                              limits: .init(LiveLimits()), socket: "/sessions/s/live", sequence: 0)
        // MUT / validate: the same JSON as encoding the whole, whatever moved since the first page.
        #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
        for sequence in [1, 9, 10, 12_345] {
            boot.sequence = sequence
            #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
        }
        boot.preparation?.answers = ["p": ["a": "Cold storage </script>"]]
        #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
        boot.session.status = "closed"
        boot.session.joinCode = ""
        #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
        boot.partners.append(.init(id: "q", name: "Town Hall"))
        #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
        // Another viewer of the same session gets their own name and id, never the first one's.
        var other = boot
        other.viewer = .init(role: "participant", id: "x", participant: "x", name: "Ben", partner: "p")
        #expect(cache.scriptJSON(other, session: session, phasesJSON: phases) == ScriptJSON.embed(other))
        #expect(cache.scriptJSON(boot, session: session, phasesJSON: phases) == ScriptJSON.embed(boot))
    }

    @Test func scriptJSONEscapesWhatCouldCloseTheElement() {
        #expect(ScriptJSON.escape(#"{"a":"</script><!-- & \#u{2028}\#u{2029} é 👩‍👩‍👧‍👦"}"#)
                == #"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029 é 👩‍👩‍👧‍👦"}"#)
        #expect(ScriptJSON.escape("plain") == "plain")
        // Other characters whose UTF-8 starts with E2 stay as they are.
        #expect(ScriptJSON.escape("→ – €") == "→ – €")
    }

    @Test func anUnchangedExportIsServedAgainAndAChangedOneIsMadeAnew() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let export = "/sessions/\(workshop.session)/export.json"
            let first = try await workshop.facilitator.get(client, export)
            #expect(first.status == .ok)
            #expect(try await workshop.facilitator.get(client, export).html == first.html)
            // A participant joins: the export names them.
            _ = try await workshop.join(client, name: "Ben Newcomer", partner: 0)
            #expect(try await workshop.facilitator.get(client, export).html.contains("Ben Newcomer"))
            // The partnership is renamed: the export says so.
            #expect(try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)",
                                                       ["name": "Riverside Food Alliance", "focal_issue": "Food waste"]).status == .seeOther)
            #expect(try await workshop.facilitator.get(client, export).html.contains("Riverside Food Alliance"))
        }
    }
}
