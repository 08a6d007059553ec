import Foundation

/// Answers the three research questions from a coded corpus.
///
/// - Q1: per code (and per parent code, present where any code beneath it is), how many toolkits
///   suggest it, with a 95% Wilson interval.
/// - Q2 and Q3: every code against every descriptor of the family, each table tested by
///   ``IndependenceTest``, Benjamini–Hochberg within the family. A multi-valued descriptor is tested
///   one value at a time (has it or not). Groups smaller than ``Options/minimumGroupSize`` are left out
///   and named in the notes; a descriptor whose every value is distinct identifies rather than groups
///   and is skipped; a numeric column is binned (years by decade, other numbers by quartile).
/// - Agreement per code and overall, every pair of coders, and the disagreements to resolve.
public struct ResearchAnalysis: Sendable {
    /// Choices a researcher makes.
    public struct Options: Sendable, Hashable {
        /// The adjudicator's coder name; `nil` for the majority of coders.
        public var adjudicator: String?
        /// Descriptors answering Q2 (network characteristics).
        public var network: [String] = ["social_issue", "network_age", "member_org_types"]
        /// Descriptors answering Q3 (toolkit-creator characteristics).
        public var creator: [String] = ["creator_country", "creator_type"]
        /// Groups with fewer toolkits are reported as too small and not tested.
        public var minimumGroupSize = 5
        /// A descriptor with more testable groups than this is skipped: so many groups of a few toolkits
        /// each (an organisation's name, say) name toolkits rather than group them. Bin or recode it.
        public var maximumGroups = 20
        /// Seeds Monte Carlo p-values; each table's seed is derived from it and the table's stable ids
        /// (code, descriptor, value), see ``ResearchAnalysis/tableSeed(_:code:descriptor:value:)``.
        public var seed: UInt64 = 20_261_122
        /// Sparse tables larger than 2 × 2 with at most this many possible tables get an exact p-value,
        /// larger ones a Monte Carlo p-value; 0 always uses Monte Carlo.
        public var exactTableLimit: Int = ExactChiSquareTest.defaultTableLimit
        /// Resamples of toolkits behind each 95% bootstrap interval of κ and α.
        public var bootstrapResamples = AgreementBootstrap.defaultResamples
        /// How many plain-language statements each family gives at most.
        public var statements = 5
        /// Only differences with q below this are stated.
        public var statementThreshold = 0.05

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Why an analysis cannot run.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Runs the whole analysis.
    ///
    /// - Parameter progress: told the fraction done, from 0 to 1.
    public func run(_ corpus: Corpus, progress: (@Sendable (Double) -> Void)? = nil) throws(Failure) -> ResearchReport {
        let rule: ConsensusRule
        let ruleText: String
        try Self.checkSomethingIsCoded(corpus)
        if let adjudicator = options.adjudicator {
            let index = try Self.adjudicatorIndex(adjudicator, in: corpus)
            rule = .adjudicator(coder: index, ties: .missing)
            ruleText = "the adjudicator \(corpus.coders[index].name)'s value where they coded the toolkit; elsewhere the majority of coders, a tie left out"
        } else {
            rule = .majority(ties: .missing)
            ruleText = "the majority of the coders who coded the toolkit; a tie is left out"
        }
        let codeCount = corpus.codes.count
        let toolkitCount = corpus.toolkits.count

        // Consensus per code, then parents bottom-up: present where the code itself or any code beneath it is.
        var values: [[Int8]] = []
        values.reserveCapacity(codeCount)
        var agreement: [ResearchReport.AgreementRow] = []
        var pairs: [ResearchReport.PairRow] = []
        var disagreements: [ResearchReport.DisagreementRow] = []
        var pooled = AgreementTally(coderCount: max(1, corpus.coders.count), categoryCount: 2)
        var bootstrap = AgreementBootstrap(coderCount: max(1, corpus.coders.count), unitCount: toolkitCount)
        for code in 0 ..< codeCount {
            let matrix = corpus.ratingMatrix(ofCode: code)
            let consensus = Consensus(matrix, rule: rule)
            values.append(consensus.values)
            let tally = AgreementTally(matrix)
            bootstrap.add(matrix)
            pooled.merge(tally)
            let summary = AgreementSummary(tally)
            let id = corpus.codes[code].id
            agreement.append(.init(code: id, units: summary.pairableUnitCount, percentAgreement: summary.percentAgreement,
                                   fleissKappa: summary.fleissKappa, krippendorffAlpha: summary.krippendorffAlpha))
            pairs += summary.pairs.map { pairRow(id, $0, corpus) }
            for disagreement in matrix.disagreements(code: code) {
                var ratings: [String: Int] = [:]
                for (coder, rating) in disagreement.ratings.enumerated() where rating >= 0 { ratings[corpus.coders[coder].name] = Int(rating) }
                let settled = consensus.values[disagreement.unit]
                disagreements.append(.init(toolkit: corpus.toolkits[disagreement.unit].id, code: id, ratings: ratings, consensus: settled < 0 ? nil : Int(settled)))
            }
            progress?(0.4 * Double(code + 1) / Double(max(1, codeCount)))
        }
        // Bootstrap intervals of κ and α, each code's resamples seeded from its id.
        let codeIntervals = bootstrap.codeIntervals(
            resamples: options.bootstrapResamples,
            seeds: corpus.codes.map { SplitMix64.deriveSeed(options.seed, stream: AgreementBootstrap.stream($0.id)) })
        for (code, intervals) in codeIntervals.enumerated() { agreement[code].setIntervals(intervals) }
        let all = AgreementSummary(pooled)
        agreement.append(.init(code: "(all)", units: all.pairableUnitCount, percentAgreement: all.percentAgreement,
                               fleissKappa: all.fleissKappa, krippendorffAlpha: all.krippendorffAlpha))
        agreement[agreement.count - 1].setIntervals(bootstrap.pooledIntervals(
            resamples: options.bootstrapResamples, seed: SplitMix64.deriveSeed(options.seed, stream: AgreementBootstrap.stream("(all)"))))
        pairs += all.pairs.map { pairRow("(all)", $0, corpus) }

        var isParent = Array(repeating: false, count: codeCount)
        for code in stride(from: codeCount - 1, through: 0, by: -1) {
            let children = corpus.childIndices(ofCode: code)
            guard !children.isEmpty else { continue }
            isParent[code] = true
            let own = values[code].contains { $0 >= 0 } ? [values[code]] : []
            values[code] = Consensus.parentPresence(children: own + children.map { values[$0] }, unitCount: toolkitCount)
        }

        // Q1.
        var q1: [ResearchReport.Q1Row] = []
        var warnings = corpus.warnings
        for code in 0 ..< codeCount {
            let estimate = ProportionEstimate(values: values[code], category: RatingMatrix.present)
            let interval = estimate.interval
            var row = ResearchReport.Q1Row(code: corpus.codes[code].id, name: corpus.codes[code].name, parent: corpus.codes[code].parent,
                                           count: estimate.count, n: estimate.n, share: estimate.share, wilsonLow: interval?.lower,
                                           wilsonHigh: interval?.upper, isParent: isParent[code])
            if isParent[code] {
                (row.counts, row.partlyCodedToolkits) = Self.parentReading(code: code, values: values, corpus: corpus)
                if row.partlyCodedToolkits > 0 {
                    warnings.append("The parent code \"\(row.code)\" counts \(row.counts!), but in \(row.partlyCodedToolkits) of its \(row.count) toolkits some codes beneath it were not coded; its share (\(row.count) of \(row.n)) rests on partial coding and is ranked after fully coded codes.")
                }
            }
            q1.append(row)
        }
        q1.sort { a, b in
            // A parent resting on partial coding never outranks a fully coded row.
            if (a.partlyCodedToolkits > 0) != (b.partlyCodedToolkits > 0) { return b.partlyCodedToolkits > 0 }
            let (x, y) = (a.share ?? -1, b.share ?? -1)
            return x != y ? x > y : (a.count != b.count ? a.count > b.count : a.code < b.code)
        }

        // Q2, Q3 and other: group toolkits by descriptor, then test every code against every grouping.
        var notes: [String] = []
        var summaries: [ResearchReport.Grouping] = []
        let groupings = descriptorGroupings(corpus, notes: &notes, summaries: &summaries)
        let named = Set(options.network + options.creator)
        for name in options.network + options.creator where corpus.descriptor(name) == nil {
            notes.append("The descriptor \"\(name)\" is not in this corpus, so it was not analysed.")
        }
        let familyDefinitions: [(id: String, title: String, members: [String])] = [
            ("q2", "How do suggested activities differ by network characteristics?", options.network),
            ("q3", "How do suggested activities differ by toolkit-creator characteristics?", options.creator),
            // Every other descriptor, tested or not, so that the untested ones are listed with why.
            ("other", "Other toolkit descriptors", corpus.descriptors.map(\.name).filter { !named.contains($0) }),
        ]
        let maximumTotal = toolkitCount
        let logFactorials = LogFactorials(upTo: max(1, maximumTotal))
        var families: [ResearchReport.Family] = []
        let totalTests = max(1, groupings.count * codeCount)
        var testsDone = 0
        for definition in familyDefinitions {
            let members = groupings.filter { definition.members.contains($0.descriptor) }
            var rows: [ResearchReport.TestRow] = []
            for grouping in members {
                // Codes are independent: test them on every core. Each table's seed comes from its stable
                // ids, so results depend neither on the order threads finish in nor on the tables before it.
                let consensus = values
                var tested = [ResearchReport.TestRow?](repeating: nil, count: codeCount)
                tested.withUnsafeMutableBufferPointer { buffer in
                    let slots = Slots(buffer: buffer)
                    DispatchQueue.concurrentPerform(iterations: codeCount) { code in
                        let seed = Self.tableSeed(options.seed, code: corpus.codes[code].id, descriptor: grouping.descriptor, value: grouping.value)
                        slots.buffer[code] = test(code: corpus.codes[code].id, values: consensus[code], grouping: grouping, seed: seed, logFactorials: logFactorials)
                    }
                }
                rows += tested.map { $0! }
                testsDone += codeCount
                progress?(0.4 + 0.6 * Double(testsDone) / Double(totalTests))
            }
            let q = BenjaminiHochberg.qValues(rows.map(\.pUsed))
            for index in rows.indices { rows[index].qBH = q[index] }
            families.append(.init(id: definition.id, title: definition.title, descriptors: members.map(\.descriptor),
                                  rows: rows, statements: statements(rows, corpus),
                                  groupings: summaries.filter { definition.members.contains($0.descriptor) },
                                  effects: ResearchReport.effects(of: rows)))
        }
        progress?(1)
        return ResearchReport(
            origin: corpus.origin, toolkits: toolkitCount, codes: codeCount, coders: corpus.coders.map(\.name),
            consensus: ruleText, seed: options.seed, minimumGroupSize: options.minimumGroupSize, q1: q1,
            families: families, agreement: agreement, agreementPairs: pairs, disagreements: disagreements, notes: notes,
            warnings: warnings.map(CorpusProblem.oneLine),
            codings: bootstrap.ratingCount, bootstrapResamples: options.bootstrapResamples)
    }

