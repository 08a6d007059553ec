public import Foundation

/// A streaming reader of RFC 4180 CSV: reads a file a few megabytes at a time and hands over one
/// record at a time, parsing bytes without building a string per character or per row.
///
/// Accepted: a UTF-8 byte order mark, CRLF or LF line ends, quoted fields holding commas, doubled
/// quotes (`""`) and line breaks. Lines that are completely empty are skipped. A quote inside an
/// unquoted field is kept as text, as spreadsheets write it (`5" screen`). Reported, each with the
/// file and line: bytes that are not UTF-8 (the record is skipped), text after a closing quote (the
/// record is skipped), a quoted field still open at the end of the file (reading stops), and a record
/// longer than ``maximumRecordBytes`` (reading stops). The separator — comma, semicolon or tab — is
/// detected from the first line unless given.
public struct CSVReader: Sendable {
    enum Input: Sendable {
        case file(URL)
        case data(Data)
    }

    let input: Input
    /// The file's name as shown in problems.
    public let file: String
    /// How many bytes are read at a time.
    public var chunkSize: Int
    /// The field separator; `nil` (the default) detects it from the first line: whichever of comma,
    /// semicolon and tab occurs most often outside quotes, a comma when none does.
    public var separator: UInt8?
    /// The longest record, in bytes, before reading stops with a problem: a "line" of megabytes is not
    /// a CSV record, and reading it whole would cost memory and time out of proportion.
    public var maximumRecordBytes: Int = 1 << 20

    /// A reader of a file on disk.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - file: Its name as problems should show it, such as `codings.csv`.
    ///   - chunkSize: How many bytes to read at a time.
    public init(contentsOf url: URL, file: String, chunkSize: Int = 4 << 20) {
        self.input = .file(url)
        self.file = file
        self.chunkSize = max(1, chunkSize)
    }

    /// A reader of bytes already in memory.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: Its name as problems should show it.
    ///   - chunkSize: How many bytes to parse at a time.
    public init(data: Data, file: String, chunkSize: Int = 4 << 20) {
        self.input = .data(data)
        self.file = file
        self.chunkSize = max(1, chunkSize)
    }

    /// The input's size in bytes, if known.
    var byteCount: Int? {
        switch input {
        case .data(let data): data.count
        case .file(let url): (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        }
    }

    /// Reads every record in order, calling `body` with each.
    ///
    /// - Parameters:
    ///   - progress: Called after each chunk with the number of bytes read so far.
    ///   - body: Called with each record; the record is valid only during the call.
    /// - Returns: The problems found in the file's syntax or encoding (at most a few hundred, then one
    ///   line counting the rest); empty when the file is well formed.
    /// - Throws: Whatever `body` throws.
    public func forEachRecord<E: Error>(
        progress: ((Int) -> Void)? = nil, separatorFound: ((UInt8) -> Void)? = nil, _ body: (CSVRecord) throws(E) -> Void
    ) throws(E) -> [CorpusProblem] {
        var parser = CSVParser(file: file, capacity: chunkSize, separator: separator, maximumRecordBytes: maximumRecordBytes)
        parser.separatorFound = separatorFound
        defer { parser.deallocate() }
        switch input {
        case .data(let data):
            var offset = 0
            try parser.run(progress: progress, fill: { destination, room in
                let count = min(room, data.count - offset)
                if count > 0 {
                    data.copyBytes(to: destination, from: data.startIndex + offset ..< data.startIndex + offset + count)
                }
                offset += count
                return count
            }, body)
        case .file(let url):
            let handle: FileHandle
            do {
                handle = try FileHandle(forReadingFrom: url)
            } catch {
                return [CorpusProblem(file: file, line: nil, message: "cannot be read: \(error.localizedDescription)")]
            }
            defer { try? handle.close() }
            var readError: (any Error)?
            try parser.run(progress: progress, fill: { destination, room in
                guard readError == nil else { return 0 }
                do {
                    guard let chunk = try handle.read(upToCount: room), !chunk.isEmpty else { return 0 }
                    chunk.copyBytes(to: destination, count: chunk.count)
                    return chunk.count
                } catch {
                    readError = error
                    return 0
                }
            }, body)
            if let readError {
                parser.problems.append(CorpusProblem(
                    file: file, line: nil, message: "could not be read to the end: \(readError.localizedDescription)"))
            }
        }
        return parser.finishedProblems
    }
}

/// The byte-level state machine behind ``CSVReader``.
///
/// The buffer holds the unparsed tail of the previous chunk followed by the next chunk. Only complete
/// records are parsed; a record cut off by the end of the buffer is parsed again once more bytes are
/// in, so no state has to survive a chunk boundary. A record longer than the buffer grows it.
struct CSVParser {
    private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    /// The most problems kept; further ones are counted.
    private static let problemLimit = 500

