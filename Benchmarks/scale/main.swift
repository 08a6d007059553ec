// The scale-out benchmark (issue 10, item 9): two `weave serve` processes sharing one PostgreSQL database,
// behind Debian's nginx configured from docs/nginx.conf, with thousands of participants in hundreds of
// sessions. It
//  - sets everything up through nginx as people would (an account, a partnership, sessions, joins);
//  - opens one live WebSocket per participant: in each session the two writers are pinned, one to each
//    server, so edits certainly arrive at both; everyone else goes through nginx (round robin);
//  - has both writers of every session add an item every interval (well inside the live limits:
//    one message per interval per socket, two changes per interval per session);
//  - optionally kills one server with SIGKILL part-way; its browsers reconnect through nginx (reaching the
//    other server), say `hello` with the last sequence they applied and re-send what was not acknowledged,
//    as the page script does;
//  - checks every browser: no sequence missing (a snapshot after a reconnect covers what it holds), none
//    twice; and every acknowledged edit is in the session's canvas as the surviving server exports it;
//  - reports fan-out latency (writer's send to each receipt, one clock) before and after the kill, resident
//    memory of each server before and after the sockets opened, and how long the moved browsers took.
// Usage: Benchmarks/scale/run.sh (creates the database), or
//   .build/release/weave-scale-bench --database postgres://… [--sessions 350] [--participants 5000]
//     [--edits 30] [--interval-ms 2000] [--kill-at 0.5] [--server .build/release/weave] [--nginx /usr/sbin/nginx]
//     [--nginx-conf docs/nginx.conf]
// The database must be empty (a fresh one): the first server prints the link that creates the first account.

import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

struct Options: Sendable {
    var sessions = 350
    var participants = 5000
    var edits = 30
    var intervalMilliseconds = 2000
    /// When to kill the second server, as a fraction of the writing time; 0 keeps both.
    var killAt = 0.5
    var server = ".build/release/weave"
    var nginx = "/usr/sbin/nginx"
    var nginxConf = "docs/nginx.conf"
    var database = ""

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--sessions": sessions = Int(value) ?? sessions
            case "--participants": participants = Int(value) ?? participants
            case "--edits": edits = Int(value) ?? edits
            case "--interval-ms": intervalMilliseconds = Int(value) ?? intervalMilliseconds
            case "--kill-at": killAt = Double(value) ?? killAt
            case "--server": server = value
            case "--nginx": nginx = value
            case "--nginx-conf": nginxConf = value
            case "--database": database = value
            default: fatalError("unknown option \(flag)")
            }
        }
        precondition(!database.isEmpty, "--database postgres://… (an empty database) is required")
        precondition(participants >= 2 * sessions, "each session needs at least its two writers")
    }
}

struct BenchError: Error, CustomStringConvertible { var description: String }

/// Latencies in nanoseconds, summarised in milliseconds.
struct Summary {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double

    init(_ samples: [UInt64]) {
        let sorted = samples.sorted()
        count = sorted.count
        func at(_ q: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return Double(sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]) / 1e6
        }
        p50 = at(0.50)
        p99 = at(0.99)
        max = sorted.last.map { Double($0) / 1e6 } ?? .nan
    }

    var text: String {
        count == 0 ? "none" : String(format: "p50 %.1f ms · p99 %.1f ms · max %.1f ms (%ld receipts)", p50, p99, max, count)
    }
}

let clockStart = ContinuousClock.now
func nowNanos() -> UInt64 {
    let elapsed = ContinuousClock.now - clockStart
    return UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

func residentKiB(pid: Int32) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

// MARK: - A browser's cookies over AsyncHTTPClient

struct Browser {
    var cookies: [String: String] = [:]
    var header: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func send(_ http: HTTPClient, _ base: String, _ method: HTTPMethod, _ path: String, form: [String: String]? = nil) async throws -> (Int, [String: String], String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if !cookies.isEmpty { request.headers.add(name: "Cookie", value: header) }
        if var form {
            form["_csrf"] = cookies["weave_csrf"] ?? ""
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        for value in response.headers["Set-Cookie"] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        let body = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name.lowercased()] = value }
        return (Int(response.status.code), headers, String(buffer: body))
    }
}

