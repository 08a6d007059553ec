import Foundation
import HummingbirdTesting
import Logging
import ServiceLifecycle
import Testing
import WeaveCore
@testable import WeaveStore
@testable import WeaveWeb

/// Session pages and canvas reads serve the session's row (and its export) from memory: a closed or deleted
/// session must read so at once, and what one partnership's facilitator has in memory is never another's.
@Suite struct SessionCacheTests {
    /// The app on an in-memory SQLite store the test can read, serving on a real port (for live sockets).
    private func withServer(_ test: @escaping @Sendable (any TestClientProtocol, Store, Int, String?) async throws -> Void) async throws {
        let store = try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory, passwordCost: 4, logLevel: .warning),
                                                library: TestApp.library, store: store)
        try await server.application.test(.live) { client in try await test(client, store, try #require(client.port), server.setupPath) }
        await store.shutdown()
    }

    @Test func aClosedSessionReadsClosedAtOnceOnThisServer() async throws {
        try await withServer { client, store, port, setup in
            // setup: the session's page, canvas read and row read once, so all are in memory.
            var workshop = try await Workshop.make(client, setup: setup)
            let page = "/sessions/\(workshop.session)"
            let id = try #require(UUID(uuidString: workshop.session))
            #expect(try await workshop.facilitator.get(client, page).html.contains(#""status":"open""#))
            #expect(try await workshop.facilitator.get(client, page + "/export.json").html.contains(#""closed" : false"#))
            #expect(store.sessionRows.session(id)?.isClosed == false, "the row is kept")

            // MUT: the facilitator closes the session from the canvas.
            let host = await LiveConnection.open(port: port, path: page + "/live", cookies: workshop.facilitator.cookieHeader)
            host.send(["type": "hello", "after": 0])
            _ = try await host.next("snapshot")
            host.send(["type": "close", "id": "end"])
            _ = try await host.next("ack")

            // validate: as soon as the close is acknowledged, nothing reads the session as open.
            #expect(try await store.session(id)?.isClosed == true)
            #expect(try await workshop.facilitator.get(client, page).html.contains(#""status":"closed""#))
            #expect(try await workshop.facilitator.get(client, page + "/export.json").html.contains(#""closed" : true"#))
            var late = TestBrowser()
            #expect(try await late.get(client, "/join/\(workshop.joinCode)").status == .notFound)
        }
    }

    @Test func aDeletedSessionIsGoneAtOnceOnThisServer() async throws {
        try await withServer { client, store, _, setup in
            // setup: a second session, not started, whose page and canvas were read (so kept).
            var workshop = try await Workshop.make(client, setup: setup)
            let scheduled = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions",
                                                                 ["item": "joint-action", "date": "2026-12-02", "start": "09:00"])
            let page = scheduled.location
            #expect(try await workshop.facilitator.get(client, page).status == .ok)
            #expect(try await workshop.facilitator.get(client, page + "/export.json").status == .ok)

            // MUT
            #expect(try await workshop.facilitator.post(client, page + "/delete", [:]).status == .seeOther)

            // validate
            for path in [page, page + "/export.json", page + "/export.md", page + "/history"] {
                #expect(try await workshop.facilitator.get(client, path).status == .notFound, "\(path)")
            }
            #expect(try await store.session(try #require(UUID(uuidString: String(page.split(separator: "/").last ?? "")))) == nil)
        }
    }

    @Test func aSavedPreparationShowsAtOnceOnTheSessionPageAndItsCanvasRead() async throws {
        try await TestApp.run { client, setup in
            // setup: the session page and canvas read are in memory, with no preparation answered yet.
            var workshop = try await Workshop.make(client, setup: setup)
            let page = "/sessions/\(workshop.session)"
            #expect(!(try await workshop.facilitator.get(client, page)).html.contains("Cold storage"))
            #expect(!(try await workshop.facilitator.get(client, page + "/export.json")).html.contains("Cold storage"))
            let partnershipPage = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            let prepLink = try #require(partnershipPage.html.firstMatch(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#)?.1).description
            var partner = TestBrowser()
            let form = try await partner.get(client, prepLink)
            let field = try #require(form.html.firstMatch(of: #/<textarea name="([a-z0-9/-]+)"/#)?.1).description

            // MUT: a partner answers its worksheet.
            #expect(try await partner.post(client, prepLink, [field: "Cold storage"]).status == .seeOther)

            // validate
            #expect((try await workshop.facilitator.get(client, page)).html.contains("Cold storage"))
            #expect((try await workshop.facilitator.get(client, page + "/export.json")).html.contains("Cold storage"))
        }
    }

    @Test func whatOnePartnershipHasInMemoryIsNeverServedToAnother() async throws {
        try await withServer { client, _, _, setup in
            // setup: Ana's session page and canvas read are in memory; Zoe facilitates a partnership of her own.
            var ana = try await Workshop.make(client, setup: setup)
            var zoe = try await Workshop.make(client, setup: nil, email: "zoe@example.org")
            let anas = "/sessions/\(ana.session)"
            #expect(try await ana.facilitator.get(client, anas).status == .ok)
            #expect(try await ana.facilitator.get(client, anas + "/export.json").status == .ok)
            let partner = try await ana.join(client, name: "Ben", partner: 0)

            // MUT / validate: Zoe asks for Ana's session every way there is, and gets nothing of it.
            for path in [anas, anas + "/projector", anas + "/export.json", anas + "/export.md", anas + "/export.html", anas + "/history"] {
                let response = try await zoe.facilitator.get(client, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.html.contains(ana.session) && !response.html.contains(ana.partnership), "\(path)")
            }
            // Her own pages, read after Ana's were kept, name only her own session and partners.
            for path in ["/sessions/\(zoe.session)", "/sessions/\(zoe.session)/export.json"] {
                let response = try await zoe.facilitator.get(client, path)
                #expect(response.status == .ok)
                #expect(response.html.contains(zoe.session))
                #expect(!response.html.contains(ana.session) && !response.html.contains(ana.partners[0]), "\(path)")
            }
            // Ana's participant reaches Ana's session only.
            var ben = partner
            #expect(try await ben.get(client, "/s/\(ana.session)").status == .ok)
            #expect(try await ben.get(client, "/s/\(zoe.session)").status == .notFound)
        }
    }
}

/// `/health/ready` turns 503 as soon as graceful shutdown begins, so a load balancer stops sending requests
/// (and the live pages told to reconnect) to a server that is about to stop.
@Suite struct ShutdownReadinessTests {
    @Test func readinessSaysNotReadyOnceShutdownBegins() async throws {
        let store = try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory, passwordCost: 4, logLevel: .warning),
                                                library: TestApp.library, store: store)
        try await server.application.test(.router) { client in
            // setup
            let before = try await client.execute(uri: "/health/ready", method: .get, headers: [:], body: nil)
            #expect(before.status == .ok)

            // MUT: graceful shutdown begins (the shutdown service is the first to hear of it).
            let group = ServiceGroup(configuration: .init(services: [.init(service: server.liveShutdown)], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await Task.sleep(for: .milliseconds(50))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }

            // validate: not ready, saying why; the server still answers everything else while it drains.
            let after = try await client.execute(uri: "/health/ready", method: .get, headers: [:], body: nil)
            #expect(after.status == .serviceUnavailable)
            #expect(String(buffer: after.body).contains("shutting down"))
            #expect(try await client.execute(uri: "/health", method: .get, headers: [:], body: nil).status == .ok)
        }
        await store.shutdown()
    }
}
