import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

/// The session clock and the projector's view, over real sockets, with a clock the test moves by hand.
@Suite struct LiveClockTests {
    private func withWorkshop(item: String = "joint-action",
                              _ test: @escaping @Sendable (any TestClientProtocol, Int, Workshop, ManualClock) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestApp.run(.live, configure: { _ in }, now: { clock.now }) { client, setup, _ in
            let workshop = try await Workshop.make(client, setup: setup, item: item)
            try await test(client, try #require(client.port), workshop, clock)
        }
    }

    private func open(_ port: Int, _ path: String, _ cookies: String) async throws -> LiveConnection {
        let connection = await LiveConnection.open(port: port, path: path, cookies: cookies)
        connection.send(["type": "hello", "after": 0])
        _ = try await connection.next("snapshot")
        return connection
    }

    private static func iso(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    @Test func theClockStartsPausesResumesGainsMinutesAndResetsOnEveryScreen() async throws {
        try await withWorkshop { client, port, workshop, clock in
            // setup: the facilitator, a phone and the projector
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            let wall = try await open(port, "/sessions/\(workshop.session)/live?view=projector", workshop.facilitator.cookieHeader)
            let started = clock.now

            // MUT + validate, one action at a time; each screen gets the same facilitation state.
            ana.send(["type": "clock", "id": "a1", "action": "start"])
            #expect(try await ana.next("error").string("message") == "Only a facilitator can work the clock.")
            host.send(["type": "clock", "id": "c0", "action": "pause"])
            #expect(try await host.next("error").string("message") == "The clock has not started yet; start the session first.")

            func step(_ message: [String: Any]) async throws -> [String: Any] {
                host.send(message)
                var seen: [[String: Any]] = []
                // The sender's event comes before its ack.
                for screen in [host, ana, wall] { seen.append(try #require(try await screen.next("event").object("facilitation"))) }
                let id = message["id"] as? String
                _ = try await host.next("ack") { $0.string("id") == id }
                let texts = try seen.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
                #expect(Set(texts).count == 1, "every screen has the same clock: \(texts)")
                return seen[0]
            }
            var f = try await step(["type": "clock", "id": "c1", "action": "start"])
            #expect(f["startedAt"] as? String == Self.iso(started))
            #expect(f["sessionStartedAt"] as? String == Self.iso(started))
            clock.advance(minutes: 5)
            f = try await step(["type": "clock", "id": "c2", "action": "pause"])
            #expect(f["pausedAt"] as? String == Self.iso(started + 300))
            clock.advance(minutes: 10)
            f = try await step(["type": "clock", "id": "c3", "action": "resume"])
            #expect(f["pausedAt"] == nil)
            #expect(f["pausedSeconds"] as? Double == 600)
            f = try await step(["type": "clock", "id": "c4", "action": "extend", "minutes": 5])
            #expect(f["extraMinutes"] as? Int == 5)
            clock.advance(minutes: 1)
            f = try await step(["type": "clock", "id": "c5", "action": "reset"])
            #expect(f["startedAt"] as? String == Self.iso(started + 16 * 60))
            #expect(f["extraMinutes"] as? Int == 0)
            #expect(f["pausedSeconds"] as? Double == 0)
            #expect(f["sessionStartedAt"] as? String == Self.iso(started), "the day's start stays")
            host.send(["type": "clock", "id": "c6", "action": "start"])
            #expect(try await host.next("error").string("message") == "The clock is already running; pause or reset it instead.")
            host.send(["type": "clock", "id": "c7", "action": "extend", "minutes": 0])
            #expect(try await host.next("error").string("message") == "Add between 1 and 60 minutes at a time.")
            // A move later: the new step's clock starts then; the first step keeps its real start.
            clock.advance(minutes: 2)
            f = try await step(["type": "move", "id": "m1", "phase": 0, "step": 1])
            let reached = try #require(f["reached"] as? [[String: Any]])
            #expect(reached.map { $0["at"] as? String } == [Self.iso(started), Self.iso(started + 18 * 60)])
            _ = client
        }
    }

    @Test func overrunAndTheDaysDriftFollowFromTheAgenda() throws {
        // setup: the Path of Joint Action's plan, its first step started at 09:00
        let plan = try #require(SessionPlan(itemID: "joint-action", library: TestApp.library))
        let nine = Date(timeIntervalSince1970: 1_796_000_000)
        var f = Facilitation()
        try f.apply(.start, at: nine)
        let first = plan.sections[0].steps[0].minutes
        // MUT: the first step runs 12 minutes over
        let late = nine + Double((first + 12) * 60)
        // validate
        #expect(abs((f.remainingSeconds(in: plan, at: late) ?? 0) + 12 * 60) < 0.001)
        #expect(abs((f.driftSeconds(in: plan, at: late) ?? 0) - 12 * 60) < 0.001, "running 12 min late")
        // Moving on 12 minutes late carries the drift into the next step, which has not overrun yet.
        f.moved(toPhase: 0, step: 1, at: late)
        #expect(abs((f.driftSeconds(in: plan, at: late + 60) ?? 0) - 12 * 60) < 0.001)
        #expect(f.remainingSeconds(in: plan, at: late + 60) == Double(plan.sections[0].steps[1].minutes * 60 - 60))
        // A paused clock stands still, but the day goes on.
        try f.apply(.pause, at: late + 60)
        #expect(f.remainingSeconds(in: plan, at: late + 3600) == Double(plan.sections[0].steps[1].minutes * 60 - 60))
        // "+5 min" gives the step more time, and is not counted as the agenda's.
        try f.apply(.resume, at: late + 120)
        try f.apply(.extend(minutes: 5), at: late + 120)
        #expect(f.plannedSeconds(in: plan) == (plan.sections[0].steps[1].minutes + 5) * 60)
        #expect(Facilitation.plannedOffsetMinutes(toPhase: 1, step: 0, in: plan) == plan.sections[0].steps.reduce(0) { $0 + $1.minutes })
    }

    @Test func aSingleToolSessionHasAClockToo() async throws {
        try await withWorkshop(item: "partnership-assessment") { _, port, workshop, clock in
            // setup
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            // MUT
            host.send(["type": "clock", "id": "c1", "action": "start"])
            // validate
            let f = try #require(try await host.next("event").object("facilitation"))
            #expect(f["startedAt"] as? String == Self.iso(clock.now))
            let plan = try #require(SessionPlan(itemID: "partnership-assessment", library: TestApp.library))
            var state = Facilitation()
            try state.apply(.start, at: clock.now)
            #expect(state.plannedSeconds(in: plan) == plan.sections[0].minutes * 60)
            #expect(plan.sections[0].steps.isEmpty)
        }
    }

    @Test func theFacilitatorSteersTheProjector() async throws {
        try await withWorkshop { client, port, workshop, _ in
            // setup
            let host = try await open(port, "/sessions/\(workshop.session)/live", workshop.facilitator.cookieHeader)
            let wall = try await open(port, "/sessions/\(workshop.session)/live?view=projector", workshop.facilitator.cookieHeader)
            let ana = try await open(port, "/s/\(workshop.session)/live", try await workshop.join(client, name: "Ana", partner: 0).cookieHeader)
            // MUT + validate
            for (index, view) in [["view": "field", "field": "assessment"], ["view": "join"], ["view": "pause"], ["view": "phase"]].enumerated() {
                host.send(["type": "show", "id": "s\(index)"].merging(view) { a, _ in a })
                let shown = try #require(try await wall.next("event").object("facilitation")?["projector"] as? [String: Any])
                #expect(shown["view"] as? String == view["view"])
                #expect(shown["field"] as? String == view["field"])
            }
            host.send(["type": "show", "id": "bad", "view": "field", "field": "no-such-field"])
            #expect(try await host.next("error").string("message") == "There is no field \"no-such-field\" on this canvas to show.")
            wall.send(["type": "show", "id": "w1", "view": "join"])
            #expect(try await wall.next("error") { $0.string("id") == "w1" }.string("message")?.hasPrefix("This view only shows the canvas") == true)
            ana.send(["type": "show", "id": "a1", "view": "join"])
            #expect(try await ana.next("error") { $0.string("id") == "a1" }.string("message") == "Only a facilitator can choose what the projector shows.")
        }
    }
}
