import Foundation
import Testing
import WeaveAnalysis
import WeaveCore
@testable import weave

/// `weave analyze` and `weave reliability` end to end on the built-in library's coded toolkits.
@Suite struct AnalyzeCommandTests {
    @Test func analyzeWritesEveryFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-analyze-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = try AnalyzeCommand.parse(["--demo", "--report", folder.path, "--quiet", "--minimum-group", "1"])
        try command.run()
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["q1.csv", "q2.csv", "q3.csv", "other.csv", "effects.csv", "agreement.csv", "agreement_pairs.csv", "disagreements.csv", "report.json", "report.html", "figures"])
        // Every figure the report shows is a file of its own, and the report names it.
        let figures = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("figures").path).sorted()
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!figures.isEmpty)
        for figure in figures {
            #expect(figure.hasPrefix("figure-") && figure.hasSuffix(".svg"))
            #expect(html.contains("figures/\(figure)"))
            let svg = try String(contentsOf: folder.appendingPathComponent("figures").appendingPathComponent(figure), encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("<style>"))
        }
        let q1 = try String(contentsOf: folder.appendingPathComponent("q1.csv"), encoding: .utf8)
        let library = try Library.loading()
        // Every code of the default codebook has a row, plus the header.
        #expect(q1.split(separator: "\n").count == (library.codebook("default-activities")?.codes.count ?? 0) + 1)
    }

    @Test func corpusOrDemoButNotBoth() {
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["--report", "/tmp/x"]) }
        #expect(throws: (any Error).self) { try AnalyzeCommand.parse(["some-folder", "--demo", "--report", "/tmp/x"]) }
    }

    @Test func importProblemsAreListedAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("toolkit_id,title\nt1,One\n".utf8).write(to: folder.appendingPathComponent("toolkits.csv"))
        let out = folder.appendingPathComponent("report")
        let command = try AnalyzeCommand.parse([folder.path, "--report", out.path, "--quiet"])
        #expect(throws: CLIError.self) { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func reliabilityPrintsTheAgreementTable() throws {
        let library = try Library.loading()
        let corpus = try Corpus(library: library)
        let text = try ReliabilityCommand.parse(["--demo"]).output(corpus)
        #expect(text.hasPrefix("CODE"))
        #expect(text.contains("(all)"))
        #expect(text.contains("95% CI"))
        #expect(text.contains("COHEN κ") == (corpus.coders.count >= 2))
    }

    @Test func reliabilityPrintsEachPairOfCoders() throws {
        // Two coders on four toolkits: they differ on t4 only.
        let corpus = Corpus(
            origin: "test", codes: [Corpus.Code(id: "x", name: "X")],
            toolkits: (1 ... 4).map { Corpus.Toolkit(id: "t\($0)", title: "T\($0)") },
            coders: [Corpus.Coder(name: "ana"), Corpus.Coder(name: "ben")], descriptors: [],
            codings: Corpus.Codings(toolkitCount: 4, coderCount: 2, byCode: [[1, 1, 0, 0, 1, 1, 1, 0]]))
        let text = try ReliabilityCommand.parse(["--demo"]).output(corpus)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("CODER") })
        #expect(lines[header].contains("COHEN κ"))
        #expect(lines[header + 1].hasPrefix("ana") && lines[header + 1].contains("ben") && lines[header + 1].contains("0.750"))
        let json = try ReliabilityCommand.parse(["--demo", "--format", "json"]).output(corpus)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["agreement"] as? [[String: Any]])?.last?["code"] as? String == "(all)")
    }
}
