/// A table of `ln k!` for `k = 0...limit`, computed once with `lgamma(k + 1)` so that exact
/// tests and table sampling over a corpus of `n` units need no further special-function calls.
///
/// Building it costs `limit` calls of `lgamma`; when testing many tables of one corpus, build one
/// table for the corpus size and pass it to every test.
public struct LogFactorials: Sendable, Hashable {
    private let values: [Double]

    /// The largest `k` in the table.
    public var limit: Int { values.count - 1 }

    /// Builds the table up to `limit` (at least 0).
    public init(upTo limit: Int) {
        precondition(limit >= 0, "limit must be non-negative")
        values = (0 ... limit).map { $0 < 2 ? 0 : SpecialFunctions.logGamma(Double($0) + 1) }
    }

    /// `ln k!`.
    /// - Precondition: `0 <= k <= limit`.
    public subscript(k: Int) -> Double {
        values[k]
    }

    /// `ln` of the hypergeometric probability `P(X = x)` when `draws` items are drawn without
    /// replacement from `population` items of which `successes` are successes:
    /// `C(successes, x) C(population − successes, draws − x) / C(population, draws)`.
    /// `-infinity` outside the support.
    public func logHypergeometric(_ x: Int, population: Int, successes: Int, draws: Int) -> Double {
        let failures = population - successes
        guard x >= 0, x <= successes, draws - x >= 0, draws - x <= failures else { return -.infinity }
        return values[successes] - values[x] - values[successes - x]
            + values[failures] - values[draws - x] - values[failures - draws + x]
            - values[population] + values[draws] + values[population - draws]
    }
}
