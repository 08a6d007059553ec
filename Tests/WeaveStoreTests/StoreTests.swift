import Foundation
import Logging
import Testing
import WeaveCore
@testable import WeaveStore

/// Where the store tests run: SQLite always; PostgreSQL when `WEAVE_TEST_POSTGRES_URL` names a database
/// the tests may wipe (see the README).
enum Engines {
    static let postgresURL = ProcessInfo.processInfo.environment["WEAVE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Opens a fresh store: on PostgreSQL every table is dropped and migrated again.
    static func fresh(_ location: StoreLocation) async throws -> Store {
        let store = try await Store.open(location, logger: quiet)
        if location.isPostgres {
            // A store must be shut down even when this fails (a slow server under load), or its pool traps on release.
            let prepared = await Result(catching: { () async throws -> Void in
                try await store.revertAllMigrations()
                try await store.migrate()
            })
            if case .failure = prepared { await store.shutdown() }
            try prepared.get()
        }
        return store
    }
}

/// The behaviour both engines must share; each test runs on a fresh store.
struct StoreContract {
    let store: Store

    func migrationsApplyRevertAndApplyAgain() async throws {
        #expect(try await store.appliedMigrations() == [
            "001 accounts and logins",
            "002 partnerships, facilitators, partners and preparation",
            "003 sessions, participants and the session event log",
            "004 research projects, their teams and analysis runs",
            "005 invitations",
            "007 partnership record",
            "008 record report links and API tokens",
            "006 participant devices and removal",
            "011 partner contact email",
            "012 session step choices, preparation answers per worksheet",
            "015 session language",
            "009 own paths and their versions",
        ])
        _ = try await store.createAccount(email: "a@example.org", name: "A", passwordHash: "x")
        try await store.revertAllMigrations()
        #expect(try await store.appliedMigrations().isEmpty)
        try await store.migrate()
        #expect(try await store.appliedMigrations().count == WeaveMigrations.all.count)
        #expect(try await store.hasNoAccounts(), "reverting dropped the tables and their rows")
    }

    func accountsAndLogins() async throws {
        let account = try await store.createAccount(email: "Ana@Example.org", name: "Ana", passwordHash: "hash")
        #expect(account.email == "ana@example.org")
        await #expect(throws: StoreError.emailTaken) { try await store.createAccount(email: "ana@EXAMPLE.org", name: "Other", passwordHash: "h") }
        let (token, csrf) = try await store.createLogin(accountID: account.id, lifetime: 60)
        let login = try #require(try await store.login(token: token))
        #expect(login.account.id == account.id)
        #expect(abs(login.account.createdAt.timeIntervalSince(account.createdAt)) < 0.001)
        #expect(login.csrfToken == csrf)
        #expect(try await store.login(token: token + "x") == nil)
        try await store.deleteLogin(token: token)
        #expect(try await store.login(token: token) == nil)
        let (expired, _) = try await store.createLogin(accountID: account.id, lifetime: -1)
        #expect(try await store.login(token: expired) == nil)
        #expect(try await store.deleteExpiredLogins() == 1)
    }

    func partnershipsAreOnlyTheirFacilitators() async throws {
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let zoe = try await store.createAccount(email: "zoe@example.org", name: "Zoe", passwordHash: "h")
        let partnership = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        #expect(try await store.partnership(partnership.id, facilitatedBy: ana.id)?.id == partnership.id)
        #expect(try await store.partnership(partnership.id, facilitatedBy: zoe.id) == nil)
        #expect(try await store.partnerships(facilitatedBy: zoe.id).isEmpty)
        _ = try await store.addCoFacilitator(email: "ZOE@example.org", to: partnership.id)
        #expect(try await store.partnership(partnership.id, facilitatedBy: zoe.id)?.id == partnership.id)
        await #expect(throws: StoreError.alreadyFacilitator) { try await store.addCoFacilitator(email: "zoe@example.org", to: partnership.id) }
        await #expect(throws: StoreError.noSuchAccount("nobody@example.org")) { try await store.addCoFacilitator(email: "nobody@example.org", to: partnership.id) }
        #expect(try await store.facilitators(of: partnership.id).map(\.role) == [.owner, .coFacilitator])

        let bank = try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit, sector: "Food"), to: partnership.id)
        try await store.savePreparation(partner: bank.id, worksheet: "projects-as-an-interface", answers: ["strategic-intent": "Less waste", "constraints": ""])
        #expect(try await store.preparations(of: partnership.id, worksheet: "projects-as-an-interface") == [bank.id: ["strategic-intent": "Less waste"]])
        try await store.savePreparation(partner: bank.id, worksheet: "projects-as-an-interface", answers: ["strategic-intent": "", "capabilities": "Vans"])
        #expect(try await store.preparations(of: partnership.id, worksheet: "projects-as-an-interface") == [bank.id: ["capabilities": "Vans"]])
        // Another worksheet with a field id in common keeps its own answer.
        try await store.savePreparation(partner: bank.id, worksheet: "readiness-worksheet", answers: ["capabilities": "A warehouse"])
        #expect(try await store.preparationsByWorksheet(of: partnership.id) == [
            "projects-as-an-interface": [bank.id: ["capabilities": "Vans"]],
            "readiness-worksheet": [bank.id: ["capabilities": "A warehouse"]],
        ])
        #expect(try await store.partner(preparationCode: bank.preparationCode) == bank)
        #expect(try await store.partner(preparationCode: "guess") == nil)
    }

    func sessionsJoinCodesAndParticipants() async throws {
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let partnership = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let other = try await store.createPartnership(PartnershipDraft(name: "Elsewhere", focalIssue: "Housing"), owner: ana.id)
        let bank = try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: partnership.id)
        let session = try await store.createSession(SessionDraft(partnershipID: partnership.id, itemID: "joint-action", date: "2026-12-01", start: "09:00"))
        #expect(session.choices.isEmpty)
        let chosen = StepChoices(tools: ["groundwork.2": "stakeholder-analysis"], omitted: ["summit.3"])
        let withChoices = try await store.createSession(SessionDraft(partnershipID: partnership.id, itemID: "joint-action", date: "2026-12-03",
                                                                      start: "09:00", choices: chosen))
        #expect(try await store.session(withChoices.id)?.choices == chosen, "a session keeps the choices it was scheduled with")
        try await store.deleteSession(withChoices.id)
        let elsewhere = try await store.createSession(SessionDraft(partnershipID: other.id, itemID: "joint-action", date: "2026-12-02", start: "09:00"))
        #expect(session.joinCode.count == 10)
        #expect(session.joinCode != elsewhere.joinCode)
        // A session keeps the language it was scheduled in; one scheduled without shows the path's own.
        var german = SessionDraft(partnershipID: other.id, itemID: "joint-action", date: "2026-12-03", start: "09:00")
        german.language = "de"
        let inGerman = try await store.createSession(german)
        #expect(try await store.session(inGerman.id)?.language == "de")
        #expect(try await store.session(session.id)?.language == nil)
        #expect(try await store.sessions(of: other.id).map(\.language) == ["de", nil], "newest first")
        let typed = session.displayJoinCode.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(try await store.openSession(joinCode: typed)?.id == session.id)

        let (participant, token) = try await store.addParticipant(to: session.id, name: "Ben", partner: bank.id)
        #expect(try await store.participant(token: token, in: session.id)?.id == participant.id)
        #expect(try await store.participant(token: token, in: elsewhere.id) == nil, "a participant reaches only their own session")
        #expect(try await store.participants(of: session.id).map(\.id) == [participant.id])

        try await store.closeSession(session.id)
        #expect(try await store.openSession(joinCode: session.joinCode) == nil, "a closed session's code stops working")
        #expect(try await store.session(session.id)?.isClosed == true)
        #expect(try await store.sessions(of: partnership.id).map(\.id) == [session.id])
    }

    /// The canvas is rebuilt from the log: what went in comes out the same, in order, with who and when.
    func eventLogRoundTripsTheCanvas() async throws {
        let library = try Library.loading()
        let plan = try #require(SessionPlan(itemID: "joint-action", library: library))
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let partnership = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let partners = [
            try await store.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: partnership.id),
            try await store.addPartner(PartnerDraft(name: "Town Hall", type: .government), to: partnership.id),
        ]
        let session = try await store.createSession(SessionDraft(partnershipID: partnership.id, itemID: "joint-action", date: "2026-12-01", start: "09:00"))
        let context = plan.context(partners: Set(partners.map(\.key)))
        let host = SessionActor(id: ana.id.uuidString.lowercased(), name: "Ana", isFacilitator: true)
        let ben = SessionActor(id: "p-ben", name: "Ben — “quotes” & <angles>", isFacilitator: false)
        let events: [(SessionEvent, SessionActor)] = [
            (.move(phase: 0, step: 1), host),
            (.edit(.addItem(field: "triad-challenges", item: "i1", text: "Cold storage ünïcödé 🍎")), ben),
            (.edit(.setText(field: "vision-statement", text: "Nobody goes hungry.")), ben),
            (.edit(.setText(field: "vision-statement", text: "Nobody in our city goes hungry.")), host),
            (.edit(.addRow(field: "indicators", row: "r1", cells: ["indicator": "Meals saved"])), ben),
            (.edit(.setPartnerAnswer(field: "primary-roles", partner: partners[0].key, text: nil, choices: ["convenor"])), ben),
            (.edit(.placeToken(field: "assessment", colour: "green", target: "shared-purpose")), ben),
            (.lock(section: "orientation", locked: true), host),
            (.edit(.addRow(field: "next-steps", row: "n1", cells: ["what": "Map pick-ups", "who": partners[1].key, "by-when": "2027-01-15"])), host),
        ]
        var state = SessionState()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for (index, (event, actor)) in events.enumerated() {
            let at = start.addingTimeInterval(Double(index))
            state = try state.applying(event, by: actor, at: at, plan: plan, context: context)
            try await store.append(StoredEvent(sessionID: session.id, sequence: index + 1, actor: actor, clientRef: "c\(index)", event: event, at: at))
        }
        await #expect(throws: StoreError.sequenceTaken(3)) {
            try await store.append(StoredEvent(sessionID: session.id, sequence: 3, actor: ben, clientRef: nil, event: .close, at: start))
        }
        // A batch is all or nothing: its clash with a stored number leaves the log as it was.
        await #expect(throws: StoreError.sequenceTaken(10)) {
            try await store.append([
                StoredEvent(sessionID: session.id, sequence: 10, actor: ben, clientRef: nil, event: .close, at: start),
                StoredEvent(sessionID: session.id, sequence: 9, actor: ben, clientRef: nil, event: .close, at: start),
            ])
        }
        let stored = try await store.events(of: session.id)
        #expect(stored.map(\.sequence) == Array(1...events.count))
        #expect(stored.map(\.event) == events.map(\.0))
        #expect(stored.map(\.actor) == events.map(\.1))
        #expect(stored.map(\.clientRef) == (0..<events.count).map { "c\($0)" })
        for (index, event) in stored.enumerated() {
            #expect(abs(event.at.timeIntervalSince1970 - (start.timeIntervalSince1970 + Double(index))) < 0.001)
        }
        var rebuilt = SessionState()
        for event in stored { rebuilt = try rebuilt.applying(event.event, by: event.actor, at: event.at, plan: plan, context: context) }
        #expect(rebuilt == state)
        #expect(rebuilt.canvas.earlierTexts["vision-statement"] == 1)
        // A text's versions come from the log on demand, newest first, paged back by sequence.
        #expect(try await store.textEdits(of: session.id, field: "vision-statement").map(\.sequence) == [4, 3])
        #expect(try await store.textEdits(of: session.id, field: "vision-statement", limit: 1).map(\.sequence) == [4])
        #expect(try await store.textEdits(of: session.id, field: "vision-statement", before: 4).map(\.event)
                == [.edit(.setText(field: "vision-statement", text: "Nobody goes hungry."))])
        #expect(try await store.textEdits(of: session.id, field: nil).map(\.sequence) == [4, 3])
        #expect(try await store.textEdits(of: session.id, field: "vision").isEmpty, "a field whose id starts another's is not it")
        #expect(try await store.textEdits(of: session.id, field: "Vision_Statement").isEmpty, "LIKE's wildcards and case do not leak")
        #expect(try await store.events(of: session.id, after: 7).map(\.sequence) == [8, 9])
        #expect(try await store.eventCount(of: session.id) == events.count)
    }

}

