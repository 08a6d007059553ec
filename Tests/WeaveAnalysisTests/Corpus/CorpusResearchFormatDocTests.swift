import Foundation
import Testing
import WeaveAnalysis

/// docs/research-format.md shows an example of each CSV file; they must import, together, to what the
/// text says. Each example is a ```csv block whose info string names the file.
@Suite("Corpus: research-format.md examples")
struct CorpusResearchFormatDocTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/research-format.md")

    /// The examples by file name.
    static func examples() throws -> [String: Data] {
        let text = try String(contentsOf: document, encoding: .utf8)
        var examples: [String: Data] = [:]
        for block in text.components(separatedBy: "```csv ").dropFirst() {
            let lines = block.components(separatedBy: "\n")
            guard let name = lines.first?.trimmingCharacters(in: .whitespaces),
                  let end = lines.firstIndex(of: "```") else { continue }
            examples[name] = Data((lines[1..<end].joined(separator: "\n") + "\n").utf8)
        }
        return examples
    }

    @Test("the long-format examples import as described")
    func longFormat() throws {
        let examples = try Self.examples()
        #expect(Set(examples.keys) == ["codebook.csv", "toolkits.csv", "codings.csv", "wide.csv"])
        let corpus = try CorpusFixtures.importer().importCSV(
            codebook: examples["codebook.csv"], toolkits: try #require(examples["toolkits.csv"]), codings: examples["codings.csv"])
        #expect(corpus.codes.map(\.id) == ["setting-direction", "shared-vision", "shared-measurement", "relationship-building"])
        #expect(corpus.coders.map(\.name) == ["ana", "ben"])
        #expect(corpus.value("shared-vision", "tk1", "ana") == 1)
        #expect(corpus.value("shared-measurement", "tk1", "ana") == 0)
        #expect(corpus.value("shared-vision", "tk2", "ben") == -1)
        #expect(corpus.value("shared-vision", "tk3", "ana") == -1)
        #expect(corpus.descriptor("member_org_types")?.values(ofToolkit: 0) == ["nonprofit", "government", "business"])
        #expect(corpus.descriptor("funding")?.value(ofToolkit: 0) == "grant")
        #expect(corpus.excerpts.count == 3)
    }

    @Test("the wide-format example imports as described")
    func wideFormat() throws {
        let examples = try Self.examples()
        let corpus = try CorpusFixtures.importer().importCSV(
            codebook: examples["codebook.csv"], toolkits: try #require(examples["wide.csv"]), codings: nil)
        #expect(corpus.coders.map(\.name) == ["coder1"])
        #expect(corpus.value("shared-vision", "tk1", "coder1") == 1)
        #expect(corpus.value("shared-measurement", "tk1", "coder1") == 0)
        #expect(corpus.value("relationship-building", "tk2", "coder1") == 0)
        #expect(corpus.value("setting-direction", "tk2", "coder1") == -1)
    }
}
