import Testing
import WeaveAnalysis

/// Wilson intervals against statsmodels and q-values against `multipletests(method="fdr_bh")`.
@Suite("Q1 proportions and Benjamini–Hochberg vs oracle")
struct ProportionOracleTests {
    static let wilson = OracleFixtures.loadOrCrash("wilson.json", as: OracleFixtures.WilsonFile.self)
    static let bh = OracleFixtures.loadOrCrash("bh.json", as: OracleFixtures.BHFile.self)

    @Test("the 95% critical value is SciPy's")
    func criticalValue() {
        #expect(WilsonInterval.z95 == Self.wilson.z)
    }

    @Test("Wilson interval", arguments: wilson.cases.indices)
    func wilsonInterval(_ index: Int) throws {
        let item = Self.wilson.cases[index]
        let interval = try #require(WilsonInterval(count: item.count, n: item.n))
        expectClose(interval.lower, item.low, "lower \(item.count)/\(item.n)")
        expectClose(interval.upper, item.high, "upper \(item.count)/\(item.n)")
        let estimate = ProportionEstimate(count: item.count, n: item.n)
        #expect(estimate.interval == interval)
        #expect(estimate.share == Double(item.count) / Double(item.n))
    }

    @Test("Benjamini–Hochberg q-values", arguments: bh.families.indices)
    func qValues(_ index: Int) {
        let family = Self.bh.families[index]
        let q = BenjaminiHochberg.qValues(family.p)
        #expect(q.count == family.q.count)
        for (got, want) in zip(q, family.q) { expectClose(got, want, pValue: true, "q") }
    }

    @Test("untested entries stay nil and do not count towards m", arguments: bh.families.indices)
    func qValuesWithGaps(_ index: Int) {
        let family = Self.bh.families[index]
        var withGaps: [Double?] = []
        for p in family.p {
            withGaps.append(nil)
            withGaps.append(p)
        }
        let q = BenjaminiHochberg.qValues(withGaps)
        #expect(q.enumerated().allSatisfy { $0.offset.isMultiple(of: 2) == ($0.element == nil) })
        for (got, want) in zip(q.compactMap { $0 }, family.q) { expectClose(got, want, pValue: true, "q") }
    }
}
