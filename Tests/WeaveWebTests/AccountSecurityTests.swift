import Foundation
import Synchronization
@testable import WeaveStore
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// What someone probing accounts learns and can do: sign-in time, lock-outs, password rules, and the
/// pool that hashes passwords staying free while research analyses run.
@Suite struct AccountSecurityTests {
    @Test func anUnknownEmailTakesAsLongToRefuseAsAWrongPassword() async throws {
        // A real bcrypt cost, so that the hash dominates the time of a refusal.
        try await TestApp.run(.router, configure: { $0.passwordCost = 10 }) { client, setup, _ in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            var prober = TestBrowser()
            func refusal(_ email: String) async throws -> Duration {
                let start = ContinuousClock.now
                let response = try await prober.post(client, "/login", ["email": email, "password": "a wrong password"])
                #expect(response.status == .unauthorized)
                #expect(response.html.contains("That email and password do not match an account."))
                return ContinuousClock.now - start
            }
            // Each round times one bcrypt check at this cost, then a refusal of each kind, back to back, so all
            // three meet the same load (the machine is shared and other tests run at once).
            let passwords = await Passwords(cost: 10)
            var unknownRatios: [Double] = [], knownRatios: [Double] = [], rounds: [String] = []
            for index in 0..<5 {
                let start = ContinuousClock.now
                _ = try await passwords.verify("a wrong password", hash: passwords.dummyHash)
                let h = ContinuousClock.now - start
                let k = try await refusal("ana@example.org")
                let u = try await refusal("nobody\(index)@example.org")
                unknownRatios.append(u / h)
                knownRatios.append(k / h)
                rounds.append("hash \(h), known \(k), unknown \(u)")
            }
            // Before, 9 ms against 546 ms: an unknown email skipped the hash (a ratio near 0.02). Now it pays for
            // one, like a known email: in at least one round the refusal takes most of a hash's time.
            #expect(unknownRatios.max()! > 0.5, "\(rounds)")
            #expect(knownRatios.max()! > 0.5, "\(rounds)")
        }
    }

