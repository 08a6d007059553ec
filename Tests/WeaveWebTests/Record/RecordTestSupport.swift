import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

/// The app as `weave serve` builds it, with the test holding the store too, so that a session's canvas can
/// be written straight into its log (as the live canvas stores it) before anyone opens the session.
enum RecordTestApp {
    static func run(_ test: @escaping @Sendable (any TestClientProtocol, String?, Store) async throws -> Void) async throws {
        try await run(smtp: nil, test)
    }

    /// The same, with reminders sent through an SMTP server (or none).
    static func run(smtp: SMTPSettings?, _ test: @escaping @Sendable (any TestClientProtocol, String?, Store) async throws -> Void) async throws {
        let store = try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        var configuration = WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory, publicURL: "https://weave.example",
                                             passwordCost: 4, logLevel: .warning)
        configuration.smtp = smtp
        let server = try await buildApplication(configuration, library: TestApp.library, store: store)
        let setup = server.setupPath
        try await server.application.test(.router) { client in try await test(client, setup, store) }
        await server.analyses.shutdown()
    }
}

/// A facilitator's partnership with three partners, and what the tests need of it.
struct RecordWorkshop {
    var facilitator = TestBrowser()
    var partnership: UUID
    var partners: [Partner]
    var key: String { partnership.uuidString.lowercased() }
    var record: String { "/partnerships/\(key)/record" }

    static func make(_ client: any TestClientProtocol, _ store: Store, setup: String?, email: String = "ana@example.org",
                     name: String = "Riverside Food Network") async throws -> RecordWorkshop {
        var browser = TestBrowser()
        try await signUp(client, &browser, name: "Ana Facilitator", email: email, setup: setup)
        let created = try await browser.post(client, "/partnerships", ["name": name, "focal_issue": "Food waste in the city"])
        let id = try #require(UUID(uuidString: String(created.location.split(separator: "/").last ?? "")))
        for (partner, type) in [("City Food Bank", "nonprofit"), ("Town Hall", "government"), ("Green Grocers", "business")] {
            #expect(try await browser.post(client, "/partnerships/\(id.uuidString.lowercased())/partners", ["name": partner, "type": type]).status == .seeOther)
        }
        return RecordWorkshop(facilitator: browser, partnership: id, partners: try await store.partners(of: id))
    }

    /// Schedules a session and writes its canvas into the log, closing it when asked.
    func session(_ client: any TestClientProtocol, _ store: Store, item: String = "joint-action", date: String,
                 edits: [(actor: String, edit: CanvasEdit)], close: Bool = true) async throws -> UUID {
        var browser = facilitator
        let scheduled = try await browser.post(client, "/partnerships/\(key)/sessions", ["item": item, "date": date, "start": "09:00"])
        let session = try #require(UUID(uuidString: String(scheduled.location.split(separator: "/").last ?? "")))
        var events = edits.enumerated().map { index, pair in
            StoredEvent(sessionID: session, sequence: index + 1, actor: SessionActor(id: pair.actor, name: pair.actor, isFacilitator: pair.actor == "facilitator"),
                        clientRef: nil, event: .edit(pair.edit), at: Date())
        }
        if close {
            events.append(StoredEvent(sessionID: session, sequence: events.count + 1, actor: SessionActor(id: "facilitator", name: "Ana", isFacilitator: true),
                                      clientRef: nil, event: .close, at: Date()))
        }
        try await store.append(events)
        if close { try await store.closeSession(session) }
        return session
    }
}

extension TestBrowser {
    /// Posts a form whose fields may repeat (checkboxes), adding the CSRF field.
    mutating func post(_ client: any TestClientProtocol, _ uri: String, pairs: [(String, String)]) async throws -> TestResponse {
        if cookies[CSRFMiddleware.cookie] == nil { _ = try await get(client, "/library") }
        let body = (pairs + [(CSRFMiddleware.field, csrf)]).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post,
                                                headers: [.cookie: cookieHeader, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body))
        absorb(response)
        return response
    }
}

/// Three tokens per colour each: `green` on the first targets, `red` on the others, placed by `people` participants.
func assessmentEdits(field: String, green: [String: Int], red: [String: Int]) -> [(actor: String, edit: CanvasEdit)] {
    var edits: [(actor: String, edit: CanvasEdit)] = []
    for (colour, counts) in [("green", green), ("red", red)] {
        var person = 0, used = 0
        for (target, count) in counts.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<count {
                if used == 3 { person += 1; used = 0 }
                edits.append(("participant-\(person)", .placeToken(field: field, colour: colour, target: target)))
                used += 1
            }
        }
    }
    return edits
}
