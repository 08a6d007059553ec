import FluentKit
public import Foundation

extension Store {
    /// Creates a partnership with its first facilitator as owner.
    public func createPartnership(_ draft: PartnershipDraft, owner: UUID) async throws -> Partnership {
        try await database.transaction { db in
            let record = PartnershipRecord()
            record.name = draft.name
            record.focalIssue = draft.focalIssue
            record.issueArea = draft.issueArea
            record.networkAge = draft.networkAge
            record.stage = draft.stage
            record.createdAt = Store.timestamp()
            try await record.create(on: db)
            let facilitator = FacilitatorRecord()
            facilitator.partnershipID = record.id!
            facilitator.accountID = owner
            facilitator.role = FacilitatorRole.owner.rawValue
            try await facilitator.create(on: db)
            return record.value
        }
    }

    /// Changes a partnership's details.
    public func updatePartnership(_ id: UUID, _ draft: PartnershipDraft) async throws {
        guard let record = try await PartnershipRecord.find(id, on: database) else { throw StoreError.notFound("The partnership") }
        record.name = draft.name
        record.focalIssue = draft.focalIssue
        record.issueArea = draft.issueArea
        record.networkAge = draft.networkAge
        record.stage = draft.stage
        try await record.update(on: database)
    }

    /// The partnerships an account facilitates, newest first.
    public func partnerships(facilitatedBy account: UUID) async throws -> [Partnership] {
        let db = readDatabase
        let ids = try await FacilitatorRecord.query(on: db).filter(\.$accountID == account).all().map(\.partnershipID)
        guard !ids.isEmpty else { return [] }
        return try await PartnershipRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt, .descending).all().map(\.value)
    }

    /// A partnership, only if the account facilitates it: everyone else gets `nil`, as if it did not exist.
    public func partnership(_ id: UUID, facilitatedBy account: UUID) async throws -> Partnership? {
        guard try await isFacilitator(account, of: id) else { return nil }
        return try await PartnershipRecord.find(id, on: readDatabase)?.value
    }

    /// A partnership by id, for code that has already checked who may see it.
    public func partnership(_ id: UUID) async throws -> Partnership? {
        try await PartnershipRecord.find(id, on: readDatabase)?.value
    }

    /// Whether an account facilitates a partnership.
    public func isFacilitator(_ account: UUID, of partnership: UUID) async throws -> Bool {
        try await FacilitatorRecord.query(on: readDatabase)
            .filter(\.$accountID == account).filter(\.$partnershipID == partnership).count() > 0
    }

    /// A partnership's facilitators, owner first.
    public func facilitators(of partnership: UUID) async throws -> [Facilitator] {
        let db = readDatabase
        let links = try await FacilitatorRecord.query(on: db).filter(\.$partnershipID == partnership).all()
        let accounts = try await AccountRecord.query(on: db).filter(\.$id ~~ links.map(\.accountID)).all()
        let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.value) })
        return links.compactMap { link in
            byID[link.accountID].map { Facilitator(account: $0, role: FacilitatorRole(rawValue: link.role) ?? .coFacilitator) }
        }.sorted { ($0.role == .owner ? 0 : 1, $0.account.name) < ($1.role == .owner ? 0 : 1, $1.account.name) }
    }

    /// Adds a co-facilitator by the email of their account.
    public func addCoFacilitator(email: String, to partnership: UUID) async throws -> Facilitator {
        guard let (account, _) = try await account(email: email) else { throw StoreError.noSuchAccount(email) }
        guard try await !isFacilitator(account.id, of: partnership) else { throw StoreError.alreadyFacilitator }
        let link = FacilitatorRecord()
        link.partnershipID = partnership
        link.accountID = account.id
        link.role = FacilitatorRole.coFacilitator.rawValue
        try await link.create(on: database)
        return Facilitator(account: account, role: .coFacilitator)
    }

    /// Adds a partner organisation.
    public func addPartner(_ draft: PartnerDraft, to partnership: UUID) async throws -> Partner {
        let record = PartnerRecord()
        record.partnershipID = partnership
        record.name = draft.name
        record.type = draft.type.rawValue
        record.sector = draft.sector
        record.preparationCode = Secret.token()
        record.createdAt = Store.timestamp()
        try await record.create(on: database)
        return record.value
    }

    /// A partnership's partner organisations, in the order they were added.
    public func partners(of partnership: UUID) async throws -> [Partner] {
        try await PartnerRecord.query(on: readDatabase).filter(\.$partnershipID == partnership)
            .sort(\.$createdAt).sort(\.$name).all().map(\.value)
    }

    /// The partner whose preparation link carries a code.
    public func partner(preparationCode code: String) async throws -> Partner? {
        guard !code.isEmpty else { return nil }
        return try await PartnerRecord.query(on: database).filter(\.$preparationCode == code).first()?.value
    }

    /// Saves a partner's answers to one preparation worksheet, field by field; an empty answer removes the
    /// field's answer. Answers are kept per worksheet, so two worksheets with a field id in common keep apart.
    /// - Parameters:
    ///   - worksheet: the id of the worksheet tool (a path's `preparation_tool`).
    public func savePreparation(partner: UUID, worksheet: String, answers: [String: String]) async throws {
        try await database.transaction { db in
            for (field, text) in answers {
                let existing = try await PreparationAnswerRecord.query(on: db).filter(\.$partnerID == partner)
                    .filter(\.$worksheet == worksheet).filter(\.$field == field).first()
                if text.isEmpty {
                    try await existing?.delete(on: db)
                } else if let existing {
                    existing.text = text
                    existing.updatedAt = Store.timestamp()
                    try await existing.update(on: db)
                } else {
                    let record = PreparationAnswerRecord()
                    record.partnerID = partner
                    record.worksheet = worksheet
                    record.field = field
                    record.text = text
                    record.updatedAt = Store.timestamp()
                    try await record.create(on: db)
                }
            }
        }
    }

    /// Every partner's answers to one worksheet: partner id → field → answer.
    public func preparations(of partnership: UUID, worksheet: String) async throws -> [UUID: [String: String]] {
        try await preparationsByWorksheet(of: partnership)[worksheet] ?? [:]
    }

    /// Every partner's preparation answers: worksheet id → partner id → field → answer.
    public func preparationsByWorksheet(of partnership: UUID) async throws -> [String: [UUID: [String: String]]] {
        let db = readDatabase
        let partnerIDs = try await PartnerRecord.query(on: db).filter(\.$partnershipID == partnership).all().compactMap(\.id)
        guard !partnerIDs.isEmpty else { return [:] }
        var answers: [String: [UUID: [String: String]]] = [:]
        for record in try await PreparationAnswerRecord.query(on: db).filter(\.$partnerID ~~ partnerIDs).all() {
            answers[record.worksheet, default: [:]][record.partnerID, default: [:]][record.field] = record.text
        }
        return answers
    }
}

extension PartnershipRecord {
    var value: Partnership {
        Partnership(id: id!, name: name, focalIssue: focalIssue, issueArea: issueArea, networkAge: networkAge, stage: stage, createdAt: createdAt)
    }
}

extension PartnerRecord {
    var value: Partner {
        Partner(id: id!, partnershipID: partnershipID, name: name, type: PartnerType(rawValue: type) ?? .other, sector: sector,
                preparationCode: preparationCode)
    }
}