    @Test func lockOutIsPerAccountAndAddress() async throws {
        // The rule, with addresses a test cannot connect from.
        let throttle = SignInThrottle()
        let now = Date()
        for _ in 0..<10 { #expect(throttle.attempt(email: "ana@example.org", address: "198.51.100.4", now: now) == nil) }
        #expect(throttle.attempt(email: "ana@example.org", address: "198.51.100.4", now: now) != nil, "Ana's 11th try from the room")
        #expect(throttle.attempt(email: "ben@example.org", address: "198.51.100.4", now: now) == nil, "Ben in the same room is not locked out")
        #expect(throttle.attempt(email: "ANA@example.org", address: "203.0.113.9", now: now) == nil, "Ana from home is not locked out")
        #expect(throttle.attempt(email: "ana@example.org", address: "198.51.100.4", now: now.addingTimeInterval(61)) == nil, "a minute later")
        // One address trying many accounts still meets a limit.
        let spray = SignInThrottle()
        let answers = (0..<101).map { spray.attempt(email: "user\($0)@example.org", address: "192.0.2.1", now: now) }
        #expect(answers.prefix(100).allSatisfy { $0 == nil })
        #expect(answers.last! != nil)

        // Through the app: Ana mistyping locks only Ana (from this address); Ben signs in.
        try await TestApp.run { client, setup in
            var ana = TestBrowser(), ben = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            try await signUp(client, &ben, name: "Ben", email: "ben@example.org", setup: nil)
            var room = TestBrowser()
            for attempt in 0..<11 { _ = try await room.post(client, "/login", ["email": "ana@example.org", "password": "typo \(attempt)"]) }
            #expect(try await room.post(client, "/login", ["email": "ana@example.org", "password": "a long password"]).status == .tooManyRequests)
            var neighbour = TestBrowser()
            #expect(try await neighbour.post(client, "/login", ["email": "ben@example.org", "password": "a long password"]).status == .seeOther)
        }
    }

    @Test func aSignedOutCookieIsRefusedAtOnceThoughLoginsAreCached() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let stolen = ana
            #expect(try await ana.get(client, "/partnerships").status == .ok, "the login is now cached")
            #expect(try await ana.post(client, "/logout", [:]).status == .seeOther)
            var replay = stolen
            let after = try await replay.get(client, "/partnerships")
            #expect(after.status == .seeOther, "the old cookie no longer signs in")
            #expect(after.location.hasPrefix("/login"))
        }
        // The cache itself: an entry is trusted until it is due for a check or its login expires.
        let cache = LoginCache(revalidateAfter: 60)
        let login = Login(account: .init(id: UUID(), email: "a@example.org", name: "A", createdAt: Date()), csrfToken: "c",
                          expiresAt: Date().addingTimeInterval(3600))
        let loads = Counter()
        let now = Date()
        for offset in [0.0, 30, 59] {
            _ = try await cache.login(token: "t", now: now.addingTimeInterval(offset)) { loads.add(); return login }
        }
        #expect(loads.value == 1)
        _ = try await cache.login(token: "t", now: now.addingTimeInterval(61)) { loads.add(); return login }
        #expect(loads.value == 2, "checked again after a minute")
        cache.forget(token: "t")
        #expect(try await cache.login(token: "t", now: now.addingTimeInterval(62)) { loads.add(); return nil } == nil)
        #expect(loads.value == 3)
    }

    @Test func passwordRulesFollowNIST() async throws {
        let passwords = await Passwords(cost: 4)
        #expect(passwords.common.count >= 4_000, "the shipped list of common passwords is loaded")
        // Refused: too short, too long, common (whatever the case), one repeated character, the email itself.
        #expect(passwords.problem(with: "seven77") != nil)
        #expect(passwords.problem(with: String(repeating: "long ", count: 26)) != nil, "130 characters")
        for common in ["password", "PASSWORD1", "12345678", "qwertyuiop", "iloveyou", "sunshine"] {
            #expect(passwords.problem(with: common)?.contains("among the most used") == true, "\(common)")
        }
        #expect(passwords.problem(with: "zzzzzzzzzz") != nil)
        #expect(passwords.problem(with: "ana.fernandes@example.org", email: "ana.fernandes@example.org") != nil)
        // Accepted: no composition rules; spaces, any script, emoji, up to 128 characters.
        for fine in ["plain words only", "river bend orchard", "Ääkköset ja välit", "🌊🌳🌾🐝🌊🌳🌾🐝", String(repeating: "🐝🌾", count: 32)] {
            #expect(passwords.problem(with: fine) == nil, "\(fine)")
        }
        // A passphrase past bcrypt's 72 bytes counts in full: a different ending does not match.
        let long = String(repeating: "🐝", count: 30) + "end one"
        let hash = try await passwords.hash(long)
        #expect(try await passwords.verify(long, hash: hash))
        #expect(try await !passwords.verify(String(repeating: "🐝", count: 30) + "end two", hash: hash))
        #expect(try await !passwords.verify(long, hash: nil), "no account: never a match")
    }

    @Test func signUpRefusesACommonPasswordAndAcceptsALongPassphrase() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            var bo = TestBrowser()
            let common = try await bo.post(client, "/signup", ["name": "Bo", "email": "bo@example.org", "password": "password1", "password_again": "password1"])
            #expect(common.status == .badRequest)
            #expect(common.html.contains("among the most used"))
            let phrase = String(repeating: "🌾 field ", count: 12)
            #expect(try await bo.post(client, "/signup", ["name": "Bo", "email": "bo@example.org", "password": phrase, "password_again": phrase]).status == .seeOther)
            #expect(try await bo.post(client, "/login", ["email": "bo@example.org", "password": phrase]).status == .seeOther)
        }
    }

    @Test func signInStaysQuickWhileTwoHostileAnalysesRun() async throws {
        try await TestApp.run(.router, configure: { $0.concurrentAnalyses = 2; $0.passwordCost = 6 }) { client, setup, analyses in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let project = try await ana.post(client, "/research", ["name": "Study"]).location
            let projectID = try #require(UUID(uuidString: String(project.split(separator: "/").last ?? "")))
            _ = try await ana.post(client, "/logout", [:])
            // Two analyses that keep a CPU busy (the shape of a hostile upload), and a third in line. They spin
            // until the test lets them go, after the sign-in, or at most 20 s; each says whether it was let go.
            let letGo = Counter()
            let hostile: @Sendable () -> Int = {
                let end = ContinuousClock.now + .seconds(20)
                var spins = 0
                while ContinuousClock.now < end {
                    spins &+= 1
                    if spins % 1024 == 0, letGo.value > 0 { return 1 }
                }
                return 0
            }
            let jobs = Task {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for name in ["one.qdpx", "two.qdpx", "three.qdpx"] {
                        group.addTask { try await analyses.run(project: projectID, fileName: name, hostile) }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    return try await group.reduce(0, +)
                }
            }
            while analyses.load.running < 2 || analyses.load.waiting < 1 { try await Task.sleep(for: .milliseconds(10)) }

            let start = ContinuousClock.now
            let signedIn = try await ana.post(client, "/login", ["email": "ana@example.org", "password": "a long password"])
            let took = ContinuousClock.now - start
            // The measurement, for whoever reads the test log; the target (under 1 s with release builds and
            // the real bcrypt cost) is checked by Benchmarks/research/signin_during_analyses.py.
            print("sign-in while two hostile analyses ran: \(took)")
            #expect(signedIn.status == .seeOther)
            #expect(analyses.load.running == 2, "both hostile analyses were still running")
            // Generous for a shared machine; sharing the pool, it would wait for the analyses (19 s in the report).
            #expect(took < .seconds(2.5), "sign-in took \(took)")

            // The project's page shows what runs and who waits.
            let page = try await ana.get(client, project)
            #expect(page.html.contains("one.qdpx: running"))
            #expect(page.html.contains("three.qdpx: waiting, number 1 in line"))
            letGo.add()
            // Every analysis was let go by the test: none ran out its 20 s, so the sign-in did not wait for one.
            #expect(try await jobs.value == 3)
            #expect(analyses.load.running == 0 && analyses.load.waiting == 0)
        }
    }
}

/// Counts calls from a `@Sendable` closure.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
