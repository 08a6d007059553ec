import Foundation

/// A time of day in whole minutes since midnight; past midnight counts on (24:30 is 00:30 the next day).
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight of the day the agenda starts.
    public var minutes: Int

    /// Creates a time from minutes since midnight.
    public init(minutes: Int) {
        self.minutes = minutes
    }

    /// Creates a time from hours and minutes.
    public init(hour: Int, minute: Int) {
        self.minutes = hour * 60 + minute
    }

    /// Reads `HH:MM` or `H:MM`, 00:00 to 23:59.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour), (0..<60).contains(minute) else {
            return nil
        }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`, with `+1d` when past midnight.
    public var description: String {
        let day = minutes >= 0 ? minutes / 1440 : -1
        let inDay = ((minutes % 1440) + 1440) % 1440
        let text = String(format2: inDay / 60) + ":" + String(format2: inDay % 60)
        return day == 0 ? text : "\(text)\(day > 0 ? "+" : "")\(day)d"
    }

    /// This time moved by some minutes.
    public func adding(minutes delta: Int) -> ClockTime { ClockTime(minutes: minutes + delta) }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutes < rhs.minutes }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a time of day as HH:MM"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A break in the day: when it starts on the clock, and for how long.
public struct AgendaBreak: Sendable, Hashable, Codable {
    /// When it starts, on the clock.
    public var start: ClockTime
    /// How long it lasts.
    public var minutes: Int

    /// Creates a break.
    public init(start: ClockTime, minutes: Int) {
        self.start = start
        self.minutes = minutes
    }

    /// Reads `HH:MM+MIN`, such as `10:30+15`.
    public init(parsing text: String) throws(AgendaError) {
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .malformedBreak(text) }
        guard let start = ClockTime(parsing: String(parts[0])) else { throw .malformedBreak(text) }
        guard let minutes = Int(parts[1]), minutes > 0, minutes <= 24 * 60 else { throw .breakLength(text) }
        self.init(start: start, minutes: minutes)
    }

    /// When it ends.
    public var end: ClockTime { start.adding(minutes: minutes) }
}

/// Why an agenda could not be made.
public enum AgendaError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedTime(String)
    case malformedBreak(String)
    case breakLength(String)
    case breakBeforeStart(AgendaBreak, start: ClockTime)
    case overlappingBreaks(AgendaBreak, AgendaBreak)
    case endBeforeStart(end: ClockTime, start: ClockTime)
    /// A problem with one day's times, for a path of several days.
    indirect case onDay(Int, name: String, AgendaError)
    /// A break or time for a day the path does not have.
    case noSuchDay(String, days: Int)

    public var description: String {
        switch self {
        case .malformedTime(let text):
            "\"\(text)\" is not a time of day; write it as HH:MM on a 24-hour clock, such as 09:00 or 13:30"
        case .malformedBreak(let text):
            "\"\(text)\" is not a break; write it as HH:MM+MINUTES, such as 10:30+15 for a quarter of an hour at half past ten"
        case .breakLength(let text):
            "the break \"\(text)\" must last a whole number of minutes greater than zero, such as 10:30+15"
        case .breakBeforeStart(let pause, let start):
            "the break at \(pause.start) starts before the path does, at \(start)"
        case .overlappingBreaks(let first, let second):
            "the break at \(second.start) starts before the break at \(first.start) ends, at \(first.end); merge them or move one"
        case .endBeforeStart(let end, let start):
            "the day's end, \(end), is not after the start, \(start)"
        case .noSuchDay(let text, let days):
            "\"\(text)\" names a day the path does not have; it has \(days) day\(days == 1 ? "" : "s")"
        case .onDay(let number, let name, let error):
            "day \(number) (\(name)): \(error.description)"
        }
    }
}

extension String {
    /// Two digits, zero-padded. File-private: visible module-wide, `String.init` on an `Int` picked this
    /// initialiser and showed rating scores as "03".
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
