import Foundation
import Hummingbird
import Mustache

/// Renders page models with the Mustache templates shipped in the module's resources. Every `{{value}}`
/// is HTML-escaped by Mustache; templates never use the unescaped form for user text.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// The site's stylesheet, served at /assets/weave.css.
    let stylesheet: String

    init() async throws {
        guard let resources = Bundle.module.resourceURL else { throw HTTPError(.internalServerError, message: "Weave's page templates are missing from the build.") }
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        stylesheet = try String(contentsOf: resources.appendingPathComponent("Public/weave.css"), encoding: .utf8)
    }

    /// A page model through its template.
    func render(_ model: Any, template: String) -> String {
        library.render(model, withTemplate: template) ?? "<!doctype html><title>Weave</title><p>The page template \(template) is missing.</p>"
    }

    /// A page as an HTML response.
    func response(_ model: Any, template: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: render(model, template: template))))
    }
}

/// The error page.
struct ErrorPage {
    var title: String
    var message: String
}
