import Foundation
import Testing
import WeaveAnalysis
import WeaveCore

@Suite("Corpus: model and library demo")
struct CorpusModelTests {
    @Test("the built-in library's coded toolkits form a demo corpus coded by one coder")
    func libraryDemo() throws {
        // setup
        let library = CorpusFixtures.library
        // MUT
        let corpus = try Corpus(library: library)
        // validate
        let codebook = try #require(library.codebook("default-activities"))
        #expect(corpus.codes.map(\.id) == codebook.codes.map(\.id))
        #expect(corpus.codebookID == "default-activities")
        #expect(corpus.toolkits.map(\.id) == library.toolkits.map(\.id))
        #expect(corpus.coders.map(\.name) == ["library"])
        for (toolkit, item) in library.toolkits.enumerated() {
            for (code, entry) in corpus.codes.enumerated() {
                let expected: Int8 = item.activities.contains(entry.id) ? 1 : 0
                #expect(corpus.codings[code: code, toolkit: toolkit, coder: 0] == expected)
            }
        }
        let box = try #require(corpus.toolkitIndex("community-tool-box"))
        #expect(corpus.descriptor("creator_type")?.value(ofToolkit: box) == "academic")
        #expect(corpus.descriptor("creator_country")?.value(ofToolkit: box) == "United States")
        #expect(corpus.descriptor("network_age")?.values(ofToolkit: box) == ["new"])
        #expect(corpus.descriptors.map(\.name) == [
            "title", "creator", "creator_country", "creator_type", "social_issue", "network_age", "member_org_types", "year", "url",
        ])
    }

    @Test("a library without the codebook is a problem")
    func libraryWithoutCodebook() {
        #expect(throws: CorpusImportError.self) { try Corpus(library: Library()) }
    }

    @Test("a descriptor stores each toolkit's values by position in its sorted levels")
    func descriptor() {
        let descriptor = Corpus.Descriptor(name: "social_issue", isMultiValued: true, values: [["health", "education", "health"], [], ["arts"]])
        #expect(descriptor.levels == ["arts", "education", "health"])
        #expect(Array(descriptor.levelIndices(ofToolkit: 0)) == [2, 1])
        #expect(descriptor.values(ofToolkit: 1) == [])
        #expect(descriptor.value(ofToolkit: 2) == "arts")
        #expect(descriptor.toolkitCount == 3)
    }

    @Test("codes know their parents, children and descendants")
    func hierarchy() {
        let codes = [
            Corpus.Code(id: "a", name: "A"), Corpus.Code(id: "a1", parent: "a", name: "A1"),
            Corpus.Code(id: "a1x", parent: "a1", name: "A1x"), Corpus.Code(id: "a2", parent: "a", name: "A2"),
            Corpus.Code(id: "b", name: "B"),
        ]
        let corpus = Corpus(
            origin: "test", codes: codes, toolkits: [], coders: [], descriptors: [],
            codings: Corpus.Codings(codeCount: 5, toolkitCount: 0, coderCount: 0))
        #expect(corpus.childIndices(ofCode: 0) == [1, 3])
        #expect(corpus.descendantIndices(ofCode: 0) == [1, 2, 3])
        #expect(corpus.parentIndex(ofCode: 2) == 1)
        #expect(corpus.parentIndex(ofCode: 4) == nil)
    }

    @Test("codings are one dense Int8 matrix per code, toolkit-major")
    func codings() {
        var codings = Corpus.Codings(codeCount: 2, toolkitCount: 3, coderCount: 2)
        codings[code: 1, toolkit: 2, coder: 1] = Corpus.Codings.present
        codings[code: 1, toolkit: 0, coder: 0] = Corpus.Codings.absent
        #expect(codings.byCode[1] == [0, -1, -1, -1, -1, 1])
        #expect(codings.byCode[0].allSatisfy { $0 == Corpus.Codings.notCoded })
        #expect(codings.codedCount == 2)
    }
}
