import Foundation
import Testing
import WeaveAnalysis

@Suite("Corpus: REFI-QDA import")
struct CorpusREFIQDAImportTests {
    @Test("a project: sources, cases and variables, a nested codebook, codings by user")
    func project() throws {
        // MUT
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.qdpx("project.qdpx"))

        // validate: ids derived from names, unique; same-named codes under different parents stay apart
        #expect(corpus.codes.map(\.id) == ["planning", "planning/evaluation", "learning", "learning/evaluation", "cafe-culture"])
        #expect(corpus.codes.map(\.parent) == [nil, "planning", nil, "learning", nil])
        #expect(corpus.codes.map(\.name) == ["Planning", "Evaluation", "Learning", "Evaluation", "Café Culture"])
        #expect(corpus.codes[0].definition == "Deciding together what to do.")
        #expect(corpus.codes[0].guid == "c0000000-0000-4000-8000-000000000001")
        #expect(corpus.codes[4].guid == "c0000000-0000-4000-8000-000000000005")

        // sources become toolkits; names without extensions give ids
        #expect(corpus.toolkits.map(\.id) == ["toolkit-one", "toolkit-two", "toolkit-three"])
        #expect(corpus.toolkits.map(\.title) == ["Toolkit One.txt", "Toolkit Two.pdf", "Toolkit Three.docx"])

        // descriptors: title, then variables, from cases and from sources
        #expect(corpus.descriptors.map(\.name) == ["title", "creator_type", "social_issue", "year"])
        #expect(corpus.descriptor("creator_type")?.values(ofToolkit: 0) == ["government"])
        #expect(corpus.descriptor("creator_type")?.values(ofToolkit: 1) == [])
        #expect(corpus.descriptor("social_issue")?.isMultiValued == true)
        #expect(corpus.descriptor("social_issue")?.values(ofToolkit: 0) == ["health", "education"])
        #expect(corpus.descriptor("year")?.value(ofToolkit: 0) == "2019")

