import Foundation
import Testing
import WeaveAnalysis

/// Hand-checked examples; the arithmetic is in the comments.
@Suite("Textbook examples")
struct TextbookTests {
    /// Cohen's kappa, Wikipedia's example: 50 grant proposals; both "yes" 20, A yes/B no 5,
    /// A no/B yes 10, both "no" 15. p_o = 35/50 = 0.7. A says yes 25/50 = 0.5, B 30/50 = 0.6, so
    /// p_e = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    @Test func cohenKappaWikipedia() {
        // Confusion [A][B] with category 1 = yes: [[no/no, no/yes], [yes/no, yes/yes]].
        let pair = PairAgreement(coderA: 0, coderB: 1, confusion: [15, 10, 5, 20], categoryCount: 2)
        #expect(pair.unitCount == 50)
        expectClose(pair.percentAgreement, 0.7)
        expectClose(pair.cohenKappa, 0.4)
    }

    /// Both coders always "absent": observed agreement 1 but chance agreement is also 1, so kappa is
    /// 0/0 — nil (sklearn: NaN). Percent agreement is still 1.
    @Test func cohenKappaUndefined() {
        let pair = PairAgreement(ratingsA: [0, 0, 0, -1], ratingsB: [0, 0, 0, 1])
        #expect(pair.unitCount == 3)
        #expect(pair.percentAgreement == 1)
        #expect(pair.cohenKappa == nil)
        let none = PairAgreement(ratingsA: [1, -1], ratingsB: [-1, 0])
        #expect(none.unitCount == 0 && none.percentAgreement == nil && none.cohenKappa == nil)
    }

    /// Fleiss' kappa, Wikipedia's example: 10 subjects, 14 raters, 5 categories.
    /// P̄ = Σ_i (Σ_j n_ij² − 14)/(14·13) / 10 = 172/455 ≈ 0.378;
    /// p_j = (1/7, 1/5, 39/140, 3/20, 8/35), P̄e = Σ p_j² = 417/1960 ≈ 0.213;
    /// κ = (P̄ − P̄e)/(1 − P̄e) = 4211/20059 ≈ 0.20993.
    @Test func fleissKappaWikipedia() throws {
        let counts = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        // Give the j-th category to the next n_ij raters; which rater says what does not matter.
        let units: [[Int8?]] = counts.map { row in
            row.enumerated().flatMap { category, n in Array(repeating: Int8(category), count: n) }
        }
        let matrix = try RatingMatrix(units: units, coderCount: 14, categoryCount: 5)
        expectClose(AgreementTally(matrix).fleissKappa, 4211.0 / 20059.0)
    }

    /// Krippendorff's alpha, nominal, from Krippendorff (2011) "Computing Krippendorff's
    /// alpha-reliability": 4 observers, 12 units, values 1–5, missing data. Unit 12 has one value
    /// and is not pairable; the 40 pairable values are n = (9, 13, 10, 5, 3) for 1…5.
    /// D_o: units 6 (values 1,2,3,4: (16−4)/3 = 4), 2 (2,2,3,2... (16−10)/3 = 2) and 8 (1,1,2,1:
    /// (16−10)/3 = 2) disagree; the rest agree; D_o total = 8.
    /// α = 1 − (n − 1) D_o/(n² − Σ n_v²) = 1 − 39·8/(1600 − 384) = 1 − 312/1216 = 113/152 ≈ 0.7434.
    @Test func krippendorffAlphaPaper() throws {
        let observers: [[Int8?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        // Units in rows, values 1…5 as categories 0…4.
        let units = (0 ..< 12).map { unit in observers.map { $0[unit].map { $0 - 1 } } }
        let tally = AgreementTally(try RatingMatrix(units: units, coderCount: 4, categoryCount: 5))
        expectClose(tally.krippendorffAlpha, 113.0 / 152.0)
        #expect(tally.pairableUnitCount == 11)
    }

    /// Percent agreement as defined: a unit rated 1, 1, 0 has 1 agreeing pair of 3 (1/3); a unit rated
    /// 1, 1, missing has 1 of 1; a unit with one rating is ignored. Mean = (1/3 + 1)/2 = 2/3.
    @Test func percentAgreementDefinition() throws {
        let matrix = try RatingMatrix(units: [[1, 1, 0], [1, 1, nil], [0, nil, nil]], coderCount: 3)
        expectClose(AgreementTally(matrix).percentAgreement, 2.0 / 3.0)
    }

    /// Pearson's chi-square: [[20, 30], [30, 20]] has every expected count 25, so
    /// X² = 4 · 5²/25 = 4 on 1 dof, p = erfc(√2) ≈ 0.0455, V = √(4/100) = 0.2.
    @Test func chiSquareByHand() throws {
        let test = try #require(ChiSquareTest(table: try ContingencyTable(rows: [[20, 30], [30, 20]])))
        expectClose(test.statistic, 4)
        #expect(test.degreesOfFreedom == 1)
        expectClose(test.pValue, erfc(2.0.squareRoot()), pValue: true)
        expectClose(test.cramersV, 0.2)
    }

    /// Fisher's lady tasting tea: [[3, 1], [1, 3]]. With 4 of 8 cups chosen, P(x right) =
    /// C(4,x)C(4,4−x)/70 = (1, 16, 36, 16, 1)/70. Observed x = 3 (16/70); two-sided sums outcomes no
    /// more probable: x = 0, 1, 3, 4 → 34/70 ≈ 0.486. Odds ratio 3·3/(1·1) = 9.
    /// X² is a function of |x − 2| for these margins, so the exact X² test gives the same 34/70.
    @Test func ladyTastingTea() throws {
        let table = try ContingencyTable(rows: [[3, 1], [1, 3]])
        let fisher = try #require(FisherExactTest(table: table))
        expectClose(fisher.pValue, 34.0 / 70.0, pValue: true)
        #expect(fisher.oddsRatio == 9)
        let exact = try #require(ExactChiSquareTest(table: table))
        expectClose(exact.pValue, 34.0 / 70.0, pValue: true)
        #expect(exact.tableCount == 5)
        // The most probable table (x = 2) has p = 1.
        #expect(FisherExactTest(table: try ContingencyTable(rows: [[2, 2], [2, 2]]))?.pValue == 1)
        // Not 2 × 2: no Fisher test.
        #expect(FisherExactTest(table: try ContingencyTable(rows: [[1, 2, 3], [3, 2, 1]])) == nil)
    }

    /// Wilson interval for 0 of 10: p̂ = 0, so centre = half-width = (z²/20)/(1 + z²/10) and the
    /// interval is [0, z²/(10 + z²)] = [0, 3.8415/13.8415] ≈ [0, 0.27753].
    @Test func wilsonZeroSuccesses() throws {
        let interval = try #require(WilsonInterval(count: 0, n: 10))
        let z2 = WilsonInterval.z95 * WilsonInterval.z95
        #expect(abs(interval.lower) < 1e-15)
        expectClose(interval.upper, z2 / (10 + z2))
        #expect(WilsonInterval(count: 0, n: 0) == nil)
        #expect(ProportionEstimate(values: [1, 0, -1, 1]) == ProportionEstimate(count: 2, n: 3))
        #expect(ProportionEstimate(count: 0, n: 0).share == nil)
    }

    /// Benjamini–Hochberg: p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005·4/1 = 0.02,
    /// 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04; running minimum from the top changes
    /// nothing, so q = (0.02, 0.04, 0.04, 0.02) in input order.
    @Test func benjaminiHochbergByHand() {
        let q = BenjaminiHochberg.qValues([0.01, 0.04, 0.03, 0.005])
        for (got, want) in zip(q, [0.02, 0.04, 0.04, 0.02]) { expectClose(got, want) }
        #expect(BenjaminiHochberg.qValues([Double]()) == [])
    }
}