// MARK: - One browser's live connection, reconnecting as the page script does

final class LiveBrowser: Sendable {
    struct State {
        /// Sequences received as events, across connections.
        var events: Set<Int> = []
        var duplicated = 0
        /// The highest sequence a snapshot covered.
        var snapshotCovers = 0
        var lastApplied = 0
        var snapshots = 0
        var connections = 0
        /// When the last snapshot arrived (for the moved browsers' catch-up time).
        var lastSnapshotAt: UInt64 = 0
        var droppedAt: UInt64?
        var latencies: [(at: UInt64, latency: UInt64)] = []
        /// Edits sent and not yet acknowledged, by id, in order of sending.
        var pending: [(id: String, text: String)] = []
        var acknowledged: [String: Int] = [:]
        var errors: [String] = []
        var outbound: AsyncStream<String>.Continuation?
    }

    let state = NIOLockedValueBox(State())
    let path: String
    let cookies: String
    let session: Int

    init(path: String, cookies: String, session: Int) {
        self.path = path
        self.cookies = cookies
        self.session = session
    }

    /// Sends an edit now if connected; it stays pending until acknowledged and is re-sent after a reconnect.
    func edit(id: String, item: String, text: String) {
        let message = #"{"type":"edit","id":"\#(id)","edit":{"addItem":{"field":"triad-challenges","item":"\#(item)","text":"\#(text)"}}}"#
        state.withLockedValue { state in
            state.pending.append((id, message))
            state.outbound?.yield(message)
        }
    }

    func handle(_ text: String) {
        let received = nowNanos()
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let type = object["type"] as? String else { return }
        state.withLockedValue { state in
            switch type {
            case "snapshot":
                let sequence = object["sequence"] as? Int ?? 0
                state.snapshots += 1
                state.snapshotCovers = max(state.snapshotCovers, sequence)
                state.lastApplied = sequence
                state.lastSnapshotAt = received
            case "ack":
                if let id = object["id"] as? String, let sequence = object["sequence"] as? Int {
                    state.acknowledged[id] = sequence
                    state.pending.removeAll { $0.id == id }
                }
            case "error":
                state.errors.append(object["message"] as? String ?? "?")
            case "event":
                guard let sequence = object["sequence"] as? Int else { return }
                if state.events.contains(sequence) { state.duplicated += 1; return }
                state.events.insert(sequence)
                state.lastApplied = max(state.lastApplied, sequence)
                if let value = object["value"] as? [String: Any], let lists = value["lists"] as? [String: Any],
                   let items = lists["triad-challenges"] as? [[String: Any]], let last = items.last?["text"] as? String,
                   last.hasPrefix("t="), let sent = UInt64(last.dropFirst(2)) {
                    state.latencies.append((received, received &- sent))
                }
            default: break
            }
        }
    }

    /// Connects first to `port`, and after any drop through `fallbackPort` (nginx), until `running` ends.
    func run(port: Int, fallbackPort: Int, running: NIOLockedValueBox<Bool>, logger: Logger) {
        Task {
            var target = port
            while running.withLockedValue({ $0 }) {
                let (stream, continuation) = AsyncStream<String>.makeStream()
                state.withLockedValue { state in
                    state.connections += 1
                    continuation.yield(#"{"type":"hello","after":\#(state.lastApplied)}"#)
                    for edit in state.pending { continuation.yield(edit.text) }
                    state.outbound = continuation
                }
                do {
                    try await WebSocketClient.connect(url: "ws://127.0.0.1:\(target)\(path)", configuration: .init(additionalHeaders: [.cookie: cookies]),
                                                      logger: logger) { inbound, outbound, _ in
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                for try await message in inbound.messages(maxSize: 1 << 24) {
                                    if case .text(let text) = message { self.handle(text) }
                                }
                            }
                            group.addTask {
                                for await text in stream { try await outbound.write(.text(text)) }
                            }
                            try await group.next()
                            group.cancelAll()
                        }
                    }
                } catch {
                    state.withLockedValue { $0.errors.append("connection: \(error)") }
                }
                state.withLockedValue { state in
                    state.outbound = nil
                    if state.droppedAt == nil { state.droppedAt = nowNanos() }
                }
                continuation.finish()
                guard running.withLockedValue({ $0 }) else { break }
                // As the page does: a short pause with jitter, then through the proxy.
                target = fallbackPort
                try? await Task.sleep(for: .milliseconds(Int.random(in: 200...1200)))
            }
        }
    }
}

