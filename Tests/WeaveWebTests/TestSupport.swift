import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

/// A browser for tests: keeps the cookies the app sets and sends them back, and fills forms with the CSRF
/// value the way a Weave page does.
struct TestBrowser: Sendable {
    var cookies: [String: String] = [:]

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
    var csrf: String { cookies[CSRFMiddleware.cookie] ?? "" }

    /// Takes the cookies a response sets (an empty value with Max-Age=0 removes one).
    mutating func absorb(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
    }

    /// A GET; returns the response.
    mutating func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: cookies.isEmpty ? [:] : [.cookie: cookieHeader], body: nil)
        absorb(response)
        return response
    }

    /// Posts a form, adding the CSRF field unless `csrf` says otherwise.
    mutating func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [String: String], csrf: String? = nil) async throws -> TestResponse {
        if cookies[CSRFMiddleware.cookie] == nil { _ = try await get(client, "/library") }
        var all = fields
        all[CSRFMiddleware.field] = csrf ?? self.csrf
        let body = all.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post,
                                                headers: [.cookie: cookieHeader, .contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }
    var location: String { headers[.location] ?? "" }
}

/// The app as `weave serve` builds it, on an in-memory SQLite store, with cheap password hashing.
struct TestApp {
    static let library: Library = try! Library.loading()

    static func run(_ scheme: TestingSetup = .router, live: LiveLimits = LiveLimits(),
                    _ test: @escaping @Sendable (any TestClientProtocol, String?) async throws -> Void) async throws {
        try await run(scheme, configure: { $0.live = live }) { client, setup, _ in try await test(client, setup) }
    }

    /// The same, with the configuration changed first (shorter timeouts, a metrics token…), and the app's
    /// analysis queue handed to the test; `store` lets a test write to the database behind the server.
    static func run(_ scheme: TestingSetup = .router, library: Library = TestApp.library, configure: (inout WebConfiguration) -> Void,
                    now: @escaping @Sendable () -> Date = { Store.timestamp() }, store: Store? = nil,
                    _ test: @escaping @Sendable (any TestClientProtocol, String?, AnalysisQueue) async throws -> Void) async throws {
        let store = if let store { store } else {
            try await Store.open(.sqliteInMemory, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        }
        var configuration = WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory, passwordCost: 4, logLevel: .warning)
        configure(&configuration)
        let server = try await buildApplication(configuration, library: library, store: store, now: now)
        let setup = server.setupPath, analyses = server.analyses
        try await server.application.test(scheme) { client in try await test(client, setup, analyses) }
        await analyses.shutdown()
    }
}

/// Signs up the first account with the setup link, or a later one through /signup.
func signUp(_ client: any TestClientProtocol, _ browser: inout TestBrowser, name: String, email: String, setup: String?) async throws {
    let token = setup.flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "token" }?.value }
    var fields = ["name": name, "email": email, "password": "a long password", "password_again": "a long password"]
    if let token { fields["token"] = token }
    let response = try await browser.post(client, "/signup", fields)
    #expect(response.status == .seeOther, "sign-up of \(email) failed: \(response.html.prefix(400))")
    // Later accounts sign in after signing up (sign-up answers alike whether the email was free or not).
    if response.location.hasPrefix("/login") {
        let signedIn = try await browser.post(client, "/login", ["email": email, "password": "a long password"])
        #expect(signedIn.status == .seeOther, "sign-in of \(email) after sign-up failed: \(signedIn.html.prefix(400))")
    }
}

/// Accepts every invitation waiting for the browser's account; returns how many there were.
@discardableResult
func acceptInvitations(_ client: any TestClientProtocol, _ browser: inout TestBrowser) async throws -> Int {
    let page = try await browser.get(client, "/partnerships")
    let accepts = page.html.matches(of: #/action="(/invitations/[0-9a-f-]{36}/accept)"/#).map { String($0.1) }
    for path in accepts {
        #expect(try await browser.post(client, path, [:]).status == .seeOther)
    }
    return accepts.count
}

/// A signed-in facilitator with a partnership of four partners and a scheduled Path of Joint Action session.
struct Workshop {
    var facilitator = TestBrowser()
    var partnership = ""
    var session = ""
    var joinCode = ""
    var partners: [String] = []

    static func make(_ client: any TestClientProtocol, setup: String?, email: String = "ana@example.org", item: String = "joint-action") async throws -> Workshop {
        var workshop = Workshop()
        try await signUp(client, &workshop.facilitator, name: "Ana Facilitator", email: email, setup: setup)
        let created = try await workshop.facilitator.post(client, "/partnerships", ["name": "Riverside Food Network", "focal_issue": "Food waste in the city"])
        #expect(created.status == .seeOther)
        workshop.partnership = String(created.location.split(separator: "/").last ?? "")
        for (name, type) in [("City Food Bank", "nonprofit"), ("Town Hall", "government"), ("Green Grocers", "business"), ("River University", "academic")] {
            let added = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/partners", ["name": name, "type": type])
            #expect(added.status == .seeOther)
        }
        let scheduled = try await workshop.facilitator.post(client, "/partnerships/\(workshop.partnership)/sessions",
                                                             ["item": item, "date": "2026-12-01", "start": "09:00", "breaks": "12:30+45"])
        #expect(scheduled.status == .seeOther, "scheduling failed: \(scheduled.html.prefix(300))")
        workshop.session = String(scheduled.location.split(separator: "/").last ?? "")
        let page = try await workshop.facilitator.get(client, "/sessions/\(workshop.session)")
        workshop.joinCode = try #require(page.html.firstMatch(of: #/class="code">([0-9A-Z]{5}-[0-9A-Z]{5})</#)?.1).description
        var visitor = TestBrowser()
        let join = try await visitor.get(client, "/join/\(workshop.joinCode)")
        workshop.partners = join.html.matches(of: #/name="partner" value="([0-9a-f-]{36})"/#).map { String($0.1) }
        return workshop
    }

    /// A participant joins; returns their browser (with the participant cookie).
    func join(_ client: any TestClientProtocol, name: String, partner: Int) async throws -> TestBrowser {
        var browser = TestBrowser()
        let response = try await browser.post(client, "/join/\(joinCode)", ["name": name, "partner": partners[partner]])
        #expect(response.status == .seeOther, "join failed: \(response.html.prefix(300))")
        #expect(response.location == "/s/\(session)")
        return browser
    }
}

/// A clock a test moves by hand, so the session clock is tested without sleeping.
final class ManualClock: @unchecked Sendable {
    // Guarded by `lock`: read by the live session's task, moved by the test's.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_796_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    /// Moves the clock on.
    func advance(minutes: Double) { lock.withLock { current += minutes * 60 } }
}
