import Testing

/// Comparisons against the oracle: 1e-9 relative, or 1e-12 absolute near zero.
enum Tolerance {
    static let relative = 1e-9
    static let absolute = 1e-12

    static func isClose(_ actual: Double, _ expected: Double, relative: Double = relative, absolute: Double = absolute) -> Bool {
        if actual == expected { return true }
        return abs(actual - expected) <= max(relative * abs(expected), absolute)
    }

    /// For p-values, which matter deep into the tail: relative only (a floor of 1e-300 for zero).
    static func isClosePValue(_ actual: Double, _ expected: Double) -> Bool {
        isClose(actual, expected, absolute: 1e-300)
    }
}

/// Expects `actual` to match `expected` within ``Tolerance``, with `nil` (undefined) matching only
/// `nil`.
func expectClose(
    _ actual: Double?, _ expected: Double?, pValue: Bool = false, _ what: @autoclosure () -> String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case let (actual?, expected?):
        let ok = pValue ? Tolerance.isClosePValue(actual, expected) : Tolerance.isClose(actual, expected)
        #expect(ok, "\(what()): \(actual) vs expected \(expected)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(what()): \(String(describing: actual)) vs expected \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}
