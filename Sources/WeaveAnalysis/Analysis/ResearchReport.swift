/// Everything `weave analyze` finds, ready to write as CSV, JSON and HTML. JSON keys are snake_case
/// (see docs/research-analysis.md); CSV files carry the columns other tools read.
public struct ResearchReport: Sendable, Hashable, Codable {
    /// One row of Q1: how many toolkits suggest a code.
    public struct Q1Row: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var parent: String?
        /// Toolkits whose consensus value is present.
        public var count: Int
        /// Toolkits with a consensus value (present or absent).
        public var n: Int
        public var share: Double?
        public var wilsonLow: Double?
        public var wilsonHigh: Double?
        /// Whether the code has codes beneath it (present where any of them is).
        public var isParent: Bool
        /// For a parent, what its count counts: `any of its 4 codes` (or `itself or any of its 4
        /// codes` when it was coded too); `nil` for other codes.
        public var counts: String? = nil
        /// For a parent, the toolkits counted as present although some codes beneath it were not coded
        /// there; such a parent is flagged and ranked after every fully coded row. 0 otherwise.
        public var partlyCodedToolkits: Int = 0
    }

    /// One test of Q2, Q3 or "other": a code against a descriptor, or against one value of a
    /// multi-valued descriptor (has the value or not).
    public struct TestRow: Sendable, Hashable, Codable {
        public var code: String
        public var descriptor: String
        /// The value tested, for a multi-valued descriptor; `nil` otherwise.
        public var value: String?
        /// The groups compared (columns of the table), in order.
        public var groups: [String]
        /// Toolkits per group suggesting the code (present).
        public var present: [Int]
        /// Toolkits per group with a consensus value.
        public var totals: [Int]
        public var chi2: Double?
        public var dof: Int?
        public var pChi2: Double?
        public var pFisher: Double?
        public var pExact: Double?
        public var cramersV: Double?
        /// The p-value the Benjamini–Hochberg step used.
        public var pUsed: Double?
        /// Which test `p_used` comes from: `chi-square`, `fisher`, `exact` or `monte-carlo`.
        public var method: String?
        public var qBH: Double?

        // "qBh" so that snake_case JSON ("q_bh") reads back to the same key.
        enum CodingKeys: String, CodingKey {
            case code, descriptor, value, groups, present, totals, chi2, dof, pChi2, pFisher, pExact, cramersV, pUsed, method
            case qBH = "qBh"
        }
    }

    /// A family of tests corrected together.
    public struct Family: Sendable, Hashable, Codable {
        /// `q2`, `q3` or `other`.
        public var id: String
        /// The question, in words.
        public var title: String
        public var descriptors: [String]
        public var rows: [TestRow]
        /// The strongest differences, in plain language.
        public var statements: [String]
        /// Every grouping considered for the family, tested or not, with the groups left out and their n.
        public var groupings: [Grouping] = []
        /// Every tested value against the others, with its risk difference and interval.
        public var effects: [Effect] = []
    }

    /// Coder agreement on one code, or `(all)` for the whole codebook.
    public struct AgreementRow: Sendable, Hashable, Codable {
        public var code: String
        public var units: Int
        public var percentAgreement: Double?
        public var fleissKappa: Double?
        public var krippendorffAlpha: Double?
        /// 95% bootstrap interval of Fleiss' kappa (see ``AgreementBootstrap``).
        public var fleissKappaLow: Double?
        public var fleissKappaHigh: Double?
        /// 95% bootstrap interval of Krippendorff's alpha.
        public var krippendorffAlphaLow: Double?
        public var krippendorffAlphaHigh: Double?
    }

    /// Agreement of one pair of coders on one code, or `(all)`.
    public struct PairRow: Sendable, Hashable, Codable {
        public var code: String
        public var coderA: String
        public var coderB: String
        public var nUnits: Int
        public var percentAgreement: Double?
        public var cohenKappa: Double?
    }

    /// A toolkit and code on which coders differ: who said what (`1` present, `0` absent).
    public struct DisagreementRow: Sendable, Hashable, Codable {
        public var toolkit: String
        public var code: String
        public var ratings: [String: Int]
        /// The value the consensus rule settled on; `nil` when it left the toolkit out.
        public var consensus: Int?
    }

    /// Where the corpus came from.
    public var origin: String
    public var toolkits: Int
    public var codes: Int
    public var coders: [String]
    /// The consensus rule, in words.
    public var consensus: String
    /// The seed of any Monte Carlo p-value.
    public var seed: UInt64
    /// Levels with fewer toolkits than this are reported as too small and not tested.
    public var minimumGroupSize: Int
    public var q1: [Q1Row]
    public var families: [Family]
    public var agreement: [AgreementRow]
    public var agreementPairs: [PairRow]
    /// Every disagreement, for disagreements.csv; JSON gives only their number, as there can be
    /// hundreds of thousands.
    public var disagreements: [DisagreementRow]
    /// Things the reader should know: descriptors skipped, levels too small, binned columns.
    public var notes: [String]
    /// Things that may make the results wrong unless the reader checks them: codes never judged absent
    /// anywhere, coder names differing only in case or spaces, parents whose codes were partly coded.
    public var warnings: [String] = []
    /// The Weave version that wrote the report.
    public var version: String = WeaveVersion.current
    /// How many codings (one coder's value for one toolkit and code) the corpus holds.
    public var codings: Int = 0
    /// How many bootstrap resamples the κ and α intervals come from.
    public var bootstrapResamples: Int = AgreementBootstrap.defaultResamples
}