// MARK: - Processes

final class Processes: Sendable {
    let all = NIOLockedValueBox<[Process]>([])

    func start(_ path: String, _ arguments: [String], output: URL, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["WEAVE_HOST"] = nil
        merged["WEAVE_PORT"] = nil
        merged["WEAVE_DATABASE"] = nil
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        all.withLockedValue { $0.append(process) }
        return process
    }

    func stopAll() {
        for process in all.withLockedValue({ $0 }) where process.isRunning { process.terminate() }
    }
}

func waitFor(_ what: String, seconds: Int, _ check: () async throws -> Bool) async throws {
    let start = ContinuousClock.now
    while try await !check() {
        if ContinuousClock.now - start > .seconds(seconds) { throw BenchError(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(100))
    }
}

func get(_ http: HTTPClient, _ url: String) async -> (Int, String) {
    do {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), String(buffer: body))
    } catch {
        return (0, "")
    }
}

/// `weave_websocket_connections` from a server's /metrics.
func openSockets(_ http: HTTPClient, port: Int) async -> Int {
    let (_, text) = await get(http, "http://127.0.0.1:\(port)/metrics")
    let line = text.split(separator: "\n").first { $0.hasPrefix("weave_websocket_connections") && !$0.hasPrefix("#") }
    return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? -1
}

// MARK: - The run