    /// The result slots concurrent workers write into.
    private struct Slots: @unchecked Sendable {
        // @unchecked: every worker writes a different index, and the buffer is read only after
        // concurrentPerform has returned, which orders those writes before the read.
        let buffer: UnsafeMutableBufferPointer<ResearchReport.TestRow?>
    }

    private func pairRow(_ code: String, _ pair: PairAgreement, _ corpus: Corpus) -> ResearchReport.PairRow {
        .init(code: code, coderA: corpus.coders[pair.coderA].name, coderB: corpus.coders[pair.coderB].name,
              nUnits: pair.unitCount, percentAgreement: pair.percentAgreement, cohenKappa: pair.cohenKappa)
    }

    // MARK: Groupings

    /// How many groups too small to test a note names; the rest are counted.
    static let namedInNotes = 10

    /// Toolkits split into groups by one descriptor (or by having one value of a multi-valued one).
    struct Grouping {
        var descriptor: String
        var value: String?
        /// The group names, in column order.
        var groups: [String]
        /// Per toolkit, its group's column, or -1 when not in any tested group.
        var column: [Int]
    }

    /// Every testable grouping of the corpus's descriptors, with notes on what was skipped and, in
    /// `summaries`, every grouping considered with its groups, the groups left out and their n.
    func descriptorGroupings(_ corpus: Corpus, notes: inout [String], summaries: inout [ResearchReport.Grouping]) -> [Grouping] {
        let toolkits = corpus.toolkits.count
        let minimum = options.minimumGroupSize
        var groupings: [Grouping] = []
        for descriptor in corpus.descriptors {
            let known = (0 ..< toolkits).filter { !descriptor.levelIndices(ofToolkit: $0).isEmpty }
            let spokenName = descriptor.name.replacingOccurrences(of: "_", with: " ")
            let noValue = toolkits - known.count
            let noValueGroup = noValue > 0 ? [ResearchReport.ExcludedGroup(name: "(no value)", n: noValue, reason: "no-value")] : []
            guard !known.isEmpty else {
                notes.append("\"\(descriptor.name)\" has no values, so it was not analysed.")
                summaries.append(.init(descriptor: descriptor.name, value: nil, tested: false, groups: [], excluded: noValueGroup,
                                       others: "others: none", reason: "it has no values"))
                continue
            }
            if descriptor.isMultiValued {
                for (level, name) in descriptor.levels.enumerated() {
                    let column = (0 ..< toolkits).map { toolkit -> Int in
                        let levels = descriptor.levelIndices(ofToolkit: toolkit)
                        return levels.isEmpty ? -1 : (levels.contains(Int32(level)) ? 0 : 1)
                    }
                    let with = column.filter { $0 == 0 }.count
                    let without = column.filter { $0 == 1 }.count
                    let others = "others: \(without) toolkit\(without == 1 ? "" : "s") with a \(spokenName) other than “\(name)”"
                    var summary = ResearchReport.Grouping(
                        descriptor: descriptor.name, value: name, tested: true,
                        groups: [.init(name: name, n: with), .init(name: "others", n: without)], excluded: noValueGroup,
                        others: others, reason: nil)
                    guard with >= minimum && without >= minimum else {
                        notes.append("\"\(descriptor.name)\" = \"\(name)\": \(with) toolkits have it and \(without) do not; groups under \(minimum) are too small to test.")
                        summary.tested = false
                        summary.groups = []
                        if with < minimum { summary.excluded.append(.init(name: name, n: with, reason: "too-small")) }
                        if without < minimum { summary.excluded.append(.init(name: "others", n: without, reason: "too-small")) }
                        summary.reason = "groups under \(minimum) toolkits are too small to test"
                        summaries.append(summary)
                        continue
                    }
                    summaries.append(summary)
                    groupings.append(Grouping(descriptor: descriptor.name, value: name, groups: [name, "others"], column: column))
                }
                continue
            }
            let values = known.map { descriptor.value(ofToolkit: $0)! }
            var label: [String: String] = [:]
            var summary = ResearchReport.Grouping(descriptor: descriptor.name, value: nil, tested: false, groups: [], excluded: noValueGroup,
                                                  others: "", reason: nil)
            if let bins = Self.bins(for: Array(Set(values))) {
                label = bins.labels
                notes.append("\"\(descriptor.name)\" is numeric and was grouped \(bins.how).")
            } else if Set(values).count == values.count && values.count > 1 {
                notes.append("\"\(descriptor.name)\" has a different value for every toolkit; it identifies rather than groups, so it was skipped.")
                summary.others = "others: none"
                summary.reason = "it has a different value for every toolkit"
                summaries.append(summary)
                continue
            }
            var counts: [String: Int] = [:]
            for value in values { counts[label[value] ?? value, default: 0] += 1 }
            let small = counts.filter { $0.value < minimum }.keys.sorted()
            if !small.isEmpty {
                // A column of names can leave out thousands of groups: the note names the first few and
                // counts the rest (every one is in the CSV tables and the JSON groupings).
                let named = small.prefix(Self.namedInNotes).map { "\"\($0)\" (\(counts[$0]!))" }.joined(separator: ", ")
                let rest = small.count - min(small.count, Self.namedInNotes)
                let restText = rest > 0 ? " and \(rest) more value\(rest == 1 ? "" : "s") (\(small.dropFirst(Self.namedInNotes).reduce(0) { $0 + counts[$1]! }) toolkits)" : ""
                notes.append("\"\(descriptor.name)\": " + named + restText + " \(small.count == 1 ? "has" : "have") fewer than \(minimum) toolkits, too few to test.")
                summary.excluded += small.map { .init(name: $0, n: counts[$0]!, reason: "too-small") }
            }
            let groups = counts.filter { $0.value >= minimum }.keys.sorted()
            let tested = groups.reduce(0) { $0 + counts[$1]! }
            summary.groups = groups.map { .init(name: $0, n: counts[$0]!) }
            summary.others = "others: the rest of the \(tested) toolkit\(tested == 1 ? "" : "s") with a tested \(spokenName) (\(groups.count) group\(groups.count == 1 ? "" : "s"))"
            guard groups.count <= options.maximumGroups else {
                notes.append("\"\(descriptor.name)\" has \(groups.count) groups of \(minimum) or more toolkits, more than the \(options.maximumGroups) that can be compared meaningfully, so it was skipped; bin or recode it to test it.")
                summary.reason = "it has \(groups.count) groups, more than the \(options.maximumGroups) that can be compared"
                summaries.append(summary)
                continue
            }
            guard groups.count >= 2 else {
                notes.append("\"\(descriptor.name)\" has fewer than two groups of \(minimum) or more toolkits, so it was not tested.")
                summary.reason = "it has fewer than two groups of \(minimum) or more toolkits"
                summaries.append(summary)
                continue
            }
            summary.tested = true
            summaries.append(summary)
            let position = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
            let column = (0 ..< toolkits).map { toolkit -> Int in
                guard let value = descriptor.value(ofToolkit: toolkit) else { return -1 }
                return position[label[value] ?? value] ?? -1
            }
            groupings.append(Grouping(descriptor: descriptor.name, value: nil, groups: groups, column: column))
        }
        return groupings
    }