extension ResearchReport {
    enum CodingKeys: String, CodingKey {
        case origin, toolkits, codes, coders, consensus, seed, minimumGroupSize, q1, families, agreement, agreementPairs, notes, warnings
        case version, codings, bootstrapResamples
        case disagreementCount
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        origin = try container.decode(String.self, forKey: .origin)
        toolkits = try container.decode(Int.self, forKey: .toolkits)
        codes = try container.decode(Int.self, forKey: .codes)
        coders = try container.decode([String].self, forKey: .coders)
        consensus = try container.decode(String.self, forKey: .consensus)
        seed = try container.decode(UInt64.self, forKey: .seed)
        minimumGroupSize = try container.decode(Int.self, forKey: .minimumGroupSize)
        q1 = try container.decode([Q1Row].self, forKey: .q1)
        families = try container.decode([Family].self, forKey: .families)
        agreement = try container.decode([AgreementRow].self, forKey: .agreement)
        agreementPairs = try container.decode([PairRow].self, forKey: .agreementPairs)
        notes = try container.decode([String].self, forKey: .notes)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
        version = try container.decodeIfPresent(String.self, forKey: .version) ?? WeaveVersion.current
        codings = try container.decodeIfPresent(Int.self, forKey: .codings) ?? 0
        bootstrapResamples = try container.decodeIfPresent(Int.self, forKey: .bootstrapResamples) ?? AgreementBootstrap.defaultResamples
        disagreements = []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(origin, forKey: .origin)
        try container.encode(toolkits, forKey: .toolkits)
        try container.encode(codes, forKey: .codes)
        try container.encode(coders, forKey: .coders)
        try container.encode(consensus, forKey: .consensus)
        try container.encode(seed, forKey: .seed)
        try container.encode(minimumGroupSize, forKey: .minimumGroupSize)
        try container.encode(q1, forKey: .q1)
        try container.encode(families, forKey: .families)
        try container.encode(agreement, forKey: .agreement)
        try container.encode(agreementPairs, forKey: .agreementPairs)
        try container.encode(notes, forKey: .notes)
        try container.encode(warnings, forKey: .warnings)
        try container.encode(version, forKey: .version)
        try container.encode(codings, forKey: .codings)
        try container.encode(bootstrapResamples, forKey: .bootstrapResamples)
        try container.encode(disagreements.count, forKey: .disagreementCount)
    }
}
