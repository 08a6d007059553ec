import Foundation
import Logging
import WeaveCore
import WeaveStore

/// One running session in memory: its canvas, facilitation state and connected browsers.
///
/// Changes go through one queue per session. A batch of waiting changes is checked against the rules,
/// stored in one transaction, and only then applied, broadcast and acknowledged — so an acknowledged change
/// is on disk, every browser sees changes in the same order, and a refused change alters nothing.
actor LiveSession {
    /// What came of a change.
    enum Outcome: Sendable, Equatable {
        case stored(sequence: Int)
        case refused(SessionEventError)
        case failed(String)
        /// The session takes more changes a minute than it may; send it again after this many seconds.
        case busy(retryAfter: Int)
    }

    private enum Job {
        case submit(SessionEvent, SessionActor, ref: String?, CheckedContinuation<Outcome, Never>)
        case catchUp
    }

    let id: UUID
    let partnershipID: UUID
    let plan: SessionPlan
    /// The plan's phases as JSON, encoded once: every canvas page of the session carries them.
    let phasesJSON: String
    private let log: any SessionLog
    private let limits: LiveLimits
    private let metrics: WeaveMetrics
    private let logger: Logger
    private var context: CanvasContext
    /// Partner id → name, for messages.
    private var partnerNames: [String: String]
    private(set) var state: SessionState
    private(set) var sequence: Int
    /// What each person could undo (rebuilt from the log with the state).
    private var undo: SessionUndo
    /// (actor id, client ref) → the sequence its change was stored as.
    private var refs: [String: Int] = [:]
    private var participants: [ParticipantInfo]
    private var subscribers: [UUID: LiveOutbox] = [:]
    /// Whose browser each subscriber is (the viewer's actor id), for presence; the projector has none.
    private var viewers: [UUID: String] = [:]
    /// The subscribers that see hidden items (the facilitator's pages); everyone else gets the visible canvas.
    private var seeHidden: Set<UUID> = []
    /// Changes this session may still store this minute (``LiveLimits/sessionEventsPerMinute``).
    private var budget: MessageBudget
    private var queue: [Job] = []
    private var draining = false
    private var isShutDown = false
    /// The time changes are stored at (injected so tests of the clock need no sleeps).
    private let now: @Sendable () -> Date
    /// When a browser last connected, left or sent a change.
    private var lastActivity = ContinuousClock.now

    init(session: WorkSession, plan: SessionPlan, partners: [Partner], participants: [Participant], events: [StoredEvent],
         log: any SessionLog, limits: LiveLimits = LiveLimits(), metrics: WeaveMetrics, logger: Logger,
         now: @escaping @Sendable () -> Date = { Store.timestamp() }) {
        id = session.id
        self.now = now
        partnershipID = session.partnershipID
        self.plan = plan
        phasesJSON = LiveJSON.text(plan.sections)
        self.log = log
        self.limits = limits
        budget = MessageBudget(perSecond: Double(limits.sessionEventsPerMinute) / 60, burst: limits.sessionEventsPerMinute)
        self.metrics = metrics
        self.logger = logger
        context = plan.context(partners: Set(partners.map(\.key)))
        partnerNames = Dictionary(partners.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.participants = participants.map { ParticipantInfo($0) }
        var state = SessionState()
        var sequence = 0
        var refs: [String: Int] = [:]
        var undo = SessionUndo()
        for event in events { Self.replay(event, into: &state, undo: &undo, sequence: &sequence, refs: &refs, plan: plan, context: context, logger: logger) }
        self.undo = undo
        if session.isClosed { state.facilitation.closed = true }
        self.state = state
        self.sequence = sequence
        self.refs = refs
    }

    private func replay(_ event: StoredEvent) {
        Self.replay(event, into: &state, undo: &undo, sequence: &sequence, refs: &refs, plan: plan, context: context, logger: logger)
    }

    private static func replay(_ event: StoredEvent, into state: inout SessionState, undo: inout SessionUndo, sequence: inout Int,
                               refs: inout [String: Int], plan: SessionPlan, context: CanvasContext, logger: Logger) {
        do {
            let before = state.canvas
            state = try state.applying(event.event, by: event.actor, at: event.at, plan: plan, context: context)
            undo.record(event.event, sequence: event.sequence, by: event.actor.id, before: before)
        } catch {
            // The log is the record; a change the rules no longer accept is kept there but not applied.
            logger.error("A stored change no longer applies and was skipped", metadata: [
                "session": "\(event.sessionID)", "sequence": "\(event.sequence)", "reason": "\(error.message)"])
        }
        sequence = event.sequence
        if let ref = event.clientRef { refs[refKey(event.actor.id, ref)] = event.sequence }
    }

    private static func refKey(_ actor: String, _ ref: String) -> String { "\(actor)\u{1F}\(ref)" }

    // MARK: Connections

    /// Adds a browser; everything for it — the snapshot first, then events in order — goes into its outbox.
    ///
    /// - Parameter viewer: whose browser it is (a participant's key or a facilitator's account id), so the
    ///   roster shows who is here; `nil` for the projector.
    ///   - seesHidden: whether the browser is a facilitator's page, which shows hidden items (marked) so they
    ///     can be shown again.
    func subscribe(_ outbox: LiveOutbox, viewer: String? = nil, seesHidden: Bool = false) -> UUID {
        lastActivity = .now
        let key = UUID()
        if isShutDown {
            outbox.send(LiveJSON.text(ReconnectMessage(message: "The server is restarting; reconnecting shortly.")))
            outbox.finish()
        } else {
            // Only participants are on the roster; a facilitator's or the projector's page changes nothing there.
            let wasHere = viewer.map { id in isPresent(id) || !participants.contains { $0.id == id } } ?? true
            subscribers[key] = outbox
            if seesHidden { seeHidden.insert(key) }
            if let viewer { viewers[key] = viewer }
            if !wasHere { rosterChanged() }
        }
        return key
    }

    private func isPresent(_ viewer: String) -> Bool { viewers.contains { $0.value == viewer && subscribers[$0.key] != nil } }

    /// The participants, each marked present when a browser of theirs is connected.
    var roster: [ParticipantInfo] {
        let here = Set(viewers.filter { subscribers[$0.key] != nil }.values)
        return participants.map { info in
            var info = info
            info.present = here.contains(info.id) && !info.removed
            return info
        }
    }

    /// Everyone's roster updates: someone came, left, joined, was renamed or removed.
    private func rosterChanged() {
        broadcast(LiveJSON.text(ParticipantsMessage(participants: roster)))
    }

    /// Sends the current snapshot to one browser.
    func sendSnapshot(to key: UUID) {
        guard let outbox = subscribers[key] else { return }
        if !outbox.send(snapshotText(seesHidden: seeHidden.contains(key))) { subscribers.removeValue(forKey: key) }
    }

    /// Earlier texts of a text field, newest first, read from the log: the current text is not among them.
    ///
    /// - Parameters:
    ///   - field: the text field.
    ///   - before: only versions stored before this sequence number (the oldest one the browser has), to page back.
    ///   - ref: the request's id, echoed.
    func versions(of field: String, before: Int?, ref: String?) async -> String {
        guard let spec = context.fields[field], case .text = spec.kind else {
            return LiveJSON.text(ErrorMessage(id: ref, field: field, message: "There is no text field \"\(field.prefix(40))\" on this canvas."))
        }
        let count = limits.versionsPerRequest
        do {
            // Without `before`, the newest text is the current one: skip it.
            let skip = before == nil ? 1 : 0
            let edits = try await log.textEdits(of: self.id, field: field, before: before, limit: count + skip + 1)
            let earlier = edits.dropFirst(skip)
            let versions = earlier.prefix(count).compactMap { event -> VersionsMessage.Version? in
                guard case .edit(.setText(_, let text)) = event.event else { return nil }
                return .init(sequence: event.sequence, at: event.at, author: event.actor.id, name: event.actor.name,
                             text: text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return LiveJSON.text(VersionsMessage(id: ref, field: field, versions: Array(versions), more: earlier.count > count))
        } catch {
            logger.error("Could not read a text's versions", metadata: ["session": "\(self.id)", "field": "\(field)", "error": "\(error)"])
            return LiveJSON.text(ErrorMessage(id: ref, field: field, message: "Earlier versions could not be read just now; try again.", retry: true))
        }
    }

    /// The snapshot a browser starts from: the whole canvas for a facilitator's page, without hidden items
    /// for everyone else.
    func snapshotText(seesHidden: Bool = false) -> String {
        LiveJSON.text(SnapshotMessage(sequence: sequence, state: seesHidden ? state.canvas : state.visibleCanvas, facilitation: state.facilitation,
                                      participants: roster, now: now()))
    }

    /// Removes a browser.
    func unsubscribe(_ key: UUID) {
        lastActivity = .now
        subscribers.removeValue(forKey: key)?.finish()
        seeHidden.remove(key)
        if let viewer = viewers.removeValue(forKey: key), participants.contains(where: { $0.id == viewer }), !isPresent(viewer) {
            rosterChanged()
        }
    }

    var connectionCount: Int { subscribers.count }

    /// The session as it stands, for pages and exports.
    struct Snapshot: Sendable {
        var sequence: Int
        var state: SessionState
        var participants: [ParticipantInfo]
        var facilitation: Facilitation { state.facilitation }
        var participantCount: Int { participants.count }
    }

    func snapshot() -> Snapshot {
        Snapshot(sequence: sequence, state: state, participants: roster)
    }

    /// Someone joined, was renamed or removed: everyone's roster updates. A removed participant's browsers are
    /// told so and let go.
    func participantJoined(_ participant: Participant) {
        let info = ParticipantInfo(participant)
        if let index = participants.firstIndex(where: { $0.id == info.id }) {
            guard participants[index] != info else { return }
            participants[index] = info
        } else {
            participants.append(info)
        }
        if info.removed {
            let removedMessage = LiveJSON.text(ErrorMessage(message: "The facilitator removed you from this session. Join again with the code on the screen if this is a mistake."))
            for (key, viewer) in viewers where viewer == info.id {
                viewers.removeValue(forKey: key)
                if let outbox = subscribers.removeValue(forKey: key) {
                    outbox.send(removedMessage)
                    outbox.finish()
                }
            }
        }
        rosterChanged()
    }

    /// The partnership's partners changed.
    func partnersChanged(_ partners: [Partner]) {
        context = plan.context(partners: Set(partners.map(\.key)))
        partnerNames = Dictionary(partners.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Retires the session from memory if no browser has been connected for `idle` and nothing is being
    /// stored; the log has everything, and the next page or socket loads it afresh. A browser that reaches
    /// a retired instance is told to reconnect, so one process never has two live copies taking changes.
    func retireIfIdle(for idle: Duration) -> Bool {
        guard subscribers.isEmpty, queue.isEmpty, !draining, ContinuousClock.now - lastActivity >= idle else { return false }
        isShutDown = true
        return true
    }

    /// Tells every browser to reconnect and lets go of them (graceful shutdown).
    func shutDown(message: String) {
        isShutDown = true
        let text = LiveJSON.text(ReconnectMessage(message: message))
        for outbox in subscribers.values {
            outbox.send(text)
            outbox.finish()
        }
        subscribers.removeAll()
    }

    private func broadcast(_ text: String) {
        for (key, outbox) in subscribers where !outbox.send(text) {
            // Too far behind (the outbox has dropped it) or gone: the browser reconnects and takes a snapshot.
            subscribers.removeValue(forKey: key)
        }
    }

    // MARK: Changes

    /// Stores and applies a change, or says why not. A change re-sent with a client ref already stored is
    /// answered with its first sequence and not applied again.
    func submit(_ event: SessionEvent, by actor: SessionActor, ref: String?) async -> Outcome {
        lastActivity = .now
        if let ref, let stored = refs[Self.refKey(actor.id, ref)] { return .stored(sequence: stored) }
        guard budget.take() else { return .busy(retryAfter: max(1, Int(budget.wait().rounded(.up)))) }
        return await withCheckedContinuation { continuation in
            enqueue(.submit(event, actor, ref: ref, continuation))
        }
    }

    /// Takes back the actor's own most recent change that can still be undone, as a new stored change.
    func undoLast(by actor: SessionActor, ref: String?) async -> Outcome {
        if let ref, let stored = refs[Self.refKey(actor.id, ref)] { return .stored(sequence: stored) }
        do {
            return await submit(try undo.undo(for: actor.id), by: actor, ref: ref)
        } catch {
            return .refused(error)
        }
    }

    /// Forms (or reshuffles) the current step's groups from the participants connected now — everyone not
    /// removed when fewer than two are — mixed by organisation as the step says, and stores them as a change.
    func formGroups(by actor: SessionActor, ref: String?) async -> Outcome {
        let f = state.facilitation
        guard plan.sections.indices.contains(f.phase), plan.sections[f.phase].steps.indices.contains(f.step),
              let groupPlan = plan.sections[f.phase].steps[f.step].groups, let size = groupPlan.size else {
            return .refused(SessionEventError("This step does not work in groups."))
        }
        let people = roster.filter { !$0.removed }
        let here = people.filter(\.present)
        let chosen = (here.count >= 2 ? here : people).map { GroupFormation.Person(id: $0.id, partner: $0.partner) }
        var random = SystemRandomNumberGenerator()
        let groups = GroupFormation.form(chosen, size: size, mix: true, using: &random)
        return await submit(.groups(SessionGroups(phase: f.phase, step: f.step, groups: groups)), by: actor, ref: ref)
    }

    /// Reads changes other servers stored (PostgreSQL notifications) and passes them on.
    func catchUp() {
        enqueue(.catchUp)
    }

    private func enqueue(_ job: Job) {
        queue.append(job)
        guard !draining else { return }
        draining = true
        Task { await drain() }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            await process(batch)
        }
        draining = false
    }

    private func process(_ batch: [Job]) async {
        if batch.contains(where: { if case .catchUp = $0 { true } else { false } }) { await loadNewEvents() }
        var draft = state
        var draftUndo = undo
        var next = sequence
        var accepted: [(event: StoredEvent, state: SessionState, continuation: CheckedContinuation<Outcome, Never>)] = []
        var batchRefs: [String: Int] = [:]
        let now = self.now()
        for case .submit(let event, let actor, let ref, let continuation) in batch {
            if let ref {
                let key = Self.refKey(actor.id, ref)
                if let stored = refs[key] ?? batchRefs[key] {
                    continuation.resume(returning: .stored(sequence: stored))
                    continue
                }
            }
            do throws(SessionEventError) {
                // An undo must still take back the actor's latest undoable change, after what came before it.
                if case .undo = event, try draftUndo.undo(for: actor.id) != event {
                    throw SessionEventError("Your last change has changed since; undo again to take it back.")
                }
                let partner = actor.isFacilitator ? nil : participants.first { $0.id == actor.id }?.partner
                try draft.checkAccess(event, by: actor, partner: partner, plan: plan, partnerName: { [partnerNames] in partnerNames[$0] })
                let before = draft.canvas
                draft = try draft.applying(event, by: actor, at: now, plan: plan, context: context)
                next += 1
                draftUndo.record(event, sequence: next, by: actor.id, before: before)
                if let ref { batchRefs[Self.refKey(actor.id, ref)] = next }
                accepted.append((StoredEvent(sessionID: id, sequence: next, actor: actor, clientRef: ref, event: event, at: now), draft, continuation))
            } catch {
                continuation.resume(returning: .refused(error))
            }
        }
        guard !accepted.isEmpty else { return }
        let stored: Result<Void, any Error>
        do {
            try await log.append(accepted.map(\.event))
            stored = .success(())
        } catch {
            stored = .failure(error)
        }
        if case .failure(StoreError.sequenceTaken) = stored, await loadNewEvents() > 0 {
            // Another server wrote first: its changes are now applied; check ours again against them.
            let retry: [Job] = accepted.map { .submit($0.event.event, $0.event.actor, ref: $0.event.clientRef, $0.continuation) }
            queue.insert(contentsOf: retry, at: 0)
            return
        }
        if case .failure(let error) = stored {
            logger.error("Could not store changes", metadata: ["session": "\(id)", "error": "\(error)"])
            for item in accepted { item.continuation.resume(returning: .failed("Your change could not be saved just now; it will be sent again.")) }
            return
        }
        // The session's row is marked closed before anyone hears of the close: once the facilitator has the
        // acknowledgement, its join code is refused and its row reads closed here (other servers hear the store's
        // notice moments later).
        if accepted.contains(where: { $0.event.event == .close }) {
            do { try await log.closeSession(id, at: now) } catch { logger.error("Could not mark the session closed", metadata: ["error": "\(error)"]) }
        }
        undo = draftUndo
        for item in accepted {
            state = item.state
            sequence = item.event.sequence
            if let ref = item.event.clientRef { refs[Self.refKey(item.event.actor.id, ref)] = item.event.sequence }
            broadcastEvent(item.event)
            metrics.canvasEvents.increment()
            item.continuation.resume(returning: .stored(sequence: item.event.sequence))
        }
    }

    /// Applies and passes on changes other servers stored; returns how many there were.
    @discardableResult
    private func loadNewEvents() async -> Int {
        do {
            let events = try await log.events(of: id, after: sequence)
            for event in events {
                replay(event)
                broadcastEvent(event)
            }
            return events.count
        } catch {
            logger.error("Could not read new changes", metadata: ["session": "\(id)", "error": "\(error)"])
            return 0
        }
    }

    /// Passes an applied event on: facilitators' pages get the field with its hidden items, everyone else
    /// the field without them (the same text when the field hides nothing).
    private func broadcastEvent(_ event: StoredEvent) {
        let full = eventText(event, canvas: state.canvas)
        guard let field = event.event.field, state.facilitation.hidden[field] != nil || event.event.kind == .hide else {
            return broadcast(full)
        }
        let visible = eventText(event, canvas: state.visibleCanvas)
        for (key, outbox) in subscribers where !outbox.send(seeHidden.contains(key) ? full : visible) {
            subscribers.removeValue(forKey: key)
        }
    }

    private func eventText(_ event: StoredEvent, canvas: CanvasState) -> String {
        let field = event.event.field
        return LiveJSON.text(EventMessage(sequence: event.sequence, at: event.at,
                                          actor: .init(id: event.actor.id, name: event.actor.name),
                                          field: field, value: field.map { canvas.only(field: $0) },
                                          facilitation: state.facilitation))
    }
}
