import Foundation
import WeaveCore

/// An indicator's line against its baseline and target, as an inline SVG drawn on the server. The chart is
/// decorative beside its table (which carries the same numbers), so it is `role="img"` with a summary label.
struct ProgressChart {
    static let width = 560.0, height = 220.0
    static let left = 52.0, right = 16.0, top = 14.0, bottom = 34.0

    /// The SVG markup; every text in it is escaped.
    static func svg(_ indicator: RecordDocument.IndicatorInfo, title: String) -> String {
        let frequency = indicator.frequency
        let points: [(Int, Double)] = indicator.values.compactMap { value in
            ReportingPeriod(value.period, frequency: frequency).map { ($0.end.dayNumber, value.value) }
        }
        let since = CivilDate(indicator.since)?.dayNumber
        let targetDay = indicator.targetDate.flatMap(CivilDate.init)?.dayNumber
        var days = points.map(\.0) + [since, targetDay].compactMap { $0 }
        var numbers = points.map(\.1) + [indicator.baseline, indicator.target].compactMap { $0 }
        if days.isEmpty { days = [0, 1] }
        if numbers.isEmpty { numbers = [0, 1] }
        if indicator.unit == .percentage { numbers += [0, 100] }
        var (x0, x1) = (Double(days.min()!), Double(days.max()!))
        if x0 == x1 { x0 -= 15; x1 += 15 }
        var (y0, y1) = (numbers.min()!, numbers.max()!)
        if y0 == y1 { y0 -= 1; y1 += 1 }
        let pad = (y1 - y0) * 0.08
        if indicator.unit != .percentage { y0 -= pad; y1 += pad }
        if y0 > 0, indicator.unit != .number { y0 = 0 }
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ day: Double) -> Double { left + (day - x0) / (x1 - x0) * plotW }
        func y(_ value: Double) -> Double { top + (1 - (value - y0) / (y1 - y0)) * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="\#(escape(title))" xmlns="http://www.w3.org/2000/svg">"#
        // Axes and three gridlines with their values.
        for step in 0...2 {
            let value = y0 + (y1 - y0) * Double(step) / 2
            svg += #"<line class="grid" x1="\#(f(left))" x2="\#(f(width - right))" y1="\#(f(y(value)))" y2="\#(f(y(value)))"/>"#
            svg += #"<text class="tick" x="\#(f(left - 6))" y="\#(f(y(value) + 4))" text-anchor="end">\#(escape(RecordDocument.number((value * 10).rounded() / 10)))</text>"#
        }
        if let baseline = indicator.baseline {
            svg += #"<line class="baseline" x1="\#(f(left))" x2="\#(f(width - right))" y1="\#(f(y(baseline)))" y2="\#(f(y(baseline)))"/>"#
            svg += #"<text class="label" x="\#(f(width - right))" y="\#(f(y(baseline) - 4))" text-anchor="end">baseline</text>"#
        }
        if let baseline = indicator.baseline, let target = indicator.target, let since, let targetDay {
            svg += #"<line class="course" x1="\#(f(x(Double(since))))" y1="\#(f(y(baseline)))" x2="\#(f(x(Double(targetDay))))" y2="\#(f(y(target)))"/>"#
        }
        if let target = indicator.target {
            let tx = targetDay.map { x(Double($0)) } ?? (width - right)
            svg += #"<circle class="target" cx="\#(f(tx))" cy="\#(f(y(target)))" r="5"/>"#
            svg += #"<text class="label" x="\#(f(min(tx, width - right - 30)))" y="\#(f(y(target) - 8))">target</text>"#
        }
        if !points.isEmpty {
            let path = points.map { "\(f(x(Double($0.0)))),\(f(y($0.1)))" }.joined(separator: " ")
            svg += #"<polyline class="actual" points="\#(path)"/>"#
            for point in points { svg += #"<circle class="actual" cx="\#(f(x(Double(point.0))))" cy="\#(f(y(point.1)))" r="3.5"/>"# }
        }
        svg += #"<text class="tick" x="\#(f(left))" y="\#(f(height - 10))">\#(escape(CivilDate(dayNumber: Int(x0)).description))</text>"#
        svg += #"<text class="tick" x="\#(f(width - right))" y="\#(f(height - 10))" text-anchor="end">\#(escape(CivilDate(dayNumber: Int(x1)).description))</text>"#
        return svg + "</svg>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
