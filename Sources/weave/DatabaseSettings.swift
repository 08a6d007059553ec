import Foundation
import WeaveStore

/// `--database` and `--database-wait` as `weave serve` and `weave migrate` read them: the option, then the
/// `WEAVE_*` variable, then the default.
enum DatabaseSettings {
    /// The default `--database`.
    static let defaultDatabase = "weave.sqlite"
    /// The default `--database-wait`.
    static let defaultWait = Duration.seconds(30)

    /// Where the data lives.
    static func location(option: String?, environment: [String: String]) -> StoreLocation {
        let text = option ?? environment["WEAVE_DATABASE"]
        return StoreLocation(parsing: text.flatMap { $0.isEmpty ? nil : $0 } ?? defaultDatabase)
    }

    /// How long to keep trying a database that does not answer yet.
    static func wait(option: String?, environment: [String: String]) throws -> Duration {
        if let option { return try duration(option, name: "--database-wait") }
        if let text = environment["WEAVE_DATABASE_WAIT"], !text.isEmpty { return try duration(text, name: "WEAVE_DATABASE_WAIT") }
        return defaultWait
    }

    /// `30`, `30s`, `1.5s`, `2m` or `0` (one try).
    static func duration(_ text: String, name: String) throws -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var number = trimmed, scale = 1.0
        if trimmed.hasSuffix("ms") { number = String(trimmed.dropLast(2)); scale = 0.001 }
        else if trimmed.hasSuffix("s") { number = String(trimmed.dropLast()) }
        else if trimmed.hasSuffix("m") { number = String(trimmed.dropLast()); scale = 60 }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0, value.isFinite else {
            throw CLIError("\(name) is \"\(text)\", which is not a length of time; write seconds such as 30, or 2m.")
        }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}
