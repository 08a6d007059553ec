import Foundation

/// One CSV import: reads the codebook, the toolkits and the codings in turn, collecting every problem,
/// and builds the corpus only if there were none.
struct CSVCorpusImport {
    let importer: CorpusImporter
    var log: ProblemLog
    var progress: ImportProgress
    /// Bytes of the files already read, for progress.
    var bytesBefore = 0
    /// The separator each file turned out to use, in reading order.
    var separators: [(file: String, separator: UInt8)] = []

    init(importer: CorpusImporter, readers: [CSVReader]) {
        self.importer = importer
        self.log = ProblemLog(limitPerFile: importer.options.problemLimitPerFile)
        self.progress = ImportProgress(report: importer.progress, totalBytes: readers.reduce(0) { $0 + ($1.byteCount ?? 0) })
    }

    mutating func run(codebook: CSVReader?, toolkits: CSVReader, codings: CSVReader?, origin: String) throws(CorpusImportError) -> Corpus {
        let book: CodebookDraft
        if let codebook {
            book = readCodebook(codebook)
        } else {
            book = defaultCodebook(for: codings?.file ?? toolkits.file)
        }
        let table = readToolkits(toolkits, codebook: book, isWide: codings == nil)
        let coded: CodingsDraft
        if let codings {
            coded = readCodings(codings, codebook: book, toolkits: table)
        } else {
            coded = table.wideCodings(coder: importer.options.wideFormatCoder, codeCount: book.codes.count)
        }
        progress.fraction(1)
        guard log.isEmpty else { throw log.error }

        let descriptors = table.descriptorNames.indices.map { column in
            Corpus.Descriptor(
                name: table.descriptorNames[column], isMultiValued: table.multiValued[column],
                values: table.descriptorValues[column])
        }
        return Corpus(
            origin: origin + separatorNote, codes: book.codes, codebookID: book.libraryID, toolkits: table.toolkits,
            coders: coded.coders.map { Corpus.Coder(name: $0) }, descriptors: descriptors,
            codings: Corpus.Codings(unchecked: coded.byCode, toolkitCount: table.toolkits.count, coderCount: coded.coders.count),
            excerpts: coded.excerpts)
    }

    /// Reads a whole file, keeping progress; `body` sees every record, the header first.
    ///
    /// - Returns: The problems of the file's syntax and encoding, for the caller to log.
    mutating func read(_ reader: CSVReader, _ body: (CSVRecord) -> Void) -> [CorpusProblem] {
        var progress = self.progress
        let base = bytesBefore
        let found = SeparatorBox()
        var reader = reader
        reader.maximumRecordBytes = importer.options.maximumLineBytes
        let problems = reader.forEachRecord(progress: { progress.update(base: base, bytes: $0) }, separatorFound: { found.value = $0 }, body)
        if let separator = found.value { separators.append((reader.file, separator)) }
        self.progress = progress
        bytesBefore += reader.byteCount ?? 0
        return problems
    }
}

extension CSVCorpusImport {
    /// The name of a separator, as the output says it.
    static func separatorName(_ separator: UInt8) -> String {
        switch separator {
        case UInt8(ascii: ";"): "semicolon"
        case 0x09: "tab"
        default: "comma"
        }
    }

    /// `, semicolon-separated` (or per file when they differ) when any file is not comma-separated;
    /// empty otherwise, the comma being the default.
    var separatorNote: String {
        let names = separators.map { ($0.file, Self.separatorName($0.separator)) }
        guard names.contains(where: { $0.1 != "comma" }) else { return "" }
        let distinct = Set(names.map(\.1))
        if distinct.count == 1 { return ", \(names[0].1)-separated" }
        return ", " + names.map { "\($0.0) \($0.1)-separated" }.joined(separator: ", ")
    }
}

/// Holds the separator the reader reports, for the one read in progress.
final class SeparatorBox {
    var value: UInt8?
}

/// Reports a value seen on many lines once, with its first line and how many more, instead of one
/// problem per line ("unknown toolkit "tk9" … and on 299 more lines").
struct RepeatedProblems {
    private var first: [String: (line: Int, count: Int)] = [:]
    private var order: [String] = []

    mutating func add(_ key: String, line: Int) {
        if let seen = first[key] {
            first[key] = (seen.line, seen.count + 1)
        } else {
            first[key] = (line, 1)
            order.append(key)
        }
    }

    /// Logs each key once through `message`, which gets the key and returns the message.
    func report(file: String, into log: inout ProblemLog, _ message: (String) -> String) {
        for key in order {
            let seen = first[key]!
            let more = seen.count > 1 ? " (also on \(seen.count - 1) later line\(seen.count == 2 ? "" : "s"))" : ""
            log.add(file, line: seen.line, message(key) + more)
        }
    }
}