    let file: String
    var problems: [CorpusProblem] = []
    /// The field separator; `nil` until detected from the first line.
    private var separator: UInt8?
    /// The separator for the hot path (a comma until one is chosen).
    private var separatorByte = UInt8(ascii: ",")
    private var separators: UInt64 = 0
    private let maximumRecordBytes: Int
    /// Told the separator once it is known.
    var separatorFound: ((UInt8) -> Void)?
    private var droppedProblems = 0
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var chunk: Int
    private var bounds: UnsafeMutablePointer<Int>
    private var boundsCapacity = 64
    /// For each byte value: 1 for comma, LF and CR (they end an unquoted field), 2 for bytes of
    /// non-ASCII characters, 0 for the rest.
    private let byteKinds: UnsafeMutablePointer<UInt8>
    /// Field indices whose doubled quotes must be undone once the record is known to be complete.
    private var escaped: [Int] = []

    init(file: String, capacity: Int, separator: UInt8? = UInt8(ascii: ","), maximumRecordBytes: Int = Int.max) {
        self.file = file
        self.maximumRecordBytes = max(1, maximumRecordBytes)
        // At least four bytes, so the first fill sees a whole byte order mark.
        self.chunk = max(4, capacity)
        self.capacity = max(4, capacity)
        self.buffer = .allocate(capacity: self.capacity)
        self.bounds = .allocate(capacity: boundsCapacity)
        self.byteKinds = .allocate(capacity: 256)
        for byte in 0..<256 { byteKinds[byte] = byte >= 0x80 ? 2 : 0 }
        for byte in [Self.lf, Self.cr] { byteKinds[Int(byte)] = 1 }
        if let separator { use(separator) }
    }

    private mutating func use(_ separator: UInt8) {
        self.separator = separator
        separatorByte = separator
        separators = UInt64(separator) &* 0x0101_0101_0101_0101
        byteKinds[Int(separator)] = 1
    }

    /// The separator of a header line: the most frequent of comma, semicolon and tab outside quotes
    /// (ties going in that order), a comma when there is none.
    static func detectSeparator(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int) -> UInt8 {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == quote { inQuotes.toggle() }
            else if !inQuotes {
                if byte == lf { break }
                switch byte {
                case UInt8(ascii: ","): counts.comma += 1
                case UInt8(ascii: ";"): counts.semicolon += 1
                case 0x09: counts.tab += 1
                default: break
                }
            }
            index += 1
        }
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma && counts.tab > counts.semicolon { return 0x09 }
        return UInt8(ascii: ",")
    }

    private func tooLong(_ line: Int) -> String {
        "this line is longer than \(maximumRecordBytes >= 1 << 20 ? "\(maximumRecordBytes >> 20) MiB" : "\(maximumRecordBytes) bytes") (a line break may be missing, a quote never closed, or this is not a CSV file); reading stopped here"
    }

    func deallocate() {
        buffer.deallocate()
        bounds.deallocate()
        byteKinds.deallocate()
    }

    var finishedProblems: [CorpusProblem] {
        guard droppedProblems > 0 else { return problems }
        return problems + [CorpusProblem(
            file: file, line: nil,
            message: "\(droppedProblems) more problem\(droppedProblems == 1 ? "" : "s") of this kind not listed")]
    }

    private mutating func report(line: Int, _ message: String) {
        if problems.count < Self.problemLimit {
            problems.append(CorpusProblem(file: file, line: line, message: message))
        } else {
            droppedProblems += 1
        }
    }

    private enum Outcome {
        /// A record ends just before this offset, `newlines` line breaks after it started.
        case record(end: Int, newlines: Int, nonASCII: Bool, textAfterQuote: Bool)
        /// The buffer ends inside the record.
        case incomplete
        /// The file ends inside a quoted field.
        case unterminated
    }

