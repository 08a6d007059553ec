import Foundation

/// The first line of a CSV file: its column names, checked against the columns the file must or may have.
struct CSVHeader {
    /// The column names, trimmed.
    let names: [String]
    private let positions: [String: Int]

    /// The position of a column.
    func position(_ name: String) -> Int? { positions[name] }

    /// Reads a header record, reporting empty and repeated names, missing required columns and — unless
    /// `others` accepts them — unknown columns.
    ///
    /// The problems are logged; the header is returned anyway, so that rows can still be checked for
    /// further problems by the columns that are there (a repeated name counts at its first place).
    static func read(
        _ record: CSVRecord, file: String, required: [String], optional: [String] = [],
        others: (String) -> Bool = { _ in false }, log: inout ProblemLog
    ) -> CSVHeader {
        let names = record.fields.map(\.trimmed)
        var positions: [String: Int] = [:]
        for (column, name) in names.enumerated() {
            if name.isEmpty {
                log.add(file, line: record.line, "column \(column + 1) has no name; every column needs a heading")
            } else if let earlier = positions[name] {
                log.add(file, line: record.line, "column \"\(name)\" appears twice (columns \(earlier + 1) and \(column + 1))")
            } else {
                positions[name] = column
            }
        }
        let known = required + optional
        let knownSet = Set(known)
        // Linear in the number of columns, however many there are (a header of a million commas).
        let unknownNames = positions.keys.filter { !knownSet.contains($0) }.sorted { positions[$0]! < positions[$1]! }
        var suggested = Set<String>()
        for name in required where positions[name] == nil {
            let candidate = Spelling.closest(to: name, in: unknownNames.lazy.filter { !suggested.contains($0) })
            if let candidate { suggested.insert(candidate) }
            let hint = candidate.map { " (is \"\($0)\" meant to be it?)" } ?? ""
            log.add(file, line: record.line, "the required column \"\(name)\" is missing\(hint); the first line must name the columns \(required.joined(separator: ","))")
        }
        // A column offered above as the missing one's likely spelling is not reported again.
        for name in unknownNames where !suggested.contains(name) && !others(name) {
            let hint = Spelling.closest(to: name, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
            log.add(file, line: record.line, "unknown column \"\(name)\"\(hint) — this file has the columns \(known.joined(separator: ","))")
        }
        return CSVHeader(names: names, positions: positions)
    }

    /// Reports a record whose field count differs from the header's; `true` when it matches.
    func check(_ record: CSVRecord, file: String, log: inout ProblemLog) -> Bool {
        guard record.count != names.count else { return true }
        log.add(file, line: record.line, "has \(record.count) field\(record.count == 1 ? "" : "s") but the first line names \(names.count) columns; check for a missing or extra comma, or a comma inside a value that is not in quotes")
        return false
    }
}

extension String {
    /// The text without spaces, tabs, line breaks or other white space at either end.
    ///
    /// Pure Swift, and free when neither end can be white space — the common case, met hundreds of
    /// thousands of times reading a large `toolkits.csv` (Foundation's trimming bridges to NSString).
    var trimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func mayBeSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) || byte >= 0x80 }
        guard mayBeSpace(first) || mayBeSpace(last) else { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end && scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start && scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
