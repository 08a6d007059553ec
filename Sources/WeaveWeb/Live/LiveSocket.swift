import Foundation
import HummingbirdWebSocket
import Logging
import WeaveCore
import WeaveStore

/// Serves one browser's live socket: everything for it goes out through its stream in order; what it sends
/// is checked and submitted to the session, and answered with an ack or an error.
enum LiveSocket {
    private enum Side { case writer, reader, timer }

    /// Serves one browser until it leaves, falls too far behind, breaks the message budget, or the server
    /// lets go.
    ///
    /// - Parameters:
    ///   - limits: the message budget and outbox bounds (docs/live-protocol.md, "Limits").
    ///   - drop: ends the connection at once, for a browser that does not read (a close frame would wait
    ///     behind everything it has not read).
    ///   - roster: renames and removes participants; given for a facilitator's page only.
    static func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, live: LiveSession,
                      viewer: SessionActor, readOnly: Bool, roster: LiveRoster? = nil, limits: LiveLimits, metrics: WeaveMetrics, logger: Logger,
                      drop: @escaping @Sendable () -> Void) async throws {
        let outbox = LiveOutbox(limits: limits, drop: {
            logger.notice("Dropped a browser that fell too far behind; it catches up when it reconnects", metadata: ["session": "\(live.id)"])
            drop()
        })
        let key = await live.subscribe(outbox, viewer: readOnly ? nil : viewer.id, seesHidden: viewer.isFacilitator && !readOnly)
        metrics.openSockets.increment()
        defer { metrics.openSockets.decrement() }
        await withTaskGroup(of: Side.self) { group in
            group.addTask {
                do {
                    for await text in outbox.stream {
                        try await outbound.write(.text(text))
                        outbox.written(text)
                    }
                    if outbox.closeReason == .tooManyMessages {
                        try await outbound.close(.policyViolation, reason: "Too many messages")
                    }
                } catch {
                    logger.debug("live socket write failed", metadata: ["error": "\(error)"])
                }
                return .writer
            }
            group.addTask {
                var budget = MessageBudget(perSecond: limits.messagesPerSecond, burst: limits.messageBurst)
                do {
                    for try await message in inbound.messages(maxSize: LiveLimits.maxMessageBytes) {
                        guard budget.take() else {
                            outbox.send(LiveJSON.text(ErrorMessage(message: Self.tooManyMessages(limits))))
                            outbox.finish(.tooManyMessages)
                            logger.notice("Closed a live socket that sent too many messages", metadata: ["session": "\(live.id)", "actor": "\(viewer.id)"])
                            break
                        }
                        guard case .text(let text) = message else {
                            outbox.send(LiveJSON.text(ErrorMessage(message: "Send JSON text messages.")))
                            continue
                        }
                        await handle(text, live: live, key: key, viewer: viewer, readOnly: readOnly, roster: roster, reply: outbox)
                    }
                } catch {
                    logger.debug("live socket read ended", metadata: ["error": "\(error)"])
                }
                return .reader
            }
            // Whichever side ends first (browser gone, or the server letting go), the connection is over. When
            // reading ends first, what is queued (an error, a close frame) still goes out — but a browser that
            // does not read is not waited for long.
            if await group.next() == .reader {
                outbox.finish()
                group.addTask {
                    try? await Task.sleep(for: .seconds(2))
                    return .timer
                }
                _ = await group.next()
            }
            group.cancelAll()
            outbox.finish()
        }
        await live.unsubscribe(key)
    }

    /// What a browser that breaks the message budget is told before its socket closes.
    static func tooManyMessages(_ limits: LiveLimits) -> String {
        let rate = limits.messagesPerSecond.rounded() == limits.messagesPerSecond ? "\(Int(limits.messagesPerSecond))" : "\(limits.messagesPerSecond)"
        return "Too many messages: a page may send \(rate) a second, or \(limits.messageBurst) at once. This connection is closed; the page reconnects by itself."
    }

    static func handle(_ text: String, live: LiveSession, key: UUID, viewer: SessionActor, readOnly: Bool,
                       roster: LiveRoster? = nil, reply: LiveOutbox) async {
        let message: ClientMessage
        do {
            message = try LiveJSON.decoder.decode(ClientMessage.self, from: Data(text.utf8))
        } catch {
            reply.send(LiveJSON.text(ErrorMessage(message: "That message is not one Weave understands: \(describe(error))")))
            return
        }
        if let id = message.id, id.count > 64 || id.isEmpty {
            reply.send(LiveJSON.text(ErrorMessage(message: "A message id is 1 to 64 characters.")))
            return
        }
        let event: SessionEvent
        switch message.type {
        case "hello":
            await live.sendSnapshot(to: key)
            return
        case "ping":
            // The page's own check that the connection still carries messages (docs/live-protocol.md).
            reply.send(#"{"type":"pong"}"#)
            return
        case "versions":
            guard let field = message.field else { return refuse(message, "A versions request needs a \"field\".", reply) }
            reply.send(await live.versions(of: field, before: message.before, ref: message.id))
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
        case "clock":
            switch message.action {
            case "start": event = .clock(.start)
            case "pause": event = .clock(.pause)
            case "resume": event = .clock(.resume)
            case "reset": event = .clock(.reset)
            case "extend":
                guard let minutes = message.minutes else { return refuse(message, "Say how many \"minutes\" to add.", reply) }
                event = .clock(.extend(minutes: minutes))
            default: return refuse(message, "A clock message needs an \"action\": start, pause, resume, extend or reset.", reply)
            }
        case "show":
            switch message.view {
            case "phase": event = .show(.phase)
            case "join": event = .show(.join)
            case "pause": event = .show(.pause)
            case "field":
                guard let field = message.field else { return refuse(message, "Say which \"field\" the projector shows.", reply) }
                event = .show(.field(field))
            default: return refuse(message, "A show message needs a \"view\": phase, field, join or pause.", reply)
            }
        case "hide":
            guard let field = message.field, let item = message.item else { return refuse(message, "Say which \"field\" and \"item\" to hide.", reply) }
            event = .hide(field: field, item: item, hidden: message.hidden ?? true)
        case "undo":
            guard !readOnly else { return refuse(message, "This view only shows the canvas; changes are made from a participant or facilitator page.", reply) }
            answer(await live.undoLast(by: viewer, ref: message.id), to: message, reply)
            return
        case "formGroups":
            guard viewer.isFacilitator, !readOnly else { return refuse(message, "Only a facilitator can form groups.", reply) }
            answer(await live.formGroups(by: viewer, ref: message.id), to: message, reply)
            return
        case "renameParticipant", "removeParticipant":
            guard let roster, !readOnly else { return refuse(message, "Only the facilitator's page can rename or remove participants.", reply) }
            guard let participant = message.participant.flatMap(UUID.init(uuidString:)) else {
                return refuse(message, "Say which participant, by id.", reply)
            }
            do {
                let changed: Participant
                if message.type == "renameParticipant" {
                    changed = try await roster.rename(participant, LiveRoster.checkName(message.name ?? ""))
                } else {
                    changed = try await roster.remove(participant)
                }
                await live.participantJoined(changed)
                if let id = message.id { reply.send(LiveJSON.text(AckMessage(id: id, sequence: await live.snapshot().sequence))) }
            } catch let error as LiveRoster.Refusal {
                refuse(message, error.message, reply)
            } catch {
                refuse(message, "That participant is not in this session.", reply)
            }
            return
        default:
            return refuse(message, "Unknown message type \"\(message.type.prefix(20))\".", reply)
        }
        if readOnly { return refuse(message, "This view only shows the canvas; changes are made from a participant or facilitator page.", reply) }
        answer(await live.submit(event, by: viewer, ref: message.id), to: message, reply)
    }

    /// Tells the browser what came of its change.
    private static func answer(_ outcome: LiveSession.Outcome, to message: ClientMessage, _ reply: LiveOutbox) {
        switch outcome {
        case .stored(let sequence):
            if let id = message.id { reply.send(LiveJSON.text(AckMessage(id: id, sequence: sequence))) }
        case .refused(let error):
            reply.send(LiveJSON.text(ErrorMessage(id: message.id, field: error.field, message: error.message)))
        case .failed(let reason):
            reply.send(LiveJSON.text(ErrorMessage(id: message.id, message: reason, retry: true)))
        case .busy(let seconds):
            reply.send(LiveJSON.text(ErrorMessage(id: message.id, message: "This session is taking more changes than it can keep up with; yours is sent again in \(seconds) second\(seconds == 1 ? "" : "s").", retry: true, retryAfter: seconds)))
        }
    }

    private static func refuse(_ message: ClientMessage, _ text: String, _ reply: LiveOutbox) {
        reply.send(LiveJSON.text(ErrorMessage(id: message.id, message: text)))
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
