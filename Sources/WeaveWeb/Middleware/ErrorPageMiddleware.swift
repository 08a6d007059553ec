import Foundation
import Hummingbird
import Logging

/// Renders every error as a page a person can read (HTML) and logs server faults; the one place errors
/// become responses. A redirect to sign in carries the page to come back to.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            if error.status == .seeOther, var location = error.headers[.location] {
                if location == "/login", request.method == .get {
                    let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                    location += "?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                }
                return Response(status: .seeOther, headers: [.location: location])
            }
            var response = page(status: error.status, message: error.body ?? error.status.reasonPhrase)
            if let retry = error.headers[.retryAfter] { response.headers[.retryAfter] = retry }
            return response
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            // Hummingbird's own refusals, such as a body over the size limit (413).
            let message = error.status == .contentTooLarge
                ? "What was sent is larger than Weave accepts here. Send less, or a smaller file."
                : error.status.reasonPhrase
            return page(status: error.status, message: message)
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
