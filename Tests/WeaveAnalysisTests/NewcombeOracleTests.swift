import Testing
import WeaveAnalysis

/// Risk-difference intervals against statsmodels'
/// `confint_proportions_2indep(compare="diff", method="newcomb")` (newcombe.json, from generate.py).
@Suite("Newcombe intervals vs oracle")
struct NewcombeOracleTests {
    struct File: Decodable, Sendable {
        struct Case: Decodable, Sendable {
            let count1: Int
            let n1: Int
            let count2: Int
            let n2: Int
            let difference: Double
            let low: Double
            let high: Double
        }
        let cases: [Case]
    }

    static let file = OracleFixtures.loadOrCrash("newcombe.json", as: File.self)

    @Test("hybrid score interval of p1 − p2", arguments: file.cases.indices)
    func interval(_ index: Int) throws {
        let item = Self.file.cases[index]
        let interval = try #require(NewcombeInterval(count1: item.count1, n1: item.n1, count2: item.count2, n2: item.n2))
        let label = "\(item.count1)/\(item.n1) − \(item.count2)/\(item.n2)"
        expectClose(interval.difference, item.difference, "difference \(label)")
        expectClose(interval.lower, item.low, "lower \(label)")
        expectClose(interval.upper, item.high, "upper \(label)")
        #expect(interval.lower <= interval.difference && interval.difference <= interval.upper)
        #expect(interval.lower >= -1 && interval.upper <= 1)
    }

    @Test("an empty group has no interval")
    func emptyGroup() {
        #expect(NewcombeInterval(count1: 0, n1: 0, count2: 3, n2: 5) == nil)
        #expect(NewcombeInterval(count1: 3, n1: 5, count2: 0, n2: 0) == nil)
    }
}
