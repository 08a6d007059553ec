import Foundation

/// Seeded percentile-bootstrap 95% intervals for Fleiss' kappa and Krippendorff's alpha, per code and
/// pooled over the codebook, resampling toolkits (units) with replacement.
///
/// Per code, a unit matters only through how many coders rated it (`m`) and how many of them said
/// *present*, so a resample of the code's `N` units is drawn as multinomial counts over those few
/// kinds of unit — exactly a resample of units, at a cost independent of `N`. Pooled, a resample
/// draws `N` toolkits and sums each one's statistics over all codes, so a toolkit's codes stay
/// together. Each resample's tally gives κ and α by the same formulas as ``AgreementTally``.
///
/// Resamples in which a statistic is undefined (every rating in one category) are left out of its
/// percentiles; when more than half are undefined no interval is given. Binary ratings only.
public struct AgreementBootstrap: Sendable {
    /// The resamples Weave draws unless told otherwise.
    public static let defaultResamples = 1000

    /// A 95% percentile interval (2.5th and 97.5th percentiles, linear interpolation as NumPy's
    /// default) and how many resamples defined the statistic.
    public struct Interval: Sendable, Hashable {
        public let lower: Double
        public let upper: Double
        public let definedResamples: Int
    }

    /// The intervals of one code, or of the whole codebook.
    public struct Intervals: Sendable, Hashable {
        public var fleissKappa: Interval?
        public var krippendorffAlpha: Interval?
    }

    /// The number of coders.
    public let coderCount: Int

    /// The number of units (toolkits).
    public let unitCount: Int

    /// How many ratings (codings) the codes added hold.
    public private(set) var ratingCount = 0

    /// Statistics per unit kind, flat `[kind * width + i]`; see ``width``.
    private let kindStatistics: [Int]

    /// Per code added, units per kind (`kind = m · (coders + 1) + present`).
    public private(set) var codeKinds: [[Int]] = []

    /// Per unit, its statistics summed over the codes added, flat `[unit * width + i]`.
    private var unitStatistics: [Int]

    /// Layout of a statistics vector: units by rater count (`coders + 1`), agreeing ordered pairs by
    /// rater count (`coders + 1`), pairable totals (absent, present), complete totals (absent, present).
    private var width: Int { 2 * (coderCount + 1) + 4 }

    /// An empty bootstrap for matrices of `coderCount` coders over `unitCount` units.
    public init(coderCount: Int, unitCount: Int) {
        precondition(coderCount >= 1 && unitCount >= 0, "invalid shape")
        self.coderCount = coderCount
        self.unitCount = unitCount
        let c = coderCount
        let width = 2 * (c + 1) + 4
        var statistics = Array(repeating: 0, count: (c + 1) * (c + 1) * width)
        for m in 0 ... c {
            for present in 0 ... m {
                let absent = m - present
                let base = (m * (c + 1) + present) * width
                statistics[base + m] = 1
                if m >= 2 {
                    statistics[base + c + 1 + m] = present * (present - 1) + absent * (absent - 1)
                    statistics[base + 2 * (c + 1)] = absent
                    statistics[base + 2 * (c + 1) + 1] = present
                }
                if m == c && (m >= 2 || m == 1) {
                    statistics[base + 2 * (c + 1) + 2] = absent
                    statistics[base + 2 * (c + 1) + 3] = present
                }
            }
        }
        kindStatistics = statistics
        unitStatistics = Array(repeating: 0, count: unitCount * width)
    }

    /// Adds one code's ratings (binary, the same coders and units).
    public mutating func add(_ matrix: RatingMatrix) {
        precondition(matrix.coderCount == coderCount && matrix.unitCount == unitCount && matrix.categoryCount == 2, "incompatible matrix")
        let c = coderCount
        let width = self.width
        let unitCount = self.unitCount
        let kindStatistics = self.kindStatistics
        var kinds = Array(repeating: 0, count: (c + 1) * (c + 1))
        matrix.values.withUnsafeBufferPointer { values in
            kindStatistics.withUnsafeBufferPointer { statistics in
                unitStatistics.withUnsafeMutableBufferPointer { units in
                    for unit in 0 ..< unitCount {
                        var m = 0
                        var present = 0
                        for coder in 0 ..< c {
                            let value = values[unit * c + coder]
                            if value >= 0 { m += 1; present += Int(value) }
                        }
                        let kind = m * (c + 1) + present
                        kinds[kind] += 1
                        if m == 0 { units[unit * width] += 1; continue }
                        let from = kind * width
                        let to = unit * width
                        for i in 0 ..< width { units[to + i] &+= statistics[from + i] }
                    }
                }
            }
        }
        for m in 1 ... c { for present in 0 ... m { ratingCount += m * kinds[m * (c + 1) + present] } }
        codeKinds.append(kinds)
    }

