/// One unit on which the coders who rated it did not all choose the same category: the unit, the
/// code, and what each coder said — an item for the coders to resolve.
public struct Disagreement: Sendable, Hashable {
    /// The caller's index of the code (or variable) the ratings belong to.
    public let code: Int

    /// The unit's index.
    public let unit: Int

    /// Every coder's rating of the unit, indexed by coder; ``RatingMatrix/missing`` where a coder
    /// did not rate it.
    public let ratings: [Int8]

    /// Creates a disagreement record.
    public init(code: Int, unit: Int, ratings: [Int8]) {
        self.code = code
        self.unit = unit
        self.ratings = ratings
    }
}

extension RatingMatrix {
    /// The units on which at least two coders rated and not all of them chose the same category,
    /// in unit order. A unit rated by one coder (or none) is never a disagreement.
    ///
    /// - Parameter code: The code index to record in each ``Disagreement``.
    public func disagreements(code: Int = 0) -> [Disagreement] {
        var result: [Disagreement] = []
        for unit in 0 ..< unitCount {
            let row = ratings(ofUnit: unit)
            var first: Int8 = Self.missing
            var differs = false
            for value in row where value >= 0 {
                if first < 0 {
                    first = value
                } else if value != first {
                    differs = true
                    break
                }
            }
            if differs { result.append(Disagreement(code: code, unit: unit, ratings: Array(row))) }
        }
        return result
    }
}