    /// Bins for a numeric column: years (all whole numbers from 1000 to 2999) by decade; other numbers
    /// with more than six distinct values by quartile; `nil` for text or few distinct numbers.
    static func bins(for values: [String]) -> (labels: [String: String], how: String)? {
        let numbers = values.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == values.count, !numbers.isEmpty else { return nil }
        if numbers.allSatisfy({ $0 == $0.rounded() && (1000...2999).contains($0) }) {
            guard Set(numbers.map { Int($0) / 10 }).count < numbers.count else { return nil }
            var labels: [String: String] = [:]
            for value in values {
                let decade = Int(Double(value.trimmingCharacters(in: .whitespaces))!) / 10 * 10
                labels[value] = "\(decade)–\(decade + 9)"
            }
            return (labels, "by decade")
        }
        guard Set(numbers).count > 6 else { return nil }
        let sorted = numbers.sorted()
        let cuts = [0.25, 0.5, 0.75].map { sorted[Int((Double(sorted.count - 1) * $0).rounded(.down))] }
        var labels: [String: String] = [:]
        for value in values {
            let number = Double(value.trimmingCharacters(in: .whitespaces))!
            let quartile = cuts.firstIndex { number <= $0 } ?? 3
            let low = quartile == 0 ? sorted.first! : cuts[quartile - 1]
            let high = quartile == 3 ? sorted.last! : cuts[quartile]
            labels[value] = "Q\(quartile + 1) (\(CSVWriter.number(low))–\(CSVWriter.number(high)))"
        }
        return (labels, "by quartile of its distinct values")
    }

