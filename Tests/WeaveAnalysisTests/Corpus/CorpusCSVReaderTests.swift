import Foundation
import Testing
import WeaveAnalysis

@Suite("Corpus: CSV reader")
struct CorpusCSVReaderTests {
    /// Every record's line and fields, and the problems, reading `bytes` in chunks of `chunkSize`.
    private func read(_ bytes: [UInt8], chunkSize: Int = 4 << 20) -> (records: [(line: Int, fields: [String])], problems: [String]) {
        var records: [(line: Int, fields: [String])] = []
        let problems = CSVReader(data: Data(bytes), file: "test.csv", chunkSize: chunkSize).forEachRecord { record in
            records.append((record.line, record.fields))
        }
        return (records, problems.map(\.description))
    }

    private func read(_ text: String, chunkSize: Int = 4 << 20) -> (records: [(line: Int, fields: [String])], problems: [String]) {
        read(Array(text.utf8), chunkSize: chunkSize)
    }

    @Test("quoted fields hold commas, doubled quotes and line breaks")
    func quotedFields() {
        // setup
        let text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n"
        // MUT
        let result = read(text)
        // validate
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["plain", "", ""]])
        #expect(result.records.map(\.line) == [1, 2, 4])
    }

    @Test("a byte order mark, CRLF line ends, blank lines and a missing final line break")
    func bomAndLineEnds() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\r\n\r\n1,\"a\r\nb\"\r\n2,c".utf8)
        let result = read(bytes)
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.fields) == [["id", "name"], ["1", "a\r\nb"], ["2", "c"]])
        #expect(result.records.map(\.line) == [1, 3, 5])
    }

    @Test("a trailing comma is an empty last field; a lone CR is text; a quote inside an unquoted field is text")
    func edgeCases() {
        let result = read("a,\nx\ry,5\" screen\n")
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.fields) == [["a", ""], ["x\ry", "5\" screen"]])
    }

    @Test("UTF-8 text is kept; invalid UTF-8 is reported with its line and the record skipped")
    func utf8() {
        let bytes = Array("name\nCafé 社区\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x0A] + Array("\"multi\nline \u{1F600}\"\n".utf8)
        let result = read(bytes)
        #expect(result.records.map(\.fields) == [["name"], ["Café 社区"], ["multi\nline \u{1F600}"]])
        #expect(result.problems == ["test.csv:3: is not valid UTF-8 (byte 0xE9); save the file as UTF-8"])
    }

    @Test("overlong encodings and surrogates are not UTF-8")
    func malformedSequences() {
        for sequence: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let result = read(Array("a\n".utf8) + sequence + [0x0A])
            #expect(result.problems.count == 1, "\(sequence)")
            #expect(result.records.count == 1)
        }
    }

    @Test("an unterminated quote is reported at the line it opens, and reading stops")
    func unterminatedQuote() {
        let result = read("a,b\n1,\"open\n2,3\n")
        #expect(result.records.map(\.fields) == [["a", "b"]])
        #expect(result.problems == ["test.csv:2: a quoted field starts here and is never closed; add the closing quote (\")"])
    }

    @Test("text after a closing quote is reported and the record skipped")
    func textAfterQuote() {
        let result = read("a,b\n\"x\"y,1\n2,3\n")
        #expect(result.records.map(\.fields) == [["a", "b"], ["2", "3"]])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.hasPrefix("test.csv:2: text follows a closing quote") == true)
    }

    @Test("records split across chunk boundaries read the same at every chunk size", arguments: [1, 2, 3, 5, 7, 16, 64])
    func chunkBoundaries(chunkSize: Int) {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n\"a,\"\"b\"\"\r\nc\",é\r\n\r\nlong field with some text,\"\"\r\nx,y".utf8)
        let whole = read(bytes)
        let chunked = read(bytes, chunkSize: chunkSize)
        #expect(chunked.problems == whole.problems)
        #expect(chunked.records.map(\.fields) == whole.records.map(\.fields))
        #expect(chunked.records.map(\.line) == whole.records.map(\.line))
        #expect(whole.records.map(\.fields) == [["h1", "h2"], ["a,\"b\"\r\nc", "é"], ["long field with some text", ""], ["x", "y"]])
    }

    @Test("random records written by the RFC 4180 rules read back exactly, at any chunk size", arguments: [3, 11, 4096])
    func roundTrip(chunkSize: Int) {
        // setup: a seeded generator of fields mixing plain text, delimiters, quotes, CR, LF and non-ASCII
        var state: UInt64 = 2024
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["a", "b", "toolkit", "12345678", "é", "社区", "😀", ",", "\"", "\n", "\r\n", " ", "\r"]
        var records: [[String]] = []
        var text = ""
        for _ in 0..<300 {
            let fields = (0..<(1 + next(6))).map { _ in (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined() }
            // A record of one empty field is a blank line, which readers skip.
            guard fields != [""] else { continue }
            records.append(fields)
            text += fields.map { field in
                field.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",") + (next(2) == 0 ? "\n" : "\r\n")
        }
        // MUT
        let result = read(text, chunkSize: chunkSize)
        // validate
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.fields) == records)
    }

    @Test("reads a file on disk in chunks and reports progress")
    func fileOnDisk() throws {
        // setup
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("weave-csv-\(UUID().uuidString).csv")
        var text = "toolkit_id,coder,code,present\n"
        for row in 0..<2_000 { text += "tk\(row % 50),coder\(row % 3),code-\(row % 40),\(row % 2)\n" }
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        // MUT
        var rows = 0
        var reported: [Int] = []
        let problems = CSVReader(contentsOf: url, file: "codings.csv", chunkSize: 4096)
            .forEachRecord(progress: { reported.append($0) }) { record in
                if record.count == 4 { rows += 1 }
            }
        // validate
        #expect(problems.isEmpty)
        #expect(rows == 2_001)
        #expect(reported.last == text.utf8.count)
        #expect(reported == reported.sorted())
    }

    @Test("a file that cannot be opened is a problem, not a crash")
    func missingFile() {
        let problems = CSVReader(contentsOf: URL(fileURLWithPath: "/nonexistent/weave.csv"), file: "codings.csv").forEachRecord { _ in }
        #expect(problems.count == 1)
        #expect(problems.first?.file == "codings.csv")
        #expect(problems.first?.line == nil)
    }
}
