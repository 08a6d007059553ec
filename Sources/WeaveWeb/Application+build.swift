public import Hummingbird
import Logging
public import WeaveCore

/// Builds the Weave web app. `weave serve` and every web test go through here: there is no second wiring.
///
/// - Parameters:
///   - configuration: where to listen.
///   - library: the loaded library (built-in and the organisation's folders).
public func buildApplication(_ configuration: WebConfiguration, library: Library) async throws -> some ApplicationProtocol {
    var logger = Logger(label: "weave")
    logger.logLevel = .info
    let pages = try await PageRenderer()
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: ErrorPageMiddleware(pages: pages))
    router.get("/health") { _, _ in HealthResponse(status: "ok", libraryItems: library.count) }
    router.get("/assets/weave.css") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: pages.stylesheet)))
    }
    router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/library"]) }
    LibraryController(library: library, search: LibrarySearch(library: library), pages: pages).addRoutes(to: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Weave"),
        logger: logger)
}

/// `/health`: the app is up and its library loaded.
struct HealthResponse: ResponseEncodable {
    var status: String
    var libraryItems: Int
}
