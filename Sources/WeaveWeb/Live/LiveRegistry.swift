import Foundation
import Hummingbird
import Logging
import WeaveCore
import WeaveStore

/// The sessions running in this server, each loaded from its event log the first time someone opens it.
actor LiveRegistry {
    private let store: Store
    private let log: any SessionLog
    private let limits: LiveLimits
    private let library: Library
    private let metrics: WeaveMetrics
    private let logger: Logger
    /// The time changes are stored at.
    private let now: @Sendable () -> Date
    private var sessions: [UUID: LiveSession] = [:]
    private var loading: [UUID: Task<LiveSession, any Error>] = [:]
    /// How long a session stays in memory with no browser connected.
    private let idleLimit: Duration
    private var lastSweep = ContinuousClock.now

    /// - Parameters:
    ///   - store: where partners and participants are read.
    ///   - log: the sessions' event logs (the store, unless a test hands in another).
    init(store: Store, log: (any SessionLog)? = nil, limits: LiveLimits = LiveLimits(), library: Library, metrics: WeaveMetrics,
         logger: Logger, idleLimit: Duration = .seconds(15 * 60), now: @escaping @Sendable () -> Date = { Store.timestamp() }) {
        self.store = store
        self.now = now
        self.log = log ?? store
        self.limits = limits
        self.library = library
        self.metrics = metrics
        self.logger = logger
        self.idleLimit = idleLimit
    }

    /// Lets go of sessions no one has had open for a while, at most once every tenth of the idle limit, so
    /// a server that runs for months holds only the sessions in use.
    func sweep(force: Bool = false) async {
        guard force || ContinuousClock.now - lastSweep >= idleLimit / 10 else { return }
        lastSweep = .now
        for (id, live) in sessions where await live.retireIfIdle(for: idleLimit) {
            sessions.removeValue(forKey: id)
        }
    }

    /// How many sessions are in memory.
    var loadedCount: Int { sessions.count }

    /// The live session for a stored session, loading it if needed.
    func session(_ session: WorkSession) async throws -> LiveSession {
        await sweep()
        if let live = sessions[session.id] { return live }
        if let task = loading[session.id] { return try await task.value }
        let (store, log, limits, library, metrics, logger, now) = (store, log, limits, library, metrics, logger, now)
        let task = Task<LiveSession, any Error> {
            guard let plan = SessionPlan(itemID: session.itemID, library: library.localized(for: session)) else {
                // Said on the page as well as in the log: the operator can put the file back.
                throw HTTPError(.internalServerError, message: LiveError.missingPlan(session.itemID).description)
            }
            async let partners = store.partners(of: session.partnershipID)
            async let participants = store.participants(of: session.id)
            async let events = log.events(of: session.id, after: 0)
            return LiveSession(session: session, plan: plan, partners: try await partners, participants: try await participants,
                               events: try await events, log: log, limits: limits, metrics: metrics, logger: logger, now: now)
        }
        loading[session.id] = task
        defer { loading[session.id] = nil }
        let live = try await task.value
        sessions[session.id] = live
        return live
    }

    /// The live session if it is loaded here.
    func loaded(_ id: UUID) -> LiveSession? { sessions[id] }

    /// Sessions of a partnership that are loaded here.
    func loaded(partnership: UUID) async -> [LiveSession] {
        sessions.values.filter { $0.partnershipID == partnership }
    }

    /// Every loaded session.
    var all: [LiveSession] { Array(sessions.values) }

    /// Tells every browser to reconnect (graceful shutdown).
    func shutDown() async {
        for live in sessions.values {
            await live.shutDown(message: "The server is restarting; your page will reconnect by itself.")
        }
    }
}

enum LiveError: Error, CustomStringConvertible {
    case missingPlan(String)

    var description: String {
        switch self {
        case .missingPlan(let id): "This session runs “\(id)”, which is no longer in the library. Put its file back to open the session."
        }
    }
}
