import Foundation
import Testing
@testable import WeaveAnalysis

/// The analysis pipeline on a small corpus built by hand, so every expected number can be counted.
///
/// Twelve toolkits, two codes (`measure` under parent `plan`), two coders. Coder `a` finds `measure` in
/// toolkits 0–5 (the six made by government) and coder `b` agrees except on toolkit 5, where `b` says absent.
/// `creator_type` is government for 0–5 and nonprofit for 6–11; `social_issue` (multi-valued) is `health`
/// for the even toolkits; `title` is distinct for every toolkit; `year` runs 2001…2012.
@Suite struct ResearchAnalysisTests {
    static func corpus() -> Corpus {
        let toolkits = (0 ..< 12).map { Corpus.Toolkit(id: "t\($0)", title: "Toolkit \($0)") }
        var measure = [Int8]()
        var plan = [Int8]()
        for toolkit in 0 ..< 12 {
            let a: Int8 = toolkit < 6 ? 1 : 0
            let b: Int8 = toolkit < 5 ? 1 : 0
            measure += [a, b]
            plan += [-1, -1]
        }
        let descriptors = [
            Corpus.Descriptor(name: "title", isMultiValued: false, values: (0 ..< 12).map { ["Toolkit \($0)"] }),
            Corpus.Descriptor(name: "creator_type", isMultiValued: false, values: (0 ..< 12).map { [$0 < 6 ? "government" : "nonprofit"] }),
            Corpus.Descriptor(name: "social_issue", isMultiValued: true, values: (0 ..< 12).map { $0 % 2 == 0 ? ["health", "education"] : ["education"] }),
            Corpus.Descriptor(name: "year", isMultiValued: false, values: (0 ..< 12).map { [String(2001 + $0)] }),
        ]
        return Corpus(
            origin: "test", codes: [Corpus.Code(id: "plan", name: "Planning"), Corpus.Code(id: "measure", parent: "plan", name: "Shared measurement")],
            toolkits: toolkits, coders: [Corpus.Coder(name: "a"), Corpus.Coder(name: "b")], descriptors: descriptors,
            codings: Corpus.Codings(toolkitCount: 12, coderCount: 2, byCode: [plan, measure]))
    }

    @Test func q1CountsConsensusAndParents() throws {
        let report = try ResearchAnalysis().run(Self.corpus())
        let measure = try #require(report.q1.first { $0.code == "measure" })
        // Majority of two coders: toolkit 5 is a 1–1 tie and is left out; 0–4 present, 6–11 absent.
        #expect(measure.count == 5)
        #expect(measure.n == 11)
        #expect(measure.share == 5.0 / 11.0)
        let interval = try #require(WilsonInterval(count: 5, n: 11))
        #expect(measure.wilsonLow == interval.lower && measure.wilsonHigh == interval.upper)
        // The parent, never coded itself, follows its only child.
        let plan = try #require(report.q1.first { $0.code == "plan" })
        #expect(plan.isParent && plan.count == 5 && plan.n == 11)
    }

