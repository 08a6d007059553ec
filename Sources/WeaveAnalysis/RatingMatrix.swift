/// The ratings of one nominal variable — usually one code of the codebook — by several coders,
/// stored compactly: one `Int8` per unit (toolkit) and coder.
///
/// Values are categories `0..<categoryCount`; ``missing`` (`-1`) means the coder did not rate that
/// unit. For a code, category `1` is "present" and `0` is "absent" (the coder looked and found it
/// absent). Storage is unit-major: the ratings of unit `u` are
/// `values[u * coderCount ..< (u + 1) * coderCount]`, so a whole corpus needs one allocation per
/// code and no per-value allocation.
public struct RatingMatrix: Sendable, Hashable {
    /// The value that marks a rating as missing (the coder did not rate the unit).
    public static let missing: Int8 = -1

    /// The category "absent" for presence/absence codes.
    public static let absent: Int8 = 0

    /// The category "present" for presence/absence codes.
    public static let present: Int8 = 1

    /// The number of units (rows).
    public let unitCount: Int

    /// The number of coders (columns).
    public let coderCount: Int

    /// The number of nominal categories; valid ratings are `0..<categoryCount`.
    public let categoryCount: Int

    /// The ratings, unit-major: `values[unit * coderCount + coder]`, ``missing`` where not rated.
    public private(set) var values: [Int8]

    /// Creates a matrix in which every rating is missing.
    ///
    /// - Parameters:
    ///   - unitCount: The number of units, at least 0.
    ///   - coderCount: The number of coders, at least 1.
    ///   - categoryCount: The number of categories, 2 to 127; 2 for presence/absence codes.
    /// - Throws: ``RatingMatrixError/invalidShape(unitCount:coderCount:categoryCount:)``.
    public init(unitCount: Int, coderCount: Int, categoryCount: Int = 2) throws(RatingMatrixError) {
        try Self.checkShape(unitCount: unitCount, coderCount: coderCount, categoryCount: categoryCount)
        self.unitCount = unitCount
        self.coderCount = coderCount
        self.categoryCount = categoryCount
        self.values = Array(repeating: Self.missing, count: unitCount * coderCount)
    }

    /// Creates a matrix from unit-major ratings, validating every value.
    ///
    /// - Parameters:
    ///   - unitCount: The number of units.
    ///   - coderCount: The number of coders, at least 1.
    ///   - categoryCount: The number of categories, 2 to 127.
    ///   - values: `unitCount * coderCount` ratings, each ``missing`` or in `0..<categoryCount`.
    /// - Throws: ``RatingMatrixError`` describing the first problem found.
    public init(unitCount: Int, coderCount: Int, categoryCount: Int = 2, values: [Int8]) throws(RatingMatrixError) {
        try Self.checkShape(unitCount: unitCount, coderCount: coderCount, categoryCount: categoryCount)
        guard values.count == unitCount * coderCount else {
            throw .wrongValueCount(expected: unitCount * coderCount, actual: values.count)
        }
        let limit = Int8(categoryCount)
        for (index, value) in values.enumerated() where value < Self.missing || value >= limit {
            throw .invalidValue(unit: index / coderCount, coder: index % coderCount, value: value)
        }
        self.unitCount = unitCount
        self.coderCount = coderCount
        self.categoryCount = categoryCount
        self.values = values
    }

    /// Creates a matrix from one array of per-coder ratings per unit (`nil` = missing).
    ///
    /// Convenient for small data and tests; every row must have `coderCount` entries.
    /// - Throws: ``RatingMatrixError`` describing the first problem found.
    public init(units: [[Int8?]], coderCount: Int, categoryCount: Int = 2) throws(RatingMatrixError) {
        var flat: [Int8] = []
        flat.reserveCapacity(units.count * coderCount)
        for (unit, row) in units.enumerated() {
            guard row.count == coderCount else {
                throw .wrongValueCount(expected: (unit + 1) * coderCount, actual: unit * coderCount + row.count)
            }
            for value in row { flat.append(value ?? Self.missing) }
        }
        try self.init(unitCount: units.count, coderCount: coderCount, categoryCount: categoryCount, values: flat)
    }

    /// The rating of one unit by one coder, ``missing`` if not rated.
    ///
    /// Setting a value outside ``missing`` and `0..<categoryCount`, or an index out of range, is a
    /// programming error and traps.
    public subscript(unit: Int, coder: Int) -> Int8 {
        get {
            precondition(unit >= 0 && unit < unitCount && coder >= 0 && coder < coderCount, "index out of range")
            return values[unit * coderCount + coder]
        }
        set {
            precondition(unit >= 0 && unit < unitCount && coder >= 0 && coder < coderCount, "index out of range")
            precondition(newValue >= Self.missing && Int(newValue) < categoryCount, "invalid rating \(newValue)")
            values[unit * coderCount + coder] = newValue
        }
    }

    /// The ratings of one unit, one per coder.
    public func ratings(ofUnit unit: Int) -> ArraySlice<Int8> {
        precondition(unit >= 0 && unit < unitCount, "unit out of range")
        return values[unit * coderCount ..< (unit + 1) * coderCount]
    }

    private static func checkShape(unitCount: Int, coderCount: Int, categoryCount: Int) throws(RatingMatrixError) {
        guard unitCount >= 0, coderCount >= 1, (2...127).contains(categoryCount) else {
            throw .invalidShape(unitCount: unitCount, coderCount: coderCount, categoryCount: categoryCount)
        }
    }
}

/// A problem with the data given to ``RatingMatrix``.
public enum RatingMatrixError: Error, Sendable, Hashable {
    /// Unit count below 0, coder count below 1, or category count outside 2...127.
    case invalidShape(unitCount: Int, coderCount: Int, categoryCount: Int)
    /// The number of values is not `unitCount * coderCount`.
    case wrongValueCount(expected: Int, actual: Int)
    /// A value is neither ``RatingMatrix/missing`` nor a category.
    case invalidValue(unit: Int, coder: Int, value: Int8)
}
