// The workspace benchmark: runs `weave serve` as its own process on a scratch SQLite file, sets up
// partnerships, sessions and participants through the web app like people would, then measures
//  - HTTP: requests/s and p50/p99 latency for /health (the same-run baseline), a session page and a
//    canvas read (the JSON export), each as a closed loop of concurrent clients;
//  - WebSocket fan-out: 70 sessions × 15 participants (1,050 connections), one writer per session
//    adding to the canvas at a steady pace; every other browser's delay from send to receipt, and whether
//    any event was lost or arrived twice;
//  - the server's peak resident memory (VmHWM).
// Usage: swift build -c release && .build/release/weave-workspace-bench [--sessions 70] [--participants 15]
//        [--edits 40] [--interval-ms 250] [--http-seconds 8] [--http-concurrency 16] [--http-rounds 3]
//        [--server .build/release/weave] [--hold FILE]
// The three HTTP routes are measured in turn, `--http-rounds` times; each route's median rate is reported with
// its ratio to /health's, round by round too (a shared machine's load moves while it runs). `--hold FILE` keeps
// the server running afterwards with the address, a session page and the facilitator's cookie written to FILE
// (for wrk and perf), until FILE is removed.

import AsyncHTTPClient
import Foundation
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

struct Options {
    var sessions = 70
    var participants = 15
    var edits = 40
    var intervalMilliseconds = 250
    var httpSeconds = 8.0
    var httpConcurrency = 16
    var httpRounds = 3
    var server = ".build/release/weave"
    var hold: String?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--sessions": sessions = Int(value) ?? sessions
            case "--participants": participants = Int(value) ?? participants
            case "--edits": edits = Int(value) ?? edits
            case "--interval-ms": intervalMilliseconds = Int(value) ?? intervalMilliseconds
            case "--http-seconds": httpSeconds = Double(value) ?? httpSeconds
            case "--http-concurrency": httpConcurrency = Int(value) ?? httpConcurrency
            case "--http-rounds": httpRounds = max(1, Int(value) ?? httpRounds)
            case "--server": server = value
            case "--hold": hold = value
            default: fatalError("unknown option \(flag)")
            }
        }
    }
}

struct BenchError: Error, CustomStringConvertible { var description: String }

/// Latencies in nanoseconds, summarised.
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
}

let clockStart = ContinuousClock.now
func nowNanos() -> UInt64 {
    let elapsed = ContinuousClock.now - clockStart
    return UInt64(elapsed.components.seconds) * 1_000_000_000 + UInt64(elapsed.components.attoseconds / 1_000_000_000)
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
        let response = try await http.execute(request, timeout: .seconds(30))
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

// MARK: - One live connection

final class Listener: Sendable {
    struct State {
        var sequences: [Int] = []
        var latencies: [UInt64] = []
        var acks = 0
        var snapshot = false
        var errors: [String] = []
    }
    let state = NIOLockedValueBox(State())
    let outgoing: AsyncStream<String>
    let send: AsyncStream<String>.Continuation

    init() {
        (outgoing, send) = AsyncStream<String>.makeStream()
    }

    func handle(_ text: String) {
        let received = nowNanos()
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], let type = object["type"] as? String else { return }
        state.withLockedValue { state in
            switch type {
            case "snapshot": state.snapshot = true
            case "ack": state.acks += 1
            case "error": state.errors.append(object["message"] as? String ?? "?")
            case "event":
                if let sequence = object["sequence"] as? Int { state.sequences.append(sequence) }
                // The text of the item added carries the writer's send time.
                if let value = object["value"] as? [String: Any], let lists = value["lists"] as? [String: Any],
                   let items = lists["triad-challenges"] as? [[String: Any]], let last = items.last?["text"] as? String,
                   last.hasPrefix("t="), let sent = UInt64(last.dropFirst(2)) {
                    state.latencies.append(received &- sent)
                }
            default: break
            }
        }
    }
}

