import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// A small SMTP client (RFC 5321) of our own over SwiftNIO: EHLO, STARTTLS or implicit TLS, AUTH PLAIN or
/// LOGIN when credentials are given, MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. Each step has a
/// timeout, so a stalled server costs at most `stepTimeout` per step and never blocks anything else.
public struct SMTPClient: Sendable {
    public var settings: SMTPSettings
    /// The TLS configuration (tests trust their own certificate); the system's roots by default.
    var tls: TLSConfiguration

    public init(settings: SMTPSettings) {
        self.settings = settings
        tls = .makeClientConfiguration()
    }

    /// A reply: its code and its text lines joined.
    struct Reply { var code: Int; var lines: [String]; var text: String { lines.joined(separator: " ") } }

    /// Sends one message; returns when the server accepted it for delivery.
    /// - Throws: ``MailError`` saying in plain words what went wrong.
    public func send(_ message: MailMessage) async throws {
        let data = MailMessage.dotStuffed(try message.rendered())
        let settings = settings
        let sslContext: NIOSSLContext
        do { sslContext = try NIOSSLContext(configuration: tls) } catch { throw MailError.tls("\(error)") }
        let serverName = settings.host.contains(":") || settings.host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : settings.host
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(Self.timeAmount(settings.stepTimeout))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .implicitTLS {
                            try channel.pipeline.syncOperations.addHandlers(NIOSSLClientHandler(context: sslContext, serverHostname: serverName),
                                                                           TLSHandshakeWatcher(promise: channel.eventLoop.makePromise()))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch ChannelError.connectTimeout(_) {
            throw MailError.timedOut(step: "connecting")
        } catch {
            throw MailError.unreachable("\(settings.host):\(settings.port): \(error)")
        }
        let timedOut = NIOLockedValueBox(false)
        try await channel.executeThenClose { inbound, outbound in
            var conversation = Conversation(channel: channel.channel, inbound: inbound.makeAsyncIterator(), outbound: outbound,
                                            timeout: settings.stepTimeout, timedOut: timedOut)
            if settings.security == .implicitTLS {
                try await Self.handshake(channel.channel, timeout: settings.stepTimeout, start: nil)
            }
            try await conversation.expect(220, step: "the greeting")
            let client = "weave.invalid"
            var capabilities = try await conversation.command("EHLO \(client)", expect: 250, step: "EHLO").lines.dropFirst().map { $0.uppercased() }
            if settings.security == .startTLS {
                guard capabilities.contains(where: { $0 == "STARTTLS" || $0.hasPrefix("STARTTLS ") }) else {
                    throw MailError.tls("the server does not offer STARTTLS; use smtps://, or tls=none for a relay on this machine")
                }
                _ = try await conversation.command("STARTTLS", expect: 220, step: "STARTTLS")
                try await Self.handshake(channel.channel, timeout: settings.stepTimeout) {
                    try channel.channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName), position: .first)
                }
                capabilities = try await conversation.command("EHLO \(client)", expect: 250, step: "EHLO after STARTTLS").lines.dropFirst().map { $0.uppercased() }
            }
            if let user = settings.username {
                let password = settings.password ?? ""
                let mechanisms = Set(capabilities.filter { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }.flatMap { $0.dropFirst(5).split(separator: " ").map(String.init) })
                if mechanisms.contains("PLAIN") {
                    let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                    _ = try await conversation.command("AUTH PLAIN \(token)", expect: 235, step: "the user name and password", secret: true)
                } else if mechanisms.contains("LOGIN") {
                    _ = try await conversation.command("AUTH LOGIN", expect: 334, step: "AUTH LOGIN")
                    _ = try await conversation.command(Data(user.utf8).base64EncodedString(), expect: 334, step: "the user name", secret: true)
                    _ = try await conversation.command(Data(password.utf8).base64EncodedString(), expect: 235, step: "the user name and password", secret: true)
                } else {
                    throw MailError.refused(step: "to sign in", code: 0, text: "the server offers neither AUTH PLAIN nor AUTH LOGIN.")
                }
            }
            _ = try await conversation.command("MAIL FROM:<\(message.from)>", expect: 250, step: "the sender \(message.from)")
            _ = try await conversation.command("RCPT TO:<\(message.to)>", expect: 250, also: 251, step: "the recipient \(message.to)")
            _ = try await conversation.command("DATA", expect: 354, step: "DATA")
            _ = try await conversation.command(data + ".", expect: 250, step: "the message")
            // The message is accepted; a server that hangs up instead of answering QUIT changes nothing.
            _ = try? await conversation.command("QUIT", expect: 221, step: "QUIT")
        }
    }

    /// Waits until TLS is set up on the channel (after `start` adds the TLS handler, if given), so that a
    /// refused certificate is reported as such rather than as a closed connection.
    static func handshake(_ channel: any Channel, timeout: Duration, start: (@Sendable () throws -> Void)?) async throws {
        do {
            try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                do {
                    try start?()
                    if start != nil {
                        let promise = channel.eventLoop.makePromise(of: Void.self)
                        try channel.pipeline.syncOperations.addHandler(TLSHandshakeWatcher(promise: promise), position: .after(try channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)))
                        return promise.futureResult
                    }
                    return try channel.pipeline.syncOperations.handler(type: TLSHandshakeWatcher.self).promise.futureResult
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }.withTimeout(timeAmount(timeout), on: channel.eventLoop).get()
        } catch MailError.timedOut {
            throw MailError.timedOut(step: "setting up TLS")
        } catch {
            throw MailError.tls("\(error)")
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// The command-and-reply exchange on an open connection.
    struct Conversation {
        let channel: any Channel
        var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        let timeout: Duration
        let timedOut: NIOLockedValueBox<Bool>
        var pending = ""

        /// Sends a line and reads the reply, which must have the expected code.
        mutating func command(_ line: String, expect code: Int, also other: Int? = nil, step: String, secret: Bool = false) async throws -> Reply {
            do {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
            } catch {
                throw MailError.unreachable("the connection closed while sending \(secret ? "the credentials" : step)")
            }
            return try await expect(code, also: other, step: step)
        }

        /// Reads one reply (all its lines) within the timeout.
        @discardableResult
        mutating func expect(_ code: Int, also other: Int? = nil, step: String) async throws -> Reply {
            let channel = channel, timedOut = timedOut
            let timer = channel.eventLoop.scheduleTask(in: SMTPClient.timeAmount(timeout)) {
                timedOut.withLockedValue { $0 = true }
                channel.close(promise: nil)
            }
            defer { timer.cancel() }
            var lines: [String] = []
            while true {
                while let end = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    guard line.count >= 3, let got = Int(line.prefix(3)) else {
                        throw MailError.refused(step: step, code: 0, text: "the server's answer “\(line.prefix(80))” is not SMTP.")
                    }
                    lines.append(String(line.dropFirst(4)))
                    if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                        guard got == code || got == other else { throw MailError.refused(step: step, code: got, text: lines.joined(separator: " ")) }
                        return Reply(code: got, lines: lines)
                    }
                }
                let next: ByteBuffer?
                do { next = try await inbound.next() } catch {
                    if timedOut.withLockedValue({ $0 }) { throw MailError.timedOut(step: step) }
                    throw MailError.tls("\(error)")
                }
                guard var buffer = next else {
                    if timedOut.withLockedValue({ $0 }) { throw MailError.timedOut(step: step) }
                    throw MailError.unreachable("the server closed the connection during \(step)")
                }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                guard pending.utf8.count < 64 * 1024 else { throw MailError.refused(step: step, code: 0, text: "the server's answer is too long.") }
            }
        }
    }
}

/// Reports when the TLS handshake ends: done, failed, or the connection closed first.
final class TLSHandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let promise: EventLoopPromise<Void>
    /// Only the first outcome counts; later errors go on down the pipeline as usual.
    private var done = false

    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    private func finish(_ result: Result<Void, any Error>) {
        guard !done else { return }
        done = true
        promise.completeWith(result)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { finish(.success(())) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(ChannelError.ioOnClosedChannel))
        context.fireChannelInactive()
    }
}

extension EventLoopFuture {
    /// The future, or a ``MailError/timedOut(step:)`` failure when it takes longer than `timeout`.
    func withTimeout(_ timeout: TimeAmount, on loop: any EventLoop) -> EventLoopFuture<Value> {
        let promise = loop.makePromise(of: Value.self)
        let timer = loop.scheduleTask(in: timeout) { promise.fail(MailError.timedOut(step: "")) }
        cascade(to: promise)
        promise.futureResult.whenComplete { _ in timer.cancel() }
        return promise.futureResult
    }
}
