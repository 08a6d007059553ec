import Foundation
import Testing
import WeaveAnalysis

@Suite("Corpus: CSV import")
struct CorpusCSVImportTests {
    @Test("the folder layout tells the format apart")
    func detection() throws {
        #expect(try CorpusImporter.detectFormat(at: CorpusFixtures.csv("long")) == .longCSV)
        #expect(try CorpusImporter.detectFormat(at: CorpusFixtures.csv("wide")) == .wideCSV)
        #expect(try CorpusImporter.detectFormat(at: CorpusFixtures.csv("wide-file.csv")) == .wideCSV)
        #expect(try CorpusImporter.detectFormat(at: CorpusFixtures.qdpx("project.qdpx")) == .refiQDA)
        #expect(throws: CorpusImportError.self) { try CorpusImporter.detectFormat(at: CorpusFixtures.csv("nowhere")) }
        #expect(throws: CorpusImportError.self) { try CorpusImporter.detectFormat(at: CorpusFixtures.folder) }
    }

    @Test("long format with its own codebook: quoted fields, BOM, CRLF, extra and multi-valued descriptors, excerpts")
    func longFormat() throws {
        // MUT
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.csv("long"))

        // validate: the codebook, parents before children, whatever order the file used
        #expect(corpus.codes.map(\.id) == ["convening", "stakeholders", "measurement"])
        #expect(corpus.codes.map(\.parent) == [nil, "convening", nil])
        #expect(corpus.codes[1].definition == "Working out who has a stake; \"who\" matters.")
        #expect(corpus.codes[2].definition == "Agreeing what to measure,\r\nand measuring it together.")
        #expect(corpus.codebookID == nil)
        #expect(corpus.childIndices(ofCode: 0) == [1])
        #expect(corpus.parentIndex(ofCode: 1) == 0)

