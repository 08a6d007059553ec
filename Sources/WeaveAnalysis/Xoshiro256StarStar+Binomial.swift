import Foundation

extension Xoshiro256StarStar {
    /// A draw from the binomial distribution with `n` trials and success probability `p`, from one
    /// uniform: inversion from 0 when the mean is small, otherwise inversion searching outwards from the
    /// mode, which takes about `√(n p (1 − p))` steps. Used to draw bootstrap resamples as multinomial
    /// counts (see ``AgreementBootstrap``).
    public mutating func nextBinomial(n: Int, p: Double) -> Int {
        precondition(n >= 0 && p >= 0 && p <= 1, "invalid binomial parameters")
        if n == 0 || p == 0 { return 0 }
        if p == 1 { return n }
        if p > 0.5 { return n - nextBinomial(n: n, p: 1 - p) }
        let q = 1 - p
        var u = nextUniform()
        if Double(n) * p < 30 {
            // Inversion from 0: P(0) = qⁿ, P(k+1) = P(k) · (n − k)/(k + 1) · p/q.
            var probability = Foundation.pow(q, Double(n))
            var k = 0
            while u > probability && k < n {
                u -= probability
                probability *= Double(n - k) / Double(k + 1) * p / q
                k += 1
            }
            return k
        }
        // Inversion from the mode, stepping down and up alternately.
        let mode = min(n, Int((Double(n + 1) * p).rounded(.down)))
        let logAtMode = lgamma(Double(n + 1)) - lgamma(Double(mode + 1)) - lgamma(Double(n - mode + 1))
            + Double(mode) * Foundation.log(p) + Double(n - mode) * Foundation.log(q)
        let atMode = Foundation.exp(logAtMode)
        u -= atMode
        if u <= 0 { return mode }
        var (low, high) = (mode, mode)
        var (lowProbability, highProbability) = (atMode, atMode)
        let ratio = p / q
        while low > 0 || high < n {
            if high < n {
                highProbability *= Double(n - high) / Double(high + 1) * ratio
                high += 1
                u -= highProbability
                if u <= 0 { return high }
            }
            if low > 0 {
                lowProbability *= Double(low) / Double(n - low + 1) / ratio
                low -= 1
                u -= lowProbability
                if u <= 0 { return low }
            }
        }
        return mode  // only rounding leaves probability over; the mode is the likeliest value
    }
}
