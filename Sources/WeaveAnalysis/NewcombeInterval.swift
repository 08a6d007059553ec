/// The 95% interval of a difference of two independent proportions `p₁ − p₂` by Newcombe's hybrid
/// score method (Newcombe 1998, method 10), as
/// `statsmodels.stats.proportion.confint_proportions_2indep(count1, nobs1, count2, nobs2,
/// compare="diff", method="newcomb")` computes it.
///
/// From the Wilson intervals `(l₁, u₁)` of `p₁` and `(l₂, u₂)` of `p₂`, with `d = p₁ − p₂`:
/// `lower = d − √((p₁ − l₁)² + (u₂ − p₂)²)` and `upper = d + √((u₁ − p₁)² + (p₂ − l₂)²)`.
/// Unlike the Wald interval it stays inside `−1…1` and behaves at shares of 0 and 1.
public struct NewcombeInterval: Sendable, Hashable {
    /// The difference `p₁ − p₂`.
    public let difference: Double

    /// The lower bound.
    public let lower: Double

    /// The upper bound.
    public let upper: Double

    /// The interval for `count1` of `n1` against `count2` of `n2`; `nil` when either group is empty.
    ///
    /// - Parameters:
    ///   - count1: Successes in the first group, `0...n1`.
    ///   - n1: The first group's size.
    ///   - count2: Successes in the second group, `0...n2`.
    ///   - n2: The second group's size.
    ///   - z: The normal critical value; ``WilsonInterval/z95`` for a 95% interval.
    public init?(count1: Int, n1: Int, count2: Int, n2: Int, z: Double = WilsonInterval.z95) {
        guard let first = WilsonInterval(count: count1, n: n1, z: z),
              let second = WilsonInterval(count: count2, n: n2, z: z) else { return nil }
        let p1 = Double(count1) / Double(n1)
        let p2 = Double(count2) / Double(n2)
        difference = p1 - p2
        let below = ((p1 - first.lower) * (p1 - first.lower) + (second.upper - p2) * (second.upper - p2)).squareRoot()
        let above = ((p2 - second.lower) * (p2 - second.lower) + (first.upper - p1) * (first.upper - p1)).squareRoot()
        lower = difference - below
        upper = difference + above
    }
}
