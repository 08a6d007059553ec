import Foundation
import Testing
import WeaveAnalysis

/// One fixture folder per import problem (`Fixtures/corpus/csv/errors/`, written by
/// `make_fixtures.py`); each must be reported with its file, line and a plain message, and no corpus.
@Suite("Corpus: CSV import errors")
struct CorpusCSVImportErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var file: String
        var line: Int?
        var message: String
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(fixture: "unknown-code", file: "codings.csv", line: 3,
             message: "unknown code \"shared-measurment\": it is not in the default codebook default-activities (there is no codebook.csv); did you mean \"shared-measurement\"? (also on 1 later line)"),
        Case(fixture: "unknown-toolkit", file: "codings.csv", line: 3,
             message: "unknown toolkit \"tk9\": it is not in toolkits.csv; did you mean \"tk1\"?"),
        Case(fixture: "bad-present", file: "codings.csv", line: 3,
             message: "present is \"yes\"; write 1 (the coder found the code) or 0 (the coder looked and found it absent)"),
        Case(fixture: "duplicate-toolkit", file: "toolkits.csv", line: 4,
             message: "toolkit \"tk1\" is already listed on line 2; each toolkit_id appears once"),
        Case(fixture: "duplicate-code", file: "codebook.csv", line: 4,
             message: "code \"a\" is already defined on line 2; each code_id appears once"),
        Case(fixture: "conflicting-coding", file: "codings.csv", line: 4,
             message: "coder \"coder1\" codes \"shared-vision\" in toolkit \"tk1\" as 0 here but as 1 on line 2; keep one of the two rows"),
        Case(fixture: "missing-column", file: "codings.csv", line: 1,
             message: "the required column \"present\" is missing (is \"presence\" meant to be it?); the first line must name the columns toolkit_id,coder,code,present"),
        Case(fixture: "invalid-utf8", file: "toolkits.csv", line: 3,
             message: "is not valid UTF-8 (byte 0xE9); save the file as UTF-8"),
        Case(fixture: "ragged-row", file: "codings.csv", line: 3,
             message: "has 5 fields but the first line names 4 columns; check for a missing or extra comma, or a comma inside a value that is not in quotes"),
        Case(fixture: "parent-cycle", file: "codebook.csv", line: 2,
             message: "the parents of codes form a cycle: a → c → b → a; one of them must have another parent or none"),
        Case(fixture: "unknown-parent", file: "codebook.csv", line: 3,
             message: "the parent_id \"x\" of code \"b\" is not a code_id in this file"),
        Case(fixture: "unterminated-quote", file: "codings.csv", line: 3,
             message: "a quoted field starts here and is never closed; add the closing quote (\")"),
        Case(fixture: "missing-toolkit-column", file: "toolkits.csv", line: 1,
             message: "the required column \"member_org_types\" is missing; the first line must name the columns toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url"),
        Case(fixture: "bad-year", file: "toolkits.csv", line: 3,
             message: "year \"c. 2016\" is not a whole number; write a year such as 2019, or leave it empty when not known"),
        Case(fixture: "text-after-quote", file: "codings.csv", line: 3,
             message: "text follows a closing quote; a quoted field must end at its closing quote, and a quote inside it is written twice (\"\")"),
        Case(fixture: "one-bad-row", file: "codings.csv", line: 5,
             message: "present is \"2\"; write 1 (the coder found the code) or 0 (the coder looked and found it absent)"),
        Case(fixture: "wide-bad-value", file: "toolkits.csv", line: 3,
             message: "code:shared-vision is \"maybe\" for toolkit \"tk2\"; write 1, x, yes, true or ✓ (present), 0, no or false (absent), or leave the cell empty (absent)"),
        Case(fixture: "wide-unknown-code", file: "toolkits.csv", line: 1,
             message: "column \"code:shared-visoin\" names an unknown code \"shared-visoin\": it is not in the default codebook default-activities (there is no codebook.csv); did you mean \"code:shared-vision\"?"),
        Case(fixture: "no-codings", file: "toolkits.csv", line: 1,
             message: "has no code:ID columns and there is no codings.csv, so nothing is coded; add codings.csv (long format: toolkit_id,coder,code,present) or one 0/1 column per code headed code:ID (wide format)"),
        Case(fixture: "both-formats", file: "toolkits.csv", line: 1,
             message: "has code columns (code:shared-vision) and there is also codings.csv; use one format: remove the code: columns, or remove codings.csv to read them as the wide format"),
    ]

    @Test("each problem is reported with its file, line and message, and nothing is imported", arguments: cases)
    func problem(_ expected: Case) {
        // MUT
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.error(expected.fixture))
        // validate
        #expect(problems == [CorpusProblem(file: expected.file, line: expected.line, message: expected.message)])
        if let line = expected.line {
            #expect(problems.first?.description == "\(expected.file):\(line): \(expected.message)")
        }
    }

    @Test("every problem in every file is reported at once, in file and line order")
    func many() {
        let problems = CorpusFixtures.problems(importing: CorpusFixtures.error("many")).map(\.description)
        #expect(problems == [
            "codebook.csv:3: code \"a\" is already defined on line 2; each code_id appears once",
            "codings.csv:3: unknown toolkit \"tk2\": it is not in toolkits.csv; did you mean \"tk1\"?",
            "codings.csv:4: unknown code \"b\": it is not in codebook.csv",
            "codings.csv:5: coder is empty; name who coded the row",
            "codings.csv:6: present is \"x\"; write 1 (the coder found the code) or 0 (the coder looked and found it absent)",
            "toolkits.csv:3: toolkit \"tk1\" is already listed on line 2; each toolkit_id appears once",
        ])
    }

    @Test("all or nothing: a corpus with one bad row yields no corpus at all")
    func allOrNothing() throws {
        // setup: the same corpus without the bad row imports
        let folder = CorpusFixtures.error("one-bad-row")
        let toolkits = try Data(contentsOf: folder.appendingPathComponent("toolkits.csv"))
        let codings = try String(contentsOf: folder.appendingPathComponent("codings.csv"), encoding: .utf8)
        let good = codings.replacingOccurrences(of: "tk2,coder1,action-planning,2", with: "tk2,coder1,action-planning,1")
        let importer = CorpusFixtures.importer()
        let corpus = try importer.importCSV(codebook: nil, toolkits: toolkits, codings: Data(good.utf8))
        #expect(corpus.toolkits.count == 2)

        // MUT / validate: with it, the import throws and returns nothing
        #expect(throws: CorpusImportError.self) {
            _ = try importer.importCSV(codebook: nil, toolkits: toolkits, codings: Data(codings.utf8))
        }
    }

    @Test("a systematically broken file lists a few hundred problems and counts the rest")
    func problemLimit() {
        // setup: 1,000 rows with a bad value
        var codings = "toolkit_id,coder,code,present\n"
        for _ in 0..<1_000 { codings += "tk1,coder1,shared-vision,maybe\n" }
        let importer = CorpusFixtures.importer { $0.problemLimitPerFile = 10 }
        let toolkits = Data("toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url\ntk1,T,O,,,,,,,\n".utf8)
        // MUT
        do {
            _ = try importer.importCSV(codebook: nil, toolkits: toolkits, codings: Data(codings.utf8))
            Issue.record("expected problems")
        } catch {
            // validate
            #expect(error.problems.count == 11)
            #expect(error.problems.last?.description == "codings.csv: 990 more problems in this file not listed; fix the ones above and import again")
        }
    }
}
