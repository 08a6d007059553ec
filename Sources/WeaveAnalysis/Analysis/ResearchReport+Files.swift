public import Foundation

extension ResearchReport {
    /// The files a report consists of, by name: the CSV tables, `report.json`, `report.html` and each
    /// chart as `figures/figure-<n>-<what>.svg`.
    public func files() throws -> [(name: String, contents: String)] {
        try fileMakers().map { ($0.name, try $0.make()) }
    }

    /// One file of the report and how to make it; the makers are independent of each other, so that
    /// ``write(to:)`` can run them on every core.
    struct FileMaker: Sendable {
        var name: String
        var make: @Sendable () throws -> String
    }

    /// Every file's maker, in the order of ``files()``.
    func fileMakers() -> [FileMaker] {
        var result: [FileMaker] = []
        result.append(FileMaker(name: "q1.csv") { q1CSV() })
        for family in families {
            result.append(FileMaker(name: "\(family.id).csv") { familyCSV(family) })
        }
        result.append(FileMaker(name: "effects.csv") { effectsCSV() })
        result.append(FileMaker(name: "agreement.csv") { agreementCSV() })
        result.append(FileMaker(name: "agreement_pairs.csv") { pairsCSV() })
        result.append(FileMaker(name: "disagreements.csv") { disagreementsCSV() })
        result.append(FileMaker(name: "report.json") { try json() })
        result.append(FileMaker(name: "report.html") { html() })
        for figure in figures() {
            result.append(FileMaker(name: "figures/" + figure.file) { figure.standaloneSVG })
        }
        return result
    }

    func q1CSV() -> String {
        var q1 = CSVWriter(header: ["code", "name", "parent", "count", "n", "share", "wilson_low", "wilson_high", "counts", "partly_coded_toolkits"])
        for row in self.q1 {
            q1.row([row.code, row.name, row.parent ?? "", String(row.count), String(row.n),
                    CSVWriter.number(row.share), CSVWriter.number(row.wilsonLow), CSVWriter.number(row.wilsonHigh),
                    row.counts ?? "", String(row.partlyCodedToolkits)])
        }
        return q1.text
    }

    func familyCSV(_ family: Family) -> String {
        // Each row also says which groups it compared with their n, what was left out with its n,
        // and what "others" means; a grouping not tested at all gets one row without a code.
        var csv = CSVWriter(header: ["code", "descriptor", "value", "chi2", "dof", "p_chi2", "p_fisher", "p_exact", "cramers_v", "p_used", "q_bh",
                                     "groups", "group_n", "excluded", "others", "status"])
        func key(_ descriptor: String, _ value: String?) -> String { descriptor + "\u{0}" + (value ?? "\u{1}") }
        // Each grouping's cells once, not once per code.
        let summaries = Dictionary(family.groupings.map { (key($0.descriptor, $0.value), (excluded: Self.excludedText($0.excluded), others: $0.others)) },
                                   uniquingKeysWith: { first, _ in first })
        for row in family.rows {
            let summary = summaries[key(row.descriptor, row.value)]
            csv.row([row.code, row.descriptor, row.value ?? "", CSVWriter.number(row.chi2), row.dof.map(String.init) ?? "",
                     CSVWriter.number(row.pChi2), CSVWriter.number(row.pFisher), CSVWriter.number(row.pExact),
                     CSVWriter.number(row.cramersV), CSVWriter.number(row.pUsed), CSVWriter.number(row.qBH),
                     row.groups.joined(separator: "|"), row.totals.map(String.init).joined(separator: "|"),
                     summary?.excluded ?? "", summary?.others ?? "", "tested"])
        }
        for summary in family.groupings where !summary.tested {
            csv.row(["", summary.descriptor, summary.value ?? "", "", "", "", "", "", "", "", "",
                     summary.groups.map(\.name).joined(separator: "|"), summary.groups.map { String($0.n) }.joined(separator: "|"),
                     Self.excludedText(summary.excluded), summary.others, "not tested: " + (summary.reason ?? "")])
        }
        return csv.text
    }

