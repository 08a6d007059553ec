import ArgumentParser
import Foundation
import Testing
import WeaveAnalysis
import WeaveCore
@testable import weave

/// `weave analyze` refuses plainly what it cannot do (issue 8: plain errors, nothing coded).
@Suite struct AnalyzeCommandTrapsTests {
    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as CLIError {
            return error.description
        } catch {
            return AnalyzeCommand.message(for: error)
        }
    }

    @Test("an existing file as --report is refused in words")
    func reportIsAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weave-report-\(UUID().uuidString).txt")
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = Self.message { _ = try AnalyzeCommand.parse(["--demo", "--report", file.path]) }
        #expect(text == "--report \(file.path) is an existing file; name a folder for the report (it is created if it does not exist)")
    }

    @Test("a negative --minimum-group is refused as a number, not as a missing value")
    func negativeMinimumGroup() {
        let text = Self.message { _ = try AnalyzeCommand.parse(["--demo", "--report", "/tmp/x", "--minimum-group", "-1"]) }
        #expect(text == "--minimum-group must be a whole number of at least 1, not -1")
    }

    @Test("a project with nothing coded says so and exits non-zero, writing nothing")
    func nothingCoded() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveAnalysisTests/Fixtures/corpus/atlas-ti-23-codebook-only.qdpx")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("weave-empty-\(UUID().uuidString)")
        let command = try AnalyzeCommand.parse([sample.path, "--report", out.path, "--quiet"])
        #expect(throws: CLIError.self) { try command.run() }
        #expect(Self.message { try command.run() }?.hasPrefix("Nothing is coded yet:") == true)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("the output says which separator a CSV corpus used")
    func separatorInOutput() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveAnalysisTests/Fixtures/corpus/traps/semicolon")
        let command = try ReliabilityCommand.parse([folder.path])
        let corpus = try command.source.load(library: try Library.loading(), quiet: true)
        let text = try command.output(corpus)
        #expect(text.hasSuffix("Read from CSV folder semicolon/ (long format), semicolon-separated."))
        let report = try ResearchAnalysis().run(corpus)
        #expect(AnalyzeCommand.summary(report, folder: "out").contains("Read from CSV folder semicolon/ (long format), semicolon-separated."))
    }

    @Test("a code never judged absent is named in the command's output and at the top of the report")
    func neverAbsentWarningInOutputAndReport() throws {
        // setup: a wide sheet whose partnership-review column is 1 for every toolkit (make_fixtures.py).
        let sheet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveAnalysisTests/Fixtures/corpus/traps/wide-spellings.csv")
        let command = try ReliabilityCommand.parse([sheet.path])
        let corpus = try command.source.load(library: try Library.loading(), quiet: true)

        // MUT
        let report = try ResearchAnalysis().run(corpus)
        let summary = AnalyzeCommand.summary(report, folder: "out")
        let html = report.html()

        // validate: the first lines of the output and the report's first section say it.
        // (wrapped for the terminal after "absent in")
        #expect(summary.hasPrefix("Warning: The code \"partnership-review\" was found present but never judged absent"))
        let warnings = try #require(html.range(of: "<section id=\"warnings\"><h2>Check before reading</h2>"))
        let findings = try #require(html.range(of: "<section id=\"findings\">"))
        #expect(warnings.upperBound < findings.lowerBound)
        #expect(html.contains("<li>The code &quot;partnership-review&quot; was found present but never judged absent in any toolkit"))
    }

    @Test("the research format's example for listing the codes runs and lists the default codebook's codes")
    func docsListCodesExampleWorks() throws {
        // setup: the command as docs/research-format.md writes it.
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/research-format.md")
        #expect(try String(contentsOf: docs, encoding: .utf8).contains("`weave library list --kind code`"))
        let library = try Library.loading()

        // MUT
        let text = try LibraryList.parse(["--kind", "code", "--format", "json"]).output(library)

        // validate: codes only, the default codebook's among them.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(!items.isEmpty && items.allSatisfy { $0["kind"] as? String == "code" })
        #expect(items.contains { $0["id"] as? String == "shared-vision" })
    }
}
