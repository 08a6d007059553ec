import Foundation
import Testing
import WeaveAnalysis

/// The incomplete gamma function and chi-square tail against SciPy, down to p-values near 1e-300.
@Suite("Special functions vs oracle")
struct SpecialFunctionOracleTests {
    static let fixture = OracleFixtures.loadOrCrash("special.json", as: OracleFixtures.SpecialFile.self)

    @Test("chi2.sf")
    func chiSquareSurvival() {
        #expect(Self.fixture.chi2Sf.count > 200)
        for item in Self.fixture.chi2Sf {
            expectClose(SpecialFunctions.chiSquareSurvival(item.x, degreesOfFreedom: item.dof), item.sf, pValue: true,
                        "chi2.sf(\(item.x), \(item.dof))")
        }
    }

    @Test("gammaincc and gammainc")
    func incompleteGamma() {
        for item in Self.fixture.gammaincc {
            expectClose(SpecialFunctions.regularizedGammaQ(item.a, item.x), item.q, pValue: true, "Q(\(item.a), \(item.x))")
            expectClose(SpecialFunctions.regularizedGammaP(item.a, item.x), item.p, pValue: true, "P(\(item.a), \(item.x))")
        }
    }

    /// Closed forms: χ²(2) has survival `e^{−x/2}`; χ²(1) has `erfc(√(x/2))`. Both stay accurate far
    /// into the tail, where `1 − cdf` would be 0.
    @Test("closed forms for 1 and 2 degrees of freedom, including far tails")
    func closedForms() {
        for x in [0.001, 0.5, 3.841458820694124, 10, 140, 400, 1000, 1400] {
            expectClose(SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: 2), exp(-x / 2), pValue: true, "dof 2, x \(x)")
            expectClose(SpecialFunctions.chiSquareSurvival(x, degreesOfFreedom: 1), erfc((x / 2).squareRoot()), pValue: true, "dof 1, x \(x)")
        }
        // The 95% critical value of χ²(1) is z95² = 3.8414588…, so its tail is 0.05.
        expectClose(SpecialFunctions.chiSquareSurvival(WilsonInterval.z95 * WilsonInterval.z95, degreesOfFreedom: 1), 0.05, pValue: true)
        #expect(SpecialFunctions.chiSquareSurvival(0, degreesOfFreedom: 3) == 1)
    }
}
