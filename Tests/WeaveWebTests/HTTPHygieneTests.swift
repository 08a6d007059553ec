import Foundation
import Synchronization
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing
@testable import WeaveWeb

/// What a slow, silent or malformed client, an oversized form, a crafted `next=` or a stranger reading
/// `/metrics` gets: each attack at a small size, with short timeouts configured, and the limit that holds.
@Suite struct HTTPHygieneTests {
    /// Short limits so the tests wait seconds, not minutes — but not so short that a loaded machine, slow to
    /// read a request sent at once, answers it 408 (seen with 0.5 s while the whole suite ran on 2 cores).
    static func short(_ configuration: inout WebConfiguration) {
        configuration.timeouts = HTTPTimeouts(requestHead: .seconds(2), idle: .seconds(3), requestBody: .seconds(3))
    }

    @Test func slowlorisConnectionsAreAnswered408AndClosed() async throws {
        try await TestApp.run(.live, configure: Self.short) { client, _, _ in
            let port = try #require(client.port)
            let start = ContinuousClock.now
            // Five connections trickling one header line each 200 ms, never finishing the head.
            let replies = try await withThrowingTaskGroup(of: RawReply.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        try await RawConnection.exchange(port: port, chunks: ["GET /library HTTP/1.1\r\n", "Host: localhost\r\n"]
                            + (0..<100).map { "X-Slow-\(index)-\($0): yes\r\n" }, pause: .milliseconds(200))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for reply in replies {
                #expect(reply.closedByServer, "the server closed the connection")
                #expect(reply.text.hasPrefix("HTTP/1.1 408"), "got \(reply.text.prefix(80))")
            }
            // Closed after the 0.5 s limit, long before the 20 s the trickle would have taken (generous: shared machine).
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    @Test func aSilentConnectionIsClosedAndAnIdleKeptAliveOneToo() async throws {
        try await TestApp.run(.live, configure: Self.short) { client, _, _ in
            let port = try #require(client.port)
            let silent = try await RawConnection.exchange(port: port, chunks: [], pause: .zero, giveUpAfter: .seconds(15))
            #expect(silent.closedByServer)
            // A complete request is answered; then the connection idles and is closed.
            let kept = try await RawConnection.exchange(port: port, chunks: ["GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"],
                                                        pause: .zero, giveUpAfter: .seconds(15))
            #expect(kept.text.hasPrefix("HTTP/1.1 200"))
            #expect(kept.closedByServer, "idle after its answer, the connection was closed")
        }
    }

    @Test func aBodyTricklingPastItsDeadlineIsCutOff() async throws {
        try await TestApp.run(.live, configure: Self.short) { client, _, _ in
            let port = try #require(client.port)
            let start = ContinuousClock.now
            // Each byte comes well within the idle timeout, but the whole body would take 20 s.
            let head = "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
            let reply = try await RawConnection.exchange(port: port, chunks: [head] + Array(repeating: "a", count: 100), pause: .milliseconds(200),
                                                         giveUpAfter: .seconds(30))
            #expect(reply.closedByServer)
            #expect(ContinuousClock.now - start < .seconds(10), "cut at the 3 s body deadline, not after the 20 s trickle")
        }
    }

    @Test func malformedRequestsAreAnswered400() async throws {
        // Default timeouts: on a loaded machine a 0.5 s head limit can fire before the garbage is parsed (408).
        try await TestApp.run(.live, configure: { _ in }) { client, _, _ in
            let port = try #require(client.port)
            for garbage in ["GARBAGE\r\n\r\n", "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n", "\u{01}\u{02}\u{03} HTTP/9\r\n\r\n"] {
                let reply = try await RawConnection.exchange(port: port, chunks: [garbage], pause: .zero, giveUpAfter: .seconds(5))
                #expect(reply.text.hasPrefix("HTTP/1.1 400"), "\(garbage.debugDescription) got \(reply.text.prefix(80).debugDescription)")
                #expect(reply.closedByServer)
            }
            // A later request on a kept-alive connection that is malformed: Hummingbird's own 400.
            let second = try await RawConnection.exchange(port: port, chunks: ["GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", "GARBAGE\r\n\r\n"],
                                                          pause: .milliseconds(100), giveUpAfter: .seconds(5))
            #expect(second.text.hasPrefix("HTTP/1.1 200"))
            #expect(second.text.contains("HTTP/1.1 400"))
        }
    }

    @Test func webSocketsOutliveTheHeadTimeout() async throws {
        // Short limits, but an idle limit a loaded machine's pauses between the setup's requests do not reach.
        try await TestApp.run(.live, configure: { $0.timeouts = HTTPTimeouts(requestHead: .seconds(2), idle: .seconds(5), requestBody: .seconds(1)) }) { client, setup, _ in
            let port = try #require(client.port)
            let workshop = try await Workshop.make(client, setup: setup)
            let ana = try await workshop.join(client, name: "Ana", partner: 0)
            let live = await LiveConnection.open(port: port, path: "/s/\(workshop.session)/live", cookies: ana.cookieHeader)
            live.send(["type": "hello", "after": 0])
            _ = try await live.next("snapshot")
            // Silent for longer than the head, idle and body limits together.
            try await Task.sleep(for: .seconds(9))
            #expect(await !live.closed, "a live socket is not an HTTP request waiting for its head")
        }
    }

    @Test func aTenMegabyteFormGets413WithAReadablePage() async throws {
        try await TestApp.run(.live) { client, _ in
            var browser = TestBrowser()
            _ = try await browser.get(client, "/library")
            let big = "email=" + String(repeating: "a", count: 10 * 1024 * 1024)
            let response = try await client.execute(uri: "/login", method: .post,
                                                    headers: [.cookie: browser.cookieHeader, .contentType: "application/x-www-form-urlencoded"],
                                                    body: ByteBuffer(string: big))
            #expect(response.status == .contentTooLarge)
            #expect(response.html.contains("larger than Weave accepts"))
        }
    }

    @Test func errorPagesCarryTheSecurityHeaders() async throws {
        try await TestApp.run { client, _ in
            var browser = TestBrowser()
            let ok = try await browser.get(client, "/library")
            for path in ["/no-such-page", "/signup", "/join/AAAAA-AAAAA", "/prep/no-such-code"] {
                let response = try await browser.get(client, path)
                #expect(response.status.code >= 400, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == ok.headers[.contentSecurityPolicy], "\(path)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
            }
        }
    }

    @Test func signInFollowsOnlySameSitePaths() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            _ = try await ana.post(client, "/logout", [:])
            let hostile = ["/\t/evil.example", "//evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example/",
                           "http:evil.example", "/\n/evil.example", "/ /evil.example", "javascript:alert(1)"]
            for next in hostile {
                let response = try await ana.post(client, "/login", ["email": "ana@example.org", "password": "a long password", "next": next])
                #expect(response.status == .seeOther)
                #expect(response.location == "/partnerships", "next=\(next.debugDescription) led to \(response.location.debugDescription)")
                _ = try await ana.post(client, "/logout", [:])
            }
            // The login page does not carry them either (the form's hidden field).
            let page = try await ana.get(client, "/login?next=/%09/evil.example")
            #expect(!page.html.contains("evil.example"))
            // A path on this site, with its query, is followed.
            let good = try await ana.post(client, "/login", ["email": "ana@example.org", "password": "a long password", "next": "/library?q=map%20a"])
            #expect(good.location == "/library?q=map%20a")
        }
    }

    @Test func metricsAreForLoopbackOrTheTokenHolder() async throws {
        // The rule, for addresses a test cannot connect from.
        let open = MetricsAccess(token: nil), guarded = MetricsAccess(token: "s3cret-token")
        #expect(!open.allows(remoteAddress: "203.0.113.7", authorization: nil))
        #expect(!open.allows(remoteAddress: "203.0.113.7", authorization: "Bearer anything"))
        #expect(!guarded.allows(remoteAddress: "203.0.113.7", authorization: nil))
        #expect(!guarded.allows(remoteAddress: "203.0.113.7", authorization: "Bearer wrong"))
        #expect(guarded.allows(remoteAddress: "203.0.113.7", authorization: "Bearer s3cret-token"))
        #expect(!guarded.allows(remoteAddress: "10.0.0.2", authorization: "s3cret-token"), "only as a bearer token")
        for loopback in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            #expect(open.allows(remoteAddress: loopback, authorization: nil), "\(loopback)")
        }
        for remote in ["128.0.0.1", "::2", "fe80::1", "127.0.0.1.evil", "::ffff:10.0.0.1"] {
            #expect(!open.allows(remoteAddress: remote, authorization: nil), "\(remote)")
        }
        // Over a real socket from loopback, the app serves them.
        try await TestApp.run(.live, configure: { $0.metricsToken = "s3cret-token" }) { client, _, _ in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
        }
    }
}

