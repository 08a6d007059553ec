import NIOConcurrencyHelpers

/// What waits to be written to one browser, bounded in messages and bytes.
///
/// The session and the socket's reader put messages in; the socket's writer takes them out as fast as the
/// browser reads. A browser that stops reading cannot make the server hold unbounded data: once more than
/// the limit waits, the outbox refuses, and its owner drops the browser (which reconnects and catches up
/// with a snapshot). One message is always taken when nothing waits, so a large snapshot still goes out.
final class LiveOutbox: Sendable {
    /// Why the connection ends, when the server ends it.
    enum Close: Sendable, Equatable {
        case tooFarBehind
        case tooManyMessages
    }

    private struct Queue {
        var bytes = 0
        var messages = 0
        var finished = false
        var close: Close?
    }

    let stream: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let queue = NIOLockedValueBox(Queue())
    private let maxBytes: Int
    private let maxMessages: Int
    /// Ends the browser's connection at once, without waiting for it to read a close frame.
    private let drop: @Sendable () -> Void

    init(limits: LiveLimits, drop: @escaping @Sendable () -> Void = {}) {
        (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .unbounded)
        maxBytes = limits.outboundBytes
        maxMessages = limits.outboundMessages
        self.drop = drop
    }

    /// Queues a message; `false` if the browser is too far behind (it is then dropped) or already gone.
    @discardableResult
    func send(_ text: String) -> Bool {
        let size = text.utf8.count
        let accepted = queue.withLockedValue { queue -> Bool? in
            if queue.finished { return false }
            if queue.messages > 0 && (queue.bytes + size > maxBytes || queue.messages + 1 > maxMessages) {
                queue.finished = true
                queue.close = .tooFarBehind
                return nil
            }
            queue.bytes += size
            queue.messages += 1
            return true
        }
        switch accepted {
        case true?:
            continuation.yield(text)
            return true
        case false?:
            return false
        case nil:
            continuation.finish()
            drop()
            return false
        }
    }

    /// The writer took a message off the queue and wrote it.
    func written(_ text: String) {
        let size = text.utf8.count
        queue.withLockedValue { queue in
            queue.bytes -= size
            queue.messages -= 1
        }
    }

    /// Ends the stream after what is queued; with a reason, the writer closes the socket saying so.
    func finish(_ close: Close? = nil) {
        queue.withLockedValue { queue in
            queue.finished = true
            if queue.close == nil { queue.close = close }
        }
        continuation.finish()
    }

    /// Why the server ended the connection, if it did.
    var closeReason: Close? { queue.withLockedValue { $0.close } }

    /// Whether the outbox takes no more messages.
    var isFinished: Bool { queue.withLockedValue { $0.finished } }

    /// What waits, for tests and metrics.
    var waiting: (messages: Int, bytes: Int) { queue.withLockedValue { ($0.messages, $0.bytes) } }
}
