/// Every test of independence for one table (for Q2/Q3: code present/absent × descriptor level),
/// and the one p-value chosen for the false-discovery-rate step.
///
/// The policy, applied to the table without empty rows and columns:
/// - fewer than two non-empty rows or columns: nothing is tested (every result `nil`);
/// - Pearson's chi-square and Cramér's V are always reported;
/// - a 2 × 2 table: Fisher's exact test, whose p-value is the one used;
/// - a larger table with an expected count below ``Options/minimumExpectedCount``: the exact
///   conditional p-value of X² by enumeration when there are at most ``Options/exactTableLimit``
///   tables, else the Monte Carlo p-value; that p-value is the one used;
/// - otherwise the chi-square p-value is used.
public struct IndependenceTest: Sendable, Hashable {
    /// Which test gave ``pValue``.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Pearson's chi-square, asymptotic.
        case chiSquare
        /// Fisher's exact test (2 × 2).
        case fisherExact
        /// Exact conditional distribution of X², by enumeration.
        case exactEnumeration
        /// Monte Carlo conditional distribution of X².
        case monteCarlo
    }

    /// Settings of the policy.
    public struct Options: Sendable, Hashable {
        /// Below this smallest expected count a larger-than-2 × 2 table gets an exact or Monte
        /// Carlo p-value. Default 5.
        public var minimumExpectedCount: Double

        /// Tables with at most this many possible tables (same margins) are enumerated exactly;
        /// 0 always uses Monte Carlo. Default ``ExactChiSquareTest/defaultTableLimit``, about the
        /// work of the default Monte Carlo run, so trying enumeration first never costs much more.
        public var exactTableLimit: Int

        /// Simulated tables for the Monte Carlo p-value. Default
        /// ``MonteCarloChiSquareTest/defaultSamples``.
        public var monteCarloSamples: Int

        /// The seed of the Monte Carlo p-value of this table.
        public var seed: UInt64

        /// Options with the defaults above.
        public init(
            minimumExpectedCount: Double = 5,
            exactTableLimit: Int = ExactChiSquareTest.defaultTableLimit,
            monteCarloSamples: Int = MonteCarloChiSquareTest.defaultSamples,
            seed: UInt64 = 0
        ) {
            self.minimumExpectedCount = minimumExpectedCount
            self.exactTableLimit = exactTableLimit
            self.monteCarloSamples = monteCarloSamples
            self.seed = seed
        }
    }

    /// The table tested: the input without empty rows and columns.
    public let table: ContingencyTable

    /// Pearson's chi-square and Cramér's V; `nil` when untestable.
    public let chiSquare: ChiSquareTest?

    /// Fisher's exact test, for 2 × 2 tables only.
    public let fisher: FisherExactTest?

    /// The exact conditional test, when computed.
    public let exact: ExactChiSquareTest?

    /// The Monte Carlo test, when computed.
    public let monteCarlo: MonteCarloChiSquareTest?

    /// Which test gave ``pValue``; `nil` when untestable.
    public let method: Method?

    /// The p-value to use (for Benjamini–Hochberg); `nil` when untestable.
    public var pValue: Double? {
        switch method {
        case .chiSquare: chiSquare?.pValue
        case .fisherExact: fisher?.pValue
        case .exactEnumeration: exact?.pValue
        case .monteCarlo: monteCarlo?.pValue
        case nil: nil
        }
    }

    /// The exact or Monte Carlo p-value for a larger sparse table, whichever was computed.
    public var exactPValue: Double? { exact?.pValue ?? monteCarlo?.pValue }

    /// Applies the policy to a table.
    /// - Parameter logFactorials: A ``LogFactorials`` up to at least the table's total. Pass one
    ///   built once for the corpus when testing many tables; otherwise each exact or Monte Carlo
    ///   test builds its own.
    public init(table: ContingencyTable, options: Options = Options(), logFactorials: LogFactorials? = nil) {
        let reduced = table.removingEmptyRowsAndColumns()
        self.table = reduced
        guard let chiSquare = ChiSquareTest(table: reduced) else {
            chiSquare = nil
            fisher = nil
            exact = nil
            monteCarlo = nil
            method = nil
            return
        }
        self.chiSquare = chiSquare
        let lf = logFactorials.flatMap { $0.limit >= reduced.total ? $0 : nil }
        if reduced.rowCount == 2 && reduced.columnCount == 2 {
            fisher = FisherExactTest(table: reduced, logFactorials: lf)
            exact = nil
            monteCarlo = nil
            method = .fisherExact
        } else if reduced.minimumExpectedCount < options.minimumExpectedCount {
            fisher = nil
            let lf = lf ?? LogFactorials(upTo: reduced.total)
            if let exact = ExactChiSquareTest(table: reduced, tableLimit: options.exactTableLimit, logFactorials: lf) {
                self.exact = exact
                monteCarlo = nil
                method = .exactEnumeration
            } else {
                exact = nil
                monteCarlo = MonteCarloChiSquareTest(table: reduced, samples: options.monteCarloSamples, seed: options.seed, logFactorials: lf)
                method = .monteCarlo
            }
        } else {
            fisher = nil
            exact = nil
            monteCarlo = nil
            method = .chiSquare
        }
    }
}
