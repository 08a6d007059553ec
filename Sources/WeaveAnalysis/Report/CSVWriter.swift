/// Writes RFC 4180 CSV: comma-separated, CRLF-free (LF line ends), fields quoted when they hold a comma,
/// quote, CR or LF, quotes doubled. Numbers are written so that they read back exactly.
///
/// Every cell is neutralised against formula injection (OWASP, "CSV Injection"): a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a single quote in front (`'=HYPERLINK(…)`), so a
/// spreadsheet shows it as text instead of running it. A cell that is exactly a number as Weave writes
/// numbers (`-0.12`, `-3`, `1.5e-07`, `-inf`) is left alone: it is a number, not a formula, and the
/// numeric columns stay numeric. The rule is documented in `docs/research-analysis.md`.
public struct CSVWriter: Sendable {
    /// The text so far.
    public private(set) var text: String = ""

    /// Starts a file with its header row.
    public init(header: [String]) {
        row(header)
    }

    /// Appends one row of cells.
    public mutating func row(_ cells: [String]) {
        // Appended in place: a report writes hundreds of thousands of rows, and building each row's
        // cells and joined line as separate strings cost more than the cells themselves.
        var first = true
        for cell in cells {
            if !first { text.append(",") }
            first = false
            CSVWriter.append(cell, to: &text)
        }
        text.append("\n")
    }

    /// Appends one cell, neutralised and quoted as ``quoted(_:)`` does; plain cells (the great majority)
    /// are appended as they are after one pass over their bytes.
    static func append(_ cell: String, to text: inout String) {
        var plain = true
        for byte in cell.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 10 || byte == 13 {
            plain = false
            break
        }
        if plain, let first = cell.utf8.first,
           first != UInt8(ascii: "="), first != UInt8(ascii: "+"), first != UInt8(ascii: "@"), first != 0x09, first != UInt8(ascii: "-") {
            text.append(cell)
        } else if cell.isEmpty {
            return
        } else {
            text.append(quoted(cell))
        }
    }

    /// A cell, quoted when it must be.
    public static func quoted(_ cell: String) -> String {
        let cell = neutralised(cell)
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The cell with a single quote in front when a spreadsheet would read it as a formula: it starts
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return and is not a plain number.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.utf8.first else { return cell }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 0x09, 0x0D:
            return "'" + cell
        case UInt8(ascii: "-"):
            return isPlainNumber(cell) ? cell : "'" + cell
        default:
            return cell
        }
    }

    /// Whether the text is a number in the form ``number(_:)`` writes: an optional minus, digits, an
    /// optional fraction and exponent, or `inf`/`-inf`.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.elementsEqual("inf".utf8) { return true }
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        guard digits() > 0 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
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
