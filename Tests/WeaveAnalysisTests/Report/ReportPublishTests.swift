import Foundation
import Testing
@testable import WeaveAnalysis

/// The report a team publishes: findings first, effects with intervals, the compact heatmap, figures
/// as files, methods in prose and a header that counts the coders — on the hand-built corpus of
/// ``ResearchAnalysisTests`` (government toolkits suggest shared measurement 5 of 5, nonprofits 0 of 6).
@Suite struct ReportPublishTests {
    static func report() throws -> ResearchReport {
        try ResearchAnalysis().run(ResearchAnalysisTests.corpus())
    }

    @Test func effectsGiveTheRiskDifferenceWithItsNewcombeInterval() throws {
        let report = try Self.report()
        let q3 = try #require(report.families.first { $0.id == "q3" })
        let effect = try #require(q3.effects.first { $0.code == "measure" && $0.value == "government" })
        #expect(effect.present == 5 && effect.n == 5 && effect.othersPresent == 0 && effect.othersN == 6)
        #expect(effect.difference == 1)
        // statsmodels confint_proportions_2indep(5, 5, 0, 6, compare="diff", method="newcomb").
        expectClose(effect.low, 0.41593162342397505, "low")
        expectClose(effect.high, 1.0, "high")
        // q3 holds two tests with the same Fisher p = 1/462; BH leaves it as it is.
        expectClose(effect.q, 1.0 / 462.0, "q")
        // The nonprofit side is the mirror image.
        let other = try #require(q3.effects.first { $0.code == "measure" && $0.value == "nonprofit" })
        #expect(other.difference == -1)
    }

    @Test func keyFindingsStateTheNumbersInWords() throws {
        let findings = try Self.report().keyFindings()
        let first = try #require(findings.first)
        #expect(first.family == "q3")
        // Each test is stated once, for its group furthest from the others (here a tie: the first group).
        #expect(findings.filter { $0.effect.code == "measure" && $0.effect.descriptor == "creator_type" }.count == 1)
        #expect(first.text.contains("suggest") && first.text.contains("(5 of 5)") && first.text.contains("(0 of 6)"))
        #expect(first.text.contains("+100 points (95% CI +42 to +100); q = 0.002."))
    }

    @Test func heatmapNamesCodesAndWritesNAndMarks() throws {
        let report = try Self.report()
        let figures = report.figures()
        let heatmap = try #require(figures.first { $0.section == "q3" })
        #expect(heatmap.svg.contains(">Shared measurement<") && heatmap.svg.contains(">Planning<"))
        #expect(!heatmap.svg.contains(">measure<"))
        #expect(heatmap.svg.contains("n = 6") && heatmap.svg.contains("n = 5"))
        #expect(heatmap.svg.contains(">100*<") && heatmap.svg.contains("cell marked"))
        #expect(heatmap.caption.hasPrefix("Figure \(heatmap.number). "))
        // Figures are numbered in order and the report shows each caption and file name.
        #expect(figures.map(\.number) == Array(1 ... figures.count))
        let html = report.html()
        for figure in figures { #expect(html.contains("figures/\(figure.file)") && html.contains(HTMLText.escape(figure.caption))) }
    }

    @Test func longLabelsAreNeverCut() {
        let long = "An activity with a very long name that goes on and on past forty characters"
        let svg = SVGChart.compactHeatmap(
            rows: [long], groups: [.init(title: "creator type with a long descriptor name", columns: [("technical-assistance provider", 12)])],
            cells: [[.init(share: 0.5, marked: false, detail: "x")]], title: "t")
        #expect(svg.contains(">\(long)<") && svg.contains(">technical-assistance provider<"))
        // The label column is as wide as the label's estimate: the first cell starts after it.
        let labelWidth = Int(SVGChart.textWidth(long).rounded(.up)) + 14
        #expect(svg.contains("<rect x=\"\(labelWidth + 1)\""))
        let bars = SVGChart.bars([.init(label: long, value: 0.3)], title: "t")
        #expect(bars.contains(">\(long)<"))
    }

    @Test func methodsAreProseWithEveryCitation() throws {
        let report = try Self.report()
        let methods = report.methodsParagraphs().joined(separator: "\n")
        for citation in ["Wilson 1927", "Newcombe 1998", "Cohen 1960", "Fleiss 1971", "Krippendorff 2004", "Benjamini & Hochberg 1995"] {
            #expect(methods.contains(citation), "methods cite \(citation)")
        }
        #expect(methods.contains("12 toolkits") && methods.contains("2 coders (a, b)") && methods.contains("Weave \(WeaveVersion.current)"))
        #expect(methods.contains("1,000 resamples") && methods.contains("q < 0.05"))
        #expect(report.codings == 24)
        #expect(ResearchReport.references.count == 6)
    }

    @Test func headerCountsTheCoders() throws {
        #expect(try Self.report().html().contains("2 coders (a, b) · 24 codings"))
        // A codebook alone is refused before any report ("nothing is coded yet"); a report whose coder list is
        // empty still says so in words rather than "0 coders ()".
        let empty = Corpus(origin: "codebook only", codes: [Corpus.Code(id: "x", name: "X")], toolkits: [Corpus.Toolkit(id: "t", title: "T")],
                           coders: [], descriptors: [], codings: Corpus.Codings(toolkitCount: 1, coderCount: 0, byCode: [[]]))
        #expect(throws: ResearchAnalysis.Failure.self) { try ResearchAnalysis().run(empty) }
        var report = try Self.report()
        report.coders = []
        let html = report.html()
        #expect(html.contains("no coders") && !html.contains("0 coders ()"))
    }

    @Test func printStylesheetFitsA4AndFoldsLongTables() throws {
        let html = try Self.report().html()
        #expect(html.contains("@page{size:A4"))
        #expect(html.contains("@media print{") && html.contains("details{display:none}"))
        #expect(html.contains("<table id=\"pairs-table\">"))
    }
}
