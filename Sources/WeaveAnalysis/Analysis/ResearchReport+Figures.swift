extension ResearchReport {
    /// A numbered chart of the report: shown in the HTML with its caption, and written on its own as
    /// `figures/<file>` for a paper or slides.
    public struct Figure: Sendable, Hashable {
        public var number: Int
        /// The file name inside `figures/`, such as `figure-1-q1-activities.svg`.
        public var file: String
        /// The caption, starting "Figure n."
        public var caption: String
        /// The SVG, styled by the report page's CSS (see ``standaloneSVG``).
        public var svg: String
        /// The section it belongs to (`q1`, `q2`, `q3`, `other`).
        public var section: String

        /// The SVG with its own styles, to stand alone as a file.
        public var standaloneSVG: String {
            guard let end = svg.range(of: ">") else { return svg }
            return String(svg[..<end.upperBound]) + "\n<style>" + SVGChart.stylesheet + "</style>" + String(svg[end.upperBound...]) + "\n"
        }
    }

    /// How many codes a family's heatmap shows at most: those with the smallest q.
    static let heatmapRows = 25
    /// How many columns of groups left out a descriptor gets in a heatmap at most (the last one
    /// counting the rest).
    static let excludedColumns = 4
    /// How many bars the Q1 chart of activities shows at most: the most suggested.
    static let q1Bars = 40

    /// Every chart of the report, numbered in reading order.
    public func figures() -> [Figure] {
        var figures: [Figure] = []
        func add(_ slug: String, _ section: String, _ caption: String, _ svg: String) {
            let number = figures.count + 1
            figures.append(Figure(number: number, file: "figure-\(number)-\(slug).svg", caption: "Figure \(number). " + caption, svg: svg, section: section))
        }
        func bars(_ rows: [Q1Row]) -> [SVGChart.Bar] {
            rows.filter { $0.share != nil }.prefix(Self.q1Bars).map {
                SVGChart.Bar(label: $0.name, value: $0.share!, low: $0.wilsonLow, high: $0.wilsonHigh, note: "\($0.count) of \($0.n)")
            }
        }
        let activities = q1.filter { !$0.isParent && $0.share != nil }
        if !activities.isEmpty {
            let shown = min(activities.count, Self.q1Bars)
            add("q1-activities", "q1", "Share of toolkits suggesting each activity\(activities.count > shown ? " (the \(shown) most suggested of \(activities.count))" : ""), with 95% Wilson intervals. \(toolkits) toolkits; consensus of the coders.",
                SVGChart.bars(bars(activities), title: "Share of toolkits suggesting each activity", width: 860))
        }
        let parents = q1.filter { $0.isParent && $0.share != nil }
        if !parents.isEmpty {
            add("q1-groups", "q1", "Share of toolkits suggesting any activity of each group, with 95% Wilson intervals.",
                SVGChart.bars(bars(parents), title: "Share of toolkits suggesting any activity of each group", width: 860))
        }
        for family in families where !family.rows.isEmpty {
            guard let heatmap = heatmap(family) else { continue }
            let question = family.id == "other" ? "other descriptors" : family.id.uppercased()
            let untested = descriptorGroups(family).compactMap { entry in
                entry.untested.map { "\(entry.descriptor.replacingOccurrences(of: "_", with: " ")) (\($0))" }
            }
            let anyLeftOut = descriptorGroups(family).contains { family.distinctDescriptors.contains($0.descriptor) && !$0.excluded.isEmpty }
            let excludedText = (anyLeftOut ? " Dashed columns are groups left out of the tests, with their n and why." : "")
                + (untested.isEmpty ? "" : " Not tested: " + untested.joined(separator: "; ") + ".")
            add("\(family.id)-heatmap", family.id,
                "Share of toolkits suggesting each activity, by \(question == "other descriptors" ? "other descriptors" : family.id == "q2" ? "network characteristics (\(question))" : "toolkit-creator characteristics (\(question))"): \(heatmap.shown < heatmap.tested ? "the \(heatmap.shown) codes with the smallest q of \(heatmap.tested) tested" : "every code tested"), by descriptor value; n under each column is the number of toolkits with that value. * marks a difference with q < 0.05 (Benjamini–Hochberg within the question)." + excludedText,
                heatmap.svg)
        }
        return figures
    }

    /// A family's compact heatmap: rows are the codes with the smallest q, columns every tested value.
    func heatmap(_ family: Family) -> (svg: String, shown: Int, tested: Int)? {
        let names = Dictionary(q1.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Columns: each descriptor's groups; a multi-valued descriptor's tested values side by side.
        var groups: [SVGChart.ColumnGroup] = []
        var columnOf: [String: Int] = [:]  // "descriptor\u{1}value" -> flat column
        var flat = 0
        let left = Dictionary(descriptorGroups(family).map { ($0.descriptor, $0.excluded) }, uniquingKeysWith: { first, _ in first })
        for descriptor in family.distinctDescriptors {
            let rows = family.rows.filter { $0.descriptor == descriptor }
            guard let first = rows.first else { continue }
            var columns: [(label: String, n: Int)] = []
            if first.value != nil {
                var seen: [String] = []
                for row in rows where !seen.contains(row.value!) { seen.append(row.value!) }
                for value in seen {
                    let n = rows.filter { $0.value == value }.map { $0.totals[0] }.max() ?? 0
                    columns.append((value, n))
                }
            } else {
                for (index, group) in first.groups.enumerated() {
                    columns.append((group, rows.map { $0.totals[index] }.max() ?? 0))
                }
            }
            for column in columns {
                columnOf[descriptor + "\u{1}" + column.label] = flat
                flat += 1
            }
            let excluded = Self.shortened(left[descriptor] ?? [], to: Self.excludedColumns).map { group in
                (label: "\(group.label) — left out\(group.why.isEmpty ? "" : ", " + group.why)", n: group.n)
            }
            groups.append(.init(title: descriptor.replacingOccurrences(of: "_", with: " "), columns: columns, excluded: excluded))
        }
        guard flat > 0 else { return nil }
        var best: [String: Double] = [:]
        for row in family.rows { best[row.code] = min(best[row.code] ?? 2, row.qBH ?? 2) }
        let codes = best.keys.sorted { (best[$0]!, $0) < (best[$1]!, $1) }
        let shown = Array(codes.prefix(Self.heatmapRows))
        let byCode = Dictionary(grouping: family.rows, by: \.code)
        let cells: [[SVGChart.Cell?]] = shown.map { code in
            var row = [SVGChart.Cell?](repeating: nil, count: flat)
            let name = names[code] ?? code
            for test in byCode[code] ?? [] {
                let marked = (test.qBH ?? 1) < 0.05
                let q = test.qBH.map { "q = \(ResearchAnalysis.pText($0))" } ?? "not tested"
                if let value = test.value {
                    guard let column = columnOf[test.descriptor + "\u{1}" + value], test.totals[0] > 0 else { continue }
                    let share = Double(test.present[0]) / Double(test.totals[0])
                    row[column] = .init(share: share, marked: marked, detail: "\(name) · \(test.descriptor) “\(value)”: \(test.present[0]) of \(test.totals[0]); \(q)")
                } else {
                    for (index, group) in test.groups.enumerated() where test.totals[index] > 0 {
                        guard let column = columnOf[test.descriptor + "\u{1}" + group] else { continue }
                        let share = Double(test.present[index]) / Double(test.totals[index])
                        row[column] = .init(share: share, marked: marked, detail: "\(name) · \(test.descriptor) “\(group)”: \(test.present[index]) of \(test.totals[index]); \(q)")
                    }
                }
            }
            return row
        }
        let svg = SVGChart.compactHeatmap(rows: shown.map { names[$0] ?? $0 }, groups: groups, cells: cells,
                                          title: "Share of toolkits suggesting each activity by descriptor value (\(family.id))")
        return (svg, shown.count, codes.count)
    }
}

extension SVGChart {
    /// The charts' styles, for the report page and for each figure file.
    public static let stylesheet = """
        svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;fill:#1d2330}\
        .bar{fill:#3a6ea5}.whisker{stroke:#1d2330;stroke-width:1.5}.grid{stroke:#e3e6ec}\
        .tick{fill:#4a5364;font-size:11px}.cell{fill:#3a6ea5}.cell.marked{stroke:#b3261e;stroke-width:2}\
        .cell-text.light{fill:#fff}.bracket{stroke:#8a93a3}.group{font-weight:600}\
        .excluded{fill:#f3f5f8;stroke:#8a93a3;stroke-dasharray:3 3}.excluded-label{fill:#4a5364;font-style:italic}
        """
}