        // coders: users who coded, in <Users> order; name, else id; GUID case does not matter
        #expect(corpus.coders.map(\.name) == ["Ana", "Ben", "carla"])
        #expect(corpus.coders.map(\.guid) == [
            "aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002", "cccccccc-0000-4000-8000-000000000003",
        ])

        // a coder who applied any code in a source looked for all of them there; one who applied none did not
        #expect(corpus.value("planning/evaluation", "toolkit-one", "Ana") == 1)
        #expect(corpus.value("planning", "toolkit-one", "Ana") == 0)
        #expect(corpus.value("learning/evaluation", "toolkit-one", "Ana") == 0)
        #expect(corpus.value("learning/evaluation", "toolkit-one", "Ben") == 1)  // user from the selection
        #expect(corpus.value("planning/evaluation", "toolkit-one", "Ben") == 0)
        #expect(corpus.value("planning", "toolkit-one", "carla") == -1)
        #expect(corpus.value("cafe-culture", "toolkit-two", "carla") == 1)
        #expect(corpus.value("planning", "toolkit-two", "Ana") == 1)  // coded in the PDF's text representation
        #expect(corpus.value("cafe-culture", "toolkit-two", "Ana") == 0)
        #expect(corpus.value("planning", "toolkit-two", "Ben") == -1)
        for coder in ["Ana", "Ben", "carla"] {
            #expect(corpus.value("planning", "toolkit-three", coder) == -1)
        }
        #expect(corpus.origin == "REFI-QDA project project.qdpx (exported by make_fixtures.py)")
    }

    @Test("a project in memory imports the same as on disk")
    func inMemory() throws {
        let data = try Data(contentsOf: CorpusFixtures.qdpx("project.qdpx"))
        let corpus = try CorpusFixtures.importer().importREFIQDA(data: data, name: "upload.qdpx")
        let fromDisk = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.qdpx("project.qdpx"))
        #expect(corpus.codings == fromDisk.codings)
        #expect(corpus.codes == fromDisk.codes)
    }

    @Test("progress rises to 1 while the archive is inflated and the XML read")
    func progress() throws {
        let fractions = Fractions()
        let importer = CorpusImporter(library: CorpusFixtures.library, progress: { fractions.append($0) })
        _ = try importer.importCorpus(at: CorpusFixtures.qdpx("zip-bomb.qdpx"))
        #expect(fractions.values.last == 1)
        #expect(fractions.values == fractions.values.sorted())
        #expect(fractions.values.count > 2)
    }

    @Test("the real ATLAS.ti 23 export (codebook only) imports without error")
    func atlasSample() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.folder.appendingPathComponent("atlas-ti-23-codebook-only.qdpx"))
        #expect(corpus.codes.map(\.id) == ["commits", "2022-05-10t02-05-59z-19e4dce", "2022-02-11t10-39-25z-cdbfd92"])
        #expect(corpus.codes.map(\.parent) == [nil, "commits", "commits"])
        #expect(corpus.codes.map(\.guid) == [
            "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6", "2d2466f0-d77f-4f8c-bdf9-628966b6b74d", "086ac733-7b1c-4749-a138-d7182f63a5c9",
        ])
        #expect(corpus.toolkits.isEmpty)
        #expect(corpus.coders.isEmpty)
        #expect(corpus.origin.contains("ATLAS.ti for Windows 23.2.3.27778"))
    }

    @Test("a project with nothing in it is an empty corpus")
    func minimal() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.qdpx("minimal.qdpx"))
        #expect(corpus.codes.isEmpty && corpus.toolkits.isEmpty && corpus.coders.isEmpty)
    }

    @Test("references to codes, variables and sources that do not exist are reported with their XML lines")
    func badReferences() {
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx("bad-references.qdpx")).map(\.description)
        #expect(problems == [
            "bad-references.qdpx/project.qde:13: the case \"Orphans\" refers to the source 50000000-0000-4000-8000-000000000099, which is not among <Sources>",
            "bad-references.qdpx/project.qde:18: a <Coding> refers to the code c0000000-0000-4000-8000-000000000077, which is not in the <CodeBook>",
            "bad-references.qdpx/project.qde:19: a <VariableValue> refers to the variable e0000000-0000-4000-8000-000000000001, which is not among <Variables>",
        ])
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var fixture: String
        var line: Int?
        var message: String
        var inProject = false
        var testDescription: String { fixture }
    }

    static let refusals: [Refusal] = [
        Refusal(fixture: "traversal.qdpx",
                message: "refused: the entry \"../../evil.txt\" climbs out of the archive with \"..\" (path traversal); nothing was extracted"),
        Refusal(fixture: "absolute-path.qdpx",
                message: "refused: the entry \"/tmp/evil.txt\" has an absolute path (path traversal); nothing was extracted"),
        Refusal(fixture: "symlink.qdpx",
                message: "refused: the entry \"Sources/link\" is a symbolic link; a .qdpx holds only plain files; nothing was extracted"),
        Refusal(fixture: "no-project.qdpx",
                message: "has no project.qde; a REFI-QDA project (.qdpx) holds project.qde at its top level"),
        Refusal(fixture: "not-a-zip.qdpx",
                message: "is not a readable .qdpx (ZIP) archive: it has no ZIP end-of-central-directory record"),
        Refusal(fixture: "truncated-deflate.qdpx",
                message: "is not a readable .qdpx (ZIP) archive: the compressed data of project.qde is corrupt"),
        Refusal(fixture: "unfinished-stored-block.qdpx",
                message: "is not a readable .qdpx (ZIP) archive: the compressed data of project.qde is cut short"),
        Refusal(fixture: "malformed.qdpx", line: 6,
                message: "the XML is malformed: an end tag does not match its start tag", inProject: true),
        Refusal(fixture: "doctype.qdpx", line: 2,
                message: "declares a document type (<!DOCTYPE …>); REFI-QDA projects need none, and it is refused because it could expand entities or read other files",
                inProject: true),
        Refusal(fixture: "doctype-after-comment.qdpx", line: 3,
                message: "declares a document type (<!DOCTYPE …>); REFI-QDA projects need none, and it is refused because it could expand entities or read other files",
                inProject: true),
        Refusal(fixture: "codebook-root.qdpx", line: 2,
                message: "is not a REFI-QDA project: its root element is <CodeBook> in namespace \"urn:QDA-XML:codebook:1.0\", not <Project> in \"urn:QDA-XML:project:1.0\"",
                inProject: true),
    ]

    @Test("hostile or broken archives are refused with a clear message", arguments: refusals)
    func refused(_ expected: Refusal) {
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx(expected.fixture))
        let file = expected.inProject ? "\(expected.fixture)/project.qde" : expected.fixture
        #expect(problems == [CorpusProblem(file: file, line: expected.line, message: expected.message)])
    }

    @Test("more entries than allowed are refused before any is read")
    func tooManyEntries() {
        let importer = CorpusFixtures.importer { $0.archiveLimits.maximumEntries = 10 }
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx("too-many-entries.qdpx"), with: importer)
        #expect(problems.map(\.description) == [
            "too-many-entries.qdpx: refused: it lists 12 entries, more than the 10 allowed; nothing was extracted",
        ])
        #expect(CorpusImporter.ArchiveLimits().maximumEntries == 10_000)
    }

    @Test("an entry declaring more than the limit is refused")
    func declaredTooLarge() {
        let importer = CorpusFixtures.importer { $0.archiveLimits.maximumEntryBytes = 1 << 20 }
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx("zip-bomb.qdpx"), with: importer)
        #expect(problems.map(\.description) == [
            "zip-bomb.qdpx: refused: the entry \"project.qde\" declares 2 MiB, more than the 1 MiB allowed per entry; nothing was extracted",
        ])
        #expect(CorpusImporter.ArchiveLimits().maximumEntryBytes == 256 << 20)
    }

    @Test("an entry whose headers understate its size is stopped while inflating (zip bomb)")
    func lyingSize() {
        let importer = CorpusFixtures.importer { $0.archiveLimits.maximumEntryBytes = 1 << 20 }
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx("lying-size.qdpx"), with: importer)
        #expect(problems.map(\.description) == [
            "lying-size.qdpx: refused: project.qde inflates to more than 1 MiB (a possible zip bomb); nothing was extracted",
        ])
    }

    @Test("within the limits, the same large project imports")
    func largeButAllowed() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.qdpx("zip-bomb.qdpx"))
        #expect(corpus.codes.isEmpty)
    }
}
