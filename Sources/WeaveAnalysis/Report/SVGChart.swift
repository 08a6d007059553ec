/// Self-contained SVG charts for reports: no scripts, no external fonts or files, every label escaped.
public enum SVGChart {
    /// One bar: a label, a share from 0 to 1, and an optional interval drawn as a whisker.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        public var low: Double?
        public var high: Double?
        /// Shown at the bar's end, such as "12 of 70".
        public var note: String?

        public init(label: String, value: Double, low: Double? = nil, high: Double? = nil, note: String? = nil) {
            self.label = label
            self.value = value
            self.low = low
            self.high = high
            self.note = note
        }
    }

    /// A horizontal bar chart of shares (0–1), in the order given, with 95% interval whiskers.
    ///
    /// - Parameter title: the chart's accessible title.
    public static func bars(_ bars: [Bar], title: String, width: Int = 720) -> String {
        // Labels are written in full: the label column is as wide as the longest one needs.
        let labelWidth = max(120, Int((bars.map { textWidth($0.label) }.max() ?? 0).rounded(.up)) + 14)
        let width = max(width, labelWidth + 330)
        let rowHeight = 22
        let top = 24
        let plot = Double(width - labelWidth - 90)
        let height = top + rowHeight * bars.count + 24
        func x(_ share: Double) -> Double { Double(labelWidth) + max(0, min(1, share)) * plot }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="\(HTMLText.escape(title))" class="chart bars">
            <title>\(HTMLText.escape(title))</title>

            """
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            let position = format(x(tick))
            svg += "<line x1=\"\(position)\" y1=\"\(top - 6)\" x2=\"\(position)\" y2=\"\(height - 20)\" class=\"grid\"/>"
            svg += "<text x=\"\(position)\" y=\"\(height - 6)\" class=\"tick\" text-anchor=\"middle\">\(Int(tick * 100))%</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let label = bar.label
            svg += "<g><title>\(HTMLText.escape(bar.label)): \(percent(bar.value))\(bar.note.map { " (\(HTMLText.escape($0)))" } ?? "")</title>"
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(format(x(bar.value) - Double(labelWidth)))\" height=\"\(rowHeight - 8)\" class=\"bar\"/>"
            if let low = bar.low, let high = bar.high {
                let middle = y + rowHeight / 2
                svg += "<line x1=\"\(format(x(low)))\" y1=\"\(middle)\" x2=\"\(format(x(high)))\" y2=\"\(middle)\" class=\"whisker\"/>"
            }
            svg += "<text x=\"\(format(x(max(bar.value, bar.high ?? 0)) + 6))\" y=\"\(y + 15)\" class=\"value\">\(percent(bar.value))</text></g>\n"
        }
        return svg + "</svg>"
    }

    /// A heatmap of shares (0–1): one row per code, one column per group; `nil` cells are left blank.
    public static func heatmap(rows: [String], columns: [String], shares: [[Double?]], title: String) -> String {
        let labelWidth = 260
        let cell = 56
        let header = 110
        let width = labelWidth + cell * columns.count + 10
        let height = header + cell / 2 * rows.count + 10
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="100%" role="img" aria-label="\(HTMLText.escape(title))" class="chart heatmap">
            <title>\(HTMLText.escape(title))</title>

            """
        for (column, name) in columns.enumerated() {
            let x = labelWidth + column * cell + cell / 2
            let label = name.count > 18 ? String(name.prefix(17)) + "…" : name
            svg += "<text transform=\"translate(\(x),\(header - 6)) rotate(-45)\" class=\"label\">\(HTMLText.escape(label))</text>\n"
        }
        for (row, name) in rows.enumerated() {
            let y = header + row * cell / 2
            let label = name.count > 40 ? String(name.prefix(39)) + "…" : name
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 18)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escape(label))</text>"
            for column in columns.indices {
                let x = labelWidth + column * cell
                guard row < shares.count, column < shares[row].count, let share = shares[row][column] else { continue }
                let shade = format(0.1 + 0.9 * max(0, min(1, share)))
                svg += "<g><title>\(HTMLText.escape(name)) · \(HTMLText.escape(columns[column])): \(percent(share))</title>"
                svg += "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cell - 2)\" height=\"\(cell / 2 - 2)\" class=\"cell\" fill-opacity=\"\(shade)\"/>"
                svg += "<text x=\"\(x + cell / 2)\" y=\"\(y + 18)\" text-anchor=\"middle\" class=\"\(share > 0.55 ? "cell-text light" : "cell-text")\">\(Int((share * 100).rounded()))</text></g>"
            }
            svg += "\n"
        }
        return svg + "</svg>"
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// Coordinates with one decimal, enough for the eye and stable across platforms.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