func connect(_ listener: Listener, port: Int, path: String, cookies: String, logger: Logger) {
    Task {
        do {
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)\(path)", configuration: .init(additionalHeaders: [.cookie: cookies]),
                                              logger: logger) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 24) {
                            if case .text(let text) = message { listener.handle(text) }
                        }
                    }
                    group.addTask {
                        for await text in listener.outgoing { try await outbound.write(.text(text)) }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            listener.state.withLockedValue { $0.errors.append("connection: \(error)") }
        }
    }
}

// MARK: - The run

func peakRSS(pid: Int32) -> (peak: Int, current: Int) {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
    func field(_ name: String) -> Int {
        status.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Int($0.split(separator: " ").dropFirst().first { !$0.isEmpty }.map(String.init) ?? "") } ?? 0
    }
    return (field("VmHWM:"), field("VmRSS:"))
}

func run() async throws {
    let options = Options(CommandLine.arguments)
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let port = Int.random(in: 20_000..<40_000)
    let server = Process()
    server.executableURL = URL(fileURLWithPath: options.server)
    server.arguments = ["serve", "--port", String(port), "--database", folder.appendingPathComponent("bench.sqlite").path]
    var environment = ProcessInfo.processInfo.environment
    environment["WEAVE_HOST"] = nil
    server.environment = environment
    let output = Pipe()
    server.standardOutput = output
    server.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try server.run()
    defer { server.terminate() }
    var printed = ""
    while !printed.contains("signup?token=") {
        let data = output.fileHandleForReading.availableData
        if data.isEmpty { throw BenchError(description: "the server stopped before it was ready: \(printed)") }
        printed += String(decoding: data, as: UTF8.self)
    }
    let base = "http://127.0.0.1:\(port)"
    let setup = try require(printed.firstMatch(of: #/(/signup\?token=[A-Za-z0-9_-]+)/#)?.1)
    print("server: pid \(server.processIdentifier), \(base)")

    var httpConfiguration = HTTPClient.Configuration()
    httpConfiguration.redirectConfiguration = .disallow
    httpConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)

    // Set up like people would: an account, a partnership with partners, sessions, participants joining.
    let setupStart = ContinuousClock.now
    var facilitator = Browser()
    _ = try await facilitator.send(http, base, .GET, String(setup))
    let token = String(setup.split(separator: "=").last!)
    _ = try await facilitator.send(http, base, .POST, "/signup", form: ["token": token, "name": "Bench", "email": "bench@example.org",
                                                                       "password": "benchmark password", "password_again": "benchmark password"])
    let (_, created, _) = try await facilitator.send(http, base, .POST, "/partnerships", form: ["name": "Bench Network", "focal_issue": "Load"])
    let partnership = try require(created["location"])
    for index in 0..<5 {
        _ = try await facilitator.send(http, base, .POST, "\(partnership)/partners", form: ["name": "Partner \(index)", "type": "nonprofit"])
    }
    struct Seat: Sendable { var session: String; var cookies: String; var writer: Bool }
    var seats: [Seat] = []
    var sessions: [String] = []
    for _ in 0..<options.sessions {
        let (_, scheduled, _) = try await facilitator.send(http, base, .POST, "\(partnership)/sessions",
                                                           form: ["item": "joint-action", "date": "2026-12-01", "start": "09:00"])
        let sessionPath = try require(scheduled["location"])
        sessions.append(sessionPath)
        let (_, _, page) = try await facilitator.send(http, base, .GET, sessionPath)
        let code = try require(page.firstMatch(of: #/class="code">([0-9A-Z]{5}-[0-9A-Z]{5})</#)?.1)
        try await withThrowingTaskGroup(of: Seat.self) { group in
            for index in 0..<options.participants {
                group.addTask {
                    var browser = Browser()
                    let (_, _, joinPage) = try await browser.send(http, base, .GET, "/join/\(code)")
                    let partners = joinPage.matches(of: #/name="partner" value="([0-9a-f-]{36})"/#).map { String($0.1) }
                    let (status, headers, _) = try await browser.send(http, base, .POST, "/join/\(code)",
                                                                      form: ["name": "Person \(index)", "partner": partners[index % partners.count]])
                    guard status == 303, let location = headers["location"] else { throw BenchError(description: "join failed: \(status)") }
                    return Seat(session: location, cookies: browser.header, writer: index == 0)
                }
            }
            for try await seat in group { seats.append(seat) }
        }
    }
    print("setup: \(options.sessions) sessions, \(seats.count) participants joined in \(ContinuousClock.now - setupStart)")

    // WebSocket fan-out.
    let quiet = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
    let listeners = seats.map { _ in Listener() }
    for (seat, listener) in zip(seats, listeners) {
        connect(listener, port: port, path: "\(seat.session)/live", cookies: seat.cookies, logger: quiet)
        listener.send.yield(#"{"type":"hello","after":0}"#)
    }
    let connectStart = ContinuousClock.now
    while listeners.contains(where: { !$0.state.withLockedValue(\.snapshot) }) {
        if ContinuousClock.now - connectStart > .seconds(60) {
            let failed = listeners.filter { !$0.state.withLockedValue(\.snapshot) }
            throw BenchError(description: "\(failed.count) connections got no snapshot; first error: \(failed.first?.state.withLockedValue(\.errors).first ?? "none")")
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    print("connected: \(listeners.count) WebSockets in \(ContinuousClock.now - connectStart)")
    let writers = zip(seats, listeners).filter { $0.0.writer }.map(\.1)
    let fanStart = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for (index, writer) in writers.enumerated() {
            group.addTask {
                // Stagger the writers across one interval so they do not all fire at the same instant.
                try await Task.sleep(for: .milliseconds(options.intervalMilliseconds * index / max(writers.count, 1)))
                for edit in 0..<options.edits {
                    let text = "t=\(nowNanos())"
                    writer.send.yield(#"{"type":"edit","id":"e\#(edit)","edit":{"addItem":{"field":"triad-challenges","item":"e\#(edit)","text":"\#(text)"}}}"#)
                    try await Task.sleep(for: .milliseconds(options.intervalMilliseconds))
                }
            }
        }
        try await group.waitForAll()
    }
    let expected = options.edits
    let settleStart = ContinuousClock.now
    while listeners.contains(where: { $0.state.withLockedValue(\.sequences.count) < expected }), ContinuousClock.now - settleStart < .seconds(30) {
        try await Task.sleep(for: .milliseconds(20))
    }
    let fanDuration = ContinuousClock.now - fanStart
    var latencies: [UInt64] = []
    var lost = 0, duplicated = 0, outOfOrder = 0, errors: [String] = []
    for listener in listeners {
        let state = listener.state.withLockedValue { $0 }
        latencies += state.latencies
        let unique = Set(state.sequences)
        duplicated += state.sequences.count - unique.count
        lost += Set(1...expected).subtracting(unique).count
        if state.sequences != state.sequences.sorted() { outOfOrder += 1 }
        errors += state.errors
    }
    let acks = writers.reduce(0) { $0 + $1.state.withLockedValue(\.acks) }
    let fan = Summary(latencies)
    let rssAfterFanOut = peakRSS(pid: server.processIdentifier)

    // HTTP: the baseline, a session page, a canvas read.
    func closedLoop(_ label: String, _ path: String, cookies: String) async throws -> (String, Double, Summary) {
        let deadline = ContinuousClock.now + .milliseconds(Int(options.httpSeconds * 1000))
        let samples = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<options.httpConcurrency {
                group.addTask {
                    var local: [UInt64] = []
                    while ContinuousClock.now < deadline {
                        var request = HTTPClientRequest(url: base + path)
                        request.headers.add(name: "Cookie", value: cookies)
                        let start = nowNanos()
                        let response = try await http.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 16 << 20)
                        guard response.status == .ok else { throw BenchError(description: "\(path): \(response.status)") }
                        local.append(nowNanos() - start)
                    }
                    return local
                }
            }
            var all: [UInt64] = []
            for try await part in group { all += part }
            return all
        }
        return (label, Double(samples.count) / options.httpSeconds, Summary(samples))
    }
    let sample = sessions[sessions.count / 2]
    let loadBefore = loadAverage()
    var rounds: [[(String, Double, Summary)]] = []
    for _ in 0..<options.httpRounds {
        var round: [(String, Double, Summary)] = []
        round.append(try await closedLoop("GET /health (baseline)", "/health", cookies: ""))
        round.append(try await closedLoop("GET session page", sample, cookies: facilitator.header))
        round.append(try await closedLoop("GET canvas (export.json)", sample + "/export.json", cookies: facilitator.header))
        rounds.append(round)
    }
    let loadAfter = loadAverage()
    let rss = peakRSS(pid: server.processIdentifier)
    try await http.shutdown()

    func ms(_ value: Double) -> String { String(format: "%8.2f ms", value) }
    print("")
    print("WebSocket fan-out: \(options.sessions) sessions × \(options.participants) participants = \(listeners.count) connections")
    print("  edits sent          \(writers.count * options.edits) (\(options.edits) per session, one every \(options.intervalMilliseconds) ms), acknowledged \(acks)")
    print("  deliveries          \(fan.count) of \(listeners.count * expected) expected, in \(fanDuration)")
    print("  lost / duplicated   \(lost) / \(duplicated); connections out of order: \(outOfOrder); errors: \(errors.count)\(errors.first.map { " (\($0))" } ?? "")")
    print("  latency p50 / p99 / max  \(ms(fan.p50)) \(ms(fan.p99)) \(ms(fan.max))")
    print("")
    print("HTTP, \(options.httpConcurrency) concurrent clients, \(Int(options.httpSeconds)) s each, \(rounds.count) round\(rounds.count == 1 ? "" : "s") (load average \(loadBefore) before, \(loadAfter) after):")
    for (number, round) in rounds.enumerated() {
        print("  round \(number + 1)")
        for (label, rate, summary) in round {
            let share = round[0].1 > 0 ? rate / round[0].1 * 100 : 0
            print("    \(label.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", rate)) req/s \(String(format: "%5.1f", share)) % of /health   p50 \(ms(summary.p50))   p99 \(ms(summary.p99))")
        }
    }
    func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
    print("  median of the rounds")
    for index in rounds[0].indices {
        let rate = median(rounds.map { $0[index].1 })
        let share = median(rounds.map { $0[0].1 > 0 ? $0[index].1 / $0[0].1 * 100 : 0 })
        let p50 = median(rounds.map { $0[index].2.p50 })
        print("    \(rounds[0][index].0.padding(toLength: 28, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", rate)) req/s \(String(format: "%5.1f", share)) % of /health   p50 \(ms(p50))")
    }
    print("")
    print("server memory: peak RSS \(rss.peak / 1024) MiB (after fan-out \(rssAfterFanOut.peak / 1024) MiB), now \(rss.current / 1024) MiB")
    if let hold = options.hold {
        try Data("base=\(base)\nsession=\(sample)\ncookie=\(facilitator.header)\npid=\(server.processIdentifier)\n".utf8)
            .write(to: URL(fileURLWithPath: hold))
        print("holding the server; remove \(hold) to stop it")
        while FileManager.default.fileExists(atPath: hold) { try await Task.sleep(for: .milliseconds(200)) }
    }
}

/// The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.
func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func `require`<T>(_ value: T?, _ what: String = #function) throws -> T {
    guard let value else { throw BenchError(description: "missing value") }
    return value
}

do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
    exit(1)
}
