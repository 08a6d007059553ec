import Foundation

/// Special functions the tests need, accurate to about 1e-13 relative for the arguments
/// contingency tables produce — including far tails (p-values like 1e-30 or 1e-200) where the
/// result is computed directly rather than as `1 − something`.
public enum SpecialFunctions {
    /// The regularized lower incomplete gamma function `P(a, x) = γ(a, x) / Γ(a)`.
    ///
    /// Series for `x < a + 1`, else `1 −` ``regularizedGammaQ(_:_:)``'s continued fraction.
    /// - Precondition: `a > 0`, `x >= 0`.
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "P(a, x) needs a > 0 and x >= 0")
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x)
    }

    /// The regularized upper incomplete gamma function `Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x)`
    /// (SciPy's `gammaincc`).
    ///
    /// For `x < a + 1` it is `1 − P` from the series (where `Q` is not small, so no precision is
    /// lost); otherwise a Lentz continued fraction, which keeps full relative precision deep into
    /// the tail. The prefactor `exp(−x + a ln x − lnΓ(a))` is formed in log space.
    /// - Precondition: `a > 0`, `x >= 0`.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "Q(a, x) needs a > 0 and x >= 0")
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x)
    }

    /// The survival function of the chi-square distribution, `P(X ≥ x)` for `X ~ χ²(k)`
    /// (SciPy's `chi2.sf(x, k)`): `Q(k/2, x/2)`.
    /// - Precondition: `k >= 1`, `x >= 0`.
    public static func chiSquareSurvival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 1, "degrees of freedom must be at least 1")
        precondition(x >= 0, "chi-square statistic must be non-negative")
        return regularizedGammaQ(Double(k) / 2, x / 2)
    }

    /// `ln |Γ(x)|` (the C library's `lgamma`, in its re-entrant `lgamma_r` form, so concurrent
    /// callers do not race on the global `signgam`).
    public static func logGamma(_ x: Double) -> Double {
        let (value, _): (Double, Int) = lgamma(x)
        return value
    }

    /// `exp(−x + a ln x − lnΓ(a))`, the common factor of the series and the continued fraction.
    private static func prefactor(_ a: Double, _ x: Double) -> Double {
        exp(-x + a * log(x) - logGamma(a))
    }

    /// `P(a, x)` by the series `e^{−x} x^a / Γ(a) · Σ x^n / (a (a+1) … (a+n))`.
    private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var ap = a
        var term = 1 / a
        var sum = term
        for _ in 0 ..< 100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * Double.ulpOfOne / 2 { break }
        }
        return sum * prefactor(a, x)
    }

    /// `Q(a, x)` by the continued fraction `e^{−x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− …))`,
    /// evaluated with the modified Lentz method.
    private static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 3 * Double.ulpOfOne { break }
            i += 1
        }
        return h * prefactor(a, x)
    }
}