@Suite struct SQLiteStoreTests {
    @Test func migrations() async throws { try await with { try await $0.migrationsApplyRevertAndApplyAgain() } }
    @Test func accounts() async throws { try await with { try await $0.accountsAndLogins() } }
    @Test func partnerships() async throws { try await with { try await $0.partnershipsAreOnlyTheirFacilitators() } }
    @Test func sessions() async throws { try await with { try await $0.sessionsJoinCodesAndParticipants() } }
    @Test func canvasRoundTrip() async throws { try await with { try await $0.eventLogRoundTripsTheCanvas() } }
    @Test func record() async throws { try await with { try await $0.theRecordKeepsEveryChangeWithinItsPartnership() } }
    @Test func partnerEmails() async throws { try await with { try await $0.partnerEmailsStayInTheirPartnership() } }
    @Test func ownPaths() async throws { try await with { try await $0.ownPathVersionsStayAndSessionsKeepTheirs() } }
    @Test func sessionRows() async throws { try await with { try await $0.sessionRowsFollowCloseAndDelete() } }
    @Test func invitationsExpire() async throws { try await with { try await $0.invitationsExpire() } }

    @Test func aFileDatabaseIsCreatedAndKeepsItsDataAcrossRestarts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("weave.sqlite").path
        let first = try await Store.open(.sqlite(path: path), logger: Engines.quiet)
        _ = try await first.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        await first.shutdown()
        #expect(FileManager.default.fileExists(atPath: path))
        let second = try await Store.open(.sqlite(path: path), logger: Engines.quiet)
        #expect(try await second.account(email: "ana@example.org")?.account.name == "Ana")
        #expect(try await second.appliedMigrations().count == WeaveMigrations.all.count, "migrating again applies nothing twice")
        await second.shutdown()
    }

    @Test func aFileDatabaseReadsOnSeveralConnectionsAndSeesEveryCommit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Store.open(.sqlite(path: folder.appendingPathComponent("weave.sqlite").path), logger: Engines.quiet)
        let result = await Result(catching: {
            // The contract holds with reads on their own connections.
            try await StoreContract(store: store).partnershipsAreOnlyTheirFacilitators()
            let owner = try await store.createAccount(email: "reads@example.org", name: "R", passwordHash: "h")
            let partnership = try await store.createPartnership(.init(name: "Reads", focalIssue: "Many readers"), owner: owner.id)
            // Readers hammer the partner list while one writer adds to it; each write is seen by the next read.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask { for _ in 0..<40 { _ = try await store.partners(of: partnership.id) } }
                }
                for index in 0..<20 {
                    _ = try await store.addPartner(.init(name: "P\(index)", type: .business), to: partnership.id)
                    #expect(try await store.partners(of: partnership.id).count == index + 1)
                }
                try await group.waitForAll()
            }
        })
        await store.shutdown()
        try result.get()
    }

    @Test func aBackupTakenWhileServingRestoresEverySessionsCanvas() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = folder.appendingPathComponent("weave.sqlite").path, copy = folder.appendingPathComponent("backup.sqlite").path
        let store = try await Store.open(.sqlite(path: live), logger: Engines.quiet)
        var sessions: [UUID: [StoredEvent]] = [:]
        let taken = await Result(catching: {
            try await StoreContract(store: store).eventLogRoundTripsTheCanvas()
            let ana = try #require(try await store.account(email: "ana@example.org")).account
            for partnership in try await store.partnerships(facilitatedBy: ana.id) {
                for session in try await store.sessions(of: partnership.id) { sessions[session.id] = try await store.events(of: session.id) }
            }
            // Taken while the store is open and in use; a change after it is not in it.
            try await store.backup(to: copy)
            await #expect(throws: BackupError.self) { try await store.backup(to: copy) }
            let first = try #require(sessions.keys.first)
            try await store.append(StoredEvent(sessionID: first, sequence: (sessions[first]?.count ?? 0) + 1,
                                               actor: SessionActor(id: "late", name: "Late", isFacilitator: true), clientRef: nil, event: .close, at: Date()))
        })
        await store.shutdown()
        try taken.get()
        #expect(!sessions.isEmpty)

        // Restored over the live file (the server stopped), every session's log reads back as it was.
        let kept = try await Store.restore(from: copy, to: live)
        #expect(kept.map { FileManager.default.fileExists(atPath: $0) } == true, "the replaced database is kept")
        let restored = try await Store.open(.sqlite(path: live), logger: Engines.quiet)
        let read = await Result(catching: {
            let library = try Library.loading()
            for (id, events) in sessions {
                let back = try await restored.events(of: id)
                #expect(back == events)
                let session = try #require(try await restored.session(id))
                let plan = try #require(SessionPlan(itemID: session.itemID, library: library))
                let context = plan.context(partners: Set(try await restored.partners(of: session.partnershipID).map(\.key)))
                var original = SessionState(), replayed = SessionState()
                for event in events { original = try original.applying(event.event, by: event.actor, at: event.at, plan: plan, context: context) }
                for event in back { replayed = try replayed.applying(event.event, by: event.actor, at: event.at, plan: plan, context: context) }
                #expect(replayed == original)
            }
        })
        await restored.shutdown()
        try read.get()

        // A file that is not a Weave database is refused, and nothing is replaced.
        let bogus = folder.appendingPathComponent("notes.txt").path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: bogus))
        await #expect(throws: BackupError.self) { try await Store.restore(from: bogus, to: live) }
        let still = try await Store.open(.sqlite(path: live), logger: Engines.quiet)
        #expect(try await still.account(email: "ana@example.org") != nil)
        await still.shutdown()
    }

    @Test func aMissingFolderIsSaidPlainly() async throws {
        await #expect(throws: StoreOpenError.self) { try await Store.open(.sqlite(path: "/no/such/folder/weave.sqlite"), logger: Engines.quiet) }
    }

    private func with(_ body: (StoreContract) async throws -> Void) async throws {
        let store = try await Engines.fresh(.sqliteInMemory)
        // A store must be shut down even when the test fails, or its connections trap on release.
        let result = await Result(catching: { try await body(StoreContract(store: store)) })
        await store.shutdown()
        try result.get()
    }
}

