import Foundation
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing
import WeaveStore
@testable import WeaveWeb

/// The live canvas over real sockets: join, edit, broadcast, reconnect, and the rules the server enforces.
@Suite struct LiveCanvasTests {
    /// Runs a test against a live server with a scheduled Path of Joint Action session.
    private func withWorkshop(_ test: @escaping @Sendable (any TestClientProtocol, Int, Workshop) async throws -> Void) async throws {
        try await TestApp.run(.live) { client, setup in
            let workshop = try await Workshop.make(client, setup: setup)
            try await test(client, try #require(client.port), workshop)
        }
    }

    private func participant(_ client: any TestClientProtocol, _ port: Int, _ workshop: Workshop, name: String, partner: Int) async throws -> LiveConnection {
        let browser = try await workshop.join(client, name: name, partner: partner)
        let connection = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: browser.cookieHeader)
        connection.send(["type": "hello", "after": 0])
        _ = try await connection.next("snapshot")
        return connection
    }

    private func facilitator(_ port: Int, _ workshop: Workshop) async throws -> LiveConnection {
        let connection = await LiveConnection.open(port: port, path: "/sessions/\(workshop.session)/live", cookies: workshop.facilitator.cookieHeader)
        connection.send(["type": "hello", "after": 0])
        _ = try await connection.next("snapshot")
        return connection
    }

    private func addItem(_ id: String, _ item: String, _ text: String, field: String = "triad-challenges") -> [String: Any] {
        ["type": "edit", "id": id, "edit": ["addItem": ["field": field, "item": item, "text": text]]]
    }

