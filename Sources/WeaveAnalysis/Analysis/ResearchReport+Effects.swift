extension ResearchReport {
    /// One group against the others of the same test: how much more (or less) often toolkits in the
    /// group suggest the code, as a risk difference with its 95% Newcombe interval, beside the table's
    /// Cramér's V and q.
    ///
    /// For a multi-valued descriptor the group is the toolkits having the value and the others are the
    /// toolkits with some other value of it. For a single-valued descriptor there is one effect per tested
    /// group, and the others are the toolkits in the descriptor's other tested groups (groups too small to
    /// test are in neither).
    public struct Effect: Sendable, Hashable, Codable {
        public var code: String
        public var descriptor: String
        /// The group: a value of the descriptor.
        public var value: String
        /// Toolkits in the group suggesting the code, and toolkits in the group with a consensus value.
        public var present: Int
        public var n: Int
        /// The same for the others.
        public var othersPresent: Int
        public var othersN: Int
        /// `present / n − othersPresent / othersN`; `nil` when either side is empty.
        public var difference: Double?
        /// The 95% interval of ``difference`` by Newcombe's hybrid score method.
        public var low: Double?
        public var high: Double?
        /// Cramér's V of the whole table (all groups of the descriptor).
        public var cramersV: Double?
        /// The table's Benjamini–Hochberg q-value.
        public var q: Double?

        /// The group's share, or `nil` when it is empty.
        public var share: Double? { n == 0 ? nil : Double(present) / Double(n) }
        /// The others' share, or `nil` when there are none.
        public var othersShare: Double? { othersN == 0 ? nil : Double(othersPresent) / Double(othersN) }
    }

    /// The effects of a family's tests, in the order of the tests, after their q-values are set.
    public static func effects(of rows: [TestRow]) -> [Effect] {
        var effects: [Effect] = []
        for row in rows {
            let groups = row.value != nil ? [0] : Array(row.groups.indices)
            let allPresent = row.present.reduce(0, +)
            let allTotal = row.totals.reduce(0, +)
            for group in groups {
                let (a, n) = (row.present[group], row.totals[group])
                let (c, m) = (allPresent - a, allTotal - n)
                let interval = NewcombeInterval(count1: a, n1: n, count2: c, n2: m)
                effects.append(Effect(code: row.code, descriptor: row.descriptor, value: row.groups[group], present: a, n: n,
                                      othersPresent: c, othersN: m, difference: interval?.difference, low: interval?.lower,
                                      high: interval?.upper, cramersV: row.cramersV, q: row.qBH))
            }
        }
        return effects
    }
}

extension ResearchReport.AgreementRow {
    /// Sets the 95% bootstrap intervals of κ and α.
    mutating func setIntervals(_ intervals: AgreementBootstrap.Intervals) {
        fleissKappaLow = intervals.fleissKappa?.lower
        fleissKappaHigh = intervals.fleissKappa?.upper
        krippendorffAlphaLow = intervals.krippendorffAlpha?.lower
        krippendorffAlphaHigh = intervals.krippendorffAlpha?.upper
    }
}

extension ResearchReport.Family {
    /// The family's descriptors, each once (a multi-valued descriptor is listed once per tested value
    /// in ``descriptors``), in order.
    public var distinctDescriptors: [String] {
        var seen: Set<String> = []
        return descriptors.filter { seen.insert($0).inserted }
    }
}
