extension ResearchReport {
    /// How one descriptor (or one value of a multi-valued descriptor) split the toolkits for a family's
    /// tests: the groups compared with their sizes, the groups left out with theirs and why, and what
    /// "others" means. Every grouping considered is listed, including those not tested at all, so the
    /// tables can say what is missing where the results are (JSON `groupings` of each family).
    public struct Grouping: Sendable, Hashable, Codable {
        /// The descriptor (column) name.
        public var descriptor: String
        /// The value tested (has it, or not), for a multi-valued descriptor; `nil` otherwise.
        public var value: String?
        /// Whether the grouping was tested; when not, ``reason`` says why.
        public var tested: Bool
        /// The groups compared, in the order of ``TestRow/groups``, with their toolkit counts.
        public var groups: [GroupSize]
        /// Groups and toolkits left out of the tests, with their toolkit counts and why.
        public var excluded: [ExcludedGroup]
        /// What "others" stands for in this grouping's tables and statements, with its size:
        /// `others: 48 toolkits with a creator type other than "academic"`.
        public var others: String
        /// Why the grouping was not tested, when it was not.
        public var reason: String?
    }

    /// A group compared in a test and how many toolkits it holds (before toolkits without a consensus
    /// value for a code are left out of that code's test).
    public struct GroupSize: Sendable, Hashable, Codable {
        public var name: String
        public var n: Int
    }

    /// A group left out of a grouping's tests.
    public struct ExcludedGroup: Sendable, Hashable, Codable {
        /// The value (or bin) left out; `(no value)` for toolkits without any value of the descriptor.
        public var name: String
        /// How many toolkits it holds.
        public var n: Int
        /// `too-small` (fewer toolkits than the minimum group size) or `no-value` (the descriptor is
        /// empty for these toolkits).
        public var reason: String
    }

    /// The `excluded` cell of a Q2/Q3/other CSV row: each excluded group with its n and reason.
    static func excludedText(_ excluded: [ExcludedGroup]) -> String {
        excluded.map { "\($0.name) (n=\($0.n), \($0.reason == "no-value" ? "no value" : "too small"))" }.joined(separator: "; ")
    }
}

extension ResearchReport {
    /// One descriptor's groupings merged into what the report's tables and heatmaps show: the groups
    /// compared with their n, every group left out with its n and why, and what "others" means. A
    /// multi-valued descriptor, tested one value at a time, becomes one entry: its tested values, its
    /// untested values, and toolkits without any value (counted once).
    struct DescriptorGroups: Sendable {
        /// The descriptor (column) name.
        var descriptor: String
        /// Whether the descriptor is tested one value at a time (has it, or not).
        var isMultiValued: Bool
        /// The groups compared (for a multi-valued descriptor, each tested value and how many toolkits have it).
        var compared: [GroupSize]
        /// Each group left out, with its n and why, in words: `label` names it, `why` says why (empty for
        /// the toolkits without a value, whose label says it).
        var excluded: [(label: String, n: Int, why: String)]
        /// What "others" stands for.
        var others: String
        /// Why nothing of the descriptor was tested, when nothing was.
        var untested: String?

    }

