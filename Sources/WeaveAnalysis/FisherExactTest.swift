import Foundation

/// Fisher's exact test of independence for a 2 × 2 table, two-sided, as
/// `scipy.stats.fisher_exact(table, alternative="two-sided")` computes it.
///
/// Conditional on the margins, the top-left count follows a hypergeometric distribution; the
/// p-value sums the probabilities of every table no more probable than the observed one. Tables
/// whose probability is within a relative `1e-7` of the observed one count as "equally probable"
/// (R's `fisher.test` tolerance; SciPy uses `1e-14` on its own rounding — the two agree except
/// for tables whose probabilities differ by between 1e-14 and 1e-7 relative, which do not arise in
/// practice). When a row or column total is zero the p-value is 1 and the odds ratio undefined, as
/// in SciPy.
public struct FisherExactTest: Sendable, Hashable {
    /// The two-sided p-value, in `0...1`.
    public let pValue: Double

    /// The sample odds ratio `a d / (b c)`: `.infinity` when `b c = 0 < a d`; `nil` (SciPy: NaN)
    /// when a row or column total is zero, or when `a d = b c = 0` with all margins non-zero
    /// (SciPy returns `inf` there; the ratio is 0/0).
    public let oddsRatio: Double?

    /// The relative tolerance within which another table counts as equally probable.
    public static let relativeTolerance = 1e-7

    /// Tests a 2 × 2 table; `nil` if the table is not 2 × 2.
    ///
    /// - Parameter logFactorials: A table up to at least the table's total, to reuse across many
    ///   tests; built on demand when `nil` or too small.
    public init?(table: ContingencyTable, logFactorials: LogFactorials? = nil) {
        guard table.rowCount == 2, table.columnCount == 2 else { return nil }
        let a = table[0, 0], b = table[0, 1], c = table[1, 0], d = table[1, 1]
        let row1 = a + b, row2 = c + d, column1 = a + c, column2 = b + d
        guard row1 > 0, row2 > 0, column1 > 0, column2 > 0 else {
            pValue = 1
            oddsRatio = nil
            return
        }
        if b * c > 0 {
            oddsRatio = Double(a * d) / Double(b * c)
        } else {
            oddsRatio = a * d > 0 ? .infinity : nil
        }
        let n = row1 + row2
        let lf = logFactorials.flatMap { $0.limit >= n ? $0 : nil } ?? LogFactorials(upTo: n)
        pValue = Self.twoSidedPValue(x: a, population: n, successes: row1, draws: column1, logFactorials: lf)
    }

    /// The two-sided p-value for an observed count `x` of a hypergeometric distribution: the total
    /// probability of every outcome whose probability is at most the observed one's (within
    /// ``relativeTolerance``).
    static func twoSidedPValue(x: Int, population: Int, successes: Int, draws: Int, logFactorials lf: LogFactorials) -> Double {
        let lower = max(0, draws - (population - successes))
        let upper = min(draws, successes)
        func logP(_ k: Int) -> Double {
            lf.logHypergeometric(k, population: population, successes: successes, draws: draws)
        }
        let mode = min(max((draws + 1) * (successes + 1) / (population + 2), lower), upper)
        let threshold = logP(x) + log1p(relativeTolerance)
        if logP(mode) <= threshold { return 1 }
        // The pmf is unimodal (log-concave): the outcomes to add form the two tails. Find where
        // each tail begins, then sum each tail outward from there.
        var total = 0.0
        if x < mode {
            total += tailSum(from: x, to: lower, logP)
            // First outcome above the mode whose probability is at most the threshold.
            if let start = firstAtMost(threshold, from: mode + 1, to: upper, increasing: true, logP) {
                total += tailSum(from: start, to: upper, logP)
            }
        } else {
            total += tailSum(from: x, to: upper, logP)
            if let start = firstAtMost(threshold, from: mode - 1, to: lower, increasing: false, logP) {
                total += tailSum(from: start, to: lower, logP)
            }
        }
        return min(total, 1)
    }

    /// The outcome closest to the mode, searching from `start` towards `end` (where the pmf
    /// decreases), whose log-probability is at most `threshold`; `nil` if none is.
    private static func firstAtMost(_ threshold: Double, from start: Int, to end: Int, increasing: Bool, _ logP: (Int) -> Double) -> Int? {
        if increasing ? start > end : start < end { return nil }
        if logP(end) > threshold { return nil }
        // Invariant: logP(near) > threshold or near == start − step; logP(far) <= threshold.
        var near = increasing ? start - 1 : start + 1
        var far = end
        while abs(far - near) > 1 {
            let mid = (near + far) / 2
            if logP(mid) <= threshold { far = mid } else { near = mid }
        }
        return far
    }

    /// The sum of the probabilities from `start` outward to `end` (inclusive), where they decrease.
    /// Because the pmf is log-concave the ratio of successive terms keeps shrinking, so once the
    /// geometric bound on the rest falls below 1e-17 of the sum the loop stops.
    private static func tailSum(from start: Int, to end: Int, _ logP: (Int) -> Double) -> Double {
        let step = start <= end ? 1 : -1
        var k = start
        var previous = exp(logP(k))
        var sum = previous
        while k != end {
            k += step
            let term = exp(logP(k))
            sum += term
            if term == 0 { break }
            let ratio = term / previous
            if ratio < 1 && term * ratio / (1 - ratio) < sum * 1e-17 { break }
            previous = term
        }
        return sum
    }
}
