extension AgreementTally {
    /// Percent agreement, as a proportion in `0...1`.
    ///
    /// Definition: for each unit rated by `m ≥ 2` coders, the proportion of agreeing pairs among
    /// its `m(m − 1)/2` coder pairs, `Σ_v n_v (n_v − 1) / (m (m − 1))`; then the plain mean over
    /// those units. Units rated by fewer than two coders are ignored. With two coders this is the
    /// share of units on which they agree. For pooled tallies (``merge(_:)``) the mean runs over
    /// every (code, unit) item of every code merged.
    ///
    /// `nil` when no unit was rated by two or more coders.
    public var percentAgreement: Double? {
        var sum = 0.0
        var units = 0
        for m in 2 ..< unitsByRaterCount.count where unitsByRaterCount[m] > 0 {
            sum += Double(agreeingPairsByRaterCount[m]) / Double(m * (m - 1))
            units += unitsByRaterCount[m]
        }
        guard units > 0 else { return nil }
        return sum / Double(units)
    }
}