        // toolkits and descriptors
        #expect(corpus.toolkits.map(\.id) == ["tk1", "tk2", "tk3"])
        #expect(corpus.toolkits.map(\.title) == ["Partnering Toolbook, 4th edition", "The \"Collective\" Guide", "Tool Box"])
        #expect(corpus.descriptors.map(\.name) == [
            "title", "creator", "creator_country", "creator_type", "social_issue", "network_age", "member_org_types",
            "year", "url", "funding",
        ])
        let social = try #require(corpus.descriptor("social_issue"))
        #expect(social.isMultiValued)
        #expect(social.values(ofToolkit: 0) == ["health", "education"])
        #expect(social.values(ofToolkit: 2) == [])
        #expect(social.levels == ["education", "health"])
        #expect(corpus.descriptor("member_org_types")?.values(ofToolkit: 0) == ["nonprofit", "government", "business"])
        #expect(corpus.descriptor("creator_type")?.isMultiValued == false)
        #expect(corpus.descriptor("creator_type")?.value(ofToolkit: 1) == "government")
        #expect(corpus.descriptor("funding")?.values(ofToolkit: 0) == ["grant"])
        #expect(corpus.descriptor("funding")?.value(ofToolkit: 1) == nil)
        #expect(corpus.descriptor("url")?.value(ofToolkit: 1) == nil)
        #expect(corpus.descriptor("year")?.value(ofToolkit: 0) == "2011")

        // codings: coders in order of appearance; unlisted = not coded
        #expect(corpus.coders.map(\.name) == ["ana", "ben"])
        #expect(corpus.value("convening", "tk1", "ana") == 1)
        #expect(corpus.value("stakeholders", "tk1", "ana") == 0)
        #expect(corpus.value("stakeholders", "tk1", "ben") == 1)
        #expect(corpus.value("measurement", "tk1", "ana") == 1)
        #expect(corpus.value("measurement", "tk1", "ben") == 0)
        #expect(corpus.value("convening", "tk2", "ana") == 0)
        #expect(corpus.value("convening", "tk2", "ben") == -1)
        #expect(corpus.value("measurement", "tk3", "ana") == -1)
        #expect(corpus.codings.codedCount == 9)

        // excerpts, only where given
        #expect(corpus.excerpts.count == 3)
        let first = try #require(corpus.excerpts.first)
        #expect(first.text == "\"Bring partners together,\" it says.\r\nThen keep them.")
        #expect(first.location == "p. 4")
        #expect(corpus.excerpts.map(\.location) == ["p. 4", "section 2", nil])
        #expect(corpus.origin == "CSV folder long/ (long format)")
    }

    @Test("long format without codebook.csv takes the codes of the default codebook")
    func defaultCodebook() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.csv("long-default-codebook"))
        #expect(corpus.codebookID == "default-activities")
        #expect(corpus.codes.count == CorpusFixtures.library.codebook("default-activities")?.codes.count)
        #expect(corpus.codes.first?.id == "understanding-context")
        #expect(corpus.value("shared-measurement", "tk1", "coder1") == 1)
        #expect(corpus.value("action-planning", "tk1", "coder1") == 0)
        #expect(corpus.value("shared-measurement", "tk2", "coder1") == 0)
        #expect(corpus.value("shared-vision", "tk2", "coder1") == -1)
    }

    @Test("wide format in a folder: one coder, empty cells absent (or not coded with --blank not-coded), codes without a column not coded")
    func wideFolder() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.csv("wide"))
        #expect(corpus.coders.map(\.name) == ["coder1"])
        #expect(corpus.value("shared-measurement", "tk1", "coder1") == 1)
        #expect(corpus.value("action-planning", "tk1", "coder1") == 0)
        #expect(corpus.value("action-planning", "tk2", "coder1") == 0)
        let notCoded = try CorpusFixtures.importer { $0.wideBlank = .notCoded }.importCorpus(at: CorpusFixtures.csv("wide"))
        #expect(notCoded.value("action-planning", "tk2", "coder1") == -1)
        #expect(corpus.value("shared-vision", "tk2", "coder1") == 1)
        #expect(corpus.value("communication", "tk1", "coder1") == -1)
        #expect(corpus.descriptors.contains { $0.name.hasPrefix("code:") } == false)
        #expect(corpus.descriptor("social_issue")?.values(ofToolkit: 0) == ["health", "education"])
        #expect(corpus.origin == "CSV folder wide/ (wide format)")
    }

    @Test("wide format as a single file, with the coder named by --coder")
    func wideFile() throws {
        let importer = CorpusFixtures.importer { $0.wideFormatCoder = "lead" }
        let corpus = try importer.importCorpus(at: CorpusFixtures.csv("wide-file.csv"))
        #expect(corpus.coders.map(\.name) == ["lead"])
        #expect(corpus.value("shared-vision", "tk1", "lead") == 1)
        #expect(corpus.descriptor("region")?.value(ofToolkit: 0) == "Europe")
    }

    @Test("CSV files in memory import the same as on disk")
    func inMemory() throws {
        let folder = CorpusFixtures.csv("long")
        let read = { (name: String) in try Data(contentsOf: folder.appendingPathComponent(name)) }
        let corpus = try CorpusFixtures.importer().importCSV(
            codebook: read("codebook.csv"), toolkits: read("toolkits.csv"), codings: read("codings.csv"))
        let fromDisk = try CorpusFixtures.importer().importCorpus(at: folder)
        #expect(corpus.codings == fromDisk.codings)
        #expect(corpus.descriptors == fromDisk.descriptors)
        #expect(corpus.excerpts == fromDisk.excerpts)
    }

    @Test("progress is reported as a rising fraction ending at 1")
    func progress() throws {
        let fractions = Fractions()
        let importer = CorpusImporter(library: CorpusFixtures.library, progress: { fractions.append($0) })
        _ = try importer.importCorpus(at: CorpusFixtures.csv("long"))
        let values = fractions.values
        #expect(values.last == 1)
        #expect(values == values.sorted())
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test("a code's codings become a rating matrix for the agreement statistics")
    func ratingMatrix() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.csv("long"))
        let matrix = corpus.ratingMatrix(ofCode: corpus.codeIndex("stakeholders")!)
        #expect(matrix.unitCount == 3)
        #expect(matrix.coderCount == 2)
        #expect(Array(matrix.ratings(ofUnit: 0)) == [0, 1])
        #expect(Array(matrix.ratings(ofUnit: 2)) == [-1, -1])
    }
}

/// Collects progress fractions from the importer's `@Sendable` callback.
final class Fractions: @unchecked Sendable {
    // Guarded by `lock`; the importer calls back on its own thread.
    private let lock = NSLock()
    private var stored: [Double] = []

    func append(_ value: Double) { lock.withLock { stored.append(value) } }

    var values: [Double] { lock.withLock { stored } }
}
