import Foundation

/// A calendar day without a time zone: `YYYY-MM-DD`, counted in days for the lines between dates.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`; `nil` when it is not a real date.
    public init?(_ text: String) {
        guard CanvasText.isDate(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day a day number counts.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public var description: String {
        "\(String(format: "%04d", year))-\(String(format: "%02d", month))-\(String(format: "%02d", day))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

/// One reporting period of an indicator: a month (`2027-03`), a quarter (`2027-Q1`) or a year (`2027`).
public struct ReportingPeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var frequency: ReportingFrequency
    public var year: Int
    /// The month, quarter or 1 for a year.
    public var index: Int

    /// The period a day falls in.
    public init(_ frequency: ReportingFrequency, containing date: CivilDate) {
        self.frequency = frequency
        year = date.year
        switch frequency {
        case .monthly: index = date.month
        case .quarterly: index = (date.month - 1) / 3 + 1
        case .yearly: index = 1
        }
    }

    /// Reads a period as written for its frequency; `nil` when it is not one.
    public init?(_ text: String, frequency: ReportingFrequency) {
        self.frequency = frequency
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4, year >= 1900 else { return nil }
        self.year = year
        switch (frequency, parts.count) {
        case (.yearly, 1): index = 1
        case (.monthly, 2):
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            index = month
        case (.quarterly, 2):
            guard parts[1].count == 2, parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            index = quarter
        default: return nil
        }
    }

    /// How the period is written for its frequency, as an example for messages.
    public static func example(_ frequency: ReportingFrequency) -> String {
        switch frequency {
        case .monthly: "2027-03"
        case .quarterly: "2027-Q1"
        case .yearly: "2027"
        }
    }

    private var months: Int { frequency == .monthly ? 1 : frequency == .quarterly ? 3 : 12 }
    private var firstMonth: Int { frequency == .monthly ? index : frequency == .quarterly ? (index - 1) * 3 + 1 : 1 }

    /// The first day.
    public var start: CivilDate { CivilDate(year: year, month: firstMonth, day: 1) }
    /// The last day.
    public var end: CivilDate { CivilDate(dayNumber: next.start.dayNumber - 1) }

    /// The period after.
    public var next: ReportingPeriod {
        var month = firstMonth + months, year = self.year
        if month > 12 { month -= 12; year += 1 }
        return ReportingPeriod(frequency, containing: CivilDate(year: year, month: month, day: 1))
    }

    /// The period before.
    public var previous: ReportingPeriod { ReportingPeriod(frequency, containing: CivilDate(dayNumber: start.dayNumber - 1)) }

    public var description: String {
        switch frequency {
        case .monthly: "\(year)-\(String(format: "%02d", index))"
        case .quarterly: "\(year)-Q\(index)"
        case .yearly: "\(year)"
        }
    }

    public static func < (a: ReportingPeriod, b: ReportingPeriod) -> Bool { a.start < b.start }
}
