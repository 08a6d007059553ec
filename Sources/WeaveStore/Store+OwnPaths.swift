import FluentKit
public import Foundation

/// One saved version of a partnership's own path.
public struct OwnPathVersion: Sendable, Hashable, Codable {
    public var id: UUID
    public var partnershipID: UUID
    /// The path's id, as in its YAML.
    public var pathID: String
    /// 1, 2, 3… within the path.
    public var version: Int
    /// The path's name in this version.
    public var name: String
    /// The path's YAML file, as checked when it was saved.
    public var yaml: String
    public var authorID: UUID
    public var authorName: String
    public var createdAt: Date
}

extension Store {
    /// Stores a new version of a partnership's own path — version 1 when the path is new — and returns it.
    /// The caller has checked the YAML; a version saved at the same moment by someone else gets the next number.
    public func saveOwnPath(partnership: UUID, pathID: String, name: String, yaml: String, author: UUID, authorName: String) async throws -> OwnPathVersion {
        for attempt in 1...5 {
            let latest = try await OwnPathVersionRecord.query(on: database)
                .filter(\.$partnershipID == partnership).filter(\.$pathID == pathID)
                .sort(\.$version, .descending).first()
            let record = OwnPathVersionRecord()
            record.partnershipID = partnership
            record.pathID = pathID
            record.version = (latest?.version ?? 0) + 1
            record.name = name
            record.yaml = yaml
            record.authorID = author
            record.authorName = authorName
            record.createdAt = Store.timestamp()
            do {
                try await record.create(on: database)
                return record.value
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                continue
            }
        }
        throw StoreError.notFound("A free version number")
    }

    /// The latest version of each of a partnership's own paths, in the order the paths were first saved.
    public func ownPaths(of partnership: UUID) async throws -> [OwnPathVersion] {
        let all = try await OwnPathVersionRecord.query(on: database).filter(\.$partnershipID == partnership)
            .sort(\.$createdAt).sort(\.$version).all().map(\.value)
        var latest: [String: OwnPathVersion] = [:]
        var order: [String] = []
        for version in all {
            if latest[version.pathID] == nil { order.append(version.pathID) }
            if version.version > latest[version.pathID]?.version ?? 0 { latest[version.pathID] = version }
        }
        return order.compactMap { latest[$0] }
    }

    /// Every version of one own path, newest first; empty when the partnership has no path with that id.
    public func ownPathVersions(partnership: UUID, pathID: String) async throws -> [OwnPathVersion] {
        try await OwnPathVersionRecord.query(on: database).filter(\.$partnershipID == partnership)
            .filter(\.$pathID == pathID).sort(\.$version, .descending).all().map(\.value)
    }

    /// One version by its id.
    public func ownPathVersion(_ id: UUID) async throws -> OwnPathVersion? {
        try await OwnPathVersionRecord.find(id, on: database)?.value
    }
}
