import Foundation
import Testing
@testable import WeaveAnalysis

/// Ordinary inputs that used to give wrong answers without a word (issue 8, section 1), one fixture
/// each, written by `Fixtures/corpus/make_fixtures.py` (`trap_fixtures`) under `Fixtures/corpus/traps/`.
@Suite struct ResearchTrapsTests {
    static func trap(_ name: String) -> URL { CorpusFixtures.folder.appendingPathComponent("traps").appendingPathComponent(name) }

    static func analysis(_ configure: (inout ResearchAnalysis.Options) -> Void = { _ in }) -> ResearchAnalysis {
        var options = ResearchAnalysis.Options()
        options.minimumGroupSize = 3
        // Every sparse table larger than 2 × 2 gets a Monte Carlo p-value, so seeds matter.
        options.exactTableLimit = 0
        configure(&options)
        return ResearchAnalysis(options: options)
    }

    // MARK: REFI-QDA codes nobody can apply

    @Test("codes marked isCodable=\"false\" add no units: .qdpx and long CSV of the same codings agree exactly")
    func codableCodesOnly() throws {
        // setup
        let fromQDPX = try CorpusFixtures.importer().importCorpus(at: Self.trap("codable.qdpx"))
        let fromCSV = try CorpusFixtures.importer().importCorpus(at: Self.trap("codable-csv"))
        #expect(fromQDPX.codes.map(\.id) == fromCSV.codes.map(\.id))
        #expect(fromQDPX.codes.filter { !$0.isCodable }.map(\.id) == ["planning", "learning"])
        #expect(fromQDPX.codings == fromCSV.codings)

        // MUT
        let qdpx = try Self.analysis().run(fromQDPX)
        let csv = try Self.analysis().run(fromCSV)

        // validate: identical agreement tables, pairs and disagreements …
        #expect(qdpx.agreement == csv.agreement)
        #expect(qdpx.agreementPairs == csv.agreementPairs)
        #expect(qdpx.disagreements == csv.disagreements)
        // … identical Q3 tables and p-values, Monte Carlo ones included …
        let q3 = try #require(qdpx.families.first { $0.id == "q3" })
        #expect(q3.rows == csv.families.first { $0.id == "q3" }?.rows)
        #expect(q3.rows.contains { $0.method == "monte-carlo" })
        #expect(qdpx.families.map(\.rows) == csv.families.map(\.rows))
        // … and the overall α is krippendorff's over the codable codes (codable-expected.json), not
        // the higher one headings judged "absent" by everyone used to give.
        let expected = try JSONDecoder().decode([String: Double].self, from: Data(contentsOf: Self.trap("codable-expected.json")))
        let overall = try #require(qdpx.agreement.last)
        #expect(overall.code == "(all)")
        #expect(abs(overall.krippendorffAlpha! - expected["alpha_codable"]!) < 1e-12)
        #expect(abs(overall.krippendorffAlpha! - expected["alpha_if_headings_counted"]!) > 0.1)
        // Headings carry no agreement units.
        #expect(qdpx.agreement.first { $0.code == "planning" }?.units == 0)
    }

    // MARK: Reproducible Monte Carlo

