import Foundation
import Hummingbird
import Mustache

/// Renders page models with the Mustache templates shipped in the module's resources. Every `{{value}}`
/// is HTML-escaped by Mustache; templates never use the unescaped form for user text.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// A file served under /assets/.
    struct Asset: Sendable { var name: String; var contentType: String; var text: String }
    /// The stylesheets and scripts, read once at start.
    let assets: [Asset]

    init() async throws {
        guard let resources = Bundle.module.resourceURL else { throw HTTPError(.internalServerError, message: "Weave's page templates are missing from the build.") }
        library = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        let folder = resources.appendingPathComponent("Public")
        assets = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            let type: String
            switch (name as NSString).pathExtension {
            case "css": type = "text/css; charset=utf-8"
            case "js": type = "text/javascript; charset=utf-8"
            default: return nil
            }
            return Asset(name: name, contentType: type, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
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
