import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Testing

/// A live-canvas client over a real socket, as a browser's script would be: messages it receives are kept in
/// order, and a test waits for the one it expects.
actor LiveConnection {
    private var received: [[String: any Sendable]] = []
    private var cursor = 0
    private let outgoing: AsyncStream<String?>.Continuation
    private(set) var closed = false
    private var failure: String?
    /// Each message's type and size in bytes, in order.
    private(set) var sizes: [(type: String, bytes: Int)] = []
    /// The close code the server sent, if it sent one.
    private(set) var closeCode: WebSocketErrorCode?
    /// Opened by ``resume()``, for a client that starts out not reading (a browser tab that stalls).
    private let gate: AsyncStream<Void>.Continuation
    private let gateStream: AsyncStream<Void>

    private init(outgoing: AsyncStream<String?>.Continuation) {
        self.outgoing = outgoing
        (gateStream, gate) = AsyncStream<Void>.makeStream()
    }

    /// Connects to a live path with a browser's cookies.
    ///
    /// - Parameter reading: `false` for a client that reads nothing until ``resume()``; the server's
    ///   messages pile up in its socket buffers as they would for a stalled browser.
    static func open(port: Int, path: String, cookies: String, origin: String? = nil, reading: Bool = true) async -> LiveConnection {
        let (stream, continuation) = AsyncStream<String?>.makeStream()
        let connection = LiveConnection(outgoing: continuation)
        if reading { connection.resume() }
        let gate = connection.gateStream
        var headers: HTTPFields = [.cookie: cookies]
        if let origin { headers[.origin] = origin }
        let logger = Logger(label: "test-ws", factory: { _ in SwiftLogNoOpLogHandler() })
        Task {
            do {
                let close = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)\(path)",
                                                              configuration: .init(maxFrameSize: 1 << 22, additionalHeaders: headers),
                                                              logger: logger) { inbound, outbound, _ in
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for await _ in gate { break }
                            for try await message in inbound.messages(maxSize: 1 << 22) {
                                if case .text(let text) = message { await connection.receive(text) }
                            }
                        }
                        group.addTask {
                            for await text in stream {
                                guard let text else { break }
                                try await outbound.write(.text(text))
                            }
                            try await outbound.close(.normalClosure, reason: nil)
                        }
                        try await group.next()
                        group.cancelAll()
                    }
                }
                await connection.recordClose(close?.closeCode)
            } catch {
                await connection.fail("\(error)")
            }
            await connection.markClosed()
        }
        return connection
    }

    /// Opens a page's live socket, says hello from the start and waits for the snapshot.
    static func greeted(port: Int, path: String, cookies: String) async throws -> LiveConnection {
        let connection = await open(port: port, path: path, cookies: cookies)
        connection.send(["type": "hello", "after": 0])
        _ = try await connection.next("snapshot")
        return connection
    }

    private func receive(_ text: String) {
        sizes.append((type: text.firstMatch(of: #/"type":"([a-z]+)"/#).map { String($0.1) } ?? "?", bytes: text.utf8.count))
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            received.append(object.mapValues { $0 as! any Sendable })
        }
    }

    private func fail(_ message: String) { failure = message }
    private func recordClose(_ code: WebSocketErrorCode?) {
        closeCode = code
    }

    /// Starts reading (for a client opened with `reading: false`).
    nonisolated func resume() { gate.yield(); gate.finish() }
    private func markClosed() { closed = true }

    /// Sends a JSON message.
    nonisolated func send(_ object: [String: Any]) {
        let data = try! JSONSerialization.data(withJSONObject: object)
        outgoing.yield(String(decoding: data, as: UTF8.self))
    }

    /// Sends raw text.
    nonisolated func sendText(_ text: String) { outgoing.yield(text) }

    /// Closes the connection from this side.
    nonisolated func close() { outgoing.yield(nil); outgoing.finish() }

    /// The next message (after those already taken) that matches, waiting up to `seconds`.
    func next(_ type: String, seconds: Double = 5, where matches: @Sendable ([String: any Sendable]) -> Bool = { _ in true }) async throws -> [String: any Sendable] {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            while cursor < received.count {
                let message = received[cursor]
                cursor += 1
                if message["type"] as? String == type, matches(message) { return message }
            }
            if closed { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw LiveTestError("no \(type) message arrived within \(seconds) s (closed: \(closed), failure: \(failure ?? "none"), received: \(received.map { "\($0["type"] as? String ?? "?")\(($0["id"] as? String).map { ":" + $0 } ?? "")" }), cursor: \(cursor))")
    }

    /// Waits until some message received so far (taken or not) matches.
    func eventually(seconds: Double = 10, _ matches: @Sendable ([String: any Sendable]) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if received.contains(where: matches) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    /// Every message received so far.
    var all: [[String: any Sendable]] { received }

    /// Waits for the connection to end.
    func waitClosed(seconds: Double = 5) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline, !closed { try? await Task.sleep(for: .milliseconds(5)) }
        return closed
    }

    var connectFailure: String? { failure }
}

struct LiveTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == any Sendable {
    var int: (String) -> Int? { { self[$0] as? Int } }
    func string(_ key: String) -> String? { self[key] as? String }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
}

/// The items of a list field in a state or value object.
func listTexts(_ state: [String: Any]?, _ field: String) -> [String] {
    ((state?["lists"] as? [String: Any])?[field] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
}
