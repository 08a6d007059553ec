import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Hummingbird's HTTP/1 + WebSocket channel with two guards around it, for what happens before Hummingbird
/// takes over a connection (it does so only once the first request's head has been read):
///
/// - a connection must send its first request's head within ``HTTPTimeouts/requestHead``, or it is answered
///   `408` and closed (a slowloris client trickling header bytes is otherwise held open forever);
/// - a first request the HTTP parser rejects is answered `400` and closed (otherwise it hangs unanswered:
///   the upgrade pipeline leaves parse errors to Hummingbird, which is not there yet).
///
/// Later requests on a kept-alive connection are Hummingbird's: its idle timeout and its own `400`.
struct GuardedHTTPChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let requestHead: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let head = FirstRequestHeadGuard(timeout: requestHead)
        do {
            try channel.pipeline.syncOperations.addHandler(head, position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger).assumeIsolated().flatMapThrowing { value in
            // Added last now, so it sits right after the upgrade handler: it sees the first decoded part, or
            // the parser's error if there is none.
            try channel.pipeline.syncOperations.addHandler(FirstRequestParseGuard(head: head))
            return value
        }.nonisolated()
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// At the front of the pipeline (raw bytes): starts the clock on a new connection, and answers it directly
/// on the socket when the first head is late or unreadable.
final class FirstRequestHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Any

    private let timeout: TimeAmount
    private var waiting = true
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { startClock(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopClock()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Anything written back (a response, a WebSocket upgrade) means the head was read.
        if waiting { stopClock() }
        context.write(data, promise: promise)
    }

    /// The first head was decoded: from now on Hummingbird keeps the time.
    func headArrived() {
        if waiting { stopClock() }
    }

    /// Answers the first request with a bodiless status and closes, unless something was written already.
    func reject(_ status: HTTPResponseStatus) {
        guard waiting, let context else { return }
        stopClock()
        let text = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(string: text))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func startClock(_ context: ChannelHandlerContext) {
        guard waiting, timer == nil else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            timer = nil
            reject(.requestTimeout)
        }
    }

    private func stopClock() {
        waiting = false
        timer?.cancel()
        timer = nil
    }
}

/// Just after the HTTP decoder and upgrade handler: tells the head guard when the first part arrives, and
/// has it answer `400` when the parser fails before that. Passes everything through untouched (after a
/// WebSocket upgrade it sees frames).
final class FirstRequestParseGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Any

    private let head: FirstRequestHeadGuard
    private var seenFirstPart = false

    init(head: FirstRequestHeadGuard) { self.head = head }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !seenFirstPart {
            seenFirstPart = true
            head.headArrived()
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !seenFirstPart, error is HTTPParserError {
            head.reject(.badRequest)
            return
        }
        context.fireErrorCaught(error)
    }
}

/// After Hummingbird's HTTP codec: a request's body must arrive within a deadline from its head, however
/// slowly it trickles (Hummingbird's idle timeout is reset by every body part). Over it, the connection closes.
final class RequestBodyDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            timer?.cancel()
            timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
                timer = nil
                context.close(promise: nil)
            }
        case .body:
            break
        case .end:
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }
}

extension Duration {
    /// The same span as NIO's `TimeAmount`.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
