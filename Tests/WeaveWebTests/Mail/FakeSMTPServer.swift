import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP server on loopback for tests: it records every line the client sends and the message it
/// receives after DATA (still dot-stuffed, as on the wire), and can be told to refuse a step or stall.
final class FakeSMTPServer: Sendable {
    /// How the server behaves.
    struct Behaviour: Sendable {
        /// The EHLO keywords after the greeting line.
        var capabilities = ["8BITMIME", "AUTH PLAIN LOGIN"]
        /// A command prefix ("RCPT TO") and the reply that refuses it.
        var refuse: (command: String, reply: String)?
        /// Answer nothing after the greeting.
        var stallAfterGreeting = false
        /// Offer STARTTLS and, when asked, speak TLS with this certificate and key.
        var startTLS: NIOSSLContext?
    }

    /// What the server saw.
    struct Transcript: Sendable {
        var connections = 0
        /// Whether STARTTLS switched the connection to TLS.
        var tlsStarted = false
        var commands: [String] = []
        /// The DATA lines as received, before the final ".".
        var data: [String] = []
    }

    let port: Int
    private let channel: any Channel
    private let seen = NIOLockedValueBox(Transcript())

    var transcript: Transcript { seen.withLockedValue { $0 } }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Starts a server on 127.0.0.1 with a free port.
    static func start(_ behaviour: Behaviour = Behaviour()) async throws -> FakeSMTPServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let fake = FakeSMTPServer(port: server.channel.localAddress?.port ?? 0, channel: server.channel)
        Task {
            try? await server.executeThenClose { connections in
                for try await connection in connections {
                    fake.seen.withLockedValue { $0.connections += 1 }
                    Task { try? await fake.converse(connection, behaviour) }
                }
            }
        }
        return fake
    }

    /// The text of a received message: after the headers, dot-stuffing undone, quoted-printable decoded.
    static func decodedBody(_ data: [String]) -> String {
        let lines = data.drop(while: { !$0.isEmpty }).dropFirst().map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
        let joined = lines.joined(separator: "\r\n").replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = [], index = joined.utf8.startIndex
        let utf8 = joined.utf8
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "="), let end = utf8.index(index, offsetBy: 3, limitedBy: utf8.endIndex),
               let byte = UInt8(String(joined[utf8.index(after: index)..<end]), radix: 16) {
                bytes.append(byte)
                index = end
            } else {
                bytes.append(utf8[index])
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
    }

    func stop() async {
        try? await channel.close()
    }

    private func converse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ behaviour: Behaviour) async throws {
        try await connection.executeThenClose { inbound, outbound in
            func say(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await say("220 fake.test ESMTP ready")
            var pending = "", inData = false
            for try await var buffer in inbound {
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    if inData {
                        if line == "." {
                            inData = false
                            try await say("250 2.0.0 queued")
                        } else {
                            seen.withLockedValue { $0.data.append(line) }
                        }
                        continue
                    }
                    seen.withLockedValue { $0.commands.append(line) }
                    if behaviour.stallAfterGreeting { continue }
                    if let refusal = behaviour.refuse, line.uppercased().hasPrefix(refusal.command) {
                        try await say(refusal.reply)
                        continue
                    }
                    let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
                    switch verb {
                    case "STARTTLS" where behaviour.startTLS != nil:
                        try await say("220 2.0.0 ready to start TLS")
                        // The writer hands the reply to the event loop before this runs there, so it leaves in clear.
                        let channel = connection.channel, context = behaviour.startTLS!
                        try await channel.eventLoop.submit {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                        }.get()
                        seen.withLockedValue { $0.tlsStarted = true }
                    case "EHLO":
                        let lines = ["fake.test greets you"] + behaviour.capabilities + (behaviour.startTLS != nil && !seen.withLockedValue({ $0.tlsStarted }) ? ["STARTTLS"] : [])
                        for (index, text) in lines.enumerated() { try await say("250" + (index == lines.count - 1 ? " " : "-") + text) }
                    case "AUTH":
                        if line.uppercased().hasPrefix("AUTH LOGIN") { try await say("334 VXNlcm5hbWU6") } else { try await say("235 2.7.0 accepted") }
                    case "MAIL", "RCPT", "RSET", "NOOP": try await say("250 2.1.0 ok")
                    case "DATA":
                        inData = true
                        try await say("354 end with <CRLF>.<CRLF>")
                    case "QUIT":
                        try await say("221 2.0.0 bye")
                        return
                    default:
                        // The AUTH LOGIN user name and password lines.
                        if seen.withLockedValue({ $0.commands.dropLast().last?.uppercased() == "AUTH LOGIN" }) { try await say("334 UGFzc3dvcmQ6") } else { try await say("235 2.7.0 accepted") }
                    }
                }
            }
        }
    }
}
