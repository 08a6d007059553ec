public import Hummingbird
public import Foundation
import HummingbirdCore
import HummingbirdWebSocket
import Logging
public import ServiceLifecycle
public import WeaveCore
public import WeaveStore

/// The running web app and what `weave serve` prints on start.
public struct WeaveServer<App: ApplicationProtocol>: Sendable {
    /// The Hummingbird application (tests drive it directly).
    public let application: App
    /// The one-time path to create the first account, when the database has none.
    public let setupPath: String?
    /// Tells live pages to reconnect when shutdown begins.
    let liveShutdown: LiveShutdownService
    /// The research analyses' queue (tests fill it with slow work).
    let analyses: AnalysisQueue

    /// What runs, in start order. Shutdown goes in reverse: live pages are told to reconnect and let go
    /// first, then the server stops taking requests and lets those under way finish, then the database closes.
    public var services: [any Service] { [application, liveShutdown] }

    /// Runs until SIGTERM or SIGINT, then shuts down gracefully.
    public func run() async throws {
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) },
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: application.logger))
        try await group.run()
    }
}

/// What the app knows once it listens.
public struct ServerStarted: Sendable {
    /// The port it listens on (the one asked for, or the one picked for port 0).
    public var port: Int
    /// The one-time path to create the first account, when the database has none.
    public var setupPath: String?
}

/// On graceful shutdown, first says so on `/health/ready` (503, so a load balancer sends new requests and the
/// reconnecting pages elsewhere), then tells every live page to reconnect (to this server once it is back, or
/// another).
struct LiveShutdownService: Service {
    let registry: LiveRegistry
    /// Set when graceful shutdown begins.
    let stopping: NIOLockedBool

    func run() async throws {
        try? await gracefulShutdown()
        stopping.value = true
        await registry.shutDown()
    }
}

