import Foundation

/// The exact p-value of Pearson's X² conditional on the table's margins: the total probability,
/// under independence (multiple hypergeometric, `Π r_i! Π c_j! / (n! Π n_ij!)`), of every table
/// with the observed margins whose X² is at least the observed one (within the tolerance described
/// at ``MonteCarloChiSquareTest``). Enumerates every such table, so it is only for small tables;
/// the test runs on the table without empty rows and columns.
public struct ExactChiSquareTest: Sendable, Hashable {
    /// The default cap on the number of tables enumerated.
    public static let defaultTableLimit = 10_000

    /// The table tested: the input without empty rows and columns.
    public let table: ContingencyTable

    /// The observed X².
    public let observedStatistic: Double

    /// The exact p-value, in `0...1`.
    public let pValue: Double

    /// The number of tables with the observed margins.
    public let tableCount: Int

    /// Enumerates the tables; `nil` when fewer than two non-empty rows or columns remain, or when
    /// there are more than `tableLimit` tables (use ``MonteCarloChiSquareTest`` then).
    public init?(table: ContingencyTable, tableLimit: Int = ExactChiSquareTest.defaultTableLimit, logFactorials: LogFactorials? = nil) {
        let reduced = table.removingEmptyRowsAndColumns()
        guard reduced.isTestable else { return nil }
        let n = reduced.total
        let lf = logFactorials.flatMap { $0.limit >= n ? $0 : nil } ?? LogFactorials(upTo: n)
        let expected = reduced.expectedCounts
        let observed = ChiSquareTest.statistic(counts: reduced.counts, expected: expected)
        // ln(Π r_i! Π c_j! / n!), the numerator every table's probability shares.
        let constant = reduced.rowTotals.reduce(0) { $0 + lf[$1] } + reduced.columnTotals.reduce(0) { $0 + lf[$1] } - lf[n]
        var enumerator = Enumerator(
            rows: reduced.rowCount, columns: reduced.columnCount, rowTotals: reduced.rowTotals,
            remaining: reduced.columnTotals, expected: expected, logFactorials: lf, observed: observed,
            limit: tableLimit, constant: constant
        )
        guard enumerator.run() else { return nil }
        self.table = reduced
        observedStatistic = observed
        pValue = min(enumerator.pValue, 1)
        tableCount = enumerator.tables
    }

    /// Depth-first enumeration of the tables, cell by cell in row-major order; the last column of
    /// each row and the whole last row follow from the margins.
    private struct Enumerator {
        let rows: Int
        let columns: Int
        let rowTotals: [Int]
        var remaining: [Int]
        let expected: [Double]
        let logFactorials: LogFactorials
        let observed: Double
        let limit: Int
        let constant: Double
        var tables = 0
        var pValue = 0.0
        var exceeded = false

        init(rows: Int, columns: Int, rowTotals: [Int], remaining: [Int], expected: [Double],
             logFactorials: LogFactorials, observed: Double, limit: Int, constant: Double) {
            self.rows = rows
            self.columns = columns
            self.rowTotals = rowTotals
            self.remaining = remaining
            self.expected = expected
            self.logFactorials = logFactorials
            self.observed = observed
            self.limit = limit
            self.constant = constant
        }

        mutating func run() -> Bool {
            visit(row: 0, column: 0, rowLeft: rowTotals[0], logDenominator: 0, statistic: 0)
            return !exceeded
        }

        private func term(_ count: Int, _ index: Int) -> Double {
            let difference = Double(count) - expected[index]
            return difference * difference / expected[index]
        }

        private mutating func visit(row: Int, column: Int, rowLeft: Int, logDenominator: Double, statistic: Double) {
            if exceeded { return }
            if row == rows - 1 {
                // The last row is what the columns still need.
                var logDenominator = logDenominator
                var statistic = statistic
                for j in 0 ..< columns {
                    logDenominator += logFactorials[remaining[j]]
                    statistic += term(remaining[j], row * columns + j)
                }
                tables += 1
                if tables > limit {
                    exceeded = true
                    return
                }
                if ChiSquareTest.isAtLeast(statistic, observed: observed) {
                    pValue += exp(constant - logDenominator)
                }
                return
            }
            if column == columns - 1 {
                // The last cell of the row takes what is left of the row.
                guard rowLeft <= remaining[column] else { return }
                remaining[column] -= rowLeft
                visit(row: row + 1, column: 0, rowLeft: rowTotals[row + 1],
                      logDenominator: logDenominator + logFactorials[rowLeft],
                      statistic: statistic + term(rowLeft, row * columns + column))
                remaining[column] += rowLeft
                return
            }
            var later = 0
            for j in column + 1 ..< columns { later += remaining[j] }
            let low = max(0, rowLeft - later)
            let high = min(rowLeft, remaining[column])
            if low > high { return }
            for count in low ... high {
                remaining[column] -= count
                visit(row: row, column: column + 1, rowLeft: rowLeft - count,
                      logDenominator: logDenominator + logFactorials[count],
                      statistic: statistic + term(count, row * columns + column))
                remaining[column] += count
                if exceeded { return }
            }
        }
    }
}
