import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

/// The path designer's server side: check, save, the own path's page and YAML, scheduling a version.
@Suite struct DesignerTests {
    /// The built-in path as the designer starts from it, with a new id and name, and the first phase renamed.
    static func document(phaseName: String = "Orientation") throws -> PathDocument {
        var document = try #require(PathDocument.libraryPath("joint-action", in: TestApp.library)).withID("joint-action-own")
        document.root = document.root.setting("name", to: .string("Joint Action, Riverside"))
        document.root = try #require(document.root.setting(pointer: "/phases/0/name", to: .string(phaseName)))
        return document
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.html.utf8)) as? [String: Any])
    }

    @Test func aSavedPathDownloadsAsYAMLThatValidatesAndLoadsAsALibraryFolder() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            let document = try Self.document()
            // check: no problem, the agenda as `weave path agenda --format json` gives it, the YAML
            let checked = try await workshop.facilitator.post(client, base + "/designer/check", [
                "document": document.jsonText, "schedule": #"{"days":[{"start":"08:30","breaks":["12:30+45"]}]}"#])
            #expect(checked.status == .ok)
            let reply = try Self.json(checked)
            #expect((reply["problems"] as? [Any])?.isEmpty == true, "\(checked.html.prefix(500))")
            let agenda = try #require(reply["agenda"] as? [String: Any])
            #expect(agenda["start"] as? String == "08:30")
            let expectedAgenda = try Agenda(path: try #require(document.check(against: TestApp.library).path), days: [
                AgendaDay(start: ClockTime(hour: 8, minute: 30), breaks: [try AgendaBreak(parsing: "12:30+45")])], library: TestApp.library)
            #expect(NSDictionary(dictionary: agenda) == NSDictionary(dictionary: try #require(try JSONSerialization.jsonObject(with: WeaveJSON.encoder().encode(expectedAgenda)) as? [String: Any])))
            let yaml = try #require(reply["yaml"] as? String)
            #expect(yaml.hasPrefix("kind: path\nid: joint-action-own\nname: Joint Action, Riverside\n"))

            // MUT: save
            let saved = try await workshop.facilitator.post(client, base + "/paths", ["document": document.jsonText])
            #expect(saved.status == .ok, "\(saved.html.prefix(500))")
            let savedReply = try Self.json(saved)
            #expect(savedReply["id"] as? String == "joint-action-own")
            #expect(savedReply["version"] as? Int == 1)
            let url = try #require(savedReply["url"] as? String)
            #expect(url == base + "/paths/joint-action-own")

            // the own path's page: agenda, designer link, download, versions
            let page = try await workshop.facilitator.get(client, url)
            #expect(page.status == .ok)
            #expect(page.html.contains("Joint Action, Riverside"))
            #expect(page.html.contains("href=\"\(base)/designer?from=joint-action-own\""))
            #expect(page.html.contains("Download YAML"))
            #expect(page.html.contains("Version 1</a>"))
            #expect(page.html.contains("Print handout"))
            #expect(page.html.contains("Projects as an Interface (24)"), "tools named from the library")
            #expect(!page.html.contains("<div class=\"materials\">Materials: Markers"), "steps without materials do not show the path's")
            // the partnership page lists it, offers it to schedule, and links the designer
            let partnershipPage = try await workshop.facilitator.get(client, base)
            #expect(partnershipPage.html.contains("<option value=\"own:joint-action-own\">"))
            #expect(partnershipPage.html.contains("<form class=\"inline-form\" action=\"\(base)/designer\" method=\"get\">"))
            #expect(partnershipPage.html.contains("href=\"\(url)\""))

            // download: the YAML checked at saving, as an attachment
            let download = try await workshop.facilitator.get(client, url + "/path.yaml")
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"joint-action-own.yaml\"")
            #expect(download.html == yaml)
            // validate: `--library FOLDER` next to the built-in library loads it, with no problem, and it is the library's path but for id and name
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-designer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(download.html.utf8).write(to: folder.appendingPathComponent("joint-action-own.yaml"))
            let (loaded, problems) = Library.load([.builtIn, LibraryFolder(path: folder.path)])
            #expect(problems == [])
            var own = try #require(loaded.path("joint-action-own"))
            own.id = "joint-action"
            own.name = "Path of Joint Action"
            #expect(own == TestApp.library.path("joint-action"))
        }
    }

    @Test func anInvalidPathIsRefusedWithItsProblemsAndNothingIsStored() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            var document = try Self.document()
            document.root = try #require(document.root.setting(pointer: "/phases/2/duration", to: .integer(-10)))
            document.root = try #require(document.root.setting(pointer: "/phases/1/steps/0/tool", to: .string("no-such-tool")))
            // check: 200 with the problems located, no agenda
            let checked = try await workshop.facilitator.post(client, base + "/designer/check", ["document": document.jsonText, "schedule": ""])
            #expect(checked.status == .ok)
            let reply = try Self.json(checked)
            let pointers = try #require(reply["problems"] as? [[String: Any]]).compactMap { $0["pointer"] as? String }
            #expect(pointers.contains("/phases/2/duration"))
            #expect(pointers.contains("/phases/1/steps/0/tool"))
            #expect(reply["agenda"] is NSNull)
            // save: 422 with the same problems, nothing stored
            let saved = try await workshop.facilitator.post(client, base + "/paths", ["document": document.jsonText])
            #expect(saved.status == .unprocessableContent)
            let refusal = try Self.json(saved)
            #expect(try #require(refusal["problems"] as? [[String: Any]]).compactMap { $0["pointer"] as? String } == pointers)
            #expect(try await workshop.facilitator.get(client, base + "/paths/joint-action-own").status == .notFound)
            #expect(!(try await workshop.facilitator.get(client, base).html.contains("own:joint-action-own")))
            // a document that is not JSON, or too large, is said plainly
            let broken = try await workshop.facilitator.post(client, base + "/paths", ["document": "{\"kind\": \"path\","])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.html.contains("not valid JSON at line 1"))
            let huge = try await workshop.facilitator.post(client, base + "/designer/check", ["document": "{\"notes\": \"" + String(repeating: "a", count: PathDocument.maximumBytes) + "\"}"])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.html.contains("at most \(PathDocument.maximumBytes) bytes"))
            // the library's own id is taken
            let clash = try await workshop.facilitator.post(client, base + "/paths", ["document": document.withID("joint-action").jsonText])
            #expect(clash.status == .unprocessableContent)
        }
    }

    @Test func aSessionKeepsTheVersionItRanAfterANewVersionIsSaved() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            // setup: version 1, a session of it
            #expect(try await workshop.facilitator.post(client, base + "/paths", ["document": try Self.document(phaseName: "Arrival one").jsonText]).status == .ok)
            let first = try await workshop.facilitator.post(client, base + "/sessions", ["item": "own:joint-action-own", "date": "2026-12-02", "start": "09:00"])
            #expect(first.status == .seeOther, "\(first.html.prefix(300))")
            // MUT: version 2, saved as a new version of the path, and a session of it
            let resaved = try await workshop.facilitator.post(client, base + "/paths", ["document": try Self.document(phaseName: "Arrival two").jsonText, "path": "joint-action-own"])
            #expect(resaved.status == .ok)
            #expect(try Self.json(resaved)["version"] as? Int == 2)
            let second = try await workshop.facilitator.post(client, base + "/sessions", ["item": "own:joint-action-own", "date": "2026-12-03", "start": "09:00"])
            #expect(second.status == .seeOther)
            // validate: each session runs its own version
            let firstPage = try await workshop.facilitator.get(client, first.location)
            #expect(firstPage.status == .ok)
            #expect(firstPage.html.contains("Arrival one"))
            #expect(!firstPage.html.contains("Arrival two"))
            let secondPage = try await workshop.facilitator.get(client, second.location)
            #expect(secondPage.html.contains("Arrival two"))
            #expect(!secondPage.html.contains("Arrival one"))
            // the partnership page names the sessions by their path; version 1 stays readable and downloadable
            #expect(try await workshop.facilitator.get(client, base).html.contains("Joint Action, Riverside"))
            let old = try await workshop.facilitator.get(client, base + "/paths/joint-action-own?version=1")
            #expect(old.html.contains("Arrival one"))
            #expect(old.html.contains("an earlier version"))
            #expect(try await workshop.facilitator.get(client, base + "/paths/joint-action-own/path.yaml?version=1").html.contains("name: Arrival one"))
            #expect(try await workshop.facilitator.get(client, base + "/paths/joint-action-own/path.yaml?version=3").status == .notFound)
            // the same id without `path` is not a silent new version; `path` with another id is refused
            let again = try await workshop.facilitator.post(client, base + "/paths", ["document": try Self.document().jsonText])
            #expect(again.status == .unprocessableContent)
            let renamed = try await workshop.facilitator.post(client, base + "/paths", ["document": try Self.document().withID("other-own").jsonText, "path": "joint-action-own"])
            #expect(renamed.status == .unprocessableContent)
            #expect(renamed.html.contains("\"pointer\" : \"\\/id\"") || renamed.html.contains("\"pointer\" : \"/id\""))
        }
    }

    @Test func anotherAccountsPartnershipIsNotFoundAndFormsNeedTheirCSRFValue() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            let document = try Self.document().jsonText
            #expect(try await workshop.facilitator.post(client, base + "/paths", ["document": document]).status == .ok)
            var other = TestBrowser()
            try await signUp(client, &other, name: "Bo", email: "bo@example.org", setup: nil)
            #expect(try await other.post(client, base + "/designer/check", ["document": document]).status == .notFound)
            #expect(try await other.post(client, base + "/paths", ["document": document]).status == .notFound)
            #expect(try await other.get(client, base + "/paths/joint-action-own").status == .notFound)
            #expect(try await other.get(client, base + "/paths/joint-action-own/path.yaml").status == .notFound)
            // CSRF: a form without the cookie's value is refused, and stores nothing
            #expect(try await workshop.facilitator.post(client, base + "/paths", ["document": try Self.document().withID("forged-own").jsonText], csrf: "").status == .forbidden)
            #expect(try await workshop.facilitator.post(client, base + "/designer/check", ["document": document], csrf: "wrong").status == .forbidden)
            #expect(try await workshop.facilitator.get(client, base + "/paths/forged-own").status == .notFound)
        }
    }

    @Test func anOwnPathsPreparationWorksheetIsServedOnThePartnersLinks() async throws {
        try await TestApp.run { client, setup in
            // setup: a partnership with one partner and no session yet
            var facilitator = TestBrowser()
            try await signUp(client, &facilitator, name: "Ana", email: "ana@example.org", setup: setup)
            let created = try await facilitator.post(client, "/partnerships", ["name": "Hillside", "focal_issue": "Housing"])
            let base = created.location
            #expect(try await facilitator.post(client, base + "/partners", ["name": "Tenants Union", "type": "nonprofit"]).status == .seeOther)
            #expect(!(try await facilitator.get(client, base).html.contains("Preparation link")))
            // MUT: save an own path naming the worksheet, and schedule it
            #expect(try await facilitator.post(client, base + "/paths", ["document": try Self.document().jsonText]).status == .ok)
            let scheduled = try await facilitator.post(client, base + "/sessions", ["item": "own:joint-action-own", "date": "2026-12-02", "start": "09:00"])
            #expect(scheduled.status == .seeOther)
            // validate: the partners' links serve the worksheet the own path names
            let page = try await facilitator.get(client, base)
            #expect(page.html.contains("Projects as an Interface (24)"))
            let link = try #require(page.html.firstMatch(of: #/href="(/prep/[A-Za-z0-9_-]+)"/#)?.1).description
            var partner = TestBrowser()
            let form = try await partner.get(client, link)
            #expect(form.status == .ok)
            #expect(form.html.contains("Strategic intent"))
        }
    }
}
