/// The sufficient statistics of every agreement measure, gathered in one pass over a
/// ``RatingMatrix`` and held as integers, so tallies of several codes can be merged exactly
/// (in any order) to give pooled, "whole codebook" agreement.
///
/// For each unit, let `m` be the number of coders who rated it and `n_v` how many of them chose
/// category `v`. The tally keeps, per value of `m`, the number of units and the number of agreeing
/// ordered coder pairs `Σ_v n_v (n_v − 1)`; the category totals over units with `m ≥ 2`
/// (Krippendorff's pairable values) and over units rated by every coder (Fleiss); and, for every
/// pair of coders, the confusion matrix over units both rated.
///
/// Merging requires the same coders (same count, same order) and the same categories.
public struct AgreementTally: Sendable, Hashable {
    /// The number of coders (columns of the rating matrices tallied).
    public let coderCount: Int

    /// The number of categories.
    public let categoryCount: Int

    /// Index `m`: the number of units rated by exactly `m` coders (`0...coderCount`).
    public private(set) var unitsByRaterCount: [Int]

    /// Index `m`: over units rated by exactly `m` coders, the sum of agreeing ordered coder pairs
    /// `Σ_v n_v (n_v − 1)`.
    public private(set) var agreeingPairsByRaterCount: [Int]

    /// Index `v`: how many ratings are `v` among units rated by at least two coders.
    public private(set) var pairableCategoryTotals: [Int]

    /// Index `v`: how many ratings are `v` among units rated by every coder.
    public private(set) var completeCategoryTotals: [Int]

    /// For every coder pair `(a, b)` with `a < b` in ``coderPairs`` order, the `categoryCount²`
    /// confusion counts `[va * categoryCount + vb]` over units both rated.
    public private(set) var pairConfusion: [Int]

    /// An empty tally, the identity of ``merge(_:)``.
    public init(coderCount: Int, categoryCount: Int) {
        precondition(coderCount >= 1 && categoryCount >= 2, "invalid shape")
        self.coderCount = coderCount
        self.categoryCount = categoryCount
        unitsByRaterCount = Array(repeating: 0, count: coderCount + 1)
        agreeingPairsByRaterCount = Array(repeating: 0, count: coderCount + 1)
        pairableCategoryTotals = Array(repeating: 0, count: categoryCount)
        completeCategoryTotals = Array(repeating: 0, count: categoryCount)
        pairConfusion = Array(repeating: 0, count: Self.pairCount(coderCount) * categoryCount * categoryCount)
    }

    /// A tally from its unit counts and category totals alone, without pair confusions: what a
    /// bootstrap resample needs for Fleiss' kappa and Krippendorff's alpha (see ``AgreementBootstrap``).
    init(coderCount: Int, unitsByRaterCount: [Int], agreeingPairsByRaterCount: [Int], pairableCategoryTotals: [Int], completeCategoryTotals: [Int]) {
        self.init(coderCount: coderCount, categoryCount: pairableCategoryTotals.count)
        self.unitsByRaterCount = unitsByRaterCount
        self.agreeingPairsByRaterCount = agreeingPairsByRaterCount
        self.pairableCategoryTotals = pairableCategoryTotals
        self.completeCategoryTotals = completeCategoryTotals
    }

    /// Tallies one rating matrix in a single pass, allocating only the tally and one scratch
    /// buffer of `categoryCount` counters.
    public init(_ matrix: RatingMatrix) {
        self.init(coderCount: matrix.coderCount, categoryCount: matrix.categoryCount)
        let coders = matrix.coderCount
        let k = matrix.categoryCount
        var counts = Array(repeating: 0, count: k)
        matrix.values.withUnsafeBufferPointer { values in
            for unit in 0 ..< matrix.unitCount {
                let base = unit * coders
                var raters = 0
                for coder in 0 ..< coders {
                    let value = values[base + coder]
                    if value >= 0 {
                        counts[Int(value)] += 1
                        raters += 1
                    }
                }
                unitsByRaterCount[raters] += 1
                if raters >= 2 {
                    var agreeing = 0
                    for v in 0 ..< k {
                        let c = counts[v]
                        agreeing += c * (c - 1)
                        pairableCategoryTotals[v] += c
                        if raters == coders { completeCategoryTotals[v] += c }
                    }
                    agreeingPairsByRaterCount[raters] += agreeing
                    var pair = 0
                    for a in 0 ..< coders - 1 {
                        let va = values[base + a]
                        for b in a + 1 ..< coders {
                            let vb = values[base + b]
                            if va >= 0 && vb >= 0 {
                                pairConfusion[(pair * k + Int(va)) * k + Int(vb)] += 1
                            }
                            pair += 1
                        }
                    }
                } else if raters == coders {
                    // A single coder: every rated unit is "complete" (no agreement is defined).
                    for v in 0 ..< k { completeCategoryTotals[v] += counts[v] }
                }
                for v in 0 ..< k { counts[v] = 0 }
            }
        }
    }

    /// Adds another tally (same coders and categories) to this one.
    public mutating func merge(_ other: AgreementTally) {
        precondition(other.coderCount == coderCount && other.categoryCount == categoryCount, "incompatible tallies")
        for i in unitsByRaterCount.indices {
            unitsByRaterCount[i] += other.unitsByRaterCount[i]
            agreeingPairsByRaterCount[i] += other.agreeingPairsByRaterCount[i]
        }
        for v in 0 ..< categoryCount {
            pairableCategoryTotals[v] += other.pairableCategoryTotals[v]
            completeCategoryTotals[v] += other.completeCategoryTotals[v]
        }
        for i in pairConfusion.indices { pairConfusion[i] += other.pairConfusion[i] }
    }

    /// The tally of all the given tallies together (pooled over codes). Returns an empty tally of
    /// the given shape when `tallies` is empty.
    public static func pooled(_ tallies: [AgreementTally], coderCount: Int, categoryCount: Int) -> AgreementTally {
        var total = AgreementTally(coderCount: coderCount, categoryCount: categoryCount)
        for tally in tallies { total.merge(tally) }
        return total
    }

    /// The coder pairs `(a, b)`, `a < b`, in the order used by ``pairConfusion``:
    /// `(0,1), (0,2), …, (1,2), …`.
    public var coderPairs: [(a: Int, b: Int)] {
        var pairs: [(a: Int, b: Int)] = []
        pairs.reserveCapacity(Self.pairCount(coderCount))
        for a in 0 ..< coderCount { for b in a + 1 ..< coderCount { pairs.append((a, b)) } }
        return pairs
    }

    /// The number of units tallied.
    public var unitCount: Int { unitsByRaterCount.reduce(0, +) }

    /// The number of units rated by at least two coders.
    public var pairableUnitCount: Int { unitsByRaterCount.dropFirst(2).reduce(0, +) }

    /// The number of units rated by every coder.
    public var completeUnitCount: Int { unitsByRaterCount[coderCount] }

    /// The confusion matrix of one coder pair (`pair` indexes ``coderPairs``):
    /// `[va * categoryCount + vb]`.
    public func confusion(pair: Int) -> ArraySlice<Int> {
        let size = categoryCount * categoryCount
        return pairConfusion[pair * size ..< (pair + 1) * size]
    }

    static func pairCount(_ coders: Int) -> Int { coders * (coders - 1) / 2 }
}
