import Foundation

extension ResearchReport {
    /// One self-contained HTML page: inline CSS and SVG, no scripts, no external files; every value escaped.
    public func html() -> String {
        let e = HTMLText.escape
        func number(_ value: Double?, digits: Int = 3) -> String {
            guard let value else { return "" }
            return value != 0 && abs(value) < 0.001 ? String(format: "%.1e", value) : String(format: "%.\(digits)f", value)
        }
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "" }
        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Weave research report</title>
            <style>
            body{font:16px/1.5 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2330}
            h1,h2,h3{line-height:1.2} table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;width:100%}
            th,td{border-bottom:1px solid #d9dde5;padding:.3rem .5rem;text-align:left;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums} .note{color:#4a5364}
            svg .bar{fill:#3a6ea5} svg .whisker{stroke:#1d2330;stroke-width:1.5} svg .grid{stroke:#e3e6ec}
            svg text{font:12px system-ui,sans-serif;fill:#1d2330} svg .cell{fill:#3a6ea5} svg .cell-text.light{fill:#fff}
            @media print{body{margin:0}}
            </style></head><body>
            <h1>Research report</h1>
            <p>\(toolkits) toolkits, \(codes) codes, \(coders.count) coder\(coders.count == 1 ? "" : "s") (\(e(coders.joined(separator: ", ")))). Source: \(e(origin)).</p>

            """
        if !warnings.isEmpty {
            page += "<section id=\"warnings\"><h2>Check before reading</h2><ul>\n"
            page += warnings.map { "<li>\(e($0))</li>\n" }.joined()
            page += "</ul></section>\n"
        }
        // Q1
        page += "<section id=\"q1\"><h2>Q1. What activities do toolkits suggest?</h2>\n"
        // Activities first, then the broader groups they sit in, so the groups' high shares do not crowd out the ranking.
        func bars(_ rows: [Q1Row]) -> [SVGChart.Bar] {
            rows.filter { $0.share != nil }.prefix(40).map {
                SVGChart.Bar(label: $0.name, value: $0.share!, low: $0.wilsonLow, high: $0.wilsonHigh, note: "\($0.count) of \($0.n)")
            }
        }
        let activities = bars(q1.filter { !$0.isParent })
        let groups = bars(q1.filter(\.isParent))
        if !activities.isEmpty {
            page += "<h3>Activities\(q1.filter { !$0.isParent }.count > 40 ? " (the 40 most suggested)" : "")</h3>\n"
            page += SVGChart.bars(activities, title: "Share of toolkits suggesting each activity, with 95% Wilson intervals") + "\n"
        }
        if !groups.isEmpty {
            page += "<h3>Activity groups (present where any activity beneath is)</h3>\n"
            page += SVGChart.bars(groups, title: "Share of toolkits suggesting any activity of each group, with 95% Wilson intervals") + "\n"
        }
        page += "<table id=\"q1-table\"><thead><tr><th>Code</th><th>Name</th><th>Parent</th><th>Count</th><th>n</th><th>Share</th><th>95% interval</th></tr></thead><tbody>\n"
        for row in q1 {
            page += "<tr><td>\(e(row.code))</td><td>\(e(row.name))\(row.isParent ? " <span class=\"note\">(\(e(row.counts ?? "any beneath"))\(row.partlyCodedToolkits > 0 ? "; partly coded in \(row.partlyCodedToolkits) toolkits" : ""))</span>" : "")</td><td>\(e(row.parent ?? ""))</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(row.n)</td><td class=\"n\">\(percent(row.share))</td><td class=\"n\">\(percent(row.wilsonLow))–\(percent(row.wilsonHigh))</td></tr>\n"
        }
        page += "</tbody></table></section>\n"

        // Q2, Q3, other
        let names = Dictionary(q1.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        for family in families {
            page += "<section id=\"\(e(family.id))\"><h2>\(family.id == "other" ? "" : family.id.uppercased() + ". ")\(e(family.title))</h2>\n"
            guard !family.rows.isEmpty else {
                page += "<p class=\"note\">No descriptor of this family could be tested.</p></section>\n"
                continue
            }
            page += "<p>Descriptors: \(e(family.descriptors.joined(separator: ", "))). \(family.rows.count) tests, corrected together (Benjamini–Hochberg).</p>\n"
            if !family.statements.isEmpty {
                page += "<ul class=\"statements\">" + family.statements.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
            } else {
                page += "<p class=\"note\">No difference reaches q &lt; 0.05.</p>\n"
            }
            // Heatmap per descriptor grouping: the 25 codes with the smallest q, share by group.
            var seen: Set<String> = []
            for row in family.rows where seen.insert(row.descriptor + "\u{1}" + (row.value ?? "")).inserted {
                let grouping = family.rows.filter { $0.descriptor == row.descriptor && $0.value == row.value }
                let top = grouping.sorted { ($0.qBH ?? 2) < ($1.qBH ?? 2) }.prefix(25)
                let title = "Share suggesting each activity by \(row.descriptor)\(row.value.map { " (\($0) or not)" } ?? "")"
                page += "<h3>\(e(title))</h3>\n"
                page += SVGChart.heatmap(
                    rows: top.map { names[$0.code] ?? $0.code }, columns: row.groups,
                    shares: top.map { test in zip(test.present, test.totals).map { $1 == 0 ? nil : Double($0) / Double($1) } },
                    title: title) + "\n"
            }
            page += "<table class=\"tests\"><thead><tr><th>Code</th><th>Descriptor</th><th>Value</th><th>χ²</th><th>dof</th><th>p (χ²)</th><th>p (Fisher)</th><th>p (exact)</th><th>Cramér's V</th><th>p used</th><th>q</th></tr></thead><tbody>\n"
            for row in family.rows.sorted(by: { ($0.qBH ?? 2) < ($1.qBH ?? 2) }) {
                page += "<tr><td>\(e(row.code))</td><td>\(e(row.descriptor))</td><td>\(e(row.value ?? ""))</td><td class=\"n\">\(number(row.chi2))</td><td class=\"n\">\(row.dof.map(String.init) ?? "")</td><td class=\"n\">\(number(row.pChi2))</td><td class=\"n\">\(number(row.pFisher))</td><td class=\"n\">\(number(row.pExact))</td><td class=\"n\">\(number(row.cramersV))</td><td class=\"n\">\(number(row.pUsed))</td><td class=\"n\">\(number(row.qBH))</td></tr>\n"
            }
            page += "</tbody></table></section>\n"
        }

        // Agreement
        page += "<section id=\"agreement\"><h2>Coder agreement</h2>\n"
        page += "<table id=\"agreement-table\"><thead><tr><th>Code</th><th>Units</th><th>Percent agreement</th><th>Fleiss' κ</th><th>Krippendorff's α</th></tr></thead><tbody>\n"
        for row in agreement {
            page += "<tr><td>\(e(row.code))</td><td class=\"n\">\(row.units)</td><td class=\"n\">\(number(row.percentAgreement))</td><td class=\"n\">\(number(row.fleissKappa))</td><td class=\"n\">\(number(row.krippendorffAlpha))</td></tr>\n"
        }
        page += "</tbody></table>\n<p>\(disagreements.count) disagreement\(disagreements.count == 1 ? "" : "s") to resolve are listed in disagreements.csv.</p></section>\n"

        // Methods
        page += """
            <section id="methods"><h2>Methods</h2>
            <ul>
            <li>Consensus: \(e(consensus)). Q1–Q3 use the consensus values; a parent code is present where it or any code beneath it is.</li>
            <li>Q1: share of toolkits with a consensus value that suggest the code, with a 95% Wilson score interval.</li>
            <li>Q2, Q3 and other descriptors: for each code and descriptor, the table of present/absent by group. Pearson's chi-square without continuity correction and Cramér's V for every table; for 2×2 tables Fisher's exact test gives the p-value used; for larger tables with an expected count under 5, the exact conditional p-value by enumeration (up to 10,000 tables) or else a Monte Carlo p-value from 10,000 tables with the same margins (seed \(seed)). Multi-valued descriptors are tested one value at a time (has it or not). Groups with fewer than \(minimumGroupSize) toolkits are not tested.</li>
            <li>Benjamini–Hochberg q-values within each family (Q2, Q3, other).</li>
            <li>Agreement: percent agreement, Fleiss' κ (toolkits coded by all coders), Krippendorff's α (nominal, missing values allowed), Cohen's κ for each pair of coders (agreement_pairs.csv).</li>
            </ul>

            """
        if !notes.isEmpty {
            page += "<h3>Notes</h3><ul>" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        page += "</section>\n</body></html>\n"
        return page
    }
}
