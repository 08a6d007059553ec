extension AgreementTally {
    /// Fleiss' kappa over the units rated by every coder, as
    /// `statsmodels.stats.inter_rater.fleiss_kappa(table, method="fleiss")` computes it.
    ///
    /// With `N` complete units, `m` coders, `P̄ = mean_i Σ_v n_iv (n_iv − 1) / (m (m − 1))`,
    /// `p_v` = share of all `N m` ratings in category `v` and `P̄e = Σ_v p_v²`:
    /// `κ = (P̄ − P̄e) / (1 − P̄e)`.
    ///
    /// `nil` (statsmodels: NaN or an error) when there are fewer than two coders, no unit was rated
    /// by every coder, or `P̄e = 1` — every rating in one category, so chance agreement is already
    /// perfect (0/0).
    public var fleissKappa: Double? {
        let m = coderCount
        let units = unitsByRaterCount[m]
        guard m >= 2, units > 0 else { return nil }
        let ratings = units * m
        var sumSquares = 0
        for total in completeCategoryTotals { sumSquares += total * total }
        guard sumSquares != ratings * ratings else { return nil }
        let observed = Double(agreeingPairsByRaterCount[m]) / Double(m * (m - 1)) / Double(units)
        var expected = 0.0
        for total in completeCategoryTotals {
            let p = Double(total) / Double(ratings)
            expected += p * p
        }
        return (observed - expected) / (1 - expected)
    }
}
