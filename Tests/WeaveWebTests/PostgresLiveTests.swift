import Foundation
import HummingbirdTesting
import Logging
import NIOPosix
import PostgresKit
import PostgresNIO
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

/// Two Weave servers on one PostgreSQL database, as when scaling out: a change made through one reaches
/// browsers on the other (LISTEN/NOTIFY), and writes racing for the same sequence number both land.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["WEAVE_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false,
                "PostgreSQL tests need WEAVE_TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database, with a role that may create databases; .ci/run sets it up"))
struct PostgresLiveTests {
    @Test func twoServersShareOneSessionLive() async throws {
        try await withScratchDatabase { url in
            try await withTwoServers(url) { clientA, clientB, setupA, storeA, _ in
                let workshop = try await Workshop.make(clientA, setup: setupA)
                let ana = try await workshop.join(clientA, name: "Ana", partner: 0)
                let ben = try await workshop.join(clientB, name: "Ben", partner: 1)
                let onA = await LiveConnection.open(port: try #require(clientA.port), path: "/s/\(workshop.session)/live", cookies: ana.cookieHeader)
                let onB = await LiveConnection.open(port: try #require(clientB.port), path: "/s/\(workshop.session)/live", cookies: ben.cookieHeader)
                onA.send(["type": "hello", "after": 0])
                onB.send(["type": "hello", "after": 0])
                _ = try await onA.next("snapshot")
                _ = try await onB.next("snapshot")

                onB.send(["type": "edit", "id": "b0", "edit": ["addItem": ["field": "triad-challenges", "item": "b0", "text": "Made on server B"]]])
                let heard = try await onA.next("event")
                #expect(listTexts(heard.object("value"), "triad-challenges") == ["Made on server B"])

                for index in 1...15 {
                    onA.send(["type": "edit", "id": "a\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "a\(index)", "text": "A \(index)"]]])
                    onB.send(["type": "edit", "id": "b\(index)", "edit": ["addItem": ["field": "triad-challenges", "item": "b\(index)", "text": "B \(index)"]]])
                }
                _ = try await onA.next("ack", seconds: 15) { $0.string("id") == "a15" }
                _ = try await onB.next("ack", seconds: 15) { $0.string("id") == "b15" }
                // Both servers end with all 31 changes, each once, numbered without gaps.
                for connection in [onA, onB] {
                    #expect(await connection.eventually { $0["type"] as? String == "event" && $0["sequence"] as? Int == 31 })
                    let sequences = await connection.all.filter { $0["type"] as? String == "event" }.compactMap { $0["sequence"] as? Int }
                    #expect(Set(sequences) == Set(1...31))
                    #expect(sequences.count == 31, "no event twice")
                }
                #expect(try await storeA.events(of: UUID(uuidString: workshop.session)!).map(\.sequence) == Array(1...31))
            }
        }
    }

    /// Creates a database of its own for the test and drops it afterwards.
    private func withScratchDatabase(_ body: (String) async throws -> Void) async throws {
        try await withScratchPostgresDatabase { url, _, _ in try await body(url) }
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

/// Two servers on one PostgreSQL database, as when scaling out, each with its own store and a test client
/// (`.live`, real sockets), and their stores, which are shut down after. Server B's client connects at once but may send
/// its first request only after a long setup on A, so the servers give a new connection 600 s for its first
/// request head rather than 10 s.
func withTwoServers(_ url: String, _ test: @escaping @Sendable (_ clientA: any TestClientProtocol, _ clientB: any TestClientProtocol, _ setupA: String?, _ storeA: Store, _ storeB: Store) async throws -> Void) async throws {
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let storeA = try await Store.open(.postgres(url: url), logger: quiet)
    let storeB = try await Store.open(.postgres(url: url), logger: quiet)
    var configuration = WebConfiguration(host: "127.0.0.1", port: 0, database: .postgres(url: url), passwordCost: 4, logLevel: .warning)
    configuration.timeouts = HTTPTimeouts(requestHead: .seconds(600), idle: .seconds(600), requestBody: .seconds(600))
    let serverA = try await buildApplication(configuration, library: TestApp.library, store: storeA)
    let serverB = try await buildApplication(configuration, library: TestApp.library, store: storeB)
    let setupA = serverA.setupPath
    do {
        try await serverA.application.test(.live) { clientA in
            try await serverB.application.test(.live) { clientB in
                try await test(clientA, clientB, setupA, storeA, storeB)
            }
        }
    } catch {
        await storeA.shutdown()
        await storeB.shutdown()
        throw error
    }
    await storeA.shutdown()
    await storeB.shutdown()
}
