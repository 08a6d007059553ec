public import Foundation
public import WeaveCore

/// The ways a corpus can be written, as ``CorpusImporter/detectFormat(at:)`` tells them apart.
public enum CorpusFormat: String, Sendable, Hashable, CaseIterable {
    /// A folder holding `toolkits.csv` and `codings.csv` (one row per coding), and optionally `codebook.csv`.
    case longCSV = "long-csv"
    /// A folder holding `toolkits.csv` with `code:ID` columns and no `codings.csv`, optionally with
    /// `codebook.csv`; or a single `.csv` file in that shape.
    case wideCSV = "wide-csv"
    /// A REFI-QDA project file (`.qdpx`).
    case refiQDA = "refi-qda"
}

/// Imports a coded toolkit corpus — CSV files or a REFI-QDA project — all-or-nothing.
///
/// Every problem in every file is collected and reported together as a ``CorpusImportError``, each
/// with its file and line; a corpus is returned only when there are none. Nothing is written to disk.
/// The format is documented in `docs/research-format.md`.
public struct CorpusImporter: Sendable {
    /// Choices that change how files are read.
    public struct Options: Sendable, Hashable {
        /// The coder of a wide-format file (`--coder`).
        public var wideFormatCoder: String = "coder1"
        /// What an empty cell of a wide-format sheet means (`--blank`): absent by default, as sheets
        /// kept as "1 or blank" mean it.
        public var wideBlank: BlankCell = .absent
        /// The longest line (record) a CSV file may have; a longer one is reported and reading stops.
        public var maximumLineBytes: Int = 1 << 20
        /// The most codings (codes × toolkits × coders, one byte each) and descriptor cells (descriptors
        /// × toolkits) a corpus may hold in memory: a small file naming 100,000 codes and 100,000
        /// toolkits would otherwise ask for ten gigabytes. The default, 2²⁸, is 30 times the 9-million-
        /// coding benchmark corpus.
        public var maximumCodingCells: Int = 1 << 28
        /// Descriptors whose values are separated by `;`.
        public var multiValuedDescriptors: Set<String> = ["social_issue", "member_org_types"]
        /// The library codebook whose codes CSV codings use when there is no `codebook.csv`.
        public var defaultCodebookID: String = "default-activities"
        /// What a `.qdpx` archive may hold before it is refused.
        public var archiveLimits: ArchiveLimits = ArchiveLimits()
        /// The most problems listed per file; the rest are counted in one closing line.
        public var problemLimitPerFile: Int = 500

        /// The defaults.
        public init() {}
    }

    /// What an empty cell of a wide-format sheet means.
    public enum BlankCell: String, Sendable, Hashable, CaseIterable {
        /// The coder looked and did not find the code (the default).
        case absent
        /// The toolkit was not coded for the code.
        case notCoded = "not-coded"
    }

    /// The limits that keep a hostile `.qdpx` from exhausting memory or time.
    public struct ArchiveLimits: Sendable, Hashable {
        /// The most entries an archive may list.
        public var maximumEntries: Int = 10_000
        /// The most bytes one entry may inflate to, counted while inflating.
        public var maximumEntryBytes: Int = 256 << 20
        /// The most bytes all entries together may declare.
        public var maximumTotalBytes: Int = 512 << 20
        /// Past ``compressionRatioFloor`` inflated bytes, the most an entry may inflate per
        /// compressed byte, counted while inflating: XML deflates 5 to 30 times; a zip bomb, a thousand.
        public var maximumCompressionRatio: Int = 200
        /// Inflated bytes allowed whatever the ratio (small files compress freakishly well).
        public var compressionRatioFloor: Int = 16 << 20
        /// The deepest nesting of XML elements in `project.qde`.
        public var maximumDepth: Int = 256

        /// The defaults: 10,000 entries, 256 MiB inflated per entry, 200:1 past 16 MiB, 256 levels.
        public init() {}
    }