    /// Reads all input through `fill`, which copies up to `room` bytes to its destination and returns
    /// how many it copied (0 at the end).
    mutating func run<E: Error>(
        progress: ((Int) -> Void)?,
        fill: (UnsafeMutablePointer<UInt8>, Int) -> Int,
        _ body: (CSVRecord) throws(E) -> Void
    ) throws(E) {
        var count = 0           // valid bytes in the buffer
        var position = 0        // where the next record starts
        var line = 1
        var isEOF = false
        var isFirstFill = true
        var bytesRead = 0

        while true {
            // Keep the unparsed tail, grow if a single record fills the whole buffer, read more.
            if position > 0 {
                if count > position { buffer.update(from: buffer + position, count: count - position) }
                count -= position
                position = 0
            }
            if !isEOF {
                if capacity - count < max(1, chunk / 2) { grow(to: max(capacity * 2, count + chunk), keeping: count) }
                while count < capacity {
                    let read = fill(buffer + count, capacity - count)
                    if read == 0 { isEOF = true; break }
                    count += read
                    bytesRead += read
                }
                progress?(bytesRead)
            }
            if isFirstFill {
                isFirstFill = false
                if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
                if separator == nil { use(Self.detectSeparator(buffer, from: position, count: count)) }
                separatorFound?(separator!)
            }


            // Parse every complete record in the buffer.
            while position < count {
                // Blank lines are skipped.
                if buffer[position] == Self.lf {
                    position += 1; line += 1; continue
                }
                if buffer[position] == Self.cr {
                    if position + 1 < count {
                        if buffer[position + 1] == Self.lf { position += 2; line += 1; continue }
                    } else if !isEOF {
                        break
                    } else {
                        position += 1; continue
                    }
                }
                let outcome = parseRecord(from: position, count: count, isEOF: isEOF)
                switch outcome {
                case .incomplete:
                    break
                case .unterminated:
                    report(line: line, "a quoted field starts here and is never closed; add the closing quote (\")")
                    return
                case let .record(end, newlines, nonASCII, textAfterQuote):
                    if end - position > maximumRecordBytes {
                        report(line: line, tooLong(line))
                        return
                    }
                    defer {
                        line += newlines
                        position = end
                    }
                    if textAfterQuote {
                        report(line: line, "text follows a closing quote; a quoted field must end at its closing quote, and a quote inside it is written twice (\"\")")
                        continue
                    }
                    if nonASCII, let bad = UTF8Validation.firstInvalidByte(buffer, from: position, to: end) {
                        let badLine = line + newlinesBetween(position, bad)
                        report(line: badLine, String(format: "is not valid UTF-8 (byte 0x%02X); save the file as UTF-8", buffer[bad]))
                        continue
                    }
                    if !escaped.isEmpty { unescapeFields() }
                    try body(CSVRecord(
                        line: line, base: UnsafePointer(buffer),
                        bounds: UnsafeBufferPointer(start: bounds, count: currentFieldCount * 2)))
                }
                if case .incomplete = outcome { break }
            }
            // What is left unparsed is one incomplete record; past the limit it is refused, so a
            // single enormous line costs one pass, not a buffer that grows without end.
            if !isEOF && count - position > maximumRecordBytes {
                report(line: line, tooLong(line))
                return
            }
            if isEOF && position >= count { return }
        }
    }

    private var currentFieldCount = 0

    private mutating func grow(to newCapacity: Int, keeping count: Int) {
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = grown
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func addField(_ start: Int, _ end: Int) {
        if currentFieldCount * 2 + 2 > boundsCapacity {
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: boundsCapacity * 2)
            grown.update(from: bounds, count: boundsCapacity)
            bounds.deallocate()
            bounds = grown
            boundsCapacity *= 2
        }
        bounds[currentFieldCount * 2] = start
        bounds[currentFieldCount * 2 + 1] = end
        currentFieldCount += 1
    }

