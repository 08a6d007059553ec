import Testing
import WeaveAnalysis

/// Input validation of the compact data types.
@Suite("Validation")
struct ValidationTests {
    @Test func ratingMatrixRejectsBadInput() {
        #expect(throws: RatingMatrixError.invalidShape(unitCount: 2, coderCount: 0, categoryCount: 2)) {
            try RatingMatrix(unitCount: 2, coderCount: 0)
        }
        #expect(throws: RatingMatrixError.invalidShape(unitCount: 1, coderCount: 1, categoryCount: 1)) {
            try RatingMatrix(unitCount: 1, coderCount: 1, categoryCount: 1)
        }
        #expect(throws: RatingMatrixError.wrongValueCount(expected: 4, actual: 3)) {
            try RatingMatrix(unitCount: 2, coderCount: 2, values: [0, 1, 0])
        }
        #expect(throws: RatingMatrixError.invalidValue(unit: 1, coder: 0, value: 2)) {
            try RatingMatrix(unitCount: 2, coderCount: 2, values: [0, 1, 2, 1])
        }
        #expect(throws: RatingMatrixError.invalidValue(unit: 0, coder: 1, value: -2)) {
            try RatingMatrix(unitCount: 1, coderCount: 2, values: [0, -2])
        }
    }

    @Test func ratingMatrixStorage() throws {
        var matrix = try RatingMatrix(unitCount: 2, coderCount: 3)
        #expect(matrix.values == Array(repeating: -1, count: 6))
        matrix[1, 2] = 1
        #expect(matrix[1, 2] == 1)
        #expect(matrix.values == [-1, -1, -1, -1, -1, 1])
        #expect(Array(matrix.ratings(ofUnit: 1)) == [-1, -1, 1])
    }

    @Test func contingencyTableRejectsBadInput() {
        #expect(throws: ContingencyTableError.negativeCount(row: 1, column: 0)) {
            try ContingencyTable(rows: [[1, 2], [-1, 3]])
        }
        #expect(throws: ContingencyTableError.invalidShape(rowCount: 2, columnCount: 2, cellCount: 3)) {
            try ContingencyTable(rows: [[1, 2], [3]])
        }
        #expect(throws: ContingencyTableError.invalidShape(rowCount: 0, columnCount: 0, cellCount: 0)) {
            try ContingencyTable(rows: [])
        }
    }

    @Test func contingencyTableMargins() throws {
        let table = try ContingencyTable(rows: [[5, 0, 3], [7, 0, 9]])
        #expect(table.rowTotals == [8, 16])
        #expect(table.columnTotals == [12, 0, 12])
        #expect(table.total == 24)
        #expect(table.removingEmptyRowsAndColumns() == (try ContingencyTable(rows: [[5, 3], [7, 9]])))
        #expect(table.isTestable)
        #expect(!(try ContingencyTable(rows: [[0, 0, 0], [1, 2, 3]])).isTestable)
        #expect(!(try ContingencyTable(rows: [[0, 0], [0, 0]])).isTestable)
        #expect(table.removingEmptyRowsAndColumns().expectedCounts == [4, 4, 8, 8])
    }
}