    @Test func adjudicatorSettlesTies() throws {
        var options = ResearchAnalysis.Options()
        options.adjudicator = "b"
        let report = try ResearchAnalysis(options: options).run(Self.corpus())
        let measure = try #require(report.q1.first { $0.code == "measure" })
        #expect(measure.count == 5 && measure.n == 12)
        #expect(report.consensus.contains("adjudicator b"))
        #expect(throws: ResearchAnalysis.Failure.self) {
            var bad = ResearchAnalysis.Options()
            bad.adjudicator = "nobody"
            _ = try ResearchAnalysis(options: bad).run(Self.corpus())
        }
    }

    @Test func q3TestsCreatorTypeWithFisherAndBH() throws {
        let report = try ResearchAnalysis().run(Self.corpus())
        let q3 = try #require(report.families.first { $0.id == "q3" })
        let row = try #require(q3.rows.first { $0.code == "measure" && $0.descriptor == "creator_type" })
        // government: 5 of 5 with a value (toolkit 5 left out); nonprofit: 0 of 6.
        #expect(row.groups == ["government", "nonprofit"])
        #expect(row.present == [5, 0] && row.totals == [5, 6])
        let fisher = try #require(FisherExactTest(table: ContingencyTable(rows: [[5, 0], [0, 6]])))
        #expect(row.pFisher == fisher.pValue)
        #expect(row.pUsed == fisher.pValue)
        #expect(row.method == "fisher")
        #expect(row.pExact == nil)
        #expect(row.qBH == BenjaminiHochberg.qValues(q3.rows.map(\.pUsed))[q3.rows.firstIndex(of: row)!])
        #expect(q3.statements.contains("Toolkits with creator type “government” suggest shared measurement in 5 of 5 (100%), others in 0 of 6 (0%); q = \(ResearchAnalysis.pText(row.qBH!))."))
    }

    @Test func multiValuedDescriptorsAreTestedValueByValue() throws {
        var options = ResearchAnalysis.Options()
        options.minimumGroupSize = 5
        let report = try ResearchAnalysis(options: options).run(Self.corpus())
        let q2 = try #require(report.families.first { $0.id == "q2" })
        // health: 6 have it, 6 do not; education: all 12 have it, so "without" is too small.
        #expect(Set(q2.rows.compactMap(\.value)) == ["health"])
        #expect(report.notes.contains { $0.contains("\"social_issue\" = \"education\"") })
    }

    @Test func identifiersAreSkippedAndYearsBinned() throws {
        var options = ResearchAnalysis.Options()
        options.minimumGroupSize = 2
        let report = try ResearchAnalysis(options: options).run(Self.corpus())
        #expect(report.notes.contains { $0.contains("\"title\" has a different value for every toolkit") })
        let other = try #require(report.families.first { $0.id == "other" })
        // year is all distinct too, but numeric: binned by decade (2001–2009 → 2000–2009, 2010–2012 → 2010–2019).
        #expect(other.descriptors == ["year"])
        #expect(other.rows.first?.groups == ["2000–2009", "2010–2019"])
        #expect(!other.descriptors.contains("title"))
    }

    @Test func agreementRowsAndDisagreements() throws {
        let report = try ResearchAnalysis().run(Self.corpus())
        let measure = try #require(report.agreement.first { $0.code == "measure" })
        #expect(measure.percentAgreement == 11.0 / 12.0)
        #expect(report.agreement.last?.code == "(all)")
        #expect(report.disagreements == [.init(toolkit: "t5", code: "measure", ratings: ["a": 1, "b": 0], consensus: nil)])
        let pair = try #require(report.agreementPairs.first { $0.code == "measure" })
        #expect(pair.coderA == "a" && pair.coderB == "b" && pair.nUnits == 12)
    }

    @Test func reportFilesAgreeWithEachOther() throws {
        var options = ResearchAnalysis.Options()
        options.minimumGroupSize = 2
        let report = try ResearchAnalysis(options: options).run(Self.corpus())
        let files = Dictionary(uniqueKeysWithValues: try report.files().map { ($0.name, $0.contents) })
        #expect(Set(files.keys.filter { !$0.hasPrefix("figures/") }) == ["q1.csv", "q2.csv", "q3.csv", "other.csv", "effects.csv", "agreement.csv", "agreement_pairs.csv", "disagreements.csv", "report.json", "report.html"])
        #expect(files.keys.contains("figures/figure-1-q1-activities.svg"))
        #expect(files["q1.csv"]!.hasPrefix("code,name,parent,count,n,share,wilson_low,wilson_high,counts,partly_coded_toolkits\n"))
        #expect(files["q3.csv"]!.hasPrefix("code,descriptor,value,chi2,dof,p_chi2,p_fisher,p_exact,cramers_v,p_used,q_bh,groups,group_n,excluded,others,status\n"))
        #expect(files["agreement.csv"]!.hasPrefix("code,percent_agreement,fleiss_kappa,krippendorff_alpha,fleiss_kappa_low,fleiss_kappa_high,krippendorff_alpha_low,krippendorff_alpha_high\n"))
        #expect(files["effects.csv"]!.hasPrefix("family,code,descriptor,value,present,n,others_present,others_n,difference,difference_low,difference_high,cramers_v,q_bh\n"))
        #expect(files["agreement_pairs.csv"]!.hasPrefix("code,coder_a,coder_b,n_units,percent_agreement,cohen_kappa\n"))

        // The JSON reads back to the same report.
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let decoded = try decoder.decode(ResearchReport.self, from: Data(files["report.json"]!.utf8))
        var withoutDisagreements = report
        withoutDisagreements.disagreements = []
        #expect(decoded == withoutDisagreements)
        #expect(files["report.json"]!.contains("\"disagreement_count\" : 1"))
        #expect(files["disagreements.csv"] == "toolkit,code,a,b,consensus\nt5,measure,1,0,\n")

        // The HTML holds the charts and tables, and the Q1 numbers shown are the JSON's.
        let html = files["report.html"]!
        #expect(html.contains("<svg") && html.contains("class=\"chart bars\"") && html.contains("class=\"chart heatmap\""))
        #expect(html.contains("<table id=\"q1-table\">") && html.contains("<table id=\"agreement-table\">"))
        #expect(!html.contains("<script") && !html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
        let measure = try #require(report.q1.first { $0.code == "measure" })
        #expect(html.contains("<td>measure</td><td>Shared measurement</td><td>plan</td><td class=\"n\">\(measure.count)</td><td class=\"n\">\(measure.n)</td><td class=\"n\">45%</td>"))
        // q1.csv's measure row carries the exact numbers.
        let csvRow = try #require(files["q1.csv"]!.split(separator: "\n").first { $0.hasPrefix("measure,") })
        #expect(csvRow == "measure,Shared measurement,plan,5,11,\(CSVWriter.number(5.0 / 11.0)),\(CSVWriter.number(measure.wilsonLow)),\(CSVWriter.number(measure.wilsonHigh)),,0")
    }

    @Test func hostileNamesAreEscapedInTheReport() throws {
        let corpus = Corpus(
            origin: "<b>bold</b>", codes: [Corpus.Code(id: "x", name: "<img src=x onerror=alert(1)>")],
            toolkits: [Corpus.Toolkit(id: "t", title: "T")], coders: [Corpus.Coder(name: "<i>")], descriptors: [],
            codings: Corpus.Codings(toolkitCount: 1, coderCount: 1, byCode: [[1]]))
        let html = try ResearchAnalysis().run(corpus).html()
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>bold"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }
}
