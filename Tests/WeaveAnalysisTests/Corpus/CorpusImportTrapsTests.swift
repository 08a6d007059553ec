import Foundation
import Testing
@testable import WeaveAnalysis

/// Import traps and limits: separators, plain errors, and imports that cost what their size says.
/// Fixtures under `Fixtures/corpus/traps/` are written by `make_fixtures.py` (`trap_fixtures`); the
/// over-long inputs are built here in memory, their size being the point.
@Suite struct CorpusImportTrapsTests {
    static func trap(_ name: String) -> URL { ResearchTrapsTests.trap(name) }

    // MARK: Separators

    @Test("semicolon- and tab-separated files are detected from the header, and the origin says so", arguments: ["semicolon", "tab"])
    func separators(name: String) throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap(name))
        #expect(corpus.origin == "CSV folder \(name)/ (long format), \(name)-separated")
        #expect(corpus.toolkits.map(\.id) == ["tk1", "tk2"])
        #expect(corpus.descriptor("creator")?.value(ofToolkit: 0) == "Org A, Inc.")
        #expect(corpus.descriptor("social_issue")?.values(ofToolkit: 0) == ["health", "education"])
        #expect(corpus.value("shared-vision", "tk1", "ana") == 1)
        #expect(corpus.value("shared-vision", "tk2", "ana") == 0)
    }

    @Test("the separator is the most frequent of comma, semicolon and tab outside quotes in the first line")
    func separatorDetection() {
        func detect(_ text: String) -> UInt8 {
            var found: UInt8 = 0
            _ = CSVReader(data: Data(text.utf8), file: "x.csv").forEachRecord(separatorFound: { found = $0 }) { _ in }
            return found
        }
        #expect(detect("a,b,c\n1;2;3;4\n") == UInt8(ascii: ","))
        #expect(detect("a;b;\"c,d,e\"\n") == UInt8(ascii: ";"))
        #expect(detect("a\tb\tc,d\n") == 0x09)
        #expect(detect("only\n") == UInt8(ascii: ","))
        #expect(detect("\u{FEFF}a;b\n") == UInt8(ascii: ";"))
    }

    // MARK: Plain errors

    @Test("a problem echoing a value with a line break stays on one line")
    func lineBreakInProblem() {
        let problems = CorpusFixtures.problems(importing: Self.trap("line-break-value"))
        #expect(problems.map(\.description) == [
            "codings.csv:2: present is \"1\\r\\n2\"; write 1 (the coder found the code) or 0 (the coder looked and found it absent)",
        ])
        #expect(!problems[0].description.contains("\n"))
    }

    @Test("codings.csv given instead of its folder gets a hint, not a thousand problems")
    func codingsFileInsteadOfFolder() {
        let folder = Self.trap("coder-case")
        let problems = CorpusFixtures.problems(importing: folder.appendingPathComponent("codings.csv"))
        #expect(problems.map(\.description) == [
            "codings.csv: is one file of a corpus folder; give the folder that holds it, not the file: \(folder.path)",
        ])
        let toolkits = CorpusFixtures.problems(importing: folder.appendingPathComponent("toolkits.csv"))
        #expect(toolkits.first?.message.hasPrefix("is one file of a corpus folder") == true)
    }

    // MARK: Imports cost what their size says

    @Test("10,000 codes with one name import, each with its own id")
    func sameNameCodes() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("same-name.qdpx"))
        #expect(corpus.codes.count == 10_000)
        #expect(corpus.codes.first?.id == "evaluation")
        #expect(corpus.codes[1].id == "evaluation-2")
        #expect(corpus.codes.last?.id == "evaluation-10000")
        #expect(Set(corpus.codes.map(\.id)).count == 10_000)
    }

    @Test("ids stay unique when a numbered id is also a name, and slugs are bounded")
    func derivedIDs() {
        let ids = DerivedID.unique(names: ["A", "A", "A-2", "A"], parents: [nil, nil, nil, nil])
        #expect(ids == ["a", "a-2", "a-2-2", "a-3"])
        #expect(Set(ids).count == 4)
        #expect(DerivedID.slug(String(repeating: "x", count: 500)).count == DerivedID.maximumSlugLength)
    }

    @Test("nesting deeper than the limit is refused where it happens")
    func deepNesting() {
        let problems = CorpusFixtures.problems(importing: Self.trap("deep.qdpx"))
        #expect(problems.map(\.description) == [
            "deep.qdpx/project.qde:257: elements are nested more than 256 deep here (<Code> inside 256 others); a REFI-QDA project needs far fewer levels, so it is refused",
        ])
    }

    @Test("a line longer than the limit is refused after one pass, with its line")
    func overLongLine() {
        let header = "toolkit_id,coder,code,present\n"
        let long = header + "tk1,ana,shared-vision,1\n" + String(repeating: "x", count: 3 << 20) + "\n"
        let importer = CorpusFixtures.importer()
        #expect {
            try importer.importCSV(codebook: nil, toolkits: Data("toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url\ntk1,T,,,,,,,,\n".utf8),
                                   codings: Data(long.utf8))
        } throws: { error in
            (error as? CorpusImportError)?.problems.map(\.description) == [
                "codings.csv:3: this line is longer than 1 MiB (a line break may be missing, a quote never closed, or this is not a CSV file); reading stopped here",
            ]
        }
        // A header of a million commas is read in one linear pass too, and reported as such.
        var reader = CSVReader(data: Data((String(repeating: ",", count: 1 << 20) + "\n").utf8), file: "wide.csv")
        reader.maximumRecordBytes = 1 << 21
        var fields = 0
        _ = reader.forEachRecord { fields = $0.count }
        #expect(fields == (1 << 20) + 1)
    }

    @Test("inflating past the compression-ratio limit is stopped while streaming")
    func compressionRatio() {
        // zip-bomb.qdpx: 2 MiB of XML deflated to about 2 KB, with honest headers.
        let importer = CorpusFixtures.importer { $0.archiveLimits.compressionRatioFloor = 1 << 20 }
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.qdpx("zip-bomb.qdpx"), with: importer)
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("zip-bomb.qdpx: refused: project.qde inflates to more than 200 times its compressed size of ") == true)
        #expect(problems.first?.description.hasSuffix("(a possible zip bomb); nothing was extracted") == true)
    }

    // MARK: CSV formula injection

    @Test("cells a spreadsheet would run as formulas get a quote; numbers stay numbers")
    func formulaInjection() throws {
        #expect(CSVWriter.quoted("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVWriter.quoted("+1") == "'+1")
        #expect(CSVWriter.quoted("-1+2") == "'-1+2")
        #expect(CSVWriter.quoted("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.quoted("\tx") == "'\tx")
        #expect(CSVWriter.quoted("\rx") == "\"'\rx\"")
        #expect(CSVWriter.quoted("-0.12") == "-0.12")
        #expect(CSVWriter.quoted("-3") == "-3")
        #expect(CSVWriter.quoted("1.5e-07") == "1.5e-07")
        #expect(CSVWriter.quoted("-inf") == "-inf")
        #expect(CSVWriter.quoted("-") == "'-")
        #expect(CSVWriter.quoted("plain") == "plain")

        // Through a whole report: hostile ids and names in every file.
        let codes = [Corpus.Code(id: "=cmd", name: "@name"), Corpus.Code(id: "ok", name: "+name")]
        let toolkits = (0 ..< 4).map { Corpus.Toolkit(id: "-tk\($0)", title: "T\($0)") }
        let coders = [Corpus.Coder(name: "=a"), Corpus.Coder(name: "b")]
        let corpus = Corpus(
            origin: "test", codes: codes, toolkits: toolkits, coders: coders,
            descriptors: [Corpus.Descriptor(name: "creator_type", isMultiValued: false, values: [["=x"], ["=x"], ["y"], ["y"]])],
            codings: Corpus.Codings(toolkitCount: 4, coderCount: 2, byCode: [[1, 0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 0, 1, 1, 0, 0]]))
        var options = ResearchAnalysis.Options()
        options.minimumGroupSize = 1
        let files = Dictionary(uniqueKeysWithValues: try ResearchAnalysis(options: options).run(corpus).files().map { ($0.name, $0.contents) })
        for name in ["q1.csv", "q3.csv", "agreement.csv", "agreement_pairs.csv", "disagreements.csv"] {
            let cells = files[name]!.split(separator: "\n").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            for cell in cells {
                let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                guard let first = text.first else { continue }
                #expect(!"=+@".contains(first), "\(name): \(cell)")
                if first == "-" { #expect(CSVWriter.isPlainNumber(String(text)), "\(name): \(cell)") }
            }
        }
        #expect(files["q1.csv"]!.contains("\n'=cmd,'@name,"))
        #expect(files["disagreements.csv"]!.hasPrefix("toolkit,code,'=a,b,consensus\n"))
    }
}

extension CorpusImportTrapsTests {
    @Test("a corpus whose codes × toolkits × coders would not fit the memory limit is refused before it is allocated")
    func cellLimit() throws {
        // same-name.qdpx: 10,000 codes and no sources; the long-format check, with a limit of 5 cells.
        let importer = CorpusFixtures.importer { $0.maximumCodingCells = 5 }
        let problems = CorpusFixtures.problems(importing: Self.trap("coder-case"), with: importer)
        #expect(problems.map(\.description) == [
            "codings.csv:2: the corpus would hold 23 codes × 2 toolkits × 1 coder = 46 codings, more than the 5 an import may hold in memory; split the corpus or remove codes and toolkits it does not use",
        ])
        #expect(CorpusSize.excess(codes: Int.max, toolkits: 2, coders: 1, limit: 10)?.contains("more than 9,223,372,036,854,775,807 codings") == true)
        #expect(CorpusSize.excess(codes: 300, toolkits: 10_000, coders: 3, limit: CorpusImporter.Options().maximumCodingCells) == nil)
    }
}