/// The same contract on PostgreSQL. One database is shared, so these run one at a time.
@Suite(.serialized, .enabled(if: Engines.postgresURL != nil,
                             "PostgreSQL tests need WEAVE_TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/database (a database they may wipe); .ci/run sets it up"))
struct PostgresStoreTests {
    @Test func migrations() async throws { try await with { try await $0.migrationsApplyRevertAndApplyAgain() } }
    /// Here, not in its own suite, because it wipes the one shared database.
    @Test func preparationAnswersMoveToTheirWorksheet() async throws {
        try await M012PathChoicesTests().oldAnswersSurviveTheUpgrade(.postgres(url: try #require(Engines.postgresURL)))
    }
    @Test func accounts() async throws { try await with { try await $0.accountsAndLogins() } }
    @Test func partnerships() async throws { try await with { try await $0.partnershipsAreOnlyTheirFacilitators() } }
    @Test func sessions() async throws { try await with { try await $0.sessionsJoinCodesAndParticipants() } }
    @Test func canvasRoundTrip() async throws { try await with { try await $0.eventLogRoundTripsTheCanvas() } }
    @Test func record() async throws { try await with { try await $0.theRecordKeepsEveryChangeWithinItsPartnership() } }
    @Test func partnerEmails() async throws { try await with { try await $0.partnerEmailsStayInTheirPartnership() } }
    @Test func ownPaths() async throws { try await with { try await $0.ownPathVersionsStayAndSessionsKeepTheirs() } }
    @Test func sessionRows() async throws { try await with { try await $0.sessionRowsFollowCloseAndDelete() } }
    @Test func invitationsExpire() async throws { try await with { try await $0.invitationsExpire() } }

    private func with(_ body: (StoreContract) async throws -> Void) async throws {
        let store = try await Engines.fresh(.postgres(url: try #require(Engines.postgresURL)))
        // A store must be shut down even when the test fails, or its connections trap on release.
        let result = await Result(catching: { try await body(StoreContract(store: store)) })
        await store.shutdown()
        try result.get()
    }
}

@Suite struct SecretTests {
    @Test func joinCodesAreFiftyBitsAndReadForgivingly() {
        #expect(Double(JoinCode.length) * log2(Double(JoinCode.alphabet.count)) >= 40)
        let codes = Set((0..<2_000).map { _ in JoinCode.make() })
        #expect(codes.count == 2_000)
        #expect(JoinCode.normalize("k7qm4-xpd2r") == "K7QM4XPD2R")
        #expect(JoinCode.normalize(" O1IL0 ABCDE ") == "01110ABCDE")
        #expect(JoinCode.normalize("K7QM4-XPD2") == nil)
        #expect(JoinCode.normalize("K7QM4-XPD2RR") == nil)
        #expect(JoinCode.normalize("K7QM4-XPD2U") == nil, "U is not in Crockford's alphabet")
        #expect(JoinCode.display("K7QM4XPD2R") == "K7QM4-XPD2R")
    }

    @Test func tokensAreLongRandomAndStoredOnlyAsDigests() {
        let token = Secret.token()
        #expect(token.count == 43)
        #expect(token != Secret.token())
        #expect(Secret.digest(token).count == 64)
        #expect(Secret.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secret.constantTimeEqual("abc", "abc"))
        #expect(!Secret.constantTimeEqual("abc", "abd"))
        #expect(!Secret.constantTimeEqual("abc", "abcd"))
    }

    @Test func databaseLocationsAreReadAndNeverPrintPasswords() {
        #expect(StoreLocation(parsing: "postgres://weave:secret@db:5432/weave") == .postgres(url: "postgres://weave:secret@db:5432/weave"))
        #expect(!StoreLocation(parsing: "postgres://weave:secret@db:5432/weave").description.contains("secret"))
        #expect(StoreLocation(parsing: ":memory:") == .sqliteInMemory)
        #expect(StoreLocation(parsing: "data/weave.sqlite") == .sqlite(path: "data/weave.sqlite"))
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
