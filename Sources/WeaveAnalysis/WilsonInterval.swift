/// The Wilson score interval for a binomial proportion, as
/// `statsmodels.stats.proportion.proportion_confint(count, n, alpha=0.05, method="wilson")`
/// computes it (clipped to `0...1`).
///
/// With `p̂ = count / n` and critical value `z`:
/// `centre = (p̂ + z²/2n) / (1 + z²/n)`,
/// `half-width = z √(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)`.
public struct WilsonInterval: Sendable, Hashable {
    /// `scipy.stats.norm.isf(0.025)` as a double: the critical value of a two-sided 95% interval.
    public static let z95 = 1.9599639845400545

    /// The lower bound, in `0...1`.
    public let lower: Double

    /// The upper bound, in `0...1`.
    public let upper: Double

    /// The interval for `count` successes in `n` trials; `nil` when `n` is 0.
    ///
    /// - Parameters:
    ///   - count: Successes, `0...n`.
    ///   - n: Trials.
    ///   - z: The normal critical value; ``z95`` for a 95% interval.
    public init?(count: Int, n: Int, z: Double = WilsonInterval.z95) {
        precondition(count >= 0 && count <= n, "count must be in 0...n")
        guard n > 0 else { return nil }
        let nobs = Double(n)
        let q = Double(count) / nobs
        let crit2 = z * z
        let denominator = 1 + crit2 / nobs
        let centre = (q + crit2 / (2 * nobs)) / denominator
        var half = z * (q * (1.0 - q) / nobs + crit2 / (4.0 * nobs * nobs)).squareRoot()
        half /= denominator
        lower = min(max(centre - half, 0), 1)
        upper = min(max(centre + half, 0), 1)
    }
}
