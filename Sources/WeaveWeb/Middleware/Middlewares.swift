import Foundation
import Hummingbird
import Logging
import WeaveStore

/// Logs each request with its method, path, status and time under Hummingbird's request id (the `hb.request.id`
/// metadata on every line the request logs), and counts it for `/metrics` by route pattern.
struct RequestLogMiddleware: RouterMiddleware {
    let metrics: WeaveMetrics

    func handle(_ request: Request, context: WeaveContext, next: (Request, WeaveContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            finish(request, context, status: response.status.code, start: start)
            return response
        } catch let error as HTTPError {
            finish(request, context, status: error.status.code, start: start)
            throw error
        } catch {
            finish(request, context, status: 500, start: start)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: WeaveContext, status: Int, start: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: status, duration: duration)
        let milliseconds = Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000
        context.logger.info("\(request.method) \(request.uri.path) \(status)", metadata: [
            "route": "\(route)", "ms": "\(String(format: "%.1f", milliseconds))"])
    }
}

/// Finds the signed-in facilitator from the login cookie.
struct LoginMiddleware: RouterMiddleware {
    let store: Store
    let cache: LoginCache
    static let cookie = "weave_login"

    func handle(_ request: Request, context: WeaveContext, next: (Request, WeaveContext) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookie(Self.cookie), !token.isEmpty, token.count <= 100 {
            context.login = try await cache.login(token: token) { try await store.login(token: token) }
        }
        return try await next(request, context)
    }
}

/// Cross-site request forgery protection for every form post: the form must carry the value of the
/// `weave_csrf` cookie (double submit), which another site can neither read nor set. Pages get the value
/// from the context; a browser without the cookie is given one.
struct CSRFMiddleware: RouterMiddleware {
    static let cookie = "weave_csrf"
    static let field = "_csrf"
    let cookies: CookieJar

    func handle(_ request: Request, context: WeaveContext, next: (Request, WeaveContext) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookie(Self.cookie).flatMap { $0.count >= 32 && $0.count <= 64 ? $0 : nil }
        context.csrfToken = existing ?? Secret.token()
        if request.method == .post {
            let refused = HTTPError(.forbidden, message: "This form has expired or did not come from Weave. Go back, reload the page and send it again.")
            if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
                // File uploads carry the value in the form's address, so the body can stream to its handler.
                guard let existing, Secret.constantTimeEqual(request.uri.queryParameters.get(Self.field) ?? "", existing) else { throw refused }
            } else {
                let form = try await Form(request, context: context)
                guard let existing, Secret.constantTimeEqual(form[Self.field], existing) else { throw refused }
                context.form = form
            }
        }
        var response = try await next(request, context)
        if existing == nil {
            response.headers[values: .setCookie].append(cookies.set(Self.cookie, context.csrfToken))
        }
        return response
    }
}

/// Security headers on every page: no framing, no sniffing, scripts and styles only from Weave itself.
struct SecurityHeadersMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WeaveContext, next: (Request, WeaveContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'" }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