    @Test("each table's seed comes from its ids: Q3 p-values do not change when Q2 tests other descriptors")
    func seedsFromStableIDs() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("codable-csv"))
        let all = try Self.analysis().run(corpus)
        let noQ2 = try Self.analysis { $0.network = [] }.run(corpus)
        let reordered = try Self.analysis { $0.network = ["network_age", "social_issue"] }.run(corpus)
        let q3 = all.families.first { $0.id == "q3" }!.rows
        #expect(q3.contains { $0.method == "monte-carlo" })
        #expect(noQ2.families.first { $0.id == "q3" }!.rows == q3)
        #expect(reordered.families.first { $0.id == "q3" }!.rows == q3)
        #expect(ResearchAnalysis.tableSeed(1, code: "a", descriptor: "b", value: nil) != ResearchAnalysis.tableSeed(1, code: "a", descriptor: "b", value: ""))
        #expect(ResearchAnalysis.tableSeed(1, code: "ab", descriptor: "c", value: nil) != ResearchAnalysis.tableSeed(1, code: "a", descriptor: "bc", value: nil))
    }

    // MARK: Exclusions where the results are

    @Test("groups left out are listed in the family with their n and why, and 'others' is defined")
    func exclusions() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("codable-csv"))
        let report = try Self.analysis().run(corpus)
        let q3 = try #require(report.families.first { $0.id == "q3" })
        let type = try #require(q3.groupings.first { $0.descriptor == "creator_type" })
        #expect(type.tested)
        #expect(type.groups == [.init(name: "academic", n: 4), .init(name: "government", n: 4), .init(name: "nonprofit", n: 4)])
        #expect(type.excluded == [.init(name: "(no value)", n: 1, reason: "no-value"), .init(name: "business", n: 1, reason: "too-small")])
        #expect(type.others == "others: the rest of the 12 toolkits with a tested creator type (3 groups)")
        let q2 = try #require(report.families.first { $0.id == "q2" })
        // social_issue: 2 of 14 toolkits have none; "environment" is on 2, too few.
        let health = try #require(q2.groupings.first { $0.descriptor == "social_issue" && $0.value == "health" })
        #expect(health.tested)
        #expect(health.groups == [.init(name: "health", n: 8), .init(name: "others", n: 4)])
        #expect(health.excluded == [.init(name: "(no value)", n: 2, reason: "no-value")])
        #expect(health.others == "others: 4 toolkits with a social issue other than “health”")
        let environment = try #require(q2.groupings.first { $0.descriptor == "social_issue" && $0.value == "environment" })
        #expect(!environment.tested)
        #expect(environment.excluded == [.init(name: "(no value)", n: 2, reason: "no-value"), .init(name: "environment", n: 2, reason: "too-small")])
        // The CSV says the same on every row, and lists the untested grouping.
        let files = Dictionary(uniqueKeysWithValues: try report.files().map { ($0.name, $0.contents) })
        let lines = files["q3.csv"]!.split(separator: "\n")
        let outreach = try #require(lines.first { $0.hasPrefix("outreach,creator_type,,") })
        #expect(outreach.hasSuffix(",academic|government|nonprofit,3|4|4,\"(no value) (n=1, no value); business (n=1, too small)\",others: the rest of the 12 toolkits with a tested creator type (3 groups),tested"))
        #expect(files["q2.csv"]!.contains("\n,social_issue,environment,,,,,,,,,,,\"(no value) (n=2, no value); environment (n=2, too small)\",others: 10 toolkits with a social issue other than “environment”,not tested: groups under 3 toolkits are too small to test\n"))
    }

    @Test("the report's tables and heatmaps show the groups left out with their n and why, and define 'others'")
    func exclusionsInTheReport() throws {
        // setup: the same fixture; creator_type leaves out "business" (1) and one toolkit without a type,
        // social_issue leaves out "environment" (2) and two toolkits without an issue.
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("codable-csv"))
        let report = try Self.analysis().run(corpus)

        // MUT
        let html = report.html()
        let figures = report.figures()

        // validate: one row per descriptor in each family's table of groups.
        #expect(html.contains("<table class=\"groups\" id=\"q3-groups\">"))
        #expect(html.contains("<tr><td>creator type</td><td>academic <span class=\"ci\">4</span> · government <span class=\"ci\">4</span> · nonprofit <span class=\"ci\">4</span></td><td>no value <span class=\"ci\">1</span> · business <span class=\"ci\">1, too small (under 3)</span></td><td>others: the rest of the 12 toolkits with a tested creator type (3 groups)</td></tr>"))
        #expect(html.contains("<tr><td>social issue <span class=\"note\">(each value: has it or not)</span></td><td>education <span class=\"ci\">5</span> · health <span class=\"ci\">8</span></td><td>no value <span class=\"ci\">2</span> · environment <span class=\"ci\">2, too small (under 3)</span></td><td>others: for each value, the toolkits with a social issue but not that value (education: 7, health: 4)</td></tr>"))
        // The heatmaps draw them as dashed columns with their n, and their captions say so.
        let q3 = try #require(figures.first { $0.section == "q3" })
        #expect(q3.svg.contains(">business — left out, too small (under 3)</text><text x="))
        #expect(q3.svg.contains(">no value — left out</text>"))
        #expect(q3.svg.components(separatedBy: "class=\"excluded\"").count - 1 == 2)
        #expect(q3.caption.contains("Dashed columns are groups left out of the tests, with their n and why."))
        let q2 = try #require(figures.first { $0.section == "q2" })
        #expect(q2.svg.contains(">environment — left out, too small (under 3)</text>"))
        // A descriptor with nothing left out is marked, and print leaves such rows out for "other" only.
        #expect(html.contains("<tr class=\"complete\"><td>network age</td>"))
        #expect(html.contains("#other-groups tr.complete{display:none}"))
        // The effects tables say what "others" is in their caption.
        #expect(html.contains("<caption>Others: the toolkits with another tested value of the same descriptor"))
    }

    // MARK: Parent codes

    @Test("a parent says what it counts, and one resting on partial coding is flagged and never ranked first")
    func partialParent() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("partial-parent"))
        let report = try ResearchAnalysis().run(corpus)
        let group = try #require(report.q1.first { $0.code == "group" })
        #expect((group.count, group.n, group.share) == (4, 4, 1.0))
        #expect(group.counts == "any of its 4 codes")
        #expect(group.partlyCodedToolkits == 4)
        // a is 4 of 4 and fully coded (a leaf), then full (3 of 4); the parent comes after every fully coded row.
        #expect(report.q1.map(\.code) == ["a", "full", "b", "c", "d", "group"])
        #expect(report.q1.first?.code != "group")
        #expect(report.q1.last?.code == "group")
        #expect(report.warnings.contains("The parent code \"group\" counts any of its 4 codes, but in 4 of its 4 toolkits some codes beneath it were not coded; its share (4 of 4) rests on partial coding and is ranked after fully coded codes."))
        #expect(report.html().contains("(any of its 4 codes; partly coded in 4 toolkits)"))
    }

    // MARK: Coder names

    @Test("coder names differing only in case are named with their counts; an ambiguous adjudicator is an error")
    func coderSpellings() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("coder-case"))
        #expect(corpus.coders.map(\.name) == ["Lead", "lead", "Ana"])
        let report = try ResearchAnalysis().run(corpus)
        #expect(report.warnings.contains("The coder names \"Lead\" (4 codings) and \"lead\" (2 codings) differ only in case or spaces, and are counted as 2 different coders. If they are one person, write the name the same way everywhere."))
        #expect(report.html().contains("<li>The coder names &quot;Lead&quot; (4 codings) and &quot;lead&quot; (2 codings)"))
        var options = ResearchAnalysis.Options()
        options.adjudicator = "lead"
        #expect {
            try ResearchAnalysis(options: options).run(corpus)
        } throws: { error in
            (error as? ResearchAnalysis.Failure)?.description == "The adjudicator \"lead\" matches several coders whose names differ only in case or spaces: \"Lead\" (4 codings) and \"lead\" (2 codings). Write the name one way in the corpus, or give the exact spelling of one coder who is not also written another way."
        }
        // A single coder matching but for case is taken.
        options.adjudicator = " ana"
        let adjudicated = try ResearchAnalysis(options: options).run(corpus)
        #expect(adjudicated.consensus.hasPrefix("the adjudicator Ana's value"))
    }

    // MARK: Nothing coded

    @Test("a project with no codings says nothing is coded yet")
    func nothingCoded() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: CorpusFixtures.folder.appendingPathComponent("atlas-ti-23-codebook-only.qdpx"))
        #expect {
            try ResearchAnalysis().run(corpus)
        } throws: { error in
            (error as? ResearchAnalysis.Failure)?.description.hasPrefix("Nothing is coded yet: REFI-QDA project atlas-ti-23-codebook-only.qdpx") == true
        }
    }

    // MARK: Wide sheets

    @Test("wide sheets: 1/blank, x, yes/no, true/false and ✓ read case-insensitively; blank is absent unless --blank not-coded")
    func wideSpellings() throws {
        let corpus = try CorpusFixtures.importer().importCorpus(at: Self.trap("wide-spellings.csv"))
        let coder = "coder1"
        func values(_ code: String) -> [Int8] { ["tk1", "tk2", "tk3", "tk4"].map { corpus.value(code, $0, coder) } }
        #expect(values("shared-vision") == [1, 0, 1, 0])
        #expect(values("action-planning") == [1, 1, 0, 0])
        #expect(values("shared-measurement") == [1, 0, 0, 1])
        #expect(values("communication") == [1, 0, 1, 0])
        #expect(values("partnership-review") == [1, 1, 1, 1])
        let report = try ResearchAnalysis().run(corpus)
        // Codes without a column are not coded, so their parents rest on partial coding (warned after this one).
        #expect(report.warnings.first == "The code \"partnership-review\" was found present but never judged absent in any toolkit, so its share is 100% of the toolkits coded for it. Record where a code is absent: 0 in codings.csv, or an empty cell or 0 in a wide sheet read without --blank not-coded.")
        #expect(report.warnings.dropFirst().allSatisfy { $0.hasPrefix("The parent code") })

        // Read with blanks as "not coded", 1/blank columns are never judged absent.
        let notCoded = try CorpusFixtures.importer { $0.wideBlank = .notCoded }.importCorpus(at: Self.trap("wide-spellings.csv"))
        #expect(notCoded.value("shared-vision", "tk2", coder) == -1)
        let warned = try ResearchAnalysis().run(notCoded).warnings
        #expect(warned.first?.hasPrefix("3 codes \"shared-vision\", \"action-planning\", \"partnership-review\" were found present but never judged absent") == true)
    }
}
