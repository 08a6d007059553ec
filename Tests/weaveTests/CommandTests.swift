import ArgumentParser
import Foundation
import Testing
import WeaveCore
@testable import weave

/// The CLI's outputs, including the JSON shapes documented in docs/cli.md, which scripts depend on.
@Suite struct CommandTests {
    let library: Library

    init() throws {
        library = try Library.loading()
    }

    /// Folders of fixtures kept with the core tests.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WeaveCoreTests/Fixtures", isDirectory: true)

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The two-day example path's agenda in each format, against golden files (see the fixture's README).
    @Test(arguments: [("text", "txt"), ("markdown", "md"), ("json", "json")])
    func twoDayAgendaMatchesItsGoldenFile(_ format: String, _ ext: String) throws {
        let folder = Self.fixtures.appendingPathComponent("two-day").path
        let command = try PathAgenda.parse(["example-two-days", "--library", folder, "--start", "09:00", "--start", "09:30",
                                            "--break", "2@10:00+15", "--end", "10:30", "--end", "12:00", "--format", format])
        let output = try command.output(try command.library.load(environment: [:])).0
        let golden = try String(contentsOf: Self.fixtures.appendingPathComponent("two-day/agenda.\(ext)"), encoding: .utf8)
        #expect(output + "\n" == golden)
    }

    @Test func aBreakForADayThePathDoesNotHaveIsRefused() throws {
        let folder = Self.fixtures.appendingPathComponent("two-day").path
        let command = try PathAgenda.parse(["example-two-days", "--library", folder, "--start", "09:00", "--break", "3@10:00+15"])
        #expect(throws: CLIError.self) { try command.output(try command.library.load(environment: [:])) }
        #expect(throws: (any Error).self) { try PathAgenda.parse(["joint-action", "--break", "10:00+15"]) }
    }

    @Test func agendaJSONShape() throws {
        let command = try PathAgenda.parse(["joint-action", "--start", "09:00", "--format", "json"])
        let object = try json(try command.output(library).0)
        #expect(object["path"] as? String == "joint-action")
        #expect(object["start"] as? String == "09:00")
        #expect(object["end"] as? String == "16:15")
        #expect(object["planned_minutes"] as? Int == 435)
        #expect(object["break_minutes"] as? Int == 0)
        #expect((object["warnings"] as? [String])?.isEmpty == true)
        let phases = try #require(object["phases"] as? [[String: Any]])
        #expect(phases.map { $0["id"] as? String } == ["orientation", "groundwork", "summit", "outlook", "action-plan", "closing"])
        #expect(phases.map { $0["planned_minutes"] as? Int } == [60, 120, 90, 70, 65, 30])
        let step = try #require((phases[0]["steps"] as? [[String: Any]])?.first)
        for key in ["title", "start", "end", "minutes", "timing", "lead", "activities", "interrupted_by"] {
            #expect(step[key] != nil, "step key \(key)")
        }
        #expect(step["timing"] as? String == "shared-equally")
        #expect(step["lead"] as? String == "host")
        let canvas = try #require(phases[2]["canvas"] as? [[String: Any]])
        #expect(canvas.map { $0["kind"] as? String } == ["text", "table"])
        let outlookTool = try #require((phases[3]["steps"] as? [[String: Any]])?.first?["tool"] as? [String: Any])
        #expect(outlookTool["number"] as? Int == 45)
        #expect(outlookTool["type"] as? String == "method-card")
    }

    @Test func agendaWithBreaksAndEndInJSON() throws {
        let command = try PathAgenda.parse(["joint-action", "--start", "09:00", "--break", "10:30+15", "--break", "12:30+45", "--end", "17:00", "--format", "json"])
        let object = try json(try command.output(library).0)
        #expect(object["end"] as? String == "17:15")
        #expect(object["day_end"] as? String == "17:00")
        #expect(object["overrun_minutes"] as? Int == 15)
        let breaks = try #require(object["breaks"] as? [[String: Any]])
        #expect(breaks.map { $0["during_phase"] as? String } == ["groundwork", "summit"])
        #expect((object["warnings"] as? [String])?.count == 3)
    }

    @Test func agendaTextAndMarkdown() throws {
        let text = try PathAgenda.parse(["joint-action", "--start", "09:00", "--end", "16:00"]).output(library).0
        #expect(text.contains("09:00–16:15"))
        #expect(text.contains("ORIENTATION (60 min)"))
        #expect(text.contains("The day overruns: the path ends at 16:15, 15 minutes after 16:00."))
        let markdown = try PathAgenda.parse(["joint-action", "--start", "09:00", "--format", "markdown"]).output(library).0
        #expect(markdown.hasPrefix("# Path of Joint Action"))
        #expect(markdown.contains("## 15:45–16:15 Closing (30 min)"))
        #expect(markdown.contains("| Time | Step | Minutes | Lead | Grouping | Tool |"))
    }

    @Test func wrongArgumentsExplainThemselves() {
        #expect(throws: (any Error).self) { try PathAgenda.parse(["joint-action", "--start", "9am"]) }
        do {
            _ = try PathAgenda.parse(["joint-action", "--start", "9am"])
        } catch {
            let message = PathAgenda.message(for: error)
            #expect(message.contains("\"9am\" is not a time of day"))
            #expect(message.contains("such as 09:00"))
        }
        do {
            _ = try PathAgenda.parse(["joint-action", "--start", "09:00", "--break", "10:30"])
        } catch {
            #expect(PathAgenda.message(for: error).contains("HH:MM+MINUTES"))
        }
    }

    @Test func unknownPathSuggestsTheNearest() throws {
        let command = try PathAgenda.parse(["joint-actoin", "--start", "09:00"])
        #expect(throws: CLIError.self) { try command.output(library) }
        do { _ = try command.output(library) } catch {
            #expect("\(error)" == "No path has the id \"joint-actoin\". Did you mean \"joint-action\"? `weave library list --kind path` shows them all.")
        }
    }

    @Test func showJSONShape() throws {
        let path = try json(try LibraryShow.parse(["joint-action", "--format", "json"]).output(library))
        #expect(path["kind"] as? String == "path")
        #expect(path["id"] as? String == "joint-action")
        #expect((path["phases"] as? [[String: Any]])?.count == 6)
        #expect((path["participants"] as? [String: Any])?["min"] as? Int == 10)
        let tool = try json(try LibraryShow.parse(["partnership-assessment", "--format", "json"]).output(library))
        #expect(tool["kind"] as? String == "tool")
        #expect(tool["type"] as? String == "method-card")
        #expect(tool["number"] as? Int == 46)
        let field = try #require((tool["fields"] as? [[String: Any]])?.first)
        #expect(field["kind"] as? String == "token-vote")
        #expect((field["targets"] as? [String: Any])?["source"] as? String == "partnership-assessment-table/fields")
        let code = try json(try LibraryShow.parse(["shared-measurement", "--format", "json"]).output(library))
        #expect(code["kind"] as? String == "code")
        #expect(code["parent"] is String)
    }

    @Test func showTextReadsLikeTheCard() throws {
        let text = try LibraryShow.parse(["joint-action"]).output(library)
        #expect(text.hasPrefix("Path of Joint Action\n"))
        #expect(text.contains("Method cards"))
        #expect(text.contains("Creating a Shared Vision (44)"))
        #expect(text.contains("SUMMIT — 90 min"))
    }

    @Test func listFiltersByKindAndActivity() throws {
        let paths = try json(try LibraryList.parse(["--kind", "path", "--format", "json"]).output(library))
        let items = try #require(paths["items"] as? [[String: Any]])
        #expect(items.allSatisfy { $0["kind"] as? String == "path" })
        #expect(items.contains { $0["id"] as? String == "joint-action" })

        let coded = try json(try LibraryList.parse(["--activity", "roles-leadership", "--kind", "tool", "--format", "json"]).output(library))
        let ids = try #require(coded["items"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids.contains("defining-partnership-roles"))
        #expect(ids == library.tools.filter { $0.activities.contains("roles-leadership") }.map(\.id))
        // A parent code lists what is coded to any code beneath it.
        let parent = try #require(library.code("roles-leadership")?.parent)
        let family = try json(try LibraryList.parse(["--activity", parent, "--format", "json"]).output(library))
        #expect(try #require(family["items"] as? [[String: Any]]).count >= ids.count)
        #expect(throws: CLIError.self) { try LibraryList.parse(["--activity", "no-such-code"]).output(library) }
    }

    @Test func searchRanksAndSaysWhenNothingMatches() throws {
        let result = try json(try LibrarySearchCommand.parse(["shared", "vision", "--format", "json"]).output(library))
        let hits = try #require(result["hits"] as? [[String: Any]])
        #expect(hits.first?["id"] as? String == "creating-a-shared-vision")
        let none = try LibrarySearchCommand.parse(["zeppelin"]).output(library)
        #expect(none == "Nothing in the library matches \"zeppelin\". Try fewer or other words.")
    }

    @Test func validateReportsAndFails() throws {
        let bad = Self.fixtures.appendingPathComponent("invalid/unknown-key").path
        let (report, ok) = try ValidateCommand.parse([bad]).output(environment: [:])
        #expect(!ok)
        #expect(report.contains("/unknown-key/tool.yaml:7:1: tool \"typo-card\" has an unknown key \"duraton\""))
        #expect(report.hasSuffix("1 problem in 1 file."))

        let good = Self.fixtures.appendingPathComponent("extension").path
        let (json, fine) = try ValidateCommand.parse([good, "--format", "json"]).output(environment: [:])
        #expect(fine)
        let object = try self.json(json)
        #expect(object["ok"] as? Bool == true)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func builtInLibraryValidates() throws {
        let (report, ok) = try ValidateCommand.parse([]).output(environment: [:])
        #expect(ok)
        #expect(report.hasPrefix("Checked the built-in library: "))
        #expect(report.hasSuffix("no problems."))
    }

    @Test func libraryFoldersComeFromEnvironmentAndFlags() throws {
        let extensionFolder = Self.fixtures.appendingPathComponent("extension").path
        let options = try LibraryOptions.parse(["--library", "/b"])
        #expect(options.allFolders(environment: ["WEAVE_LIBRARY": "/a:/c"]) == ["/a", "/c", "/b"])
        let loaded = try LibraryOptions.parse([]).load(environment: ["WEAVE_LIBRARY": extensionFolder])
        #expect(loaded.path("morning-check-in") != nil)
        let agenda = try PathAgenda.parse(["morning-check-in", "--library", extensionFolder, "--start", "09:30", "--format", "json"])
        #expect(try json(try agenda.output(try agenda.library.load(environment: [:])).0)["end"] as? String == "11:00")
    }
}
