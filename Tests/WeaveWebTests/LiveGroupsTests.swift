import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

/// Groups over real sockets: the facilitator forms the triads step's groups from the people connected,
/// mixed by organisation and of the step's size, every screen sees them, and a reshuffle forms them again.
@Suite struct LiveGroupsTests {
    @Test func theFacilitatorFormsMixedTriadsAndReshufflesThem() async throws {
        try await TestApp.run(.live) { client, setup in
            // setup: six people from four organisations, two each from the first two
            let workshop = try await Workshop.make(client, setup: setup)
            let port = try #require(client.port)
            func open(_ path: String, _ cookies: String) async throws -> LiveConnection {
                let connection = await LiveConnection.open(port: port, path: path, cookies: cookies)
                connection.send(["type": "hello", "after": 0])
                _ = try await connection.next("snapshot")
                return connection
            }
            let host = try await open("/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            var phones: [LiveConnection] = []
            for (name, partner) in [("Ana", 0), ("Ben", 0), ("Chiara", 1), ("Dev", 1), ("Ebru", 2), ("Finn", 3)] {
                phones.append(try await open("/s/\(workshop.session)/live", try await workshop.join(client, name: name, partner: partner).cookieHeader))
            }
            host.send(["type": "formGroups", "id": "g0"])
            #expect(try await host.next("error").string("message") == "This step does not work in groups.")
            phones[0].send(["type": "formGroups", "id": "a1"])
            #expect(try await phones[0].next("error") { $0.string("id") == "a1" }.string("message") == "Only a facilitator can form groups.")
            let plan = try #require(SessionPlanLookup.triadStep())
            host.send(["type": "move", "id": "m1", "phase": plan.phase, "step": plan.step])
            _ = try await host.next("ack") { $0.string("id") == "m1" }

            // MUT
            host.send(["type": "formGroups", "id": "g1"])
            // validate: on every screen, two triads, each organisation's two people in different triads
            var formed: [[String]] = []
            for screen in [host] + phones {
                let event = try await screen.next("event") { ($0.object("facilitation")?["groups"] as? [String: Any]) != nil }
                let groups = try #require(event.object("facilitation")?["groups"] as? [String: Any])
                #expect(groups["phase"] as? Int == plan.phase && groups["step"] as? Int == plan.step)
                formed = try #require(groups["groups"] as? [[String]])
            }
            let rosters = await host.all.filter { $0.string("type") == "participants" }
            let latest = try #require(rosters.last?["participants"] as? [[String: Any]])
            let partnerOf = Dictionary(uniqueKeysWithValues: latest.map { ($0["id"] as! String, $0["partner"] as! String) })
            #expect(formed.map(\.count) == [3, 3])
            #expect(Set(formed.flatMap { $0 }).count == 6)
            for group in formed { #expect(Set(group.compactMap { partnerOf[$0] }).count == 3, "a triad mixes three organisations") }
            // A reshuffle forms them again (any formation with the same properties).
            host.send(["type": "formGroups", "id": "g2"])
            _ = try await host.next("ack") { $0.string("id") == "g2" }
            var facilitator = workshop.facilitator
            #expect(try await facilitator.get(client, "/sessions/\(workshop.session)/history").html.contains("Formed 2 groups of 3, 3"))
        }
    }
}

/// Where the Path of Joint Action's mixed triads are.
enum SessionPlanLookup {
    static func triadStep() -> (phase: Int, step: Int)? {
        guard let plan = SessionPlan(itemID: "joint-action", library: TestApp.library) else { return nil }
        for (p, section) in plan.sections.enumerated() {
            if let s = section.steps.firstIndex(where: { $0.groups?.size == 3 }) { return (p, s) }
        }
        return nil
    }
}
