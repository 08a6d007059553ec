extension AgreementTally {
    /// Krippendorff's alpha for nominal data, any number of coders, missing ratings allowed — as the
    /// `krippendorff` package computes `alpha(…, value_domain=range(categoryCount),
    /// level_of_measurement="nominal")`.
    ///
    /// Only pairable values count (units rated by `m ≥ 2` coders). With `n` pairable values, `n_v`
    /// of them in category `v`, observed disagreement
    /// `D_o = Σ_units (m² − Σ_v n_uv²) / (m − 1)` and `D_e = (n² − Σ_v n_v²) / (n − 1)`:
    /// `α = 1 − D_o / D_e`.
    ///
    /// `nil` (the package raises or returns NaN) when no unit has two or more ratings, or when
    /// `D_e = 0` — every pairable value in one category (e.g. a code nobody found).
    public var krippendorffAlpha: Double? {
        var pairable = 0
        var sumSquares = 0
        for total in pairableCategoryTotals {
            pairable += total
            sumSquares += total * total
        }
        let expectedNumerator = pairable * pairable - sumSquares
        guard pairableUnitCount > 0, expectedNumerator > 0 else { return nil }
        var observed = 0.0
        for m in 2 ..< unitsByRaterCount.count where unitsByRaterCount[m] > 0 {
            let disagreeing = unitsByRaterCount[m] * m * (m - 1) - agreeingPairsByRaterCount[m]
            observed += Double(disagreeing) / Double(m - 1)
        }
        return 1 - Double(pairable - 1) * observed / Double(expectedNumerator)
    }
}