    /// A family's groupings, one entry per descriptor in the order they were considered.
    func descriptorGroups(_ family: Family) -> [DescriptorGroups] {
        var order: [String] = []
        var byDescriptor: [String: [Grouping]] = [:]
        for grouping in family.groupings {
            if byDescriptor[grouping.descriptor] == nil { order.append(grouping.descriptor) }
            byDescriptor[grouping.descriptor, default: []].append(grouping)
        }
        return order.map { descriptor in
            let groupings = byDescriptor[descriptor]!
            let spoken = descriptor.replacingOccurrences(of: "_", with: " ")
            func why(_ group: ExcludedGroup) -> String {
                group.reason == "no-value" ? "" : "too small (under \(minimumGroupSize))"
            }
            guard groupings.contains(where: { $0.value != nil }) else {
                // One grouping: a single-valued descriptor.
                let grouping = groupings[0]
                return DescriptorGroups(
                    descriptor: descriptor, isMultiValued: false, compared: grouping.tested ? grouping.groups : [],
                    excluded: grouping.excluded.map { ($0.reason == "no-value" ? "no value" : $0.name, $0.n, why($0)) },
                    others: grouping.tested ? grouping.others : "",
                    untested: grouping.tested ? nil : grouping.reason)
            }
            var compared: [GroupSize] = []
            var excluded: [(label: String, n: Int, why: String)] = []
            var othersBySize: [String] = []
            if let noValue = groupings.first?.excluded.first(where: { $0.reason == "no-value" }) {
                excluded.append(("no value", noValue.n, ""))
            }
            for grouping in groupings {
                guard let value = grouping.value else { continue }
                if grouping.tested, grouping.groups.count == 2 {
                    compared.append(grouping.groups[0])
                    othersBySize.append("\(value): \(grouping.groups[1].n)")
                    continue
                }
                let noValue = grouping.excluded.first { $0.reason == "no-value" }?.n ?? 0
                let without = grouping.excluded.first { $0.name == "others" && $0.reason == "too-small" }?.n
                let with = grouping.excluded.first { $0.name == value && $0.reason == "too-small" }?.n
                if let with {
                    excluded.append((value, with, "too small (under \(minimumGroupSize))"))
                } else if let without {
                    excluded.append((value, toolkits - noValue - without, "only \(without) toolkit\(without == 1 ? "" : "s") without it"))
                }
            }
            return DescriptorGroups(
                descriptor: descriptor, isMultiValued: true, compared: compared, excluded: excluded,
                others: compared.isEmpty ? "" : "others: for each value, the toolkits with a \(spoken) but not that value (\(othersBySize.joined(separator: ", ")))",
                untested: compared.isEmpty ? (groupings.first { $0.reason != nil }?.reason.map { "no value could be tested: \($0)" } ?? "no value could be tested") : nil)
        }
    }

    /// How many groups left out a descriptor's row of the table of groups names; the rest are counted.
    static let excludedShown = 10

    /// The groups left out, at most `limit` of them named and the rest counted in one last entry
    /// (`"412 more values"`, with their toolkits and why), so that a column of names leaving out
    /// thousands of groups stays readable. Every one is in the CSV tables and the JSON groupings.
    static func shortened(_ excluded: [(label: String, n: Int, why: String)], to limit: Int) -> [(label: String, n: Int, why: String)] {
        guard excluded.count > limit else { return excluded }
        let kept = Array(excluded.prefix(limit - 1))
        let rest = excluded.dropFirst(limit - 1)
        let reasons = Set(rest.map(\.why))
        return kept + [("\(rest.count) more values", rest.reduce(0) { $0 + $1.n }, reasons.count == 1 ? reasons.first! : "too small or no value")]
    }

    /// The HTML table of a family's groupings: compared, left out and why, and what "others" is.
    func groupsTableHTML(_ family: Family) -> String {
        let e = HTMLText.escape
        let entries = descriptorGroups(family)
        guard !entries.isEmpty else { return "" }
        var html = "<table class=\"groups\" id=\"\(e(family.id))-groups\"><caption>Groups compared and groups left out, with the number of toolkits in each. "
        html += "A group under \(minimumGroupSize) toolkits, and toolkits without a value, are left out of the tests.</caption>"
        html += "<thead><tr><th>Descriptor</th><th>Compared (n)</th><th>Left out (n, why)</th><th>“Others” in the tables</th></tr></thead><tbody>\n"
        for entry in entries {
            let compared = entry.untested.map { "<span class=\"note\">not tested: \(e($0))</span>" }
                ?? entry.compared.map { "\(e($0.name)) <span class=\"ci\">\($0.n)</span>" }.joined(separator: " · ")
            let shown = Self.shortened(entry.excluded, to: Self.excludedShown)
            let excluded = shown.isEmpty ? "–" : shown.map { "\(e($0.label)) <span class=\"ci\">\($0.n)\($0.why.isEmpty ? "" : ", " + e($0.why))</span>" }.joined(separator: " · ")
            // Rows with nothing left out are marked, so that print can leave them out where the question's
            // other results are left out too (the family "other").
            let complete = entry.untested == nil && entry.excluded.isEmpty
            html += "<tr\(complete ? " class=\"complete\"" : "")><td>\(e(entry.descriptor.replacingOccurrences(of: "_", with: " ")))\(entry.isMultiValued ? " <span class=\"note\">(each value: has it or not)</span>" : "")</td><td>\(compared)</td><td>\(excluded)</td><td>\(e(entry.others.isEmpty ? "–" : entry.others))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
