import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

extension StoreContract {
    /// Versions of an own path number 1, 2, 3… within their partnership; a session keeps the version it
    /// was scheduled with when newer ones are saved.
    func ownPathVersionsStayAndSessionsKeepTheirs() async throws {
        // setup
        let ana = try await store.createAccount(email: "ana@example.org", name: "Ana", passwordHash: "h")
        let riverside = try await store.createPartnership(PartnershipDraft(name: "Riverside", focalIssue: "Food waste"), owner: ana.id)
        let hillside = try await store.createPartnership(PartnershipDraft(name: "Hillside", focalIssue: "Housing"), owner: ana.id)
        // MUT
        let first = try await store.saveOwnPath(partnership: riverside.id, pathID: "day-own", name: "Day", yaml: "kind: path\nid: day-own\n", author: ana.id, authorName: "Ana")
        let session = try await store.createSession(SessionDraft(partnershipID: riverside.id, itemID: "day-own", date: "2026-12-01", start: "09:00", pathVersionID: first.id))
        let second = try await store.saveOwnPath(partnership: riverside.id, pathID: "day-own", name: "Day, shorter", yaml: "kind: path\nid: day-own\n# 2\n", author: ana.id, authorName: "Ana")
        let other = try await store.saveOwnPath(partnership: hillside.id, pathID: "day-own", name: "Hill day", yaml: "kind: path\n", author: ana.id, authorName: "Ana")
        // validate
        #expect((first.version, second.version, other.version) == (1, 2, 1))
        #expect(try await store.ownPaths(of: riverside.id).map(\.id) == [second.id], "the latest version of each path")
        #expect(try await store.ownPathVersions(partnership: riverside.id, pathID: "day-own").map(\.version) == [2, 1])
        #expect(try await store.ownPathVersions(partnership: hillside.id, pathID: "day-own").map(\.name) == ["Hill day"])
        let read = try #require(try await store.ownPathVersion(first.id))
        #expect((read.pathID, read.version, read.name, read.authorName, read.partnershipID) == ("day-own", 1, "Day", "Ana", riverside.id))
        #expect(abs(read.createdAt.timeIntervalSince(first.createdAt)) < 1)
        #expect(try await store.session(session.id)?.pathVersionID == first.id)
        #expect(try await store.sessions(of: riverside.id).first?.pathVersionID == first.id)
        #expect(try await store.ownPathVersion(first.id)?.yaml == "kind: path\nid: day-own\n")
    }
}
