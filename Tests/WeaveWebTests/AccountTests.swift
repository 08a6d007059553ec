import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

@Suite struct AccountTests {
    @Test func firstAccountNeedsTheSetupLinkAndItWorksOnce() async throws {
        try await TestApp.run { client, setup in
            let setup = try #require(setup, "an empty database prints a setup link")
            var stranger = TestBrowser()
            #expect(try await stranger.get(client, "/signup").status == .forbidden)
            let forged = try await stranger.post(client, "/signup", ["name": "Mallory", "email": "m@example.org", "password": "a long password",
                                                                    "password_again": "a long password", "token": "forged"])
            #expect(forged.status == .forbidden)

            var ana = TestBrowser()
            #expect(try await ana.get(client, setup).status == .ok)
            try await signUp(client, &ana, name: "Ana", email: "Ana@Example.org", setup: setup)
            #expect(ana.cookies[LoginMiddleware.cookie] != nil)
            let home = try await ana.get(client, "/partnerships")
            #expect(home.status == .ok)
            #expect(home.html.contains("Sign out Ana"))

            // Once an account exists, sign-up is open without the link, and the link is spent.
            var ben = TestBrowser()
            try await signUp(client, &ben, name: "Ben", email: "ben@example.org", setup: nil)
            var again = TestBrowser()
            let duplicate = try await again.post(client, "/signup", ["name": "Ana 2", "email": "ana@example.org",
                                                                     "password": "mallory takes over", "password_again": "mallory takes over"])
            // Sign-up does not say that the address is taken: the same answer as for a free one, and no sign-in.
            var fresh = TestBrowser()
            let free = try await fresh.post(client, "/signup", ["name": "Cy", "email": "cy@example.org",
                                                                "password": "a long password", "password_again": "a long password"])
            #expect(duplicate.status == free.status)
            #expect(duplicate.location == free.location)
            #expect(duplicate.location == "/login?signed-up=1")
            #expect(again.cookies[LoginMiddleware.cookie] == nil)
            #expect(try await again.post(client, "/login", ["email": "ana@example.org", "password": "mallory takes over"]).status == .unauthorized,
                    "the second sign-up did not change Ana's password")
            #expect(try await again.post(client, "/login", ["email": "ana@example.org", "password": "a long password"]).status == .seeOther)
        }
    }

    @Test func signUpRefusesWeakOrMismatchedPasswordsAndEscapesWhatWasTyped() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            var browser = TestBrowser()
            let short = try await browser.post(client, "/signup", ["name": "<b>Bo</b>", "email": "bo@example.org", "password": "short", "password_again": "short"])
            #expect(short.status == .badRequest)
            #expect(short.html.contains("Choose a password of at least 8 characters."))
            #expect(short.html.contains("&lt;b&gt;Bo&lt;/b&gt;"))
            #expect(!short.html.contains("<b>Bo</b>"))
            let mismatch = try await browser.post(client, "/signup", ["name": "Bo", "email": "bo@example.org", "password": "a long password", "password_again": "another long one"])
            #expect(mismatch.html.contains("The two passwords are not the same."))
        }
    }

    @Test func loginLogoutAndWrongPassword() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let out = try await ana.post(client, "/logout", [:])
            #expect(out.status == .seeOther)
            #expect(ana.cookies[LoginMiddleware.cookie] == nil)
            let home = try await ana.get(client, "/partnerships")
            #expect(home.status == .seeOther)
            #expect(home.location == "/login?next=%2Fpartnerships")

            let wrong = try await ana.post(client, "/login", ["email": "ana@example.org", "password": "not the password"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("That email and password do not match an account."))
            let right = try await ana.post(client, "/login", ["email": "ANA@example.org", "password": "a long password", "next": "/partnerships"])
            #expect(right.status == .seeOther)
            #expect(right.location == "/partnerships")
            let cookie = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("weave_login=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "plain http on loopback: Secure would lose the cookie")
            #expect(try await ana.get(client, "/partnerships").status == .ok)

            // A next= pointing at another site is ignored.
            var other = TestBrowser()
            let offsite = try await other.post(client, "/login", ["email": "ana@example.org", "password": "a long password", "next": "//evil.example/"])
            #expect(offsite.location == "/partnerships")
        }
    }

    @Test func loginIsRateLimited() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            var guesser = TestBrowser()
            var statuses: [Int] = []
            for attempt in 0..<12 {
                statuses.append(try await guesser.post(client, "/login", ["email": "ana@example.org", "password": "guess \(attempt)"]).status.code)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == 401 })
            #expect(statuses.suffix(2).allSatisfy { $0 == 429 })
            // Even the right password waits until the window has passed.
            let right = try await guesser.post(client, "/login", ["email": "ana@example.org", "password": "a long password"])
            #expect(right.status == .tooManyRequests)
            #expect(right.headers[.retryAfter] != nil)
        }
    }

    @Test func everyFormPostNeedsTheCSRFValue() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let posts: [(String, [String: String])] = [
                ("/partnerships", ["name": "X", "focal_issue": "Y"]),
                ("/logout", [:]),
                ("/login", ["email": "ana@example.org", "password": "a long password"]),
                ("/join", ["code": "ABCDE-12345"]),
            ]
            for (path, fields) in posts {
                let missing = try await ana.post(client, path, fields, csrf: "")
                #expect(missing.status == .forbidden, "\(path) without the CSRF value")
                let forged = try await ana.post(client, path, fields, csrf: String(repeating: "x", count: 43))
                #expect(forged.status == .forbidden, "\(path) with a forged CSRF value")
                #expect(forged.html.contains("This form has expired or did not come from Weave."))
            }
            // Nothing was created by the refused posts.
            #expect(!(try await ana.get(client, "/partnerships")).html.contains("<strong>X</strong>"))
        }
    }
}