/// Builds the Weave web app. `weave serve` and every web test go through here: there is no second wiring.
///
/// - Parameters:
///   - configuration: where to listen and cookie settings.
///   - library: the loaded library (built-in and the organisation's folders).
///   - store: the opened, migrated store; the app shuts it down when it stops.
///   - onRunning: called once the server listens, with the port it got and the first-account link.
///   - now: the time live changes are stored at; tests of the session clock pass their own.
public func buildApplication(_ configuration: WebConfiguration, library: Library, store: Store,
                             onRunning: @escaping @Sendable (ServerStarted) async -> Void = { _ in },
                             now: @escaping @Sendable () -> Date = { Store.timestamp() }) async throws -> WeaveServer<some ApplicationProtocol> {
    var logger = Logger(label: "weave")
    logger.logLevel = configuration.logLevel
    let pages = try await PageRenderer()
    let metrics = WeaveMetrics()
    let app = WebApp(configuration: configuration, library: library, store: store, pages: pages,
                     registry: LiveRegistry(store: store, limits: configuration.live, library: library, metrics: metrics, logger: logger, now: now),
                     metrics: metrics, cookies: CookieJar(secure: configuration.secureCookies),
                     passwords: await Passwords(cost: configuration.passwordCost),
                     analyses: AnalysisQueue(width: configuration.concurrentAnalyses), partnerships: PartnershipCache(store: store),
                     setup: SetupLink(), logger: logger)

    let router = Router(context: WeaveContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    // Outside the error pages, so that error pages carry the same headers as every other page.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.add(middleware: CSRFMiddleware(cookies: app.cookies))
    router.add(middleware: LoginMiddleware(store: store, cache: app.logins))
    router.get("/health") { _, _ in HealthResponse(status: "ok", libraryItems: library.count) }
    let stopping = NIOLockedBool()
    router.get("/health/ready") { _, _ in
        if stopping.value { return ReadinessResponse(problems: ["this server is shutting down: send new requests to another"]) }
        return ReadinessResponse(problems: await store.readiness().problems)
    }
    router.get("/metrics") { request, context in
        guard MetricsAccess(token: configuration.metricsToken).allows(remoteAddress: context.remoteAddress,
                                                                     authorization: request.headers[.authorization]) else {
            throw HTTPError(.forbidden, message: "Metrics are served to this machine only, or with the metrics token.")
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }
    for asset in pages.assets {
        router.get("/assets/\(asset.name)") { _, _ in
            Response(status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "no-cache"],
                     body: .init(byteBuffer: ByteBuffer(string: asset.text)))
        }
    }
    router.get("/") { _, context in
        Response(status: .seeOther, headers: [.location: context.login == nil ? "/library" : "/partnerships"])
    }
    LibraryController(library: library, search: LibrarySearch(library: library), pages: pages).addRoutes(to: router)
    AccountController(app: app).addRoutes(to: router)
    PartnershipController(app: app).addRoutes(to: router)
    SessionController(app: app).addRoutes(to: router)
    RecordController(app: app).addRoutes(to: router)
    ReportController(app: app).addRoutes(to: router)
    RecordAPIController(app: app).addRoutes(to: router)
    ResearchController(app: app).addRoutes(to: router)
    InvitationController(app: app).addRoutes(to: router)
    PathDesignerController(library: library, store: store, pages: pages, facilitated: { [app] context in try await app.facilitated(context) }).addRoutes(to: router)

    // Unknown when the schema is not there yet (`--no-migrate`); the link then shows, and sign-up checks again.
    let setupPath = (try? await store.hasNoAccounts()) ?? true ? app.setup.path : nil
    var services: [any Service] = [store]
    if let listener = store.eventListener(logger: logger, onEvent: { [registry = app.registry] session, _ in
        await registry.loaded(session)?.catchUp()
    }, onNotice: { [app] notice in app.forget(notice) }) {
        services.append(listener)
    }
    let application = Application(
        router: router,
        server: guardedServer(router: router, timeouts: configuration.timeouts),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Weave"),
        services: services,
        onServerRunning: { channel in await onRunning(ServerStarted(port: channel.localAddress?.port ?? configuration.port, setupPath: setupPath)) },
        logger: logger)
    return WeaveServer(application: application, setupPath: setupPath, liveShutdown: LiveShutdownService(registry: app.registry, stopping: stopping),
                       analyses: app.analyses)
}

/// HTTP/1 with WebSocket upgrades, Hummingbird's idle timeout, and Weave's limits on slow clients
/// (see ``GuardedHTTPChannel`` and ``RequestBodyDeadline``).
private func guardedServer(router: Router<WeaveContext>, timeouts: HTTPTimeouts) -> HTTPServerBuilder {
    let webSockets = router.buildResponder()
    let bodyTimeout = timeouts.requestBody.timeAmount
    return HTTPServerBuilder { responder in
        GuardedHTTPChannel(
            base: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSockets,
                configuration: .init(
                    http1: .init(additionalChannelHandlers: [RequestBodyDeadline(timeout: bodyTimeout)], idleTimeout: timeouts.idle.timeAmount),
                    // Frames as large as the largest message the protocol allows (a 5,000-character text sent
                    // in one frame). Pings find sockets left half-open by a phone going to sleep, so they are
                    // closed and reconnected.
                    ws: .init(maxFrameSize: LiveLimits.maxMessageBytes, autoPing: .enabled(timePeriod: .seconds(30))))),
            requestHead: timeouts.requestHead.timeAmount)
    }
}

/// `/health`: the app is up and its library loaded.
struct HealthResponse: ResponseEncodable {
    var status: String
    var libraryItems: Int
}

/// `/health/ready`: 200 when this server can take traffic (database answers, migrations applied, LISTEN up
/// on PostgreSQL, not shutting down); 503 with the problems otherwise. Load balancers route by it.
struct ReadinessResponse: ResponseGenerator {
    /// What stands in the way; none when ready.
    var problems: [String]

    private struct Body: Encodable {
        var status: String
        var problems: [String]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(status: problems.isEmpty ? "ready" : "not ready", problems: problems)
        var response = try JSONEncoder().encode(body, from: request, context: context)
        response.status = problems.isEmpty ? .ok : .serviceUnavailable
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