    /// Finds the fields of the record starting at `start`.
    private mutating func parseRecord(from start: Int, count: Int, isEOF: Bool) -> Outcome {
        currentFieldCount = 0
        if !escaped.isEmpty { escaped.removeAll(keepingCapacity: true) }
        var index = start
        var newlines = 0
        var nonASCII = false
        let buffer = self.buffer
        let byteKinds = self.byteKinds

        while true {
            if index < count && buffer[index] == Self.quote {
                // A quoted field: everything up to the closing quote, `""` standing for one quote.
                index += 1
                let fieldStart = index
                var isEscaped = false
                while true {
                    while index < count {
                        let byte = buffer[index]
                        if byte == Self.quote { break }
                        if byte == Self.lf { newlines += 1 } else if byte >= 0x80 { nonASCII = true }
                        index += 1
                    }
                    if index >= count { return isEOF ? .unterminated : .incomplete }
                    if index + 1 < count {
                        guard buffer[index + 1] == Self.quote else { break }
                        isEscaped = true
                        index += 2
                    } else if isEOF {
                        break
                    } else {
                        return .incomplete
                    }
                }
                if isEscaped { escaped.append(currentFieldCount) }
                addField(fieldStart, index)
                index += 1
                // The closing quote must be followed by a comma, a line end or the end of the file.
                if index < count {
                    let byte = buffer[index]
                    let isDelimiter = byte == separatorByte || byte == Self.lf
                        || (byte == Self.cr && (index + 1 == count || buffer[index + 1] == Self.lf))
                    if !isDelimiter {
                        while index < count && buffer[index] != Self.lf {
                            if buffer[index] >= 0x80 { nonASCII = true }
                            index += 1
                        }
                        if index >= count {
                            return isEOF ? .record(end: index, newlines: newlines, nonASCII: nonASCII, textAfterQuote: true) : .incomplete
                        }
                        return .record(end: index + 1, newlines: newlines + 1, nonASCII: nonASCII, textAfterQuote: true)
                    }
                }
            } else {
                // An unquoted field: up to a comma or a line end. A lone CR is text.
                let fieldStart = index
                while true {
                    while index < count {
                        // Eight bytes at a time while none ends the field or starts a non-ASCII character.
                        while index + 8 <= count {
                            let word = UnsafeRawPointer(buffer + index).loadUnaligned(as: UInt64.self)
                            let stops = Self.bytes(of: word, equalTo: separators) | Self.bytes(of: word, equalTo: Self.lineFeeds)
                                | Self.bytes(of: word, equalTo: Self.carriageReturns) | (word & Self.highBits)
                            if stops == 0 {
                                index += 8
                            } else {
                                index += stops.trailingZeroBitCount >> 3
                                break
                            }
                        }
                        guard index < count else { break }
                        // Then one byte: 0 ordinary, 1 a delimiter, 2 part of a non-ASCII character.
                        let kind = byteKinds[Int(buffer[index])]
                        if kind != 0 {
                            if kind == 1 { break }
                            nonASCII = true
                        }
                        index += 1
                    }
                    guard index < count, buffer[index] == Self.cr else { break }
                    if index + 1 < count {
                        if buffer[index + 1] == Self.lf { break }
                        index += 1
                    } else if isEOF {
                        break
                    } else {
                        return .incomplete
                    }
                }
                addField(fieldStart, index)
            }
            // Between fields: a comma, CR LF, LF, a final CR, or the end of the buffer.
            if index >= count {
                return isEOF ? .record(end: index, newlines: newlines, nonASCII: nonASCII, textAfterQuote: false) : .incomplete
            }
            switch buffer[index] {
            case separatorByte:
                index += 1
            case Self.lf:
                return .record(end: index + 1, newlines: newlines + 1, nonASCII: nonASCII, textAfterQuote: false)
            default:
                // CR, followed by LF or ending the file; a CR ending the buffer waits for more.
                if index + 1 < count {
                    return .record(end: index + 2, newlines: newlines + 1, nonASCII: nonASCII, textAfterQuote: false)
                }
                if !isEOF { return .incomplete }
                return .record(end: index + 1, newlines: newlines, nonASCII: nonASCII, textAfterQuote: false)
            }
        }
    }

    private static let lineFeeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    private static let carriageReturns: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to the byte repeated in `pattern`. Bits above the
    /// first match may be wrong (a borrow runs on), but the lowest set bit is always the first match,
    /// which is all the scan uses.
    @inline(__always)
    private static func bytes(of word: UInt64, equalTo pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return (difference &- 0x0101_0101_0101_0101) & ~difference & highBits
    }

    /// Undoes doubled quotes in place; the text only shrinks, so it stays inside its field.
    private mutating func unescapeFields() {
        for field in escaped {
            let start = bounds[2 * field], end = bounds[2 * field + 1]
            var read = start, write = start
            while read < end {
                let byte = buffer[read]
                buffer[write] = byte
                write += 1
                read += byte == Self.quote ? 2 : 1
            }
            bounds[2 * field + 1] = write
        }
    }

    private func newlinesBetween(_ start: Int, _ end: Int) -> Int {
        var count = 0
        for index in start..<end where buffer[index] == Self.lf { count += 1 }
        return count
    }
}

/// UTF-8 validation over raw bytes, by the table of well-formed sequences in the Unicode standard.
enum UTF8Validation {
    /// The offset of the first byte in `start..<end` that is not part of a well-formed sequence.
    static func firstInvalidByte(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }
}
