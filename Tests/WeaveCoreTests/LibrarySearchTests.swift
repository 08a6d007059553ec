import Testing
@testable import WeaveCore

@Suite struct LibrarySearchTests {
    let search: LibrarySearch

    init() throws {
        search = LibrarySearch(library: try builtInLibrary())
    }

    @Test func nameMatchesRankFirst() {
        let hits = search.search("shared vision")
        #expect(hits.first?.item.id == "creating-a-shared-vision")
        #expect(hits.prefix(3).contains { $0.item.id == "shared-vision" })
        #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func findsAToolByAWordInItsSteps() {
        // "Problem tree" is the name of worksheet 10 and part of method card 21's name.
        let hits = search.search("problem tree").prefix(3).map(\.item.id)
        #expect(hits.contains("problem-tree-worksheet"))
        #expect(hits.contains("problem-and-solution-tree"))
    }

    @Test func inflectionsMeet() {
        let singular = search.search("stakeholder").map(\.item.id)
        let plural = search.search("stakeholders").map(\.item.id)
        #expect(!singular.isEmpty)
        #expect(singular == plural)
    }

    @Test func accentsAndCaseAreIgnored() {
        #expect(search.search("TACSI").first?.item.id == search.search("tacsí").first?.item.id)
    }

    @Test func noMatchIsEmpty() {
        #expect(search.search("zeppelin quantum").isEmpty)
        #expect(search.search("   ").isEmpty)
        #expect(search.search("the and of").isEmpty)
    }

    @Test func stemming() {
        #expect(LibrarySearch.stem("partners") == "partner")
        #expect(LibrarySearch.stem("activities") == "activity")
        #expect(LibrarySearch.stem("matches") == "match")
        #expect(LibrarySearch.stem("causes") == "cause")
        #expect(LibrarySearch.stem("process") == "process")
    }
}
