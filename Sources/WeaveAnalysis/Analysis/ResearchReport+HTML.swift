import Foundation

extension ResearchReport {
    /// One self-contained HTML page: inline CSS and SVG, no scripts, no external files; every value
    /// escaped. Key findings come first; long tables fold away on screen and are left out of print,
    /// where the page is laid out for A4 (the CSV files hold every row).
    public func html() -> String {
        let e = HTMLText.escape
        let names = Dictionary(q1.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func name(_ code: String) -> String { code == "(all)" ? "All codes" : names[code] ?? code }
        func number(_ value: Double?, digits: Int = 3) -> String {
            guard let value else { return "–" }
            return value != 0 && abs(value) < 0.001 ? String(format: "%.1e", value) : String(format: "%.\(digits)f", value)
        }
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "" }
        func withInterval(_ value: Double?, _ low: Double?, _ high: Double?) -> String {
            guard let value else { return "–" }
            guard let low, let high else { return number(value) }
            return "\(number(value)) <span class=\"ci\">(\(number(low))–\(number(high)))</span>"
        }
        let figures = self.figures()
        func figureHTML(_ figure: Figure) -> String {
            "<figure id=\"figure-\(figure.number)\"><div class=\"scroll\">\(figure.svg)</div><figcaption>\(e(figure.caption)) <a class=\"file\" href=\"figures/\(e(figure.file))\">figures/\(e(figure.file))</a></figcaption></figure>\n"
        }
        let familyLabel = ["q2": "Q2", "q3": "Q3", "other": "Other"]

        var page = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Research report: \(e(origin))</title>
            <style>
            \(Self.pageStylesheet)
            \(SVGChart.stylesheet)
            </style></head><body>
            <header>
            <h1>Research report</h1>
            <p class="meta">\(toolkits.formatted) toolkit\(toolkits == 1 ? "" : "s") · \(codes.formatted) code\(codes == 1 ? "" : "s") · \(e(codersText)) · \(codings.formatted) coding\(codings == 1 ? "" : "s") · source: \(e(origin)) · Weave \(e(version))</p>
            <nav><a href="#findings">Key findings</a> <a href="#q1">Q1</a>\(families.map { " <a href=\"#\(e($0.id))\">\(familyLabel[$0.id] ?? e($0.id))</a>" }.joined()) <a href="#agreement">Agreement</a> <a href="#methods">Methods</a></nav>
            </header>

            """
        if !warnings.isEmpty {
            page += "<section id=\"warnings\"><h2>Check before reading</h2><ul>\n"
            page += warnings.map { "<li>\(e($0))</li>\n" }.joined()
            page += "</ul></section>\n"
        }

        // Key findings: one screen.
        let findings = keyFindings()
        let significant = significantTestCount()
        let tests = families.reduce(0) { $0 + $1.rows.count }
        page += "<section id=\"findings\"><h2>Key findings</h2>\n"
        if findings.isEmpty {
            page += "<p>No difference between groups reaches q &lt; 0.05 in \(tests.formatted) test\(tests == 1 ? "" : "s").</p>\n"
        } else {
            page += "<ol class=\"findings\">" + findings.map { "<li><span class=\"tag\">\(familyLabel[$0.family] ?? e($0.family))</span> \(e($0.text))</li>" }.joined() + "</ol>\n"
            page += "<p class=\"note\">\(significant.formatted) of \(tests.formatted) tests reach q &lt; 0.05 (Benjamini–Hochberg within each question)\(significant > findings.count ? "; the \(findings.count) with the smallest q are above, the rest in the tables below" : ""). A difference is the group’s share minus the others’, in percentage points.</p>\n"
        }
        let top = q1.filter { !$0.isParent && $0.share != nil }.prefix(3)
        if !top.isEmpty {
            page += "<p>Most suggested activities: " + top.map { "\(e($0.name)) (\(percent($0.share)), \($0.count) of \($0.n))" }.joined(separator: "; ") + ".</p>\n"
        }
        if let all = agreement.last, all.code == "(all)", coders.count >= 2 {
            page += "<p>Coder agreement over the codebook: Krippendorff’s α \(withInterval(all.krippendorffAlpha, all.krippendorffAlphaLow, all.krippendorffAlphaHigh)), Fleiss’ κ \(withInterval(all.fleissKappa, all.fleissKappaLow, all.fleissKappaHigh)) (95% bootstrap intervals).</p>\n"
        }
        if !notes.isEmpty {
            page += "<p class=\"note\">\(notes.count) descriptor\(notes.count == 1 ? " or value was" : "s or values were") left out or grouped before testing: see <a href=\"#notes\">the notes</a>.</p>\n"
        }
        page += "</section>\n"

        // Q1
        page += "<section id=\"q1\"><h2>Q1. What activities do toolkits suggest?</h2>\n"
        for figure in figures where figure.section == "q1" { page += figureHTML(figure) }
        page += "<details><summary>All \(q1.count) codes: counts, shares and intervals (q1.csv)</summary>\n"
        page += "<table id=\"q1-table\"><thead><tr><th>Code</th><th>Name</th><th>Parent</th><th>Count</th><th>n</th><th>Share</th><th>95% interval</th></tr></thead><tbody>\n"
        for row in q1 {
            page += "<tr><td>\(e(row.code))</td><td>\(e(row.name))\(row.isParent ? " <span class=\"note\">(\(e(row.counts ?? "any beneath"))\(row.partlyCodedToolkits > 0 ? "; partly coded in \(row.partlyCodedToolkits) toolkits" : ""))</span>" : "")</td><td>\(e(row.parent ?? ""))</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(row.n)</td><td class=\"n\">\(percent(row.share))</td><td class=\"n\">\(percent(row.wilsonLow))–\(percent(row.wilsonHigh))</td></tr>\n"
        }
        page += "</tbody></table></details></section>\n"

        // Q2, Q3, other
        for family in families {
            page += "<section id=\"\(e(family.id))\"><h2>\(family.id == "other" ? "" : family.id.uppercased() + ". ")\(e(family.title))</h2>\n"
            guard !family.rows.isEmpty else {
                page += "<p class=\"note\">No descriptor of this family could be tested.</p>\n" + groupsTableHTML(family) + "</section>\n"
                continue
            }
            let hits = family.rows.filter { ($0.qBH ?? 1) < 0.05 }.count
            page += "<p>Descriptors: \(e(family.distinctDescriptors.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))). \(family.rows.count.formatted) tests, corrected together (Benjamini–Hochberg); \(hits.formatted) reach q &lt; 0.05.</p>\n"
            let familyFigures = figures.filter { $0.section == family.id }
            if family.id == "other" {
                if !familyFigures.isEmpty {
                    page += "<details><summary>Heatmap of the other descriptors</summary>" + familyFigures.map(figureHTML).joined() + "</details>\n"
                }
            } else {
                for figure in familyFigures { page += figureHTML(figure) }
            }
            page += groupsTableHTML(family)
            // Effects: the significant ones on the page (at most 15), every one in the folded table and in effects.csv.
            let ranked = family.effects.filter { $0.difference != nil }
                .sorted { ($0.q ?? 2, -abs($0.difference!)) < ($1.q ?? 2, -abs($1.difference!)) }
            let shown = ranked.filter { ($0.q ?? 1) < 0.05 }.prefix(15)
            func effectRows(_ effects: some Sequence<Effect>) -> String {
                effects.map { effect in
                    "<tr><td>\(e(name(effect.code)))</td><td>\(e(effect.descriptor.replacingOccurrences(of: "_", with: " ")))</td><td>\(e(effect.value))</td><td class=\"n\">\(percent(effect.share)) <span class=\"ci\">(\(effect.present)/\(effect.n))</span></td><td class=\"n\">\(percent(effect.othersShare)) <span class=\"ci\">(\(effect.othersPresent)/\(effect.othersN))</span></td><td class=\"n\">\(Self.signedPoints(effect.difference)) <span class=\"ci\">(\(Self.signedPoints(effect.low)) to \(Self.signedPoints(effect.high)))</span></td><td class=\"n\">\(number(effect.cramersV, digits: 2))</td><td class=\"n\">\(number(effect.q))</td></tr>\n"
                }.joined()
            }
            let othersCaption = "<caption>Others: the toolkits with another tested value of the same descriptor (for a value of a multi-valued descriptor, those with the descriptor but without that value); groups left out are in the table of groups above.</caption>"
            let effectHead = "<thead><tr><th>Activity</th><th>Descriptor</th><th>Group</th><th>Share in group</th><th>Share in others</th><th>Difference, points (95% CI)</th><th>Cramér’s V</th><th>q</th></tr></thead>"
            if !shown.isEmpty {
                page += "<h3>Differences with q &lt; 0.05\(ranked.filter { ($0.q ?? 1) < 0.05 }.count > shown.count ? " (the \(shown.count) with the smallest q)" : "")</h3>\n"
                page += "<table class=\"effects\">\(othersCaption)\(effectHead)<tbody>\n" + effectRows(shown) + "</tbody></table>\n"
            }
            // Long tables stay in the CSV files: a page of tens of thousands of rows helps no reader.
            guard family.rows.count <= Self.foldedRowLimit else {
                page += "<p class=\"note\">Every test is in \(e(family.id)).csv and every group against the others in effects.csv (\(ranked.count.formatted) rows).</p></section>\n"
                continue
            }
            page += "<details><summary>Every group against the others (\(ranked.count.formatted) rows; effects.csv)</summary><table class=\"effects\">\(othersCaption)\(effectHead)<tbody>\n" + effectRows(ranked) + "</tbody></table></details>\n"
            page += "<details><summary>Every test (\(family.rows.count.formatted) rows; \(e(family.id)).csv)</summary><table class=\"tests\"><thead><tr><th>Activity</th><th>Descriptor</th><th>Value</th><th>χ²</th><th>dof</th><th>p (χ²)</th><th>p (Fisher)</th><th>p (exact)</th><th>Cramér’s V</th><th>p used</th><th>q</th></tr></thead><tbody>\n"
            for row in family.rows.sorted(by: { ($0.qBH ?? 2) < ($1.qBH ?? 2) }) {
                page += "<tr><td>\(e(name(row.code)))</td><td>\(e(row.descriptor))</td><td>\(e(row.value ?? ""))</td><td class=\"n\">\(number(row.chi2))</td><td class=\"n\">\(row.dof.map(String.init) ?? "")</td><td class=\"n\">\(number(row.pChi2))</td><td class=\"n\">\(number(row.pFisher))</td><td class=\"n\">\(number(row.pExact))</td><td class=\"n\">\(number(row.cramersV))</td><td class=\"n\">\(number(row.pUsed))</td><td class=\"n\">\(number(row.qBH))</td></tr>\n"
            }
            page += "</tbody></table></details></section>\n"
        }

        // Agreement
        page += "<section id=\"agreement\"><h2>Coder agreement</h2>\n"
        if coders.count < 2 {
            page += "<p class=\"note\">Agreement needs two or more coders; this corpus has \(e(codersText)).</p>\n"
        }
        func agreementRow(_ row: AgreementRow) -> String {
            "<tr><td>\(e(name(row.code)))</td><td class=\"n\">\(row.units.formatted)</td><td class=\"n\">\(number(row.percentAgreement))</td><td class=\"n\">\(withInterval(row.fleissKappa, row.fleissKappaLow, row.fleissKappaHigh))</td><td class=\"n\">\(withInterval(row.krippendorffAlpha, row.krippendorffAlphaLow, row.krippendorffAlphaHigh))</td></tr>\n"
        }
        let agreementHead = "<thead><tr><th>Code</th><th>Units</th><th>Percent agreement</th><th>Fleiss’ κ (95% CI)</th><th>Krippendorff’s α (95% CI)</th></tr></thead>"
        let perCode = agreement.filter { $0.code != "(all)" }
        let weakest = perCode.filter { $0.krippendorffAlpha != nil }.sorted { ($0.krippendorffAlpha!, $0.code) < ($1.krippendorffAlpha!, $1.code) }.prefix(10)
        page += "<table id=\"agreement-table\">\(agreementHead)<tbody>\n"
        for row in agreement where row.code == "(all)" { page += agreementRow(row) }
        if perCode.count > 10 {
            page += "<tr><td colspan=\"5\" class=\"note\">The \(weakest.count) codes with the lowest α:</td></tr>\n"
            for row in weakest { page += agreementRow(row) }
        } else {
            for row in perCode { page += agreementRow(row) }
        }
        page += "</tbody></table>\n"
        if perCode.count > 10 {
            page += "<details><summary>Every code (\(perCode.count.formatted) rows; agreement.csv)</summary><table>\(agreementHead)<tbody>\n" + perCode.map(agreementRow).joined() + "</tbody></table></details>\n"
        }
        let overallPairs = agreementPairs.filter { $0.code == "(all)" }
        if !overallPairs.isEmpty {
            page += "<h3>Each pair of coders (Cohen’s κ, all codes)</h3>\n<table id=\"pairs-table\"><thead><tr><th>Coder</th><th>Coder</th><th>Units</th><th>Percent agreement</th><th>Cohen’s κ</th></tr></thead><tbody>\n"
            for pair in overallPairs {
                page += "<tr><td>\(e(pair.coderA))</td><td>\(e(pair.coderB))</td><td class=\"n\">\(pair.nUnits.formatted)</td><td class=\"n\">\(number(pair.percentAgreement))</td><td class=\"n\">\(number(pair.cohenKappa))</td></tr>\n"
            }
            page += "</tbody></table>\n<p class=\"note\">Per code and pair: agreement_pairs.csv.</p>\n"
        }
        page += "<p>\(disagreements.count.formatted) disagreement\(disagreements.count == 1 ? "" : "s") to resolve are listed in disagreements.csv.</p></section>\n"

        // Methods, references, notes, files.
        page += "<section id=\"methods\"><h2>Methods</h2>\n"
        page += methodsParagraphs().map { "<p>\(e($0))</p>\n" }.joined()
        page += "<h3>References</h3><ul class=\"references\">" + Self.references.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        if !notes.isEmpty {
            page += "<h3 id=\"notes\">Notes</h3><ul>" + notes.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        page += "<h3>Files</h3><p class=\"note\">Tables: q1.csv, q2.csv, q3.csv, other.csv, effects.csv, agreement.csv, agreement_pairs.csv, disagreements.csv, report.json. Figures: "
            + figures.map { "figures/\(e($0.file))" }.joined(separator: ", ") + ".</p>\n"
        page += "</section>\n</body></html>\n"
        return page
    }

    /// Families with more tests than this list them in the CSV files only, not folded into the page.
    static let foldedRowLimit = 1_500

    /// The page's own styles: for screen, and for print on A4 (long tables left out, charts scaled to the page).
    static let pageStylesheet = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2330}
        h1,h2,h3{line-height:1.2}h2{margin-top:2.2rem;border-bottom:2px solid #d9dde5;padding-bottom:.2rem}
        .meta{color:#4a5364}nav a{margin-right:.8rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.88rem;width:100%}
        th,td{border-bottom:1px solid #d9dde5;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{font-weight:600;background:#f3f5f8;overflow-wrap:break-word}
        td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.ci{color:#4a5364;font-size:.85em}
        .note{color:#4a5364}.tag{display:inline-block;min-width:2.6rem;font-size:.78rem;font-weight:600;color:#fff;background:#3a6ea5;border-radius:3px;padding:0 .3rem;margin-right:.3rem;text-align:center}
        ol.findings{padding-left:1.4rem}ol.findings li{margin:.45rem 0}
        figure{margin:1rem 0}figcaption{font-size:.9rem;color:#4a5364;margin-top:.3rem}.file{font-family:ui-monospace,monospace;font-size:.8rem}
        .scroll{overflow-x:auto}svg.chart{display:block;max-width:100%;height:auto}svg.chart.heatmap{max-width:none}
        details{margin:.6rem 0}summary{cursor:pointer;color:#2c5282}
        .references li{margin:.2rem 0}
        caption{caption-side:top;text-align:left;font-size:.85rem;color:#4a5364;padding:.2rem 0}
        @page{size:A4;margin:14mm 12mm}
        @media print{
        body{font-size:9.5pt;max-width:none;margin:0;padding:0}
        nav,details{display:none}
        h2{margin-top:1rem;break-after:avoid}h3{break-after:avoid}h2+p{break-after:avoid}caption{break-after:avoid}
        figure,tr,li{break-inside:avoid}
        svg.chart,svg.chart.heatmap{max-width:100%;height:auto;max-height:245mm}
        .scroll{overflow:visible}
        table{font-size:8pt}#other-groups tr.complete{display:none}
        a{color:inherit;text-decoration:none}
        }
        """
}
