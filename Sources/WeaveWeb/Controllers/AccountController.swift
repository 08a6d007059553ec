import Foundation
import Hummingbird
import WeaveStore

/// Sign up, sign in, sign out, and the one-time link that creates the first account.
struct AccountController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/login") { request, context in
            var page = page(context, signup: false, next: request.uri.queryParameters.get("next"))
            if request.uri.queryParameters.get("signed-up") != nil {
                page.notice = "If this email had no account, it has one now. Sign in with it and your password."
            }
            return app.pages.response(page, template: "account")
        }
        router.post("/login") { request, context in try await login(request, context) }
        router.get("/signup") { request, context in
            let token = request.uri.queryParameters.get("token")
            if try await app.store.hasNoAccounts(), !app.setup.accepts(token) {
                throw HTTPError(.forbidden, message: "The first account is created with the one-time link that `weave serve` printed when it started.")
            }
            return app.pages.response(page(context, signup: true, setupToken: token), template: "account")
        }
        router.post("/signup") { request, context in try await signup(request, context) }
        router.post("/logout") { request, context in
            if let token = request.cookie(LoginMiddleware.cookie) {
                try await app.store.deleteLogin(token: token)
                await app.forgetEverywhere(.login(digest: Secret.digest(token)))
            }
            return Response.seeOther("/login", cookies: [app.cookies.clear(LoginMiddleware.cookie)])
        }
    }

    func page(_ context: WeaveContext, signup: Bool, next: String? = nil, setupToken: String? = nil) -> AccountPage {
        AccountPage(chrome: Chrome(context), title: signup ? "Create your facilitator account" : "Sign in",
                    action: signup ? "/signup" : "/login", isSignup: signup, setupToken: setupToken, next: safeNext(next))
    }

    /// Only a path on this site may follow sign-in: never another site.
    func safeNext(_ next: String?) -> String? {
        Self.sameSitePath(next)
    }

    /// `text` if it is a path on this site, else `nil`. Browsers drop tabs and newlines from a `Location` and
    /// read `\` as `/`, so `/\t/evil.example` or `/\evil.example` would lead to another site: only the
    /// characters a path and query may carry unescaped are accepted, and never two slashes at the start.
    static func sameSitePath(_ text: String?) -> String? {
        guard let text, text.utf8.count < 500, text.hasPrefix("/"), !text.hasPrefix("//"),
              text.unicodeScalars.allSatisfy({ pathCharacters.contains($0) }) else { return nil }
        return text
    }

    private static let pathCharacters = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?%")

    func login(_ request: Request, _ context: WeaveContext) async throws -> Response {
        let form = context.form ?? Form(parsing: "")
        let email = form["email"].lowercased()
        var page = page(context, signup: false, next: form["next"])
        page.email = String(email.prefix(200))
        if let wait = app.signIns.attempt(email: email, address: context.remoteAddress) {
            page.problem = "Too many sign-in attempts. Wait \(wait) seconds and try again."
            var response = app.pages.response(page, template: "account", status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        // An unknown email is checked against a dummy hash, so it takes as long as a wrong password.
        let found = try await app.store.account(email: email)
        guard try await app.passwords.verify(form.all("password").first ?? "", hash: found?.passwordHash), let found else {
            page.problem = "That email and password do not match an account."
            return app.pages.response(page, template: "account", status: .unauthorized)
        }
        app.signIns.succeeded(email: email, address: context.remoteAddress)
        return try await signIn(found.account, next: page.next)
    }

    func signup(_ request: Request, _ context: WeaveContext) async throws -> Response {
        let form = context.form ?? Form(parsing: "")
        var page = page(context, signup: true, setupToken: form["token"].isEmpty ? nil : form["token"])
        page.email = String(form["email"].prefix(200))
        page.name = String(form["name"].prefix(200))
        let firstAccount = try await app.store.hasNoAccounts()
        if firstAccount, !app.setup.accepts(form["token"]) {
            throw HTTPError(.forbidden, message: "The first account is created with the one-time link that `weave serve` printed when it started.")
        }
        if let wait = app.loginLimiter.attempt("signup:\(context.remoteAddress ?? "local")") {
            page.problem = "Too many attempts. Wait \(wait) seconds and try again."
            return app.pages.response(page, template: "account", status: .tooManyRequests)
        }
        func refuse(_ problem: String) -> Response {
            page.problem = problem
            return app.pages.response(page, template: "account", status: .badRequest)
        }
        let name: String, email: String
        do {
            name = try form.required("name", label: "Your name", limit: 120)
            email = try form.required("email", label: "Email", limit: 200).lowercased()
        } catch let error as HTTPError {
            return refuse(error.body ?? "Check the form.")
        }
        guard email.contains("@"), !email.contains(" "), email.split(separator: "@").count == 2 else {
            return refuse("“\(email)” does not look like an email address.")
        }
        let password = context.form?.all("password").first ?? ""
        if let problem = app.passwords.problem(with: password, email: email) { return refuse(problem) }
        guard password == (context.form?.all("password_again").first ?? "") else { return refuse("The two passwords are not the same.") }
        let hash = try await app.passwords.hash(password)
        if firstAccount {
            let account = try await app.store.createAccount(email: email, name: name, passwordHash: hash)
            app.setup.use()
            return try await signIn(account, next: nil)
        }
        // Whether the email was free or taken, the answer is the same: sign in. Saying "taken" would tell
        // anyone which addresses have accounts.
        do {
            _ = try await app.store.createAccount(email: email, name: name, passwordHash: hash)
        } catch StoreError.emailTaken {
            app.logger.info("sign-up with an email that has an account")
        }
        return Response.seeOther("/login?signed-up=1")
    }

    func signIn(_ account: Account, next: String?) async throws -> Response {
        let lifetime: TimeInterval = 14 * 24 * 3600
        let (token, _) = try await app.store.createLogin(accountID: account.id, lifetime: lifetime)
        return Response.seeOther(next ?? "/partnerships",
                                 cookies: [app.cookies.set(LoginMiddleware.cookie, token, maxAge: Int(lifetime))])
    }
}

/// The one-time link for the first account: made at start-up when there is no account, good once.
final class SetupLink: Sendable {
    private let token: String
    private let used = NIOLockedBool()

    init(token: String = Secret.token()) { self.token = token }

    /// The path to print.
    var path: String { "/signup?token=\(token)" }

    func accepts(_ candidate: String?) -> Bool {
        guard let candidate, !used.value else { return false }
        return Secret.constantTimeEqual(candidate, token)
    }

    func use() { used.value = true }
}
