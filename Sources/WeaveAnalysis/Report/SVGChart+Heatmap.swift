extension SVGChart {
    /// A block of columns of a compact heatmap: one descriptor and its values.
    public struct ColumnGroup: Sendable, Hashable {
        /// The descriptor's name, written under its columns.
        public var title: String
        /// Each value's label and how many toolkits it holds (written under the column as `n = …`).
        public var columns: [(label: String, n: Int)]
        /// Groups left out of the tests, drawn after the columns as empty, dashed columns labelled with
        /// why (`"business — left out, too small"`) and their `n`, so a reader sees what is missing.
        public var excluded: [(label: String, n: Int)]

        public init(title: String, columns: [(label: String, n: Int)], excluded: [(label: String, n: Int)] = []) {
            self.title = title
            self.columns = columns
            self.excluded = excluded
        }

        public static func == (a: ColumnGroup, b: ColumnGroup) -> Bool {
            a.title == b.title && a.columns.map(\.label) == b.columns.map(\.label) && a.columns.map(\.n) == b.columns.map(\.n)
                && a.excluded.map(\.label) == b.excluded.map(\.label) && a.excluded.map(\.n) == b.excluded.map(\.n)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(title)
            hasher.combine(columns.map(\.label))
        }
    }

    /// One cell: a share (0–1) and whether its test reached q < 0.05 (marked with an outline and `*`).
    public struct Cell: Sendable, Hashable {
        public var share: Double
        public var marked: Bool
        /// The cell's tooltip.
        public var detail: String

        public init(share: Double, marked: Bool, detail: String) {
            self.share = share
            self.marked = marked
            self.detail = detail
        }
    }

    /// A heatmap of shares: one row per code (labelled in full), one column per descriptor value, the
    /// columns grouped by descriptor with `n` under each column and the descriptor's name under its
    /// group. Every label is measured so that none is cut off; `nil` cells are left blank. A group's
    /// excluded columns follow its tested ones, empty and dashed, with their `n`.
    ///
    /// - Parameters:
    ///   - rows: the row labels (code names).
    ///   - groups: the column groups, left to right.
    ///   - cells: per row, per column across all groups.
    ///   - title: the accessible title.
    public static func compactHeatmap(rows: [String], groups: [ColumnGroup], cells: [[Cell?]], title: String) -> String {
        let rowHeight = 22
        let gap = 8
        let labelWidth = Int((rows.map(textWidth).max() ?? 40).rounded(.up)) + 14
        // Each group's columns are wide enough for its percentages, its n and its title.
        var widths: [Int] = []
        for group in groups {
            let count = max(1, group.columns.count + group.excluded.count)
            let needed = max(40, Int(((group.columns + group.excluded).map { textWidth("n = \($0.n)") }.max() ?? 0).rounded(.up)) + 8,
                             Int((textWidth(group.title) / Double(count)).rounded(.up)) + 4)
            widths.append(needed)
        }
        // Rotated column labels: room above for the longest, and to the right for the last ones.
        let slant = 0.7071
        var x = labelWidth
        var columnX: [Int] = []
        var excludedX: [[Int]] = []
        var right = 0.0
        var top = 0.0
        for (index, group) in groups.enumerated() {
            func place(_ label: String) -> Int {
                let length = textWidth(label)
                top = max(top, length * slant)
                right = max(right, Double(x + widths[index] / 2) + length * slant + 6)
                defer { x += widths[index] }
                return x
            }
            for column in group.columns { columnX.append(place(column.label)) }
            excludedX.append(group.excluded.map { place($0.label) })
            x += gap
        }
        let header = Int(top.rounded(.up)) + 16
        let plotBottom = header + rowHeight * rows.count
        let width = max(x, Int(right.rounded(.up))) + 4
        let height = plotBottom + 44
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="\(HTMLText.escape(title))" class="chart heatmap">
            <title>\(HTMLText.escape(title))</title>

            """
        var flat = 0
        for (index, group) in groups.enumerated() {
            guard !group.columns.isEmpty || !group.excluded.isEmpty else { continue }
            let start = group.columns.isEmpty ? excludedX[index][0] : columnX[flat]
            for column in group.columns {
                let cx = columnX[flat] + widths[index] / 2
                svg += "<text transform=\"translate(\(cx),\(header - 6)) rotate(-45)\" class=\"label\">\(HTMLText.escape(column.label))</text>"
                svg += "<text x=\"\(cx)\" y=\"\(plotBottom + 15)\" text-anchor=\"middle\" class=\"tick\">n = \(column.n)</text>\n"
                flat += 1
            }
            for (column, left) in zip(group.excluded, excludedX[index]) {
                let cx = left + widths[index] / 2
                svg += "<rect x=\"\(left + 1)\" y=\"\(header + 1)\" width=\"\(widths[index] - 2)\" height=\"\(max(0, rowHeight * rows.count - 2))\" class=\"excluded\"/>"
                svg += "<text transform=\"translate(\(cx),\(header - 6)) rotate(-45)\" class=\"label excluded-label\">\(HTMLText.escape(column.label))</text>"
                svg += "<text x=\"\(cx)\" y=\"\(plotBottom + 15)\" text-anchor=\"middle\" class=\"tick\">n = \(column.n)</text>\n"
            }
            let end = (excludedX[index].last ?? columnX[flat - 1]) + widths[index]
            svg += "<line x1=\"\(start + 2)\" y1=\"\(plotBottom + 22)\" x2=\"\(end - 2)\" y2=\"\(plotBottom + 22)\" class=\"bracket\"/>"
            svg += "<text x=\"\((start + end) / 2)\" y=\"\(plotBottom + 37)\" text-anchor=\"middle\" class=\"group\">\(HTMLText.escape(group.title))</text>\n"
        }
        let flatWidths = groups.enumerated().flatMap { index, group in group.columns.map { _ in widths[index] } }
        for (row, name) in rows.enumerated() {
            let y = header + row * rowHeight
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"label\">\(HTMLText.escape(name))</text>"
            for column in columnX.indices {
                guard row < cells.count, column < cells[row].count, let cell = cells[row][column] else { continue }
                let share = max(0, min(1, cell.share))
                let (cx, w) = (columnX[column], flatWidths[column])
                svg += "<g><title>\(HTMLText.escape(cell.detail))</title>"
                svg += "<rect x=\"\(cx + 1)\" y=\"\(y + 1)\" width=\"\(w - 2)\" height=\"\(rowHeight - 2)\" class=\"cell\(cell.marked ? " marked" : "")\" fill-opacity=\"\(format(0.08 + 0.92 * share))\"/>"
                svg += "<text x=\"\(cx + w / 2)\" y=\"\(y + 15)\" text-anchor=\"middle\" class=\"\(share > 0.55 ? "cell-text light" : "cell-text")\">\(Int((share * 100).rounded()))\(cell.marked ? "*" : "")</text></g>"
            }
            svg += "\n"
        }
        return svg + "</svg>"
    }

    /// A generous estimate of a label's width in pixels at the charts' 12 px font, so that layouts
    /// leave room rather than cut text: wide letters, digits and narrow letters weighed apart, and
    /// characters outside Latin counted as full-width.
    public static func textWidth(_ text: String) -> Double {
        var width = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x2C, 0x2E, 0x3A, 0x3B, 0x69, 0x6A, 0x6C, 0x49, 0x21, 0x27, 0x7C, 0x28, 0x29: width += 3.8
            case 0x6D, 0x77, 0x4D, 0x57: width += 10.5
            case 0x41 ... 0x5A: width += 8.3
            case 0x30 ... 0x39: width += 7.0
            case 0x61 ... 0x7A: width += 6.8
            case 0x300 ... 0x36F: continue  // combining marks take no room
            case 0x2E80...: width += 12.5
            default: width += 7.5
            }
        }
        return width
    }
}
