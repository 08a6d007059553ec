extension ResearchReport {
    /// The works the methods cite, in the style of a reference list.
    public static let references = [
        "Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and powerful approach to multiple testing. Journal of the Royal Statistical Society: Series B (Methodological), 57(1), 289–300.",
        "Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological Measurement, 20(1), 37–46.",
        "Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin, 76(5), 378–382.",
        "Krippendorff, K. (2004). Content analysis: An introduction to its methodology (2nd ed.). Sage.",
        "Newcombe, R. G. (1998). Interval estimation for the difference between independent proportions: comparison of eleven methods. Statistics in Medicine, 17(8), 873–890.",
        "Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. Journal of the American Statistical Association, 22(158), 209–212.",
    ]

    /// The coders, counted and named: "3 coders (Ana, Ben, Chloé)", or "no coders" for a codebook alone.
    public var codersText: String {
        switch coders.count {
        case 0: return "no coders"
        case 1: return "1 coder (\(coders[0]))"
        default: return "\(coders.count) coders (\(coders.joined(separator: ", ")))"
        }
    }

    /// The methods as paragraphs of plain text, ready to paste into a paper: the software, the corpus,
    /// the consensus rule, every test, correction, threshold and interval, the exclusions and citations.
    public func methodsParagraphs() -> [String] {
        func list(_ names: [String]) -> String {
            names.isEmpty ? "none" : names.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
        }
        let descriptors = Dictionary(families.map { ($0.id, $0.distinctDescriptors) }, uniquingKeysWith: { a, _ in a })
        var paragraphs: [String] = []
        paragraphs.append("We analysed \(toolkits) toolkit\(toolkits == 1 ? "" : "s") coded on \(codes) activity code\(codes == 1 ? "" : "s") by \(codersText), \(codings.formatted) codings in all (source: \(origin)), with Weave \(version).")
        paragraphs.append("Where coders differed, a toolkit's value for a code was \(consensus). A parent code counts as present in a toolkit where the code itself or any code beneath it is present.")
        paragraphs.append("Q1 (which activities toolkits suggest): for each code, the share of toolkits whose consensus value is present, with a 95% Wilson score interval (Wilson 1927).")
        paragraphs.append("Q2 and Q3 (how suggested activities differ by network characteristics — \(list(descriptors["q2"] ?? [])) — and by toolkit-creator characteristics — \(list(descriptors["q3"] ?? []))): for each code and descriptor, the table of toolkits suggesting the code or not, by descriptor value, was tested for independence. Every table has Pearson's chi-square without continuity correction and Cramér's V; for 2 × 2 tables the p-value is Fisher's exact test; for larger tables with an expected count below 5 it is the exact conditional test by enumeration (up to 10,000 tables) or else a Monte Carlo test from 10,000 tables with the same margins (seed \(seed)). A descriptor that can hold several values per toolkit was tested one value at a time (toolkits with the value against toolkits with other values). Values held by fewer than \(minimumGroupSize) toolkits were not tested; numeric descriptors were grouped, years by decade and other numbers by quartile. \((descriptors["other"] ?? []).isEmpty ? "" : "The other descriptors (\(list(descriptors["other"] ?? []))) were tested the same way as a third family. ")P-values were corrected within each family by the Benjamini–Hochberg procedure (Benjamini & Hochberg 1995); we call a difference significant when q < 0.05.")
        paragraphs.append("For each tested value we give the risk difference — the share of toolkits with that value suggesting the code minus the share among the toolkits with the descriptor's other tested values — with a 95% interval by Newcombe's hybrid score method (Newcombe 1998, method 10), beside Cramér's V of the whole table.")
        paragraphs.append("Coder agreement is given per code and over the whole codebook: percent agreement; Fleiss' kappa over the toolkits every coder coded (Fleiss 1971); Krippendorff's alpha for nominal data, missing ratings allowed (Krippendorff 2004); and Cohen's kappa for each pair of coders (Cohen 1960). The 95% intervals of kappa and alpha are percentile bootstrap intervals from \(bootstrapResamples.formatted) resamples of toolkits drawn with replacement (seeded from \(seed) and each code's id); the whole-codebook intervals resample toolkits with all their codes.")
        if !notes.isEmpty {
            paragraphs.append("Left out or changed before testing (\(notes.count)): " + notes.joined(separator: " "))
        }
        return paragraphs
    }
}

extension Int {
    /// The number with thousands separated by commas, as English prose writes it.
    var formatted: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return self < 0 ? "-" + out : out
    }
}