    @Test func editsReachEveryoneAndAReconnectingClientCatchesUp() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)

            ana.send(addItem("a1", "i1", "Not enough cold storage"))
            let ack = try await ana.next("ack")
            #expect(ack.string("id") == "a1")
            #expect(ack["sequence"] as? Int == 1)
            let seen = try await ben.next("event")
            #expect(seen["sequence"] as? Int == 1)
            #expect(seen.string("field") == "triad-challenges")
            #expect(listTexts(seen.object("value"), "triad-challenges") == ["Not enough cold storage"])
            #expect((seen.object("actor"))?["name"] as? String == "Ana")

            // Ben drops; Ana goes on; Ben comes back and asks for what came after the last thing he saw.
            ben.close()
            #expect(await ben.waitClosed())
            ana.send(addItem("a2", "i2", "Shops throw food away at closing"))
            ana.send(addItem("a3", "i3", "No one coordinates pick-ups"))
            _ = try await ana.next("ack") { $0.string("id") == "a3" }
            let benCookies = try await workshop.join(client, name: "Ben again", partner: 1).cookieHeader
            let back = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: benCookies)
            back.send(["type": "hello", "after": 1])
            let snapshot = try await back.next("snapshot")
            #expect(snapshot["sequence"] as? Int == 3)
            #expect(listTexts(snapshot.object("state"), "triad-challenges")
                    == ["Not enough cold storage", "Shops throw food away at closing", "No one coordinates pick-ups"])
            // The facilitator's page, loaded now, starts from the same point.
            var facilitator = workshop.facilitator
            let page = try await facilitator.get(client, "/sessions/\(workshop.session)")
            #expect(page.html.contains("\"sequence\":3"))
        }
    }

    @Test func twoPeopleAddingAtOnceBothKeepTheirItems() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)
            for index in 0..<20 {
                ana.send(addItem("a\(index)", "ana-\(index)", "Ana's challenge \(index)"))
                ben.send(addItem("b\(index)", "ben-\(index)", "Ben's challenge \(index)"))
            }
            _ = try await ana.next("ack") { $0.string("id") == "a19" }
            _ = try await ben.next("ack") { $0.string("id") == "b19" }
            let watcher = try await participant(client, port, workshop, name: "Cleo", partner: 2)
            let snapshot = await watcher.all.last { $0["type"] as? String == "snapshot" }
            let texts = listTexts(snapshot?.object("state"), "triad-challenges")
            #expect(texts.count == 40)
            #expect(Set(texts).count == 40)
            #expect(snapshot?["sequence"] as? Int == 40)
            // Every event reached Ana exactly once, in order.
            let sequences = await ana.all.filter { $0["type"] as? String == "event" }.compactMap { $0["sequence"] as? Int }
            #expect(sequences == Array(1...40))
        }
    }

    @Test func aResentMessageIsNotAppliedTwice() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let edit: [String: Any] = ["type": "edit", "id": "same", "edit": ["setText": ["field": "vision-statement", "text": "Nobody in our city goes hungry."]]]
            ana.send(edit)
            let first = try await ana.next("ack")
            ana.send(edit)
            let second = try await ana.next("ack")
            #expect(first["sequence"] as? Int == 1)
            #expect(second["sequence"] as? Int == 1)
            ana.send(["type": "hello", "after": 0])
            #expect(try await ana.next("snapshot")["sequence"] as? Int == 1)
        }
    }

    @Test func theServerHoldsEachParticipantToTheirTokenBudget() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let ben = try await participant(client, port, workshop, name: "Ben", partner: 1)
            func token(_ id: String, _ colour: String, _ target: String, remove: Bool = false) -> [String: Any] {
                ["type": "edit", "id": id, "edit": [remove ? "removeToken" : "placeToken": ["field": "assessment", "colour": colour, "target": target]]]
            }
            for index in 0..<3 { ana.send(token("g\(index)", "green", index == 0 ? "shared-purpose" : "clarity-of-roles")) }
            _ = try await ana.next("ack") { $0.string("id") == "g2" }
            ana.send(token("g3", "green", "shared-purpose"))
            let refused = try await ana.next("error")
            #expect(refused.string("id") == "g3")
            #expect(refused.string("field") == "assessment")
            #expect(refused.string("message") == "You have placed all 3 of your works well (green) tokens; take one back to place it elsewhere.")
            // Ben's budget is his own; red tokens are a separate budget.
            ben.send(token("b1", "green", "shared-purpose"))
            #expect(try await ben.next("ack")["sequence"] as? Int == 4)
            ana.send(token("r1", "red", "shared-purpose"))
            #expect(try await ana.next("ack") { $0.string("id") == "r1" }["sequence"] as? Int == 5)
            // Taking one back frees it.
            ana.send(token("g4", "green", "clarity-of-roles", remove: true))
            _ = try await ana.next("ack") { $0.string("id") == "g4" }
            ana.send(token("g5", "green", "decision-making"))
            #expect(try await ana.next("ack") { $0.string("id") == "g5" }["sequence"] as? Int == 7)
        }
    }

    @Test func lockedSectionsRefuseEditsAndOnlyFacilitatorsLock() async throws {
        try await withWorkshop { client, port, workshop in
            let host = try await facilitator(port, workshop)
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            ana.send(["type": "lock", "id": "p1", "section": "orientation", "locked": true])
            #expect(try await ana.next("error").string("message") == "Only a facilitator can lock or unlock a section.")
            ana.send(["type": "move", "id": "p2", "phase": 1, "step": 0])
            #expect(try await ana.next("error").string("message") == "Only a facilitator can move the session to another step.")

            host.send(["type": "lock", "id": "f1", "section": "orientation", "locked": true])
            let locked = try await ana.next("event")
            #expect((locked.object("facilitation")?["locked"] as? [String]) == ["orientation"])
            ana.send(addItem("a1", "i1", "Too late"))
            let refused = try await ana.next("error")
            #expect(refused.string("message") == "Orientation is locked by the facilitator; ask them to unlock it to make changes.")
            // Other sections stay open.
            ana.send(addItem("a2", "c1", "Low wages", field: "core-causes"))
            _ = try await ana.next("ack") { $0.string("id") == "a2" }

            host.send(["type": "lock", "id": "f2", "section": "orientation", "locked": false])
            _ = try await host.next("ack") { $0.string("id") == "f2" }
            ana.send(addItem("a3", "i1", "Now it fits"))
            _ = try await ana.next("ack") { $0.string("id") == "a3" }

            host.send(["type": "move", "id": "f3", "phase": 2, "step": 1])
            let moved = try await ana.next("event") { ($0.object("facilitation")?["phase"] as? Int) == 2 }
            #expect(moved.object("facilitation")?["step"] as? Int == 1)
            #expect(moved.object("facilitation")?["startedAt"] is String)
            host.send(["type": "move", "id": "f4", "phase": 9, "step": 0])
            #expect(try await host.next("error").string("message") == "There is no step 1 in phase 10 of this session.")
            host.send(["type": "lock", "id": "f5", "section": "no-such-phase", "locked": true])
            #expect(try await host.next("error").string("message") == "There is no section \"no-such-phase\" in this session.")
        }
    }

    @Test func badMessagesGetAReasonAndChangeNothing() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            let cases: [(Any, String)] = [
                (["type": "edit", "id": "x1", "edit": ["addItem": ["field": "nope", "item": "i", "text": "t"]]], "There is no field \"nope\" on this canvas."),
                (["type": "edit", "id": "x2", "edit": ["setText": ["field": "vision-statement", "text": "<script>alert(1)</script>"]]], "looks like HTML"),
                (["type": "edit", "id": "x3", "edit": ["setText": ["field": "vision-statement", "text": String(repeating: "a", count: 6_000)]]], "at most"),
                (["type": "edit", "id": "x4", "edit": ["addItem": ["field": "triad-challenges", "item": 7, "text": "t"]]], "wrong type"),
                (["type": "edit", "id": "x5", "edit": ["placeToken": ["field": "assessment", "colour": "blue", "target": "shared-purpose"]]], "has no blue tokens"),
                (["type": "edit", "id": "x6", "edit": ["setText": ["field": "triad-challenges", "text": "t"]]], "this change does not apply to it"),
                (["type": "dance", "id": "x7"], "Unknown message type"),
                (["type": "edit", "id": "x8", "edit": ["setPartnerAnswer": ["field": "primary-roles", "partner": UUID().uuidString.lowercased(), "choices": ["convenor"]]]],
                 "That partner is not part of this partnership."),
                (["type": "edit", "id": "x9", "edit": ["removeItem": ["field": "triad-challenges", "item": "never-added"]]], "That item is no longer in"),
                (["type": "edit", "id": String(repeating: "x", count: 65), "edit": ["setText": ["field": "vision-statement", "text": "t"]]], "A message id is 1 to 64 characters."),
            ]
            for (message, expected) in cases {
                if let object = message as? [String: Any] { ana.send(object) }
                let error = try await ana.next("error")
                #expect(error.string("message")?.contains(expected) == true, "expected “\(expected)” in “\(error.string("message") ?? "")”")
            }
            ana.sendText("{not json")
            #expect(try await ana.next("error").string("message")?.contains("not valid JSON") == true)
            ana.send(["type": "hello", "after": 0])
            #expect(try await ana.next("snapshot")["sequence"] as? Int == 0)
        }
    }

    @Test func closingASessionStopsEditsAndJoining() async throws {
        try await withWorkshop { client, port, workshop in
            let host = try await facilitator(port, workshop)
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            host.send(["type": "close", "id": "c1"])
            _ = try await host.next("ack")
            ana.send(addItem("a1", "i1", "After the end"))
            #expect(try await ana.next("error").string("message") == "This session is closed; nothing more can be changed.")
            var late = TestBrowser()
            let join = try await late.get(client, "/join/\(workshop.joinCode)")
            #expect(join.status == .notFound)
        }
    }

    @Test func socketsRefuseOtherSessionsForeignPagesAndStrangers() async throws {
        try await withWorkshop { client, port, workshop in
            // A second facilitator with a session of their own.
            let other = try await Workshop.make(client, setup: nil, email: "zoe@example.org")
            let anaBrowser = try await workshop.join(client, name: "Ana", partner: 0)
            let attempts: [(String, String)] = [
                ("/s/\(other.session)/live", anaBrowser.cookieHeader),                 // a participant, another session
                ("/sessions/\(workshop.session)/live", anaBrowser.cookieHeader),       // a participant, the facilitator socket
                ("/sessions/\(workshop.session)/live", other.facilitator.cookieHeader), // a facilitator of another partnership
                ("/s/\(workshop.session)/live", ""),                                    // no one
                ("/s/not-a-uuid/live", anaBrowser.cookieHeader),
            ]
            for (path, cookies) in attempts {
                let connection = await LiveConnection.open(port: port, path: path, cookies: cookies)
                #expect(await connection.waitClosed(), "\(path) should be refused")
                #expect(await connection.connectFailure != nil, "\(path) should be refused")
                #expect(await connection.all.isEmpty)
            }
            // A page on another site cannot borrow the participant's cookies.
            let foreign = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: anaBrowser.cookieHeader, origin: "https://evil.example")
            #expect(await foreign.waitClosed())
            #expect(await foreign.connectFailure != nil)
            // (Every other test connects with the client's own same-host Origin, and is let in.)
        }
    }

    @Test func theCanvasExportsAsMarkdownJSONAndAPrintablePage() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana <3", partner: 0)
            let edits: [[String: Any]] = [
                addItem("e1", "i1", "Cold storage | *shared*"),
                ["type": "edit", "id": "e2", "edit": ["setText": ["field": "vision-statement", "text": "Nobody in our city goes hungry & no food is wasted."]]],
                ["type": "edit", "id": "e3", "edit": ["addRow": ["field": "next-steps", "row": "n1", "cells": ["what": "Map pick-ups", "who": workshop.partners[1], "by-when": "2027-01-15"]]]],
                ["type": "edit", "id": "e4", "edit": ["placeToken": ["field": "assessment", "colour": "red", "target": "shared-purpose"]]],
                ["type": "edit", "id": "e5", "edit": ["setPartnerAnswer": ["field": "primary-roles", "partner": workshop.partners[0], "choices": ["convenor"]]]],
                ["type": "edit", "id": "e6", "edit": ["setText": ["field": "vision-statement", "text": "  Nobody in our city goes hungry & no food is wasted.  "]]],
            ]
            for edit in edits { ana.send(edit) }
            _ = try await ana.next("ack") { $0.string("id") == "e6" }
            var facilitator = workshop.facilitator

            let markdown = try await facilitator.get(client, "/sessions/\(workshop.session)/export.md")
            #expect(markdown.status == .ok)
            #expect(markdown.headers[.contentType] == "text/markdown; charset=utf-8")
            let md = markdown.html
            #expect(md.hasPrefix("# Path of Joint Action — Riverside Food Network"))
            #expect(md.contains("## Orientation\n\n### Challenges noted in the triads\n\n- Cold storage \\| \\*shared\\*"))
            #expect(md.contains("Nobody in our city goes hungry & no food is wasted."))
            #expect(md.contains("| Map pick-ups | Town Hall | 2027-01-15 |"))
            #expect(md.contains("| City Food Bank | Convenor or backbone |"))
            #expect(md.contains("- Participants: Ana \\<3"))

            let json = try await facilitator.get(client, "/sessions/\(workshop.session)/export.json")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.html.utf8)) as? [String: Any])
            #expect(object["format"] as? Int == 1)
            #expect((object["session"] as? [String: Any])?["sequence"] as? Int == 6)
            // The earlier texts are read from the log for the export, as they always were in it.
            let canvas = object["canvas"] as? [String: Any]
            #expect((canvas?["textHistory"] as? [String: [[String: Any]]])?["vision-statement"]?.map { $0["text"] as? String }
                    == ["Nobody in our city goes hungry & no food is wasted."])
            #expect((canvas?["earlierTexts"] as? [String: Int])?["vision-statement"] == 1)
            #expect(listTexts(object["canvas"] as? [String: Any], "triad-challenges") == ["Cold storage | *shared*"])
            let sections = try #require(object["sections"] as? [[String: Any]])
            #expect(sections.map { $0["id"] as? String } == ["orientation", "groundwork", "summit", "outlook", "action-plan", "closing"])
            let actionPlan = try #require(sections.first { $0["id"] as? String == "action-plan" }?["fields"] as? [[String: Any]])
            let assessment = try #require(actionPlan.first { $0["id"] as? String == "assessment" })
            #expect((assessment["rows"] as? [[String]])?.first == ["Shared purpose", "0", "1", "0.00"], "priorities first: red without green")

            let page = try await facilitator.get(client, "/sessions/\(workshop.session)/export.html")
            #expect(page.status == .ok)
            #expect(page.html.contains("<li>Cold storage | *shared*</li>"))
            #expect(page.html.contains("Nobody in our city goes hungry &amp; no food is wasted."))
            #expect(page.html.contains("Ana &lt;3"))
            #expect(!page.html.contains("Ana <3"))

            let history = try await facilitator.get(client, "/sessions/\(workshop.session)/history")
            #expect(history.html.contains("Challenges noted in the triads: added “Cold storage | *shared*”"))
            #expect(history.html.contains("Ana &lt;3"))
        }
    }

    @Test func metricsCountRequestsSocketsAndCanvasEvents() async throws {
        try await withWorkshop { client, port, workshop in
            let ana = try await participant(client, port, workshop, name: "Ana", partner: 0)
            ana.send(addItem("m1", "i1", "One"))
            _ = try await ana.next("ack")
            var browser = TestBrowser()
            let metrics = try await browser.get(client, "/metrics")
            #expect(metrics.status == .ok)
            let text = metrics.html
            #expect(text.contains("weave_canvas_events_total 1"))
            #expect(text.contains("weave_websocket_connections 1"))
            #expect(text.contains(#"weave_http_requests_total{method="POST",route="/join/{code}",status="303"} 1"#))
            #expect(text.contains(#"weave_http_request_duration_seconds_bucket{method="GET",route="/sessions/{session}""#))
            #expect(!text.contains(workshop.session), "routes are counted by pattern, never by id")
        }
    }

    @Test func shutdownTellsLivePagesToReconnectAndLetsGo() async throws {
        let store = try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory, passwordCost: 4, logLevel: .warning),
                                                library: TestApp.library, store: store)
        try await server.application.test(.live) { client in
            let workshop = try await Workshop.make(client, setup: server.setupPath)
            let ana = try await participant(client, try #require(client.port), workshop, name: "Ana", partner: 0)
            ana.send(addItem("s1", "i1", "Saved before the restart"))
            _ = try await ana.next("ack")
            // The shutdown service runs first when the server stops (it comes last in `services`).
            #expect(server.services.last is LiveShutdownService)
            let group = ServiceGroup(configuration: .init(services: [.init(service: server.liveShutdown)], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(50))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let reconnect = try await ana.next("reconnect")
            #expect(reconnect.string("message") == "The server is restarting; your page will reconnect by itself.")
            #expect(await ana.waitClosed())
            // What was acknowledged is in the log.
            #expect(try await store.eventCount(of: try #require(UUID(uuidString: workshop.session))) == 1)
        }
        await store.shutdown()
    }
}