    // MARK: Tests

    func test(code: String, values: [Int8], grouping: Grouping, seed: UInt64, logFactorials: LogFactorials) -> ResearchReport.TestRow {
        var present = Array(repeating: 0, count: grouping.groups.count)
        var totals = present
        for (toolkit, column) in grouping.column.enumerated() where column >= 0 && values[toolkit] >= 0 {
            totals[column] += 1
            if values[toolkit] == RatingMatrix.present { present[column] += 1 }
        }
        var row = ResearchReport.TestRow(code: code, descriptor: grouping.descriptor, value: grouping.value, groups: grouping.groups,
                                         present: present, totals: totals)
        guard let table = try? ContingencyTable(rows: [present, zip(totals, present).map { $0 - $1 }]) else { return row }
        let result = IndependenceTest(table: table, options: .init(exactTableLimit: options.exactTableLimit, seed: seed), logFactorials: logFactorials)
        row.chi2 = result.chiSquare?.statistic
        row.dof = result.chiSquare?.degreesOfFreedom
        row.pChi2 = result.chiSquare?.pValue
        row.cramersV = result.chiSquare?.cramersV
        row.pFisher = result.fisher?.pValue
        row.pExact = result.exactPValue
        row.pUsed = result.pValue
        row.method = result.method.map {
            switch $0 {
            case .chiSquare: "chi-square"
            case .fisherExact: "fisher"
            case .exactEnumeration: "exact"
            case .monteCarlo: "monte-carlo"
            }
        }
        return row
    }