    /// The intervals of every code added, in order; `seeds[i]` seeds code `i`'s resamples.
    public func codeIntervals(resamples: Int = defaultResamples, seeds: [UInt64]) -> [Intervals] {
        precondition(seeds.count == codeKinds.count, "one seed per code")
        var result = [Intervals](repeating: Intervals(), count: codeKinds.count)
        result.withUnsafeMutableBufferPointer { buffer in
            let slots = Slots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: codeKinds.count) { code in
                slots.buffer[code] = intervals(ofKinds: codeKinds[code], resamples: resamples, seed: seeds[code])
            }
        }
        return result
    }

    /// The intervals of the pooled, whole-codebook statistics: each resample draws `unitCount`
    /// toolkits with all their codes. Resample `r` uses its own generator, seeded from `seed` and `r`,
    /// so the result does not depend on how the work is split between cores.
    public func pooledIntervals(resamples: Int = defaultResamples, seed: UInt64) -> Intervals {
        guard unitCount > 0, resamples > 0 else { return Intervals() }
        let width = self.width
        var kappas = [Double?](repeating: nil, count: resamples)
        var alphas = [Double?](repeating: nil, count: resamples)
        let chunks = min(resamples, 8)
        kappas.withUnsafeMutableBufferPointer { kappaBuffer in
            alphas.withUnsafeMutableBufferPointer { alphaBuffer in
                let (kappaSlots, alphaSlots) = (DoubleSlots(buffer: kappaBuffer), DoubleSlots(buffer: alphaBuffer))
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var sum = Array(repeating: 0, count: width)
                    unitStatistics.withUnsafeBufferPointer { units in
                        for r in stride(from: chunk, to: resamples, by: chunks) {
                            var generator = Xoshiro256StarStar(seed: SplitMix64.deriveSeed(seed, stream: UInt64(r)))
                            for i in 0 ..< width { sum[i] = 0 }
                            for _ in 0 ..< unitCount {
                                let unit = Int(generator.next().multipliedFullWidth(by: UInt64(unitCount)).high)
                                let base = unit * width
                                for i in 0 ..< width { sum[i] &+= units[base + i] }
                            }
                            let tally = self.tally(sum)
                            kappaSlots.buffer[r] = tally.fleissKappa
                            alphaSlots.buffer[r] = tally.krippendorffAlpha
                        }
                    }
                }
            }
        }
        return Intervals(fleissKappa: Self.percentileInterval(kappas), krippendorffAlpha: Self.percentileInterval(alphas))
    }

    /// One code's intervals: each resample's unit kinds drawn as multinomial counts by conditional binomials.
    func intervals(ofKinds kinds: [Int], resamples: Int, seed: UInt64) -> Intervals {
        let total = kinds.reduce(0, +)
        guard total > 0, resamples > 0 else { return Intervals() }
        let width = self.width
        // Largest kinds last: the last kind takes what is left, so the costliest draw is never made.
        let order = kinds.indices.filter { kinds[$0] > 0 }.sorted { (kinds[$0], $0) < (kinds[$1], $1) }
        var generator = Xoshiro256StarStar(seed: seed)
        var kappas: [Double?] = []
        var alphas: [Double?] = []
        kappas.reserveCapacity(resamples)
        alphas.reserveCapacity(resamples)
        var sum = Array(repeating: 0, count: width)
        for _ in 0 ..< resamples {
            for i in 0 ..< width { sum[i] = 0 }
            var left = total
            var leftWeight = total
            for (position, kind) in order.enumerated() {
                let count = position == order.count - 1
                    ? left
                    : generator.nextBinomial(n: left, p: min(1, Double(kinds[kind]) / Double(leftWeight)))
                left -= count
                leftWeight -= kinds[kind]
                if count > 0 {
                    let base = kind * width
                    for i in 0 ..< width { sum[i] += count * kindStatistics[base + i] }
                }
            }
            let tally = self.tally(sum)
            kappas.append(tally.fleissKappa)
            alphas.append(tally.krippendorffAlpha)
        }
        return Intervals(fleissKappa: Self.percentileInterval(kappas), krippendorffAlpha: Self.percentileInterval(alphas))
    }

    private func tally(_ statistics: [Int]) -> AgreementTally {
        let c = coderCount
        return AgreementTally(coderCount: c, unitsByRaterCount: Array(statistics[0 ... c]),
                              agreeingPairsByRaterCount: Array(statistics[(c + 1) ... (2 * c + 1)]),
                              pairableCategoryTotals: Array(statistics[(2 * c + 2) ... (2 * c + 3)]),
                              completeCategoryTotals: Array(statistics[(2 * c + 4) ... (2 * c + 5)]))
    }

    /// The 2.5th and 97.5th percentiles of the defined values; `nil` when half or more are undefined.
    static func percentileInterval(_ values: [Double?]) -> Interval? {
        let defined = values.compactMap { $0 }.sorted()
        guard !defined.isEmpty, defined.count * 2 > values.count else { return nil }
        func percentile(_ q: Double) -> Double {
            let h = Double(defined.count - 1) * q
            let low = Int(h.rounded(.down))
            let high = min(low + 1, defined.count - 1)
            return defined[low] + (h - Double(low)) * (defined[high] - defined[low])
        }
        return Interval(lower: percentile(0.025), upper: percentile(0.975), definedResamples: defined.count)
    }

    /// A stable 64-bit stream number for a name (FNV-1a over its UTF-8), so a code's resamples depend
    /// on its id, not on its place in the codebook.
    public static func stream(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private struct Slots: @unchecked Sendable {
        // @unchecked: each worker writes its own index; the buffer is read after concurrentPerform returns.
        let buffer: UnsafeMutableBufferPointer<Intervals>
    }

    private struct DoubleSlots: @unchecked Sendable {
        // @unchecked: each resample index is written by one worker only; read after concurrentPerform returns.
        let buffer: UnsafeMutableBufferPointer<Double?>
    }
}
