import Testing
@testable import WeaveAnalysis

/// The Monte Carlo p-value and the table sampler behind it: reproducible, and close to the exact
/// answer (statistical closeness, not 1e-9).
@Suite("Monte Carlo")
struct MonteCarloTests {
    static let distributions = OracleFixtures.loadOrCrash("distribution.json", as: OracleFixtures.DistributionFile.self)

    @Test("same table, samples and seed give the same p-value")
    func reproducible() throws {
        let table = try ContingencyTable(rows: [[6, 0, 0], [0, 5, 1], [0, 1, 4]])
        let first = try #require(MonteCarloChiSquareTest(table: table, samples: 3000, seed: 42))
        let second = try #require(MonteCarloChiSquareTest(table: table, samples: 3000, seed: 42))
        #expect(first == second)
        let other = try #require(MonteCarloChiSquareTest(table: table, samples: 3000, seed: 43))
        #expect(other.seed == 43)
        #expect(first.pValue == Double(1 + first.exceedances) / 3001)
    }

    /// A regression pin, not an oracle: if this changes, the generator, the sampler or the
    /// tie rule changed and every published Monte Carlo p-value would change with it.
    @Test("pinned result for a fixed seed")
    func pinned() throws {
        let table = try ContingencyTable(rows: [[2, 3, 5, 2], [1, 1, 4, 2]])
        let test = try #require(MonteCarloChiSquareTest(table: table, samples: 2000, seed: 2024))
        #expect(test.exceedances == MonteCarloTests.pinnedExceedances)
    }

    static let pinnedExceedances = 1847

    @Test("close to the exact conditional p-value", arguments: TableOracleTests.exactCases)
    func closeToExact(_ item: OracleFixtures.TableCase) throws {
        let samples = 20_000
        let table = try ContingencyTable(rows: item.table)
        let seed = SplitMix64.deriveSeed(99, stream: UInt64(item.table.flatMap { $0 }.reduce(0, +)))
        let test = try #require(MonteCarloChiSquareTest(table: table, samples: samples, seed: seed))
        let exact = try #require(item.pExact)
        // Four standard errors plus the (1 + x)/(1 + B) bias.
        let tolerance = 4 * (exact * (1 - exact) / Double(samples)).squareRoot() + 2 / Double(samples)
        #expect(abs(test.pValue - exact) <= tolerance, "\(test.pValue) vs exact \(exact)")
    }

    @Test("sampled tables follow the exact multiple hypergeometric distribution", arguments: 0 ..< 3)
    func samplerDistribution(_ index: Int) {
        let margins = Self.distributions.margins[index]
        let draws = 40_000
        let total = margins.rowTotals.reduce(0, +)
        let sampler = RandomTableSampler(rowTotals: margins.rowTotals, columnTotals: margins.columnTotals, logFactorials: LogFactorials(upTo: total))
        var generator = Xoshiro256StarStar(seed: 5 + UInt64(index))
        var cells = Array(repeating: 0, count: margins.rowTotals.count * margins.columnTotals.count)
        var remaining = Array(repeating: 0, count: margins.columnTotals.count)
        var frequencies: [[Int]: Int] = [:]
        for _ in 0 ..< draws {
            sampler.sample(into: &cells, remaining: &remaining, using: &generator)
            frequencies[cells, default: 0] += 1
        }
        let known = Set(margins.tables.map(\.cells))
        #expect(Set(frequencies.keys).isSubset(of: known), "sampled a table with the wrong margins")
        var statistic = 0.0
        for table in margins.tables {
            let expected = table.probability * Double(draws)
            let observed = Double(frequencies[table.cells, default: 0])
            #expect(abs(observed - expected) <= 5 * (expected * (1 - table.probability)).squareRoot() + 3,
                    "table \(table.cells): \(observed) vs \(expected)")
            statistic += (observed - expected) * (observed - expected) / expected
        }
        // Goodness of fit: X² has mean (tables − 1); allow a generous margin.
        let degrees = Double(margins.tables.count - 1)
        #expect(statistic < degrees + 6 * (2 * degrees).squareRoot(), "goodness-of-fit X² \(statistic) on \(degrees) dof")
    }

    @Test("the policy falls back to Monte Carlo when there are too many tables")
    func fallback() throws {
        let table = try ContingencyTable(rows: [[1, 2, 0, 9, 1], [30, 12, 4, 2, 40]])
        let options = IndependenceTest.Options(exactTableLimit: 10, monteCarloSamples: 500, seed: 3)
        let test = IndependenceTest(table: table, options: options)
        #expect(test.method == .monteCarlo)
        #expect(test.monteCarlo?.samples == 500)
        #expect(test.monteCarlo?.seed == 3)
        #expect(test.pValue == test.monteCarlo?.pValue)
        #expect(test.fisher == nil && test.exact == nil)
    }
}

/// Sharing one log-factorial table across tests changes nothing.
@Suite("Shared log factorials")
struct SharedLogFactorialTests {
    @Test func sharedTableGivesSameResults() throws {
        let shared = LogFactorials(upTo: 500)
        for rows in [[[3, 1], [1, 3]], [[2, 0, 2, 0], [0, 2, 0, 2]], [[1, 2, 0, 9, 1], [30, 12, 4, 2, 40]]] {
            let table = try ContingencyTable(rows: rows)
            let options = IndependenceTest.Options(exactTableLimit: 50, monteCarloSamples: 300, seed: 11)
            #expect(IndependenceTest(table: table, options: options, logFactorials: shared)
                == IndependenceTest(table: table, options: options))
        }
        // A table too small for the data is ignored rather than trusted.
        let big = try ContingencyTable(rows: [[300, 10], [12, 280]])
        #expect(FisherExactTest(table: big, logFactorials: LogFactorials(upTo: 10)) == FisherExactTest(table: big))
    }

    @Test func exactTableLimitZeroAlwaysSimulates() throws {
        let table = try ContingencyTable(rows: [[2, 0, 2, 0], [0, 2, 0, 2]])
        let test = IndependenceTest(table: table, options: .init(exactTableLimit: 0, monteCarloSamples: 200, seed: 1))
        #expect(test.method == .monteCarlo)
        #expect(test.exactPValue == test.monteCarlo?.pValue)
    }
}
