/// One problem found while importing a corpus, said in plain language where it is.
public struct CorpusProblem: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file, as shown to people: `toolkits.csv`, `study.qdpx/project.qde`, or the archive itself.
    public var file: String
    /// The 1-based line the problem is on; `nil` when it concerns the file as a whole.
    public var line: Int?
    /// What is wrong and, where it helps, what to do.
    public var message: String

    /// Creates a problem. Line breaks and other control characters echoed from the input are shown
    /// as `\r`, `\n`, `\t` or `\u{…}`, so one problem is always one line; a message that echoes
    /// a very long value keeps its start and end around an ellipsis.
    public init(file: String, line: Int?, message: String) {
        self.file = Self.oneLine(file)
        self.line = line
        self.message = Self.oneLine(message)
    }

    /// The text on one line and at most about 1,000 characters.
    static func oneLine(_ text: String) -> String {
        let needsEscape = text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{85}" }
        var result = text
        if needsEscape {
            var escaped = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\r": escaped.append(contentsOf: "\\r".unicodeScalars)
                case "\n": escaped.append(contentsOf: "\\n".unicodeScalars)
                case "\t": escaped.append(contentsOf: "\\t".unicodeScalars)
                case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}":
                    escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
                default: escaped.append(scalar)
                }
            }
            result = String(escaped)
        }
        let limit = 1_000
        guard result.count > limit else { return result }
        return String(result.prefix(limit / 2)) + " … " + String(result.suffix(limit / 2))
    }

    /// `file:line: message`, or `file: message` when there is no line — the form editors and terminals link.
    public var description: String {
        if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
    }

    public static func < (lhs: CorpusProblem, rhs: CorpusProblem) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.message) < (rhs.file, rhs.line ?? 0, rhs.message)
    }
}

/// A corpus could not be imported: every problem found, and no corpus.
///
/// Import is all-or-nothing. A corpus with one bad row is not imported at all; this error lists
/// everything that has to be fixed, so one round of corrections is enough.
public struct CorpusImportError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, by file and line.
    public var problems: [CorpusProblem]

    /// Creates the error from its problems, sorting them by file and line.
    public init(problems: [CorpusProblem]) {
        // A stable sort keeps a file's summary line ("… and 12 more") after the problems it follows.
        self.problems = problems.enumerated().sorted { a, b in
            let left = (a.element.file, a.element.line ?? Int.max)
            let right = (b.element.file, b.element.line ?? Int.max)
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
    }

    /// Creates the error from a single problem.
    init(_ file: String, line: Int? = nil, _ message: String) {
        self.init(problems: [CorpusProblem(file: file, line: line, message: message)])
    }

    public var description: String {
        let count = problems.count
        let header = "The corpus was not imported; \(count) problem\(count == 1 ? "" : "s") to fix:"
        return ([header] + problems.map(\.description)).joined(separator: "\n")
    }
}

/// Collects problems file by file, keeping the first few hundred of each file and counting the rest,
/// so a systematically broken 9-million-row file yields a readable list rather than millions of lines.
struct ProblemLog: Sendable {
    /// The most problems kept per file; further ones are counted.
    var limitPerFile: Int
    private(set) var problems: [CorpusProblem] = []
    private var kept: [String: Int] = [:]
    private var dropped: [String: Int] = [:]

    init(limitPerFile: Int = 500) {
        self.limitPerFile = max(1, limitPerFile)
    }

    /// Whether nothing has been reported.
    var isEmpty: Bool { problems.isEmpty && dropped.isEmpty }

    /// Records a problem.
    mutating func add(_ file: String, line: Int?, _ message: String) {
        let count = kept[file, default: 0]
        if count < limitPerFile {
            kept[file] = count + 1
            problems.append(CorpusProblem(file: file, line: line, message: message))
        } else {
            dropped[file, default: 0] += 1
        }
    }

    /// Records problems found elsewhere (by the CSV reader).
    mutating func add(contentsOf others: [CorpusProblem]) {
        for problem in others { add(problem.file, line: problem.line, problem.message) }
    }

    /// The error carrying everything recorded, with a closing line per file whose problems were cut short.
    var error: CorpusImportError {
        var all = problems
        for (file, count) in dropped.sorted(by: { $0.key < $1.key }) {
            all.append(CorpusProblem(
                file: file, line: nil,
                message: "\(count) more problem\(count == 1 ? "" : "s") in this file not listed; fix the ones above and import again"))
        }
        return CorpusImportError(problems: all)
    }
}
