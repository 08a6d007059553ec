import FluentKit
public import Foundation

/// A research team's project: its members and the analyses they have run.
public struct ResearchProject: Sendable, Hashable, Codable {
    public var id: UUID
    public var name: String
    public var createdAt: Date
}

/// One analysis of an uploaded corpus, with the report's files.
public struct ResearchRun: Sendable, Hashable {
    public var id: UUID
    public var projectID: UUID
    public var fileName: String
    public var runBy: String
    public var summary: String
    public var createdAt: Date
    /// File name → contents (report.html, report.json, the CSV tables).
    public var files: [String: String]
}

extension Store {
    /// Creates a project with its first member.
    public func createResearchProject(name: String, owner: UUID) async throws -> ResearchProject {
        try await database.transaction { db in
            let record = ResearchProjectRecord()
            record.name = name
            record.createdAt = Store.timestamp()
            try await record.create(on: db)
            let member = ResearchMemberRecord()
            member.projectID = record.id!
            member.accountID = owner
            try await member.create(on: db)
            return ResearchProject(id: record.id!, name: name, createdAt: record.createdAt)
        }
    }

    /// The projects an account is a member of, newest first.
    public func researchProjects(of account: UUID) async throws -> [ResearchProject] {
        let db = database
        let ids = try await ResearchMemberRecord.query(on: db).filter(\.$accountID == account).all().map(\.projectID)
        guard !ids.isEmpty else { return [] }
        return try await ResearchProjectRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$createdAt, .descending).all()
            .map { ResearchProject(id: $0.id!, name: $0.name, createdAt: $0.createdAt) }
    }

    /// A project, only for its members.
    public func researchProject(_ id: UUID, member account: UUID) async throws -> ResearchProject? {
        let db = database
        guard try await ResearchMemberRecord.query(on: db).filter(\.$projectID == id).filter(\.$accountID == account).count() > 0,
              let record = try await ResearchProjectRecord.find(id, on: db) else { return nil }
        return ResearchProject(id: record.id!, name: record.name, createdAt: record.createdAt)
    }

    /// A project's members.
    public func researchMembers(of project: UUID) async throws -> [Account] {
        let db = database
        let ids = try await ResearchMemberRecord.query(on: db).filter(\.$projectID == project).all().map(\.accountID)
        return try await AccountRecord.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all().map(\.value)
    }

    /// Adds a member by the email of their account.
    public func addResearchMember(email: String, to project: UUID) async throws {
        guard let (account, _) = try await account(email: email) else { throw StoreError.noSuchAccount(email) }
        let db = database
        guard try await ResearchMemberRecord.query(on: db).filter(\.$projectID == project).filter(\.$accountID == account.id).count() == 0 else {
            throw StoreError.alreadyMember
        }
        let member = ResearchMemberRecord()
        member.projectID = project
        member.accountID = account.id
        try await member.create(on: db)
    }

    /// Keeps an analysis run.
    public func saveResearchRun(project: UUID, fileName: String, runBy: String, summary: String, files: [String: String]) async throws -> UUID {
        let record = ResearchRunRecord()
        record.projectID = project
        record.fileName = fileName
        record.runBy = runBy
        record.summary = summary
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        record.files = String(decoding: try encoder.encode(files), as: UTF8.self)
        record.createdAt = Store.timestamp()
        try await record.create(on: database)
        return record.id!
    }

    /// A project's runs, newest first, without their files.
    public func researchRuns(of project: UUID) async throws -> [ResearchRun] {
        try await ResearchRunRecord.query(on: database).filter(\.$projectID == project).sort(\.$createdAt, .descending)
            .field(\.$id).field(\.$projectID).field(\.$fileName).field(\.$runBy).field(\.$summary).field(\.$createdAt).all()
            .map { ResearchRun(id: $0.id!, projectID: $0.projectID, fileName: $0.fileName, runBy: $0.runBy, summary: $0.summary, createdAt: $0.createdAt, files: [:]) }
    }

    /// One run with its files, only within its project.
    public func researchRun(_ id: UUID, in project: UUID) async throws -> ResearchRun? {
        guard let record = try await ResearchRunRecord.query(on: database).filter(\.$id == id).filter(\.$projectID == project).first() else { return nil }
        let files = try JSONDecoder().decode([String: String].self, from: Data(record.files.utf8))
        return ResearchRun(id: record.id!, projectID: record.projectID, fileName: record.fileName, runBy: record.runBy,
                           summary: record.summary, createdAt: record.createdAt, files: files)
    }
}