func run() async throws {
    let options = Options(CommandLine.arguments)
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    print("file descriptors: \(limit.rlim_cur) · load average at start: \(loadAverage())")

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-scale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let processes = Processes()
    defer { processes.stopAll() }
    let base = Int.random(in: 20_000..<39_000)
    let ports = (a: base, b: base + 1, proxy: base + 2)

    // Two servers on one database: the first applies the migrations and prints the setup link.
    let serverA = try processes.start(options.server, ["serve", "--port", String(ports.a), "--database", options.database],
                                      output: folder.appendingPathComponent("a.log"))
    var setupLink = ""
    try await waitFor("the first server's setup link", seconds: 120) {
        let printed = (try? String(contentsOf: folder.appendingPathComponent("a.log"), encoding: .utf8)) ?? ""
        if !serverA.isRunning { throw BenchError(description: "the first server stopped: \(printed.suffix(2000))") }
        setupLink = printed.firstMatch(of: #/(/signup\?token=[A-Za-z0-9_-]+)/#).map { String($0.1) } ?? ""
        return !setupLink.isEmpty
    }
    let serverB = try processes.start(options.server, ["serve", "--port", String(ports.b), "--database", options.database],
                                      output: folder.appendingPathComponent("b.log"))

    // nginx with the documented configuration, the ports changed, inside a minimal main context.
    var site = try String(contentsOfFile: options.nginxConf, encoding: .utf8)
    site = site.replacingOccurrences(of: "127.0.0.1:8081", with: "127.0.0.1:\(ports.a)")
        .replacingOccurrences(of: "127.0.0.1:8082", with: "127.0.0.1:\(ports.b)")
        .replacingOccurrences(of: "listen 80;", with: "listen 127.0.0.1:\(ports.proxy) backlog=4096;")
    let conf = """
    daemon off;
    user root;
    worker_processes 1;
    pid \(folder.path)/nginx.pid;
    error_log \(folder.path)/nginx-error.log warn;
    events { worker_connections 30000; }
    http {
        access_log off;
    \(site)
    }
    """
    try conf.write(to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
    let nginx = try processes.start(options.nginx, ["-p", folder.path, "-c", folder.appendingPathComponent("nginx.conf").path],
                                    output: folder.appendingPathComponent("nginx.log"))

    var httpConfiguration = HTTPClient.Configuration()
    httpConfiguration.redirectConfiguration = .disallow
    httpConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
    for port in [ports.a, ports.b] {
        try await waitFor("server on \(port) to be ready", seconds: 120) { await get(http, "http://127.0.0.1:\(port)/health/ready").0 == 200 }
    }
    let proxy = "http://127.0.0.1:\(ports.proxy)"
    try await waitFor("nginx", seconds: 30) {
        if !nginx.isRunning { throw BenchError(description: "nginx stopped; see \(folder.path)/nginx.log") }
        return await get(http, proxy + "/health").0 == 200
    }
    print("servers: A pid \(serverA.processIdentifier) :\(ports.a), B pid \(serverB.processIdentifier) :\(ports.b), nginx :\(ports.proxy) (logs in \(folder.path))")

    // Set up through nginx like people would.
    let setupStart = ContinuousClock.now
    var facilitator = Browser()
    // The one-time link belongs to the server that printed it: the first account is made there.
    let first = "http://127.0.0.1:\(ports.a)"
    _ = try await facilitator.send(http, first, .GET, setupLink)
    let token = String(setupLink.split(separator: "=").last!)
    _ = try await facilitator.send(http, first, .POST, "/signup", form: ["token": token, "name": "Bench", "email": "bench@example.org",
                                                                        "password": "benchmark password", "password_again": "benchmark password"])
    let (createdStatus, created, _) = try await facilitator.send(http, proxy, .POST, "/partnerships", form: ["name": "Bench Network", "focal_issue": "Load"])
    guard createdStatus == 303 else { throw BenchError(description: "creating the partnership answered \(createdStatus)") }
    let partnership = try require(created["location"], "partnership")
    for index in 0..<5 {
        _ = try await facilitator.send(http, proxy, .POST, "\(partnership)/partners", form: ["name": "Partner \(index)", "type": "nonprofit"])
    }
    struct Seat: Sendable { var session: Int; var path: String; var cookies: String; var writer: Int? }
    let owner = facilitator
    let perSession = (0..<options.sessions).map { options.participants / options.sessions + ($0 < options.participants % options.sessions ? 1 : 0) }
    let setUp = try await withThrowingTaskGroup(of: (Int, String, [Seat]).self) { group in
        var results: [(Int, String, [Seat])] = []
        for session in 0..<options.sessions {
            if session >= 8, let done = try await group.next() { results.append(done) }
            group.addTask {
                var browser = owner
                let (_, scheduled, _) = try await browser.send(http, proxy, .POST, "\(partnership)/sessions",
                                                               form: ["item": "joint-action", "date": "2026-12-01", "start": "09:00"])
                let sessionPath = try require(scheduled["location"], "session")
                let (_, _, page) = try await browser.send(http, proxy, .GET, sessionPath)
                let code = try require(page.firstMatch(of: #/class="code">([0-9A-Z]{5}-[0-9A-Z]{5})</#).map { String($0.1) }, "join code")
                var seats: [Seat] = []
                for index in 0..<perSession[session] {
                    var person = Browser()
                    let (_, _, joinPage) = try await person.send(http, proxy, .GET, "/join/\(code)")
                    let partners = joinPage.matches(of: #/name="partner" value="([0-9a-f-]{36})"/#).map { String($0.1) }
                    guard !partners.isEmpty else { throw BenchError(description: "join page without partners") }
                    let (status, headers, _) = try await person.send(http, proxy, .POST, "/join/\(code)",
                                                                     form: ["name": "Person \(index)", "partner": partners[index % partners.count]])
                    guard status == 303, let location = headers["location"] else { throw BenchError(description: "join failed: \(status)") }
                    seats.append(Seat(session: session, path: location + "/live", cookies: person.header, writer: index < 2 ? index : nil))
                }
                return (session, sessionPath, seats)
            }
        }
        for try await done in group { results.append(done) }
        return results.sorted { $0.0 < $1.0 }
    }
    let sessionPaths = setUp.map(\.1)
    let seats = setUp.flatMap(\.2)
    print("setup: \(options.sessions) sessions, \(seats.count) participants joined through nginx in \(ContinuousClock.now - setupStart) · load \(loadAverage())")

    // Open every live socket: writer 0 of each session straight to A, writer 1 straight to B, the rest
    // through nginx. Every reconnect goes through nginx.
    let rssBefore = (a: residentKiB(pid: serverA.processIdentifier), b: residentKiB(pid: serverB.processIdentifier))
    let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
    let running = NIOLockedValueBox(true)
    let browsers = seats.map { LiveBrowser(path: $0.path, cookies: $0.cookies, session: $0.session) }
    let connectStart = ContinuousClock.now
    for (index, (seat, browser)) in zip(seats, browsers).enumerated() {
        let port = seat.writer == 0 ? ports.a : seat.writer == 1 ? ports.b : ports.proxy
        browser.run(port: port, fallbackPort: ports.proxy, running: running, logger: quiet)
        if index % 200 == 199 { try await Task.sleep(for: .milliseconds(50)) }
    }
    try await waitFor("every socket's snapshot", seconds: 180) {
        browsers.allSatisfy { $0.state.withLockedValue(\.snapshots) > 0 }
    }
    let connectTime = ContinuousClock.now - connectStart
    try await Task.sleep(for: .seconds(2))
    let socketsOn = (a: await openSockets(http, port: ports.a), b: await openSockets(http, port: ports.b))
    let rssConnected = (a: residentKiB(pid: serverA.processIdentifier), b: residentKiB(pid: serverB.processIdentifier))
    print("connected: \(browsers.count) sockets in \(connectTime) · on A \(socketsOn.a), on B \(socketsOn.b) · load \(loadAverage())")

    // Writing: both writers of each session, staggered across one interval.
    let writers = zip(seats, browsers).filter { $0.0.writer != nil }.map { ($0.0.writer!, $0.1) }
    let killAfter = options.killAt > 0 ? Int(Double(options.edits * options.intervalMilliseconds) * options.killAt) : nil
    let pids = (a: serverA.processIdentifier, b: serverB.processIdentifier)
    let killedAt = NIOLockedValueBox<UInt64?>(nil)
    let rssBeforeKill = NIOLockedValueBox((a: 0, b: 0))
    try await withThrowingTaskGroup(of: Void.self) { group in
        for (index, (writer, browser)) in writers.enumerated() {
            group.addTask {
                try await Task.sleep(for: .milliseconds(options.intervalMilliseconds * index / max(writers.count, 1)))
                for edit in 0..<options.edits {
                    let item = "\(writer == 0 ? "a" : "b")\(edit)"
                    browser.edit(id: item, item: item, text: "t=\(nowNanos())")
                    try await Task.sleep(for: .milliseconds(options.intervalMilliseconds))
                }
            }
        }
        if let killAfter {
            group.addTask {
                try await Task.sleep(for: .milliseconds(killAfter))
                rssBeforeKill.withLockedValue { $0 = (residentKiB(pid: pids.a), residentKiB(pid: pids.b)) }
                // The moment is taken first: the browsers notice the kill within microseconds.
                killedAt.withLockedValue { $0 = nowNanos() }
                kill(pids.b, SIGKILL)
                print("killed B (pid \(pids.b)) with SIGKILL \(killAfter) ms into the writing · load \(loadAverage())")
            }
        }
        try await group.waitForAll()
    }
    let expected = 2 * options.edits
    let settleStart = ContinuousClock.now
    try? await waitFor("every browser to reach the last change", seconds: 120) {
        browsers.allSatisfy { $0.state.withLockedValue { $0.lastApplied >= expected && $0.pending.isEmpty } }
    }
    let settled = ContinuousClock.now - settleStart
    let killTime = killedAt.withLockedValue { $0 }

    // What the surviving server has: every session's canvas as exported.
    var exportBrowser = facilitator
    var ackedMissing = 0, canvasDuplicates = 0, sequenceMismatch = 0, stored = 0
    let acknowledgedBySession = Dictionary(grouping: writers.map(\.1), by: \.session).mapValues { browsers in
        browsers.reduce(into: Set<String>()) { $0.formUnion($1.state.withLockedValue { Set($0.acknowledged.keys) }) }
    }
    for (index, path) in sessionPaths.enumerated() {
        let (status, _, body) = try await exportBrowser.send(http, proxy, .GET, path + "/export.json")
        guard status == 200, let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let session = object["session"] as? [String: Any], let state = object["canvas"] as? [String: Any] else {
            throw BenchError(description: "export of \(path): \(status)")
        }
        let items = ((state["lists"] as? [String: Any])?["triad-challenges"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        stored += items.count
        canvasDuplicates += items.count - Set(items).count
        ackedMissing += acknowledgedBySession[index, default: []].subtracting(items).count
        if session["sequence"] as? Int != items.count { sequenceMismatch += 1 }
    }

    // Every browser: each sequence up to the end either came as an event or was covered by a snapshot.
    var lost = 0, duplicated = 0, moved = 0, errors: [String] = [], reconnects = 0
    var before: [UInt64] = [], after: [UInt64] = [], catchUp: [UInt64] = []
    for browser in browsers {
        let state = browser.state.withLockedValue { $0 }
        duplicated += state.duplicated
        if state.snapshotCovers < expected {
            lost += (state.snapshotCovers + 1...expected).filter { !state.events.contains($0) }.count
        }
        reconnects += state.connections - 1
        if let killTime, let dropped = state.droppedAt, dropped >= killTime, state.connections > 1 {
            moved += 1
            catchUp.append(state.lastSnapshotAt &- killTime)
        }
        for (at, latency) in state.latencies {
            if let killTime, at >= killTime { after.append(latency) } else { before.append(latency) }
        }
        errors += state.errors.filter { !$0.hasPrefix("connection:") }
    }
    let acked = writers.reduce(0) { $0 + $1.1.state.withLockedValue(\.acknowledged.count) }
    let rssEnd = (a: residentKiB(pid: serverA.processIdentifier), b: residentKiB(pid: serverB.processIdentifier))
    running.withLockedValue { $0 = false }

    func mib(_ kib: Int) -> String { String(format: "%.0f MiB", Double(kib) / 1024) }
    func perThousand(_ grown: Int, _ sockets: Int) -> String {
        sockets > 0 ? String(format: "%.1f MiB", Double(grown) / 1024 / Double(sockets) * 1000) : "?"
    }
    print("")
    print("Scale-out: \(options.sessions) sessions, \(browsers.count) participants, 2 servers on PostgreSQL behind nginx")
    print("  sockets             A \(socketsOn.a), B \(socketsOn.b) (opened in \(connectTime))")
    print("  resident memory     A \(mib(rssBefore.a)) → \(mib(rssConnected.a)), B \(mib(rssBefore.b)) → \(mib(rssConnected.b)) with the sockets open")
    print("  per 1,000 sockets   A \(perThousand(rssConnected.a - rssBefore.a, socketsOn.a)), B \(perThousand(rssConnected.b - rssBefore.b, socketsOn.b))")
    let beforeKill = rssBeforeKill.withLockedValue { $0 }
    if killAfter != nil { print("  before the kill     A \(mib(beforeKill.a)), B \(mib(beforeKill.b)); A at the end \(mib(rssEnd.a))") }
    print("  edits               \(writers.count * options.edits) sent (\(options.edits) per writer, one every \(options.intervalMilliseconds) ms, 2 writers per session), \(acked) acknowledged, \(stored) in the canvases")
    print("  fan-out             \(Summary(before).text)\(killTime == nil ? "" : " before the kill")")
    if killTime != nil { print("  after the kill      \(Summary(after).text)") }
    print("  lost / duplicated   \(lost) / \(duplicated) (browsers); acknowledged but not in the canvas: \(ackedMissing); items twice: \(canvasDuplicates); sessions whose sequence ≠ items: \(sequenceMismatch)")
    if killTime != nil {
        let summary = Summary(catchUp)
        print("  moved browsers      \(moved) reconnected through nginx and took a snapshot; kill → snapshot \(String(format: "p50 %.0f ms · p99 %.0f ms · max %.0f ms", summary.p50, summary.p99, summary.max))")
    }
    print("  reconnects          \(reconnects) in all; settled \(settled) after the last edit")
    print("  errors              \(errors.count)\(errors.first.map { " (first: \($0))" } ?? "")")
    print("  load average        \(loadAverage())")
    try? await http.shutdown()
    processes.stopAll()
    try? FileManager.default.removeItem(at: folder)
}

func `require`<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw BenchError(description: "missing \(what)") }
    return value
}

do {
    try await run()
    exit(0)
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