/// What a raw client got back: the bytes, and whether the server closed the connection.
struct RawReply: Sendable {
    var text: String
    var closedByServer: Bool
}

/// A client that writes exactly the bytes given, as slowly as told, and reads whatever comes back.
enum RawConnection {
    /// Sends each chunk with a pause between them (stopping early if the server closes), then reads until
    /// the server closes or `giveUpAfter` passes.
    static func exchange(port: Int, chunks: [String], pause: Duration, giveUpAfter: Duration = .seconds(10)) async throws -> RawReply {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let received = ReceivedText()
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: RawReply.self) { group in
                group.addTask {
                    do {
                        for try await buffer in inbound { received.text.withLock { $0 += String(buffer: buffer) } }
                    } catch {}
                    return RawReply(text: received.text.withLock { $0 }, closedByServer: true)
                }
                group.addTask {
                    for chunk in chunks {
                        do { try await outbound.write(ByteBuffer(string: chunk)) } catch { break }
                        try await Task.sleep(for: pause)
                    }
                    try await Task.sleep(for: giveUpAfter)
                    return RawReply(text: received.text.withLock { $0 }, closedByServer: false)
                }
                let first = try await group.next()!
                group.cancelAll()
                return first
            }
        }
    }
}

/// The bytes a raw client has read so far, shared between its reading and writing tasks.
final class ReceivedText: Sendable {
    let text = Mutex("")
}
