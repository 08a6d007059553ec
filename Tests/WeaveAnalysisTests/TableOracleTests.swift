import Testing
@testable import WeaveAnalysis

/// Chi-square, Cramér's V, Fisher's exact test and the exact conditional test against
/// `tables.json` (SciPy; exact p-values in rational arithmetic).
@Suite("Contingency tables vs oracle")
struct TableOracleTests {
    static let fixture = OracleFixtures.loadOrCrash("tables.json", as: OracleFixtures.TablesFile.self)

    static var exactCases: [OracleFixtures.TableCase] { fixture.tables.filter { $0.pExact != nil } }

    @Test("chi-square, dof, p-value and Cramér's V", arguments: fixture.tables)
    func chiSquare(_ item: OracleFixtures.TableCase) throws {
        let table = try ContingencyTable(rows: item.table)
        let reduced = table.removingEmptyRowsAndColumns()
        if item.chi2 != nil {
            #expect(reduced == (try ContingencyTable(rows: item.reduced)))
        }
        let test = ChiSquareTest(table: table)
        #expect((test == nil) == (item.chi2 == nil))
        #expect(table.isTestable == (item.chi2 != nil))
        guard let test else { return }
        expectClose(test.statistic, item.chi2, "X²")
        #expect(test.degreesOfFreedom == item.dof)
        expectClose(test.pValue, item.pChi2, pValue: true, "p")
        expectClose(test.cramersV, item.cramersV, "V")
        expectClose(test.table.minimumExpectedCount, item.minExpected, "minimum expected count")
    }

    @Test("Fisher's exact test (2 × 2)", arguments: fixture.tables.filter { $0.pFisher != nil })
    func fisher(_ item: OracleFixtures.TableCase) throws {
        let reduced = try ContingencyTable(rows: item.reduced)
        let test = try #require(FisherExactTest(table: reduced))
        expectClose(test.pValue, item.pFisher, pValue: true, "SciPy p")
        expectClose(test.pValue, item.pFisherExactArithmetic, pValue: true, "exact-arithmetic p")
        switch item.oddsRatio {
        case .finite(let value)?: expectClose(test.oddsRatio, value, "odds ratio")
        case .infinity?: #expect(test.oddsRatio == .infinity)
        case nil: #expect(test.oddsRatio == nil || test.oddsRatio == .infinity)
        }
    }

    @Test("exact conditional X² p-value by enumeration", arguments: exactCases)
    func exact(_ item: OracleFixtures.TableCase) throws {
        let table = try ContingencyTable(rows: item.table)
        let test = try #require(ExactChiSquareTest(table: table, tableLimit: 1_000_000))
        expectClose(test.pValue, item.pExact, pValue: true, "exact p")
        #expect(test.tableCount == item.tableCount)
        expectClose(test.observedStatistic, item.chi2, "X²")
        // Too small a budget gives up rather than returning a partial sum.
        if let count = item.tableCount, count > 1 {
            #expect(ExactChiSquareTest(table: table, tableLimit: count - 1) == nil)
        }
    }

    @Test("the independence-test policy picks the documented p-value", arguments: fixture.tables)
    func policy(_ item: OracleFixtures.TableCase) throws {
        let table = try ContingencyTable(rows: item.table)
        let test = IndependenceTest(table: table, options: .init(seed: 7))
        guard item.chi2 != nil else {
            #expect(test.method == nil && test.pValue == nil && test.chiSquare == nil)
            return
        }
        expectClose(test.chiSquare?.statistic, item.chi2, "X²")
        if item.pFisher != nil {
            #expect(test.method == .fisherExact)
            expectClose(test.pValue, item.pFisher, pValue: true, "p used")
            #expect(test.exactPValue == nil)
        } else if let minimum = item.minExpected, minimum < 5 {
            #expect(test.method == .exactEnumeration || test.method == .monteCarlo)
            if let pExact = item.pExact, let count = item.tableCount, count <= ExactChiSquareTest.defaultTableLimit {
                #expect(test.method == .exactEnumeration)
                expectClose(test.pValue, pExact, pValue: true, "p used")
            }
            #expect(test.exactPValue == test.pValue)
        } else {
            #expect(test.method == .chiSquare)
            expectClose(test.pValue, item.pChi2, pValue: true, "p used")
        }
    }
}
