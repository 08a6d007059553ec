import Foundation
import WeaveAnalysis
import WeaveCore
import WeaveStore

/// Indicator values from CSV: a header with `indicator`, `period`, `value` and optionally `note`, then one
/// value per line. The indicator is named by its id or its exact name (any case). Every line is checked
/// before anything is saved; any problem refuses the whole file, each problem said with its line.
struct IndicatorValueImport {
    /// A problem with where it is.
    struct Problem: Sendable, Hashable, CustomStringConvertible {
        var line: Int?
        var message: String
        var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// Every problem of a refused file.
    struct Problems: Error { var list: [Problem] }

    /// The values to save, or every problem found (at most `limit`, then a count of the rest).
    static func read(_ text: String, file: String = "values.csv", indicators: [RecordItem],
                     limit: Int = 50) -> Result<[(indicator: UUID, reading: IndicatorReading)], Problems> {
        var byName: [String: (UUID, Indicator)] = [:]
        var byID: [String: (UUID, Indicator)] = [:]
        for item in indicators {
            guard case .indicator(let indicator) = item.entry else { continue }
            byID[item.key] = (item.id, indicator)
            byName[indicator.name.lowercased()] = (item.id, indicator)
        }
        var problems: [Problem] = []
        var values: [(indicator: UUID, reading: IndicatorReading)] = []
        var columns: [String: Int]?
        var seen: [String: Int] = [:]
        var records = 0
        let syntax = CSVReader(data: Data(text.utf8), file: file).forEachRecord { record in
            let fields = record.fields
            guard let header = columns else {
                var found: [String: Int] = [:]
                for (index, name) in fields.enumerated() { found[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
                let missing = ["indicator", "period", "value"].filter { found[$0] == nil }
                if !missing.isEmpty {
                    problems.append(Problem(line: record.line, message: "the header has no column \(missing.map { "\"\($0)\"" }.joined(separator: ", ")); it needs indicator, period, value and may have note"))
                }
                columns = found
                return
            }
            records += 1
            func cell(_ name: String) -> String {
                guard let index = header[name], index < fields.count else { return "" }
                return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return }
            let name = cell("indicator")
            guard let (id, indicator) = byID[name.lowercased()] ?? byName[name.lowercased()] else {
                problems.append(Problem(line: record.line, message: "column \"indicator\": \"\(name.prefix(80))\" is not an indicator of this partnership's record"))
                return
            }
            let periodText = cell("period")
            guard let period = ReportingPeriod(periodText, frequency: indicator.frequency) else {
                problems.append(Problem(line: record.line, message: "column \"period\": \"\(periodText.prefix(20))\" is not a \(indicator.frequency.rawValue) period; write it like \(ReportingPeriod.example(indicator.frequency))"))
                return
            }
            let valueText = cell("value")
            guard let value = Double(valueText.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                problems.append(Problem(line: record.line, message: "column \"value\": \"\(valueText.prefix(20))\" is not a number"))
                return
            }
            if let problem = indicator.unit.problem(with: value) {
                problems.append(Problem(line: record.line, message: "column \"value\": \(valueText) for \"\(indicator.name)\" \(problem)"))
                return
            }
            let note = cell("note")
            guard note.count <= 2_000 else {
                problems.append(Problem(line: record.line, message: "column \"note\" is longer than 2,000 characters"))
                return
            }
            let key = "\(id)/\(period)"
            if let first = seen[key] {
                problems.append(Problem(line: record.line, message: "\"\(indicator.name)\" already has a value for \(period) on line \(first)"))
                return
            }
            seen[key] = record.line
            values.append((id, IndicatorReading(period: period.description, value: value, note: note)))
        }
        problems = syntax.map { Problem(line: $0.line, message: $0.message) } + problems
        if columns == nil { problems.append(Problem(line: nil, message: "the file is empty; it needs a header line: indicator,period,value,note")) }
        else if records == 0 && problems.isEmpty { problems.append(Problem(line: nil, message: "the file has a header but no values")) }
        guard problems.isEmpty else {
            let sorted = problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
            return .failure(Problems(list: sorted.count > limit ? Array(sorted.prefix(limit)) + [Problem(line: nil, message: "and \(sorted.count - limit) more problems")] : sorted))
        }
        return .success(values)
    }
}
