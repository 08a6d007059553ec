import Testing
@testable import WeaveAnalysis

/// Bootstrap intervals of κ and α: checked for coverage on simulated coders whose true agreement is
/// known, not for exact values (which depend on the random stream).
///
/// The simulation: each toolkit truly has the code with probability `π`; each coder reports the truth
/// with probability `a` and leaves a rating out with probability `r`. Then any two ratings of a toolkit
/// agree with probability `pₒ = a² + (1 − a)²`, a rating is *present* with probability
/// `q = π a + (1 − π)(1 − a)`, and both Fleiss' κ and Krippendorff's α converge to
/// `1 − (1 − pₒ) / (2 q (1 − q))`. Pooled over codes with different `π`, `q` becomes their mean.
@Suite("Bootstrap intervals of agreement")
struct AgreementBootstrapTests {
    static func truth(accuracy a: Double, meanPresent q: Double) -> Double {
        1 - (1 - (a * a + (1 - a) * (1 - a))) / (2 * q * (1 - q))
    }

    static func simulate(units: Int, coders: Int, prevalence: Double, accuracy: Double, missing: Double,
                         generator: inout Xoshiro256StarStar) throws -> RatingMatrix {
        var values: [Int8] = []
        values.reserveCapacity(units * coders)
        for _ in 0 ..< units {
            let truth = generator.nextUniform() < prevalence
            for _ in 0 ..< coders {
                if generator.nextUniform() < missing { values.append(-1); continue }
                let correct = generator.nextUniform() < accuracy
                values.append(truth == correct ? 1 : 0)
            }
        }
        return try RatingMatrix(unitCount: units, coderCount: coders, categoryCount: 2, values: values)
    }

    @Test("binomial draws have the binomial mean and variance", arguments: [(12, 0.3), (40, 0.5), (5_000, 0.2), (200_000, 0.7), (9, 0.999)])
    func binomialMoments(_ n: Int, _ p: Double) {
        var generator = Xoshiro256StarStar(seed: 7)
        let draws = 20_000
        var sum = 0.0
        var squares = 0.0
        for _ in 0 ..< draws {
            let x = generator.nextBinomial(n: n, p: p)
            #expect(x >= 0 && x <= n)
            sum += Double(x)
            squares += Double(x) * Double(x)
        }
        let mean = sum / Double(draws)
        let variance = squares / Double(draws) - mean * mean
        let expectedVariance = Double(n) * p * (1 - p)
        // Five standard errors of the mean; the variance within 6% (its standard error here is about 1%).
        #expect(abs(mean - Double(n) * p) < 5 * (expectedVariance / Double(draws)).squareRoot(), "mean \(mean) for n \(n), p \(p)")
        #expect(abs(variance / expectedVariance - 1) < 0.06, "variance \(variance) vs \(expectedVariance)")
    }

    @Test("per-code 95% intervals cover the true κ and α about 95% of the time")
    func codeCoverage() throws {
        var generator = Xoshiro256StarStar(seed: 20_261_202)
        let (prevalence, accuracy) = (0.3, 0.85)
        let truth = Self.truth(accuracy: accuracy, meanPresent: prevalence * accuracy + (1 - prevalence) * (1 - accuracy))
        let simulations = 200
        var bootstrap = AgreementBootstrap(coderCount: 3, unitCount: 120)
        for _ in 0 ..< simulations {
            bootstrap.add(try Self.simulate(units: 120, coders: 3, prevalence: prevalence, accuracy: accuracy, missing: 0.1, generator: &generator))
        }
        let intervals = bootstrap.codeIntervals(seeds: (0 ..< simulations).map { UInt64($0) })
        let kappa = intervals.filter { $0.fleissKappa.map { $0.lower <= truth && truth <= $0.upper } ?? false }.count
        let alpha = intervals.filter { $0.krippendorffAlpha.map { $0.lower <= truth && truth <= $0.upper } ?? false }.count
        // With 200 data sets the coverage's standard error is 1.5 points: 90–99% is well inside chance.
        #expect((180 ... 198).contains(kappa), "κ intervals covered the truth \(kappa) of \(simulations) times")
        #expect((180 ... 198).contains(alpha), "α intervals covered the truth \(alpha) of \(simulations) times")
    }

    @Test("pooled intervals, resampling toolkits with all their codes, cover the pooled truth")
    func pooledCoverage() throws {
        var generator = Xoshiro256StarStar(seed: 99)
        let prevalences = [0.2, 0.35, 0.5, 0.6]
        let accuracy = 0.8
        let meanPresent = prevalences.map { $0 * accuracy + (1 - $0) * (1 - accuracy) }.reduce(0, +) / Double(prevalences.count)
        let truth = Self.truth(accuracy: accuracy, meanPresent: meanPresent)
        var covered = (kappa: 0, alpha: 0)
        let simulations = 150
        for simulation in 0 ..< simulations {
            var bootstrap = AgreementBootstrap(coderCount: 3, unitCount: 60)
            for prevalence in prevalences {
                bootstrap.add(try Self.simulate(units: 60, coders: 3, prevalence: prevalence, accuracy: accuracy, missing: 0.05, generator: &generator))
            }
            let intervals = bootstrap.pooledIntervals(resamples: 600, seed: UInt64(simulation))
            if let k = intervals.fleissKappa, k.lower <= truth, truth <= k.upper { covered.kappa += 1 }
            if let a = intervals.krippendorffAlpha, a.lower <= truth, truth <= a.upper { covered.alpha += 1 }
        }
        #expect((134 ... 149).contains(covered.kappa), "κ covered \(covered.kappa) of \(simulations)")
        #expect((134 ... 149).contains(covered.alpha), "α covered \(covered.alpha) of \(simulations)")
    }

    @Test("the same seed gives the same interval; the point estimate lies inside it")
    func reproducible() throws {
        var generator = Xoshiro256StarStar(seed: 5)
        let matrix = try Self.simulate(units: 200, coders: 4, prevalence: 0.4, accuracy: 0.9, missing: 0.2, generator: &generator)
        var bootstrap = AgreementBootstrap(coderCount: 4, unitCount: 200)
        bootstrap.add(matrix)
        let first = bootstrap.codeIntervals(seeds: [42])[0]
        #expect(first == bootstrap.codeIntervals(seeds: [42])[0])
        #expect(first != bootstrap.codeIntervals(seeds: [43])[0])
        let tally = AgreementTally(matrix)
        let kappa = try #require(first.fleissKappa)
        let alpha = try #require(first.krippendorffAlpha)
        #expect(kappa.lower < tally.fleissKappa! && tally.fleissKappa! < kappa.upper)
        #expect(alpha.lower < tally.krippendorffAlpha! && tally.krippendorffAlpha! < alpha.upper)
        #expect(kappa.definedResamples == AgreementBootstrap.defaultResamples)
        let pooled = bootstrap.pooledIntervals(seed: 42)
        #expect(pooled == bootstrap.pooledIntervals(seed: 42))
        #expect(bootstrap.ratingCount == matrix.values.filter { $0 >= 0 }.count)
    }

    @Test("a code no one found has no interval: every resample is in one category")
    func undefined() throws {
        let matrix = try RatingMatrix(unitCount: 30, coderCount: 2, categoryCount: 2, values: Array(repeating: 0, count: 60))
        var bootstrap = AgreementBootstrap(coderCount: 2, unitCount: 30)
        bootstrap.add(matrix)
        let intervals = bootstrap.codeIntervals(seeds: [1])[0]
        #expect(intervals.fleissKappa == nil && intervals.krippendorffAlpha == nil)
    }
}
