/// How a step's minutes were set.
public enum StepTimeSource: String, Sendable, Hashable, Codable {
    /// The step's own duration.
    case own
    /// The only untimed step: it takes what the timed steps leave.
    case remainder
    /// An equal part of what the timed steps leave.
    case sharedEqually = "shared-equally"
    /// A part of what the timed steps leave, in proportion to its weight.
    case sharedByWeight = "shared-by-weight"
}

extension Phase {
    /// Each step's minutes, in whole minutes adding up to the phase's duration, and how each was set.
    ///
    /// Untimed steps share the minutes the timed ones leave as ``stepTiming`` says. Parts are whole minutes:
    /// equal parts give the leftover minutes one each to the earliest steps; weighted parts use the largest
    /// remainders. A library that passed validation always adds up; for a phase built in code that does not,
    /// untimed steps share whatever is left, never less than nothing.
    public func stepMinutes() -> [(minutes: Int, source: StepTimeSource)] {
        let timed = steps.compactMap(\.duration).reduce(0, +)
        let left = max(0, duration - timed)
        let untimed = steps.indices.filter { steps[$0].duration == nil }
        var result: [(minutes: Int, source: StepTimeSource)] = steps.map { ($0.duration ?? 0, .own) }
        guard !untimed.isEmpty else { return result }
        if untimed.count == 1 {
            result[untimed[0]] = (left, .remainder)
            return result
        }
        let weights: [Double] = stepTiming == .weighted
            ? untimed.map { steps[$0].weight ?? 1 }
            : Array(repeating: 1, count: untimed.count)
        let source: StepTimeSource = stepTiming == .weighted ? .sharedByWeight : .sharedEqually
        for (index, minutes) in zip(untimed, Phase.apportion(left, weights: weights)) {
            result[index] = (minutes, source)
        }
        return result
    }

    /// Splits `total` whole minutes in proportion to `weights` by largest remainder; ties go to the earlier.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var parts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { a, b in
            let (ra, rb) = (exact[a] - Double(parts[a]), exact[b] - Double(parts[b]))
            return ra != rb ? ra > rb : a < b
        }
        for index in order.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
        return parts
    }
}
