/// A Monte Carlo p-value for Pearson's X² conditional on the table's margins — what R's
/// `chisq.test(simulate.p.value = TRUE)` does — for tables too sparse for the chi-square
/// approximation (an expected count below 5).
///
/// `samples` tables with the observed row and column totals are drawn by ``RandomTableSampler``
/// (Patefield's algorithm) with a ``Xoshiro256StarStar`` generator seeded from `seed`;
/// `p = (1 + #{simulated X² ≥ observed X²}) / (1 + samples)`, which is never 0 and is a valid
/// p-value. A simulated X² counts as "≥" within a relative tolerance of 1e-7 (plus 1e-9 absolute),
/// so tables tied with the observed one are counted. The same table, sample count and seed always
/// give the same p-value. The test runs on the table without empty rows and columns.
public struct MonteCarloChiSquareTest: Sendable, Hashable {
    /// The default number of simulated tables: a standard error of about 0.002 at p = 0.05.
    public static let defaultSamples = 10_000

    /// The table tested: the input without empty rows and columns.
    public let table: ContingencyTable

    /// The observed X².
    public let observedStatistic: Double

    /// The number of simulated tables.
    public let samples: Int

    /// How many simulated tables had X² at least the observed one.
    public let exceedances: Int

    /// The seed used.
    public let seed: UInt64

    /// `(1 + exceedances) / (1 + samples)`.
    public var pValue: Double { Double(1 + exceedances) / Double(1 + samples) }

    /// Runs the simulation; `nil` when fewer than two non-empty rows or columns remain.
    /// - Parameters:
    ///   - table: The observed table.
    ///   - samples: The number of simulated tables, at least 1.
    ///   - seed: The seed of the generator (derive one per test with ``SplitMix64/deriveSeed(_:stream:)``).
    ///   - logFactorials: A table up to at least the table's total, to share across tests; built on
    ///     demand when `nil` or too small.
    public init?(table: ContingencyTable, samples: Int = MonteCarloChiSquareTest.defaultSamples, seed: UInt64, logFactorials: LogFactorials? = nil) {
        precondition(samples >= 1, "at least one sample")
        let reduced = table.removingEmptyRowsAndColumns()
        guard reduced.isTestable else { return nil }
        let n = reduced.total
        let lf = logFactorials.flatMap { $0.limit >= n ? $0 : nil } ?? LogFactorials(upTo: n)
        let expected = reduced.expectedCounts
        let observed = ChiSquareTest.statistic(counts: reduced.counts, expected: expected)
        let sampler = RandomTableSampler(rowTotals: reduced.rowTotals, columnTotals: reduced.columnTotals, logFactorials: lf)
        var generator = Xoshiro256StarStar(seed: seed)
        var cells = Array(repeating: 0, count: reduced.counts.count)
        var remaining = Array(repeating: 0, count: reduced.columnCount)
        var exceedances = 0
        for _ in 0 ..< samples {
            sampler.sample(into: &cells, remaining: &remaining, using: &generator)
            let statistic = ChiSquareTest.statistic(counts: cells, expected: expected)
            if ChiSquareTest.isAtLeast(statistic, observed: observed) { exceedances += 1 }
        }
        self.table = reduced
        self.observedStatistic = observed
        self.samples = samples
        self.exceedances = exceedances
        self.seed = seed
    }
}
