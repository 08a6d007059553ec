import Hummingbird
import Logging

/// Renders every error as a page a person can read (HTML) and logs server faults; the one place errors
/// become responses.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return page(status: error.status, message: error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return page(status: .internalServerError, message: "Something went wrong on our side. It has been logged; please try again.")
        }
    }

    private func page(status: HTTPResponse.Status, message: String) -> Response {
        let html = pages.render(ErrorPage(title: "\(status.code) \(status.reasonPhrase)", message: message), template: "error")
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// Logs each request with its method, path, status and time, under the request id Hummingbird gives it.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            context.logger.info("\(request.method) \(request.uri.path) \(response.status.code)", metadata: ["duration": "\(ContinuousClock.now - start)"])
            return response
        } catch {
            context.logger.info("\(request.method) \(request.uri.path) failed", metadata: ["error": "\(error)"])
            throw error
        }
    }
}
