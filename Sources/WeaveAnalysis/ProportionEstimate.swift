/// How many of `n` units have a property (for Q1: how many toolkits suggest an activity), the
/// share, and its 95% Wilson interval.
public struct ProportionEstimate: Sendable, Hashable {
    /// The number of units with the property.
    public let count: Int

    /// The number of units considered (those with a known value).
    public let n: Int

    /// `count / n`; `nil` when `n` is 0.
    public var share: Double? { n > 0 ? Double(count) / Double(n) : nil }

    /// The 95% Wilson score interval; `nil` when `n` is 0.
    public var interval: WilsonInterval? { WilsonInterval(count: count, n: n) }

    /// An estimate from counts.
    /// - Precondition: `0 <= count <= n`.
    public init(count: Int, n: Int) {
        precondition(count >= 0 && count <= n, "count must be in 0...n")
        self.count = count
        self.n = n
    }

    /// An estimate from per-unit values (e.g. ``Consensus/values``): `count` is the number equal to
    /// `category`, `n` the number not ``RatingMatrix/missing``.
    public init(values: [Int8], category: Int8 = RatingMatrix.present) {
        var count = 0
        var n = 0
        for value in values where value >= 0 {
            n += 1
            if value == category { count += 1 }
        }
        self.init(count: count, n: n)
    }
}
