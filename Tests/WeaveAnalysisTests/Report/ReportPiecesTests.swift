import Foundation
import Testing
@testable import WeaveAnalysis

@Suite struct ReportPiecesTests {
    @Test func escapingLeavesNoMarkup() {
        let hostile = "<script>alert('x')</script> & \"quotes\"\u{1}"
        let escaped = HTMLText.escape(hostile)
        #expect(escaped == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
        #expect(!escaped.contains("<") && !escaped.contains(">"))
    }

    @Test func csvQuotesOnlyWhenItMust() {
        var csv = CSVWriter(header: ["code", "name", "share"])
        csv.row(["a", "Plain", CSVWriter.number(0.25)])
        csv.row(["b", "Has, comma", CSVWriter.number(nil)])
        csv.row(["c", "Says \"hi\"\nthen leaves", CSVWriter.number(3)])
        #expect(csv.text == "code,name,share\na,Plain,0.25\nb,\"Has, comma\",\nc,\"Says \"\"hi\"\"\nthen leaves\",3\n")
    }

    @Test func numbersReadBackExactly() {
        for value in [0.1, 1.0 / 3.0, 1e-300, 123456.789, 2.5e-17] {
            #expect(Double(CSVWriter.number(value)) == value)
        }
        #expect(CSVWriter.number(.nan) == "")
        #expect(CSVWriter.number(42) == "42")
    }

    @Test func barChartIsSelfContainedAndEscaped() {
        let svg = SVGChart.bars([
            .init(label: "Shared <measurement>", value: 0.8, low: 0.55, high: 0.93, note: "12 of 15"),
            .init(label: "Action planning", value: 0.16),
        ], title: "Q1 & co")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("Shared &lt;measurement&gt;"))
        #expect(svg.contains("aria-label=\"Q1 &amp; co\""))
        #expect(svg.components(separatedBy: "class=\"bar\"").count == 3)
        #expect(svg.contains(">80%<"))
        #expect(!svg.contains("href"))
    }

    @Test func heatmapSkipsMissingCells() {
        let svg = SVGChart.heatmap(rows: ["A", "B"], columns: ["gov", "ngo"], shares: [[0.5, nil], [1, 0]], title: "Q3")
        #expect(svg.components(separatedBy: "class=\"cell\"").count == 4)
        #expect(svg.contains("A · gov: 50%"))
    }
}
