/// One reported value of an indicator.
public struct IndicatorReading: Sendable, Hashable, Codable {
    /// The period as written for the indicator's frequency.
    public var period: String
    public var value: Double
    /// The story behind the number.
    public var note: String

    public init(period: String, value: Double, note: String = "") {
        self.period = period
        self.value = value
        self.note = note
    }
}

/// Whether an indicator is on its way to its target.
public enum TrackStatus: String, Sendable, Hashable, Codable {
    /// The latest value is at or beyond the line from baseline to target (or the target is reached).
    case onTrack = "on-track"
    /// The latest value falls short of the line.
    case offTrack = "off-track"
    /// Nothing reported yet.
    case noData = "no-data"
    /// A value exists but there is no line to judge it by: the baseline, target or target date is missing.
    case unjudged

    /// "On track"…
    public var displayName: String {
        switch self {
        case .onTrack: "On track"
        case .offTrack: "Off track"
        case .noData: "No data yet"
        case .unjudged: "Not judged (needs baseline, target and date)"
        }
    }
}

extension Indicator {
    /// The value the line from the baseline (at `since`) to the target (at `targetDate`) reaches on a day;
    /// the target itself after the target date. `nil` without a baseline, target or dates.
    public func expected(on day: CivilDate) -> Double? {
        guard let baseline, let target, let start = CivilDate(since), let end = targetDate.flatMap(CivilDate.init) else { return nil }
        let span = end.dayNumber - start.dayNumber
        guard span > 0 else { return target }
        let share = min(max(Double(day.dayNumber - start.dayNumber) / Double(span), 0), 1)
        return baseline + (target - baseline) * share
    }

    /// Whether `value` is at least as good as `reference`, in the indicator's direction.
    public func isAsGood(_ value: Double, as reference: Double) -> Bool {
        direction == .increase ? value >= reference : value <= reference
    }

    /// The indicator's status from its readings: the latest period's value against the line at that period's end.
    public func status(_ readings: [IndicatorReading]) -> TrackStatus {
        let dated = readings.compactMap { reading in ReportingPeriod(reading.period, frequency: frequency).map { ($0, reading.value) } }
        guard let (period, value) = dated.max(by: { $0.0 < $1.0 }) else { return .noData }
        if let target, isAsGood(value, as: target) { return .onTrack }
        guard let expected = expected(on: period.end) else { return .unjudged }
        return isAsGood(value, as: expected) ? .onTrack : .offTrack
    }

    /// The latest period whose report is due on `today`: the last period that has ended, provided it ends
    /// after the indicator began (`since`). `nil` when nothing is due yet.
    public func lastPeriodDue(on today: CivilDate) -> ReportingPeriod? {
        let last = ReportingPeriod(frequency, containing: today).previous
        guard let start = CivilDate(since), last.end >= start else { return nil }
        return last
    }
}

/// Clear Impact's "accountability score", in Weave's words: the share of indicators reported for the last
/// period due. Indicators with nothing due yet do not count either way.
public struct DataFreshness: Sendable, Hashable, Codable {
    /// Indicators with a period due.
    public var due: Int
    /// Of those, how many have a value for it.
    public var reported: Int
    /// `reported / due`, or `nil` when nothing is due.
    public var score: Double? { due == 0 ? nil : Double(reported) / Double(due) }

    /// The freshness of a set of indicators with their readings.
    public init(_ indicators: [(Indicator, [IndicatorReading])], today: CivilDate) {
        var due = 0, reported = 0
        for (indicator, readings) in indicators {
            guard let period = indicator.lastPeriodDue(on: today) else { continue }
            due += 1
            if readings.contains(where: { ReportingPeriod($0.period, frequency: indicator.frequency) == period }) { reported += 1 }
        }
        self.due = due
        self.reported = reported
    }
}
