/// Plain-words explanations for the YAML mistakes people make most in a text editor, placed where the
/// mistake is rather than where the YAML parser gave up.
enum YAMLHint {
    /// An opening quote.
    struct OpenQuote: Equatable {
        /// 1-based line and column of the quote character.
        var line: Int
        var column: Int
        var quote: Character
    }

    /// The first quoted value that is not closed on the line where it opens, if any.
    ///
    /// A quoted scalar may run over several lines in YAML, but library files almost never do that on
    /// purpose; this is asked only after the parser has failed, to find the likely cause.
    static func firstUnclosedQuote(in text: String) -> OpenQuote? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let column = unclosedQuoteColumn(in: Array(line)) {
                return OpenQuote(line: index + 1, column: column + 1, quote: Array(line)[column])
            }
        }
        return nil
    }

    /// The 0-based column of a quote that opens a value on this line and does not close on it.
    private static func unclosedQuoteColumn(in line: [Character]) -> Int? {
        var index = 0
        var previous: Character?  // the last character before `index` that is not a space
        var sawSpace = true
        while index < line.count {
            let character = line[index]
            if character == "#" && sawSpace { return nil }  // a comment to the end of the line
            // A quote opens a value only at its start: after a key's ": ", a list's "- ", or in a flow
            // collection after "[", "{" or ",". Elsewhere (it's, "a "b" c") it is an ordinary character.
            let opensValue = previous == nil || previous == "[" || previous == "{" || previous == ","
                || ((previous == ":" || previous == "-" || previous == "?") && sawSpace)
            if (character == "\"" || character == "'") && opensValue {
                let start = index
                index += 1
                var closed = false
                while index < line.count {
                    let inner = line[index]
                    if character == "\"" && inner == "\\" { index += 2; continue }
                    if inner == character {
                        if character == "'" && index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                        closed = true
                        break
                    }
                    index += 1
                }
                guard closed else { return start }
                previous = character
                sawSpace = false
                index += 1
                continue
            }
            if character == " " || character == "\t" || character == "\r" {
                sawSpace = true
            } else {
                previous = character
                sawSpace = false
            }
            index += 1
        }
        return nil
    }

    /// A hint when the line the parser failed on is indented differently from the lines above it.
    static func indentation(at lineNumber: Int, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        func isContent(_ line: String) -> Bool {
            let trimmed = line.trimmingPrefix { $0 == " " }
            return !trimmed.isEmpty && !trimmed.hasPrefix("#") && trimmed != "\r"
        }
        guard lineNumber >= 1, lineNumber <= lines.count else { return nil }
        // The parser may stop at the start of the line after the mistake; look at the nearest content line.
        var number = lineNumber
        while number >= 1 && !isContent(lines[number - 1]) { number -= 1 }
        guard number >= 1 else { return nil }
        if lines[number - 1].hasPrefix("\t") || lines[number - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
            return "line \(number) is indented with a tab; YAML indents with spaces only"
        }
        let here = indent(lines[number - 1])
        var above = number - 1
        while above >= 1 && !isContent(lines[above - 1]) { above -= 1 }
        guard above >= 1 else { return nil }
        let aboveLine = lines[above - 1]
        let there = indent(aboveLine)
        let aboveIsKey = aboveLine.trimmingPrefix { $0 == " " }.hasPrefix("- ") == false && aboveLine.contains(":")
        let aboveEndsMapping = aboveLine.trimmingCharacters(inSet: " \r").hasSuffix(":")
        if here > there && !aboveEndsMapping {
            return "line \(number) is indented more than \(aboveIsKey ? "the key" : "the line") above it (line \(above)); keys of one mapping start in the same column"
        }
        if here < there {
            // Lines of the same mapping or list share a column: a line that matches no column above is off.
            let columns = Set(lines[..<(number - 1)].filter(isContent).map(indent))
            if !columns.contains(here) {
                return "line \(number) is indented less than line \(above) but does not line up with any line above it; line it up with the key it belongs beside"
            }
        }
        return nil
    }
}

extension String {
    /// The string without the given characters at its end.
    fileprivate func trimmingCharacters(inSet characters: String) -> String {
        var result = self
        while let last = result.last, characters.contains(last) { result.removeLast() }
        return result
    }
}

/// Recognises UTF-16 text, with or without a byte order mark, so it can be told apart from other non-UTF-8.
enum UTF16Check {
    /// "little-endian", "big-endian" (with the mark's wording), or `nil` when the bytes are not UTF-16.
    ///
    /// Without a byte order mark, text of a library file (mostly ASCII keys) in UTF-16 has a zero byte
    /// in every other position; UTF-8 text never holds zero bytes.
    static func byteOrder(of bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(512))
        if head.starts(with: [0xFF, 0xFE]) { return "it starts with a little-endian byte order mark" }
        if head.starts(with: [0xFE, 0xFF]) { return "it starts with a big-endian byte order mark" }
        guard head.count >= 4 else { return nil }
        let even = stride(from: 0, to: head.count - 1, by: 2).filter { head[$0] == 0 }.count
        let odd = stride(from: 1, to: head.count, by: 2).filter { head[$0] == 0 }.count
        let pairs = head.count / 2
        if odd * 4 >= pairs * 3 && even == 0 { return "little-endian, every other byte is zero" }
        if even * 4 >= pairs * 3 && odd == 0 { return "big-endian, every other byte is zero" }
        return nil
    }
}
