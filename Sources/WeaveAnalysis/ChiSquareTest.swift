/// Pearson's chi-square test of independence on an r × c table, without continuity correction,
/// with Cramér's V — as `scipy.stats.chi2_contingency(table, correction=False)` and
/// `scipy.stats.contingency.association(table, method="cramer")` compute them on the table
/// without its empty rows and columns (see ``ContingencyTable/removingEmptyRowsAndColumns()``).
public struct ChiSquareTest: Sendable, Hashable {
    /// The table tested: the input without empty rows and columns.
    public let table: ContingencyTable

    /// Pearson's statistic `X² = Σ (O − E)² / E` with `E = row total × column total / n`.
    public let statistic: Double

    /// `(r − 1)(c − 1)` of the reduced table.
    public let degreesOfFreedom: Int

    /// The asymptotic p-value `P(χ²(dof) ≥ X²)`.
    public let pValue: Double

    /// Cramér's V, `√(X² / n / min(r − 1, c − 1))` of the reduced table, in `0...1`.
    public let cramersV: Double

    /// Tests a table; `nil` when fewer than two non-empty rows or columns remain (SciPy would
    /// raise for a zero expected count, or report X² = 0, p = 1 for zero degrees of freedom).
    public init?(table: ContingencyTable) {
        let reduced = table.removingEmptyRowsAndColumns()
        guard reduced.isTestable else { return nil }
        self.table = reduced
        statistic = Self.statistic(counts: reduced.counts, expected: reduced.expectedCounts)
        degreesOfFreedom = (reduced.rowCount - 1) * (reduced.columnCount - 1)
        pValue = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: degreesOfFreedom)
        let phi2 = statistic / Double(reduced.total)
        cramersV = (phi2 / Double(min(reduced.rowCount, reduced.columnCount) - 1)).squareRoot()
    }

    /// `Σ (O − E)² / E` over all cells, in row-major order.
    static func statistic(counts: [Int], expected: [Double]) -> Double {
        var sum = 0.0
        for index in counts.indices {
            let difference = Double(counts[index]) - expected[index]
            sum += difference * difference / expected[index]
        }
        return sum
    }

    /// Whether a statistic computed for another table with the same margins counts as at least
    /// the observed one: `statistic ≥ observed − (1e-7 × observed + 1e-9)`. The tolerance keeps
    /// tables whose X² equals the observed value mathematically from being lost to rounding.
    static func isAtLeast(_ statistic: Double, observed: Double) -> Bool {
        statistic >= observed - (1e-7 * observed + 1e-9)
    }
}
