/// An r × c table of non-negative counts — for Q2/Q3, code present/absent (rows) × descriptor
/// level (columns).
public struct ContingencyTable: Sendable, Hashable {
    /// The number of rows.
    public let rowCount: Int

    /// The number of columns.
    public let columnCount: Int

    /// The counts, row-major: `counts[row * columnCount + column]`.
    public let counts: [Int]

    /// Creates a table from row-major counts.
    /// - Throws: ``ContingencyTableError`` if the shape or a count is invalid.
    public init(rowCount: Int, columnCount: Int, counts: [Int]) throws(ContingencyTableError) {
        guard rowCount >= 1, columnCount >= 1, counts.count == rowCount * columnCount else {
            throw .invalidShape(rowCount: rowCount, columnCount: columnCount, cellCount: counts.count)
        }
        if let index = counts.firstIndex(where: { $0 < 0 }) {
            throw .negativeCount(row: index / columnCount, column: index % columnCount)
        }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.counts = counts
    }

    /// Creates a table from its rows, which must all have the same, non-zero length.
    /// - Throws: ``ContingencyTableError`` if the shape or a count is invalid.
    public init(rows: [[Int]]) throws(ContingencyTableError) {
        let columns = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == columns }) else {
            throw .invalidShape(rowCount: rows.count, columnCount: columns, cellCount: rows.reduce(0) { $0 + $1.count })
        }
        try self.init(rowCount: rows.count, columnCount: columns, counts: rows.flatMap { $0 })
    }

    /// The count in one cell.
    public subscript(row: Int, column: Int) -> Int {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount, "index out of range")
        return counts[row * columnCount + column]
    }

    /// The sum of each row.
    public var rowTotals: [Int] {
        (0 ..< rowCount).map { row in counts[row * columnCount ..< (row + 1) * columnCount].reduce(0, +) }
    }

    /// The sum of each column.
    public var columnTotals: [Int] {
        var totals = Array(repeating: 0, count: columnCount)
        for (index, count) in counts.enumerated() { totals[index % columnCount] += count }
        return totals
    }

    /// The sum of all counts.
    public var total: Int { counts.reduce(0, +) }

    /// The table without rows and columns whose total is zero (levels no unit has, or a code no unit
    /// has). Every test in this module runs on this reduced table: empty rows and columns carry no
    /// information and make SciPy's `chi2_contingency` refuse the table (zero expected counts).
    /// An all-zero table reduces to itself.
    public func removingEmptyRowsAndColumns() -> ContingencyTable {
        let rowsKept = rowTotals.indices.filter { rowTotals[$0] > 0 }
        let columnTotals = self.columnTotals
        let columnsKept = columnTotals.indices.filter { columnTotals[$0] > 0 }
        guard !rowsKept.isEmpty, rowsKept.count < rowCount || columnsKept.count < columnCount else { return self }
        var kept: [Int] = []
        kept.reserveCapacity(rowsKept.count * columnsKept.count)
        for row in rowsKept { for column in columnsKept { kept.append(self[row, column]) } }
        return ContingencyTable(validatedRowCount: rowsKept.count, columnCount: columnsKept.count, counts: kept)
    }

    /// A table from counts already known to be valid (non-negative, at least 1 × 1).
    private init(validatedRowCount rowCount: Int, columnCount: Int, counts: [Int]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.counts = counts
    }

    /// Whether a test of independence is defined: after removing empty rows and columns, at least
    /// two rows and two columns remain.
    public var isTestable: Bool {
        rowTotals.lazy.filter { $0 > 0 }.count >= 2 && columnTotals.lazy.filter { $0 > 0 }.count >= 2
    }

    /// The expected counts under independence, row-major: `rowTotal × columnTotal / total`
    /// (the product formed exactly in integers, as SciPy's `expected_freq` does).
    /// All zero for an all-zero table.
    public var expectedCounts: [Double] {
        let rows = rowTotals
        let columns = columnTotals
        let n = Double(total)
        var expected: [Double] = []
        expected.reserveCapacity(counts.count)
        for r in rows {
            for c in columns { expected.append(n > 0 ? Double(r * c) / n : 0) }
        }
        return expected
    }

    /// The smallest expected count; the usual rule of thumb distrusts the chi-square approximation
    /// when it is below 5.
    public var minimumExpectedCount: Double { expectedCounts.min() ?? 0 }
}

/// A problem with the data given to ``ContingencyTable``.
public enum ContingencyTableError: Error, Sendable, Hashable {
    /// No rows, no columns, ragged rows, or a cell count that is not `rowCount × columnCount`.
    case invalidShape(rowCount: Int, columnCount: Int, cellCount: Int)
    /// A cell holds a negative count.
    case negativeCount(row: Int, column: Int)
}
