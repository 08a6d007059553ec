import FluentKit
import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

/// Migration 012 moves the preparation answers earlier releases kept by field alone to the worksheet they
/// were given for — the one every earlier release served, the Path of Joint Action's — so none is lost.
@Suite struct M012PathChoicesTests {
    /// The migrations of the release before 012.
    static let before = Array(WeaveMigrations.all.prefix { !($0 is M012PathChoices) })

    /// Opens `location` at the schema before 012, stores an answer the old way, then upgrades it.
    func oldAnswersSurviveTheUpgrade(_ location: StoreLocation) async throws {
        // setup: the previous release's schema, with an answer in the old table
        if location.isPostgres {
            // The shared test database is emptied first, by the release that knows every table.
            let wipe = try await Store.open(location, logger: Engines.quiet)
            let wiped = await Result(catching: { try await wipe.revertAllMigrations() })
            await wipe.shutdown()
            try wiped.get()
        }
        let old = try await Store.open(location, logger: Engines.quiet, migrate: true, waitingUpTo: .zero, migrations: Self.before)
        let outcome = await Result(catching: {
            let ana = try await old.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
            let partnership = try await old.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
            let bank = try await old.addPartner(PartnerDraft(name: "Food Bank", type: .nonprofit), to: partnership.id)
            let row = PreparationRecord()
            row.partnerID = bank.id
            row.field = "strategic-intent"
            row.text = "Less waste"
            row.updatedAt = Date(timeIntervalSince1970: 1_800_000_000)
            try await row.create(on: old.database)
            return (partnership.id, bank.id)
        })
        await old.shutdown()
        let (partnership, bank) = try outcome.get()

        // MUT: the new release migrates
        let new = try await Store.open(location, logger: Engines.quiet)
        let result = await Result(catching: {
            // validate: the answer is the Path of Joint Action worksheet's, and a second worksheet with the
            // same field id keeps its own.
            #expect(try await new.preparations(of: partnership, worksheet: "projects-as-an-interface") == [bank: ["strategic-intent": "Less waste"]])
            try await new.savePreparation(partner: bank, worksheet: "other-worksheet", answers: ["strategic-intent": "Feed everyone"])
            #expect(try await new.preparations(of: partnership, worksheet: "projects-as-an-interface") == [bank: ["strategic-intent": "Less waste"]])
            #expect(try await new.preparations(of: partnership, worksheet: "other-worksheet") == [bank: ["strategic-intent": "Feed everyone"]])
        })
        await new.shutdown()
        try result.get()
    }

    @Test func onSQLite() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-m012-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await oldAnswersSurviveTheUpgrade(.sqlite(path: folder.appendingPathComponent("weave.sqlite").path))
    }
}
