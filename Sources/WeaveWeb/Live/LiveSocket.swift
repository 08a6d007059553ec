import Foundation
import HummingbirdWebSocket
import Logging
import WeaveCore

/// Serves one browser's live socket: everything for it goes out through its stream in order; what it sends
/// is checked and submitted to the session, and answered with an ack or an error.
enum LiveSocket {
    /// The largest message a browser may send.
    static let maxMessageBytes = 64 * 1024

    static func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, live: LiveSession,
                      viewer: SessionActor, readOnly: Bool, metrics: WeaveMetrics, logger: Logger) async throws {
        let (key, stream, continuation) = await live.subscribe()
        metrics.openSockets.increment()
        defer { metrics.openSockets.decrement() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for await text in stream { try await outbound.write(.text(text)) }
                } catch {
                    logger.debug("live socket write failed", metadata: ["error": "\(error)"])
                }
            }
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: maxMessageBytes) {
                        guard case .text(let text) = message else {
                            continuation.yield(LiveJSON.text(ErrorMessage(message: "Send JSON text messages.")))
                            continue
                        }
                        await handle(text, live: live, key: key, viewer: viewer, readOnly: readOnly, reply: continuation)
                    }
                } catch {
                    logger.debug("live socket read ended", metadata: ["error": "\(error)"])
                }
            }
            // Whichever side ends first (browser gone, or the server letting go), the connection is over.
            await group.next()
            group.cancelAll()
            continuation.finish()
        }
        await live.unsubscribe(key)
    }

    static func handle(_ text: String, live: LiveSession, key: UUID, viewer: SessionActor, readOnly: Bool,
                       reply: AsyncStream<String>.Continuation) async {
        let message: ClientMessage
        do {
            message = try LiveJSON.decoder.decode(ClientMessage.self, from: Data(text.utf8))
        } catch {
            reply.yield(LiveJSON.text(ErrorMessage(message: "That message is not one Weave understands: \(describe(error))")))
            return
        }
        if let id = message.id, id.count > 64 || id.isEmpty {
            reply.yield(LiveJSON.text(ErrorMessage(message: "A message id is 1 to 64 characters.")))
            return
        }
        let event: SessionEvent
        switch message.type {
        case "hello":
            await live.sendSnapshot(to: key)
            return
        case "edit":
            guard let edit = message.edit else { return refuse(message, "An edit message needs an \"edit\".", reply) }
            event = .edit(edit)
        case "move":
            guard let phase = message.phase, let step = message.step else { return refuse(message, "A move needs \"phase\" and \"step\".", reply) }
            event = .move(phase: phase, step: step)
        case "lock":
            guard let section = message.section, let locked = message.locked else { return refuse(message, "A lock needs \"section\" and \"locked\".", reply) }
            event = .lock(section: section, locked: locked)
        case "close":
            event = .close
        default:
            return refuse(message, "Unknown message type \"\(message.type.prefix(20))\".", reply)
        }
        if readOnly { return refuse(message, "This view only shows the canvas; changes are made from a participant or facilitator page.", reply) }
        switch await live.submit(event, by: viewer, ref: message.id) {
        case .stored(let sequence):
            if let id = message.id { reply.yield(LiveJSON.text(AckMessage(id: id, sequence: sequence))) }
        case .refused(let error):
            reply.yield(LiveJSON.text(ErrorMessage(id: message.id, field: error.field, message: error.message)))
        case .failed(let reason):
            reply.yield(LiveJSON.text(ErrorMessage(id: message.id, message: reason, retry: true)))
        }
    }

    private static func refuse(_ message: ClientMessage, _ text: String, _ reply: AsyncStream<String>.Continuation) {
        reply.yield(LiveJSON.text(ErrorMessage(id: message.id, message: text)))
    }

    /// A decoding error in words, with where it happened.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "\"\(key.stringValue)\" is missing\(path(context))."
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "the value\(path(context)) has the wrong type."
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "it is not valid JSON." : "the value\(path(context)) is not valid."
        default:
            "it could not be read."
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map(\.stringValue).filter { !$0.isEmpty }
        return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
    }
}
