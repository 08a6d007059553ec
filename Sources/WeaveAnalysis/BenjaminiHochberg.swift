/// Benjamini–Hochberg q-values (false discovery rate adjusted p-values), as
/// `statsmodels.stats.multitest.multipletests(p, method="fdr_bh")[1]` computes them.
///
/// With the `m` p-values sorted ascending, `q_(i) = min_{j ≥ i} min(1, p_(j) · m / j)`, returned in
/// the input order. Tied p-values get the same q-value.
public enum BenjaminiHochberg {
    /// The q-value of every p-value, in input order.
    /// - Precondition: every p-value is in `0...1` (not NaN).
    public static func qValues(_ pValues: [Double]) -> [Double] {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "p-values must be in 0...1")
        let m = pValues.count
        guard m > 0 else { return [] }
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var q = Array(repeating: 0.0, count: m)
        var running = Double.infinity
        for rank in stride(from: m, through: 1, by: -1) {
            let index = order[rank - 1]
            // statsmodels divides by the empirical CDF value rank / m.
            let adjusted = pValues[index] / (Double(rank) / Double(m))
            running = min(running, adjusted)
            q[index] = min(running, 1)
        }
        return q
    }

    /// The q-values of a family in which some tests have no p-value (`nil`: not tested). Only the
    /// p-values present form the family (`m` counts them); `nil` stays `nil`.
    public static func qValues(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.compactMap { $0 }
        var adjusted = qValues(present).makeIterator()
        return pValues.map { $0 == nil ? nil : adjusted.next() }
    }
}