    /// The library whose default codebook CSV codings refer to.
    public var library: Library
    /// Reading choices.
    public var options: Options
    /// Called with the fraction done, from 0 to 1, during long imports.
    public var progress: (@Sendable (Double) -> Void)?

    /// Creates an importer.
    ///
    /// - Parameters:
    ///   - library: Gives the default codebook (`default-activities`), used when a CSV corpus has no `codebook.csv`.
    ///   - options: Reading choices.
    ///   - progress: Called with the fraction done (0…1) as files are read.
    public init(library: Library, options: Options = Options(), progress: (@Sendable (Double) -> Void)? = nil) {
        self.library = library
        self.options = options
        self.progress = progress
    }

    /// The CSV files of a corpus folder.
    public enum FileName {
        /// The optional codebook.
        public static let codebook = "codebook.csv"
        /// The toolkits, with code columns in the wide format.
        public static let toolkits = "toolkits.csv"
        /// The codings in the long format.
        public static let codings = "codings.csv"
    }

    /// Tells which format a path holds, without reading more than its name and folder listing.
    ///
    /// A `.qdpx` file is REFI-QDA; any other file is a wide-format CSV. A folder with `codings.csv` is the
    /// long format; a folder with `toolkits.csv` and no `codings.csv` is the wide format.
    /// - Throws: ``CorpusImportError`` when the path does not exist or the folder has no `toolkits.csv`.
    public static func detectFormat(at url: URL) throws(CorpusImportError) -> CorpusFormat {
        var isDirectory: ObjCBool = false
        let display = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw CorpusImportError(display, "does not exist")
        }
        if !isDirectory.boolValue {
            let name = display.lowercased()
            let folder = url.deletingLastPathComponent()
            let besideToolkits = FileManager.default.fileExists(atPath: folder.appendingPathComponent(FileName.toolkits).path)
            // codings.csv and codebook.csv are parts of a corpus folder, never a corpus on their own;
            // toolkits.csv is one too when codings.csv sits beside it.
            if name == FileName.codings || name == FileName.codebook
                || (name == FileName.toolkits && FileManager.default.fileExists(atPath: folder.appendingPathComponent(FileName.codings).path)) {
                let folderName = folder.path.isEmpty ? "." : folder.path
                throw CorpusImportError(display, "is one file of a corpus folder; give the folder that holds it\(besideToolkits ? "" : " together with toolkits.csv"), not the file: \(folderName)")
            }
            return url.pathExtension.lowercased() == "qdpx" ? .refiQDA : .wideCSV
        }
        let has = { (name: String) in FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path) }
        guard has(FileName.toolkits) else {
            throw CorpusImportError(display + "/", "has no \(FileName.toolkits); a corpus folder holds toolkits.csv, codings.csv and optionally codebook.csv (or toolkits.csv with code:ID columns)")
        }
        return has(FileName.codings) ? .longCSV : .wideCSV
    }

    /// Imports the corpus at a path: a folder of CSV files, a wide-format CSV file, or a `.qdpx` project.
    ///
    /// - Throws: ``CorpusImportError`` listing every problem found.
    public func importCorpus(at url: URL) throws(CorpusImportError) -> Corpus {
        switch try Self.detectFormat(at: url) {
        case .refiQDA:
            return try importREFIQDA(at: url)
        case .wideCSV where !Self.isDirectory(url):
            return try importCSV(
                codebook: nil, toolkits: CSVReader(contentsOf: url, file: url.lastPathComponent), codings: nil,
                origin: "wide-format CSV file \(url.lastPathComponent)")
        case .longCSV, .wideCSV:
            let reader = { (name: String) -> CSVReader? in
                let file = url.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: file.path) else { return nil }
                return CSVReader(contentsOf: file, file: name)
            }
            let codings = reader(FileName.codings)
            return try importCSV(
                codebook: reader(FileName.codebook), toolkits: reader(FileName.toolkits)!, codings: codings,
                origin: "CSV folder \(url.lastPathComponent)/ (\(codings == nil ? "wide" : "long") format)")
        }
    }

    /// Imports CSV files already in memory, such as an upload: the long format when `codings` is given,
    /// else the wide format (code columns in `toolkits`).
    ///
    /// - Parameters:
    ///   - codebook: The bytes of `codebook.csv`, if any; without it codes come from the default codebook.
    ///   - toolkits: The bytes of `toolkits.csv` (or of the wide-format file).
    ///   - codings: The bytes of `codings.csv`, if any.
    ///   - origin: Where the files came from, for reports.
    /// - Throws: ``CorpusImportError`` listing every problem found.
    public func importCSV(codebook: Data?, toolkits: Data, codings: Data?, origin: String = "uploaded CSV files") throws(CorpusImportError) -> Corpus {
        try importCSV(
            codebook: codebook.map { CSVReader(data: $0, file: FileName.codebook) },
            toolkits: CSVReader(data: toolkits, file: FileName.toolkits),
            codings: codings.map { CSVReader(data: $0, file: FileName.codings) },
            origin: origin)
    }

    /// Imports from CSV readers: the long format when `codings` is given, else the wide format.
    ///
    /// - Throws: ``CorpusImportError`` listing every problem found.
    public func importCSV(codebook: CSVReader?, toolkits: CSVReader, codings: CSVReader?, origin: String) throws(CorpusImportError) -> Corpus {
        var run = CSVCorpusImport(importer: self, readers: [codebook, toolkits, codings].compactMap { $0 })
        return try run.run(codebook: codebook, toolkits: toolkits, codings: codings, origin: origin)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// The size a corpus would have in memory, checked before it is allocated.
enum CorpusSize {
    /// A problem message when `codes × toolkits × coders` exceeds `limit`, else `nil`.
    static func excess(codes: Int, toolkits: Int, coders: Int, limit: Int) -> String? {
        let (partial, overflow1) = codes.multipliedReportingOverflow(by: toolkits)
        let (cells, overflow2) = partial.multipliedReportingOverflow(by: max(1, coders))
        guard overflow1 || overflow2 || cells > limit else { return nil }
        let formatter = { (value: Int) -> String in
            // 1,234,567: thousands separated by commas, whatever the machine's locale.
            let digits = Array(String(value))
            return String(digits.enumerated().flatMap { index, digit in
                index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
            })
        }
        let total = overflow1 || overflow2 ? "more than \(formatter(Int.max))" : formatter(cells)
        return "the corpus would hold \(formatter(codes)) codes × \(formatter(toolkits)) toolkits × \(formatter(max(1, coders))) coder\(coders == 1 ? "" : "s") = \(total) codings, more than the \(formatter(limit)) an import may hold in memory; split the corpus or remove codes and toolkits it does not use"
    }

    /// A problem message when `descriptors × toolkits` exceeds `limit`, else `nil`.
    static func descriptorExcess(descriptors: Int, toolkits: Int, limit: Int) -> String? {
        let (cells, overflow) = descriptors.multipliedReportingOverflow(by: toolkits)
        guard overflow || cells > limit / 8 else { return nil }
        return "the corpus would hold \(descriptors) descriptors for each of \(toolkits) toolkits, more than an import may hold in memory; remove variables it does not use"
    }
}

/// Turns bytes read, file by file, into one fraction for ``CorpusImporter/progress``, at most a
/// hundred calls per import.
struct ImportProgress {
    let report: (@Sendable (Double) -> Void)?
    let total: Double
    private var done: Double = 0
    private var lastReported: Double = -1

    init(report: (@Sendable (Double) -> Void)?, totalBytes: Int) {
        self.report = report
        self.total = Double(max(1, totalBytes))
    }

    /// Reports that `bytes` of the current file are read, after `base` bytes of earlier files.
    mutating func update(base: Int, bytes: Int) {
        fraction(min(1, Double(base + bytes) / total))
    }

    /// Reports a fraction directly.
    mutating func fraction(_ value: Double) {
        guard let report, value >= lastReported + 0.01 || (value >= 1 && lastReported < 1) else { return }
        lastReported = value
        report(value)
    }
}
