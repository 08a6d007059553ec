/// Writes RFC 4180 CSV: comma-separated, CRLF-free (LF line ends), fields quoted when they hold a comma,
/// quote, CR or LF, quotes doubled. Numbers are written so that they read back exactly.
public struct CSVWriter: Sendable {
    /// The text so far.
    public private(set) var text: String = ""

    /// Starts a file with its header row.
    public init(header: [String]) {
        row(header)
    }

    /// Appends one row of cells.
    public mutating func row(_ cells: [String]) {
        text += cells.map(CSVWriter.quoted).joined(separator: ",") + "\n"
    }

    /// A cell, quoted when it must be.
    public static func quoted(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as a cell: empty for `nil` or not-a-number, integers without a decimal point, others with
    /// enough digits to read back to the same `Double`.
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else {
            if let value, value.isInfinite { return value > 0 ? "inf" : "-inf" }
            return ""
        }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