    func effectsCSV() -> String {
        var effectsCSV = CSVWriter(header: ["family", "code", "descriptor", "value", "present", "n", "others_present", "others_n",
                                            "difference", "difference_low", "difference_high", "cramers_v", "q_bh"])
        for family in families {
            for effect in family.effects {
                effectsCSV.row([family.id, effect.code, effect.descriptor, effect.value, String(effect.present), String(effect.n),
                                String(effect.othersPresent), String(effect.othersN), CSVWriter.number(effect.difference),
                                CSVWriter.number(effect.low), CSVWriter.number(effect.high), CSVWriter.number(effect.cramersV), CSVWriter.number(effect.q)])
            }
        }
        return effectsCSV.text
    }

    func agreementCSV() -> String {
        var agreementCSV = CSVWriter(header: ["code", "percent_agreement", "fleiss_kappa", "krippendorff_alpha",
                                              "fleiss_kappa_low", "fleiss_kappa_high", "krippendorff_alpha_low", "krippendorff_alpha_high"])
        for row in agreement {
            agreementCSV.row([row.code, CSVWriter.number(row.percentAgreement), CSVWriter.number(row.fleissKappa), CSVWriter.number(row.krippendorffAlpha),
                              CSVWriter.number(row.fleissKappaLow), CSVWriter.number(row.fleissKappaHigh),
                              CSVWriter.number(row.krippendorffAlphaLow), CSVWriter.number(row.krippendorffAlphaHigh)])
        }
        return agreementCSV.text
    }

    func pairsCSV() -> String {
        var pairsCSV = CSVWriter(header: ["code", "coder_a", "coder_b", "n_units", "percent_agreement", "cohen_kappa"])
        for row in agreementPairs {
            pairsCSV.row([row.code, row.coderA, row.coderB, String(row.nUnits), CSVWriter.number(row.percentAgreement), CSVWriter.number(row.cohenKappa)])
        }
        return pairsCSV.text
    }

    func disagreementsCSV() -> String {
        var disagreementCSV = CSVWriter(header: ["toolkit", "code"] + coders + ["consensus"])
        for row in disagreements {
            disagreementCSV.row([row.toolkit, row.code] + coders.map { row.ratings[$0].map(String.init) ?? "" } + [row.consensus.map(String.init) ?? ""])
        }
        return disagreementCSV.text
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Writes every file into a folder, creating it; existing files of the same names are replaced.
    public func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Figures of an earlier run would be mistaken for this one's: the folder holds only this run's.
        let figures = folder.appendingPathComponent("figures", isDirectory: true)
        if let old = try? FileManager.default.contentsOfDirectory(atPath: figures.path) {
            for name in old where name.hasPrefix("figure-") && name.hasSuffix(".svg") {
                try FileManager.default.removeItem(at: figures.appendingPathComponent(name))
            }
        }
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        // The files are independent: make and write them on every core, the largest first, each
        // written as soon as it is made so that at most a few are held in memory at once.
        let makers = fileMakers().sorted { Self.makingOrder($0.name) < Self.makingOrder($1.name) }
        var failures = [(any Error)?](repeating: nil, count: makers.count)
        failures.withUnsafeMutableBufferPointer { buffer in
            let slots = FailureSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: makers.count) { index in
                do {
                    let contents = try makers[index].make()
                    try Data(contents.utf8).write(to: folder.appendingPathComponent(makers[index].name), options: .atomic)
                } catch {
                    slots.buffer[index] = error
                }
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// The costliest files first, so that the cores finish together.
    private static func makingOrder(_ name: String) -> Int {
        switch name {
        case "disagreements.csv": 0
        case "report.json": 1
        case "effects.csv": 2
        case "report.html": 3
        default: 4
        }
    }

    /// Where concurrent writers record their errors.
    private struct FailureSlots: @unchecked Sendable {
        // @unchecked: every worker writes its own index, read only after concurrentPerform returns.
        let buffer: UnsafeMutableBufferPointer<(any Error)?>
    }
}
