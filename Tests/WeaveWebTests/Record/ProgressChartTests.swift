import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import WeaveCore
@testable import WeaveWeb

@Suite struct ProgressChartTests {
    static func indicator(unit: IndicatorUnit = .number, baseline: Double? = nil, target: Double? = nil, targetDate: String? = nil,
                          values: [(String, Double)] = [], name: String = "Meals <served> & \"kept\"") -> RecordDocument.IndicatorInfo {
        RecordDocument.IndicatorInfo(
            id: "x", name: name, definition: "", unit: unit, direction: .increase, baseline: baseline, since: "2027-01-01", target: target,
            targetDate: targetDate, reporter: nil, frequency: .monthly, status: .noData, lastPeriodDue: nil, overdue: false,
            values: values.map { .init(period: $0.0, value: $0.1, note: "", reportedBy: "", reportedAt: Date(timeIntervalSince1970: 0)) })
    }

    /// Every shape of data an indicator can have draws a well-formed SVG, with its text escaped and every
    /// coordinate a finite number inside the view box.
    @Test(arguments: [
        indicator(),
        indicator(baseline: 5),
        indicator(values: [("2027-01", 3)]),
        indicator(values: [("2027-01", 3), ("2027-02", 3)]),
        indicator(unit: .percentage, baseline: 20, target: 80, targetDate: "2027-12-31", values: [("2027-01", 25), ("2027-05", 40)]),
        indicator(unit: .count, baseline: 500, target: 300, targetDate: "2027-01-01", values: [("2027-03", 450)]),
        indicator(baseline: -10, target: -40, targetDate: "2028-01-01", values: [("2027-02", -12.5), ("bad period", 9)]),
    ])
    func everyShapeDrawsAWellFormedChart(_ indicator: RecordDocument.IndicatorInfo) throws {
        let svg = ProgressChart.svg(indicator, title: indicator.name)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") in \(svg)")
        #expect(!svg.contains("<served>") && svg.contains("Meals &lt;served&gt; &amp; &quot;kept&quot;"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        for match in svg.matches(of: #/ (?:x|x1|x2|cx)="(-?[0-9.]+)"/#) {
            let x = try #require(Double(match.1))
            #expect(x >= 0 && x <= ProgressChart.width, "\(x)")
        }
        for match in svg.matches(of: #/ (?:y|y1|y2|cy)="(-?[0-9.]+)"/#) {
            let y = try #require(Double(match.1))
            #expect(y >= 0 && y <= ProgressChart.height, "\(y)")
        }
    }
}
