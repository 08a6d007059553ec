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
