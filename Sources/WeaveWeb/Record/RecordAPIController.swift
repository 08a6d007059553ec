import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// The read-only JSON API of a partnership's record, for a funder's dashboard or a spreadsheet. Each request
/// carries `Authorization: Bearer <token>`, a token the partnership's facilitator created; it opens that
/// partnership only, until revoked. Described by the OpenAPI 3.1 document at `/openapi.json`.
struct RecordAPIController: Sendable {
    let app: WebApp

    /// The indicators part of the record.
    struct Indicators: Codable { var asOf: String; var freshness: RecordDocument.Freshness; var indicators: [RecordDocument.IndicatorInfo] }
    /// The next steps part of the record.
    struct NextSteps: Codable { var asOf: String; var nextSteps: [RecordDocument.NextStepInfo] }
    struct Problem: Codable { var error: String }

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .accessControlAllowOrigin: "*"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/api/v1/partnerships/:partnership/record") { request, context in
            try await answer(request, context) { try $0.json() }
        }
        router.get("/api/v1/partnerships/:partnership/indicators") { request, context in
            try await answer(request, context) { try RecordDocument.encoder.encode(Indicators(asOf: $0.asOf, freshness: $0.freshness, indicators: $0.indicators)) }
        }
        router.get("/api/v1/partnerships/:partnership/next-steps") { request, context in
            try await answer(request, context) { try RecordDocument.encoder.encode(NextSteps(asOf: $0.asOf, nextSteps: $0.nextSteps)) }
        }
    }

    /// Checks the token against the partnership in the path, then answers with part of its record.
    func answer(_ request: Request, _ context: WeaveContext, _ part: (RecordDocument) throws -> Data) async throws -> Response {
        let header = request.headers[.authorization] ?? ""
        guard header.lowercased().hasPrefix("bearer "), let opened = try await app.store.partnershipID(apiToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) else {
            return Self.problem(.unauthorized, "Send a partnership's API token as \"Authorization: Bearer <token>\"; this one is missing, unknown or revoked.")
        }
        // A token opens its own partnership only; any other id answers as if it did not exist.
        guard let id = UUID(uuidString: try context.parameters.require("partnership")), id == opened,
              let partnership = try await app.store.partnership(id) else {
            return Self.problem(.notFound, "There is no such partnership for this token.")
        }
        let document = try await RecordDocument.make(partnership, store: app.store, today: .today())
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(data: try part(document))))
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"weave\"" }
        return Response(status: status, headers: headers,
                        body: .init(byteBuffer: ByteBuffer(data: (try? RecordDocument.encoder.encode(Problem(error: message))) ?? Data())))
    }
}