    /// The strongest differences of a family, in words: the group whose share differs most from the rest.
    func statements(_ rows: [ResearchReport.TestRow], _ corpus: Corpus) -> [String] {
        let significant = rows.filter { ($0.qBH ?? 1) < options.statementThreshold }
            .sorted { ($0.qBH ?? 1, $0.pUsed ?? 1) < ($1.qBH ?? 1, $1.pUsed ?? 1) }
        return significant.prefix(options.statements).compactMap { row in
            // The group furthest from the others.
            var best: (group: Int, gap: Double)?
            for group in row.groups.indices where row.totals[group] > 0 {
                let others = (row.totals.reduce(0, +) - row.totals[group], row.present.reduce(0, +) - row.present[group])
                guard others.0 > 0 else { continue }
                let gap = abs(Double(row.present[group]) / Double(row.totals[group]) - Double(others.1) / Double(others.0))
                if best == nil || gap > best!.gap { best = (group, gap) }
            }
            guard let group = best?.group else { return nil }
            let name = corpus.codeIndex(row.code).map { corpus.codes[$0].name.lowercased() } ?? row.code
            let descriptor = row.descriptor.replacingOccurrences(of: "_", with: " ")
            let level = row.value ?? row.groups[group]
            let subject = row.value != nil && group == 1
                ? "Toolkits without \(descriptor) “\(level)”"
                : "Toolkits with \(descriptor) “\(level)”"
            let (a, b) = (row.present[group], row.totals[group])
            let (c, d) = (row.present.reduce(0, +) - a, row.totals.reduce(0, +) - b)
            return "\(subject) suggest \(name) in \(a) of \(b) (\(percent(a, b))), others in \(c) of \(d) (\(percent(c, d))); q = \(Self.pText(row.qBH ?? 1))."
        }
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
    }

    /// A p- or q-value as people read it: three significant digits, "< 0.001" style for tiny ones.
    static func pText(_ value: Double) -> String {
        if value < 0.001 { return String(format: "%.1e", value) }
        return String(format: "%.3f", value)
    }
}
