import ArgumentParser
import Foundation
import WeaveAnalysis
import WeaveCore

/// What `analyze` and `reliability` share: where the corpus is and how to read it.
struct CorpusOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A folder of CSV files, a wide-format .csv file, or a REFI-QDA .qdpx project. Omit it with --demo.", valueName: "corpus"))
    var corpus: String?
    @Flag(help: "Analyse the built-in library's coded toolkits instead of a corpus.")
    var demo = false
    @Option(help: ArgumentHelp("The coder of a wide-format file.", valueName: "name"))
    var coder = "coder1"
    @Option(help: ArgumentHelp("What an empty cell of a wide-format sheet means: absent or not-coded.", valueName: "meaning"))
    var blank: BlankOption = .absent

    func validate() throws {
        if demo == (corpus != nil) {
            throw ValidationError(demo ? "give either a corpus or --demo, not both" : "name a corpus folder or file, or use --demo for the built-in library's toolkits")
        }
    }

    /// The corpus, with progress on standard error for long imports.
    func load(library: Library, quiet: Bool) throws -> Corpus {
        if demo {
            do { return try Corpus(library: library) } catch { throw CLIError(error.description) }
        }
        var options = CorpusImporter.Options()
        options.wideFormatCoder = coder
        options.wideBlank = blank.cell
        let progress = quiet ? nil : ProgressLine(label: "Importing")
        var report: (@Sendable (Double) -> Void)?
        if let progress { report = { progress.update($0) } }
        let importer = CorpusImporter(library: library, options: options, progress: report)
        let outcome: Result<Corpus, CorpusImportError>
        do {
            outcome = .success(try importer.importCorpus(at: URL(fileURLWithPath: corpus!)))
        } catch {
            outcome = .failure(error)
        }
        progress?.finish()
        switch outcome {
        case .success(let corpus): return corpus
        case .failure(let failure): throw CLIError(failure.description + "\nNothing was imported; fix these and run again.")
        }
    }
}

/// `weave analyze`: Q1–Q3 and coder agreement, written as an HTML report with CSV and JSON tables.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Answer the three research questions for a coded toolkit corpus and write a report.",
        discussion: "Writes report.html, report.json, q1.csv, q2.csv, q3.csv, other.csv, effects.csv, agreement.csv, agreement_pairs.csv, disagreements.csv and every chart as figures/figure-<n>-<what>.svg into the --report folder. The input formats are in docs/research-format.md, the outputs in docs/research-analysis.md.")

    @OptionGroup var library: LibraryOptions
    @OptionGroup var source: CorpusOptions
    @Option(help: ArgumentHelp("Use this coder's values where they coded a toolkit, instead of the majority.", valueName: "coder"))
    var adjudicator: String?
    @Option(help: ArgumentHelp("A network descriptor for Q2 (repeatable; replaces the default social_issue, network_age, member_org_types).", valueName: "column"))
    var network: [String] = []
    @Option(help: ArgumentHelp("A creator descriptor for Q3 (repeatable; replaces the default creator_country, creator_type).", valueName: "column"))
    var creator: [String] = []
    // Unconditional, so that "--minimum-group -1" reaches validate() as a number instead of being
    // taken for an option ("Missing value").
    @Option(parsing: .unconditional, help: ArgumentHelp("Groups with fewer toolkits are not tested.", valueName: "n"))
    var minimumGroup = 5
    @Option(help: ArgumentHelp("The folder to write the report into.", valueName: "dir"))
    var report: String
    @Flag(help: "No progress lines.") var quiet = false

    func validate() throws {
        guard minimumGroup >= 1 else { throw ValidationError("--minimum-group must be a whole number of at least 1, not \(minimumGroup)") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: report, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--report \(report) is an existing file; name a folder for the report (it is created if it does not exist)")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let library = try self.library.load()
        let corpus = try source.load(library: library, quiet: quiet)
        let imported = clock.now
        var options = ResearchAnalysis.Options()
        options.adjudicator = adjudicator
        if !network.isEmpty { options.network = network }
        if !creator.isEmpty { options.creator = creator }
        options.minimumGroupSize = minimumGroup
        let progress = quiet ? nil : ProgressLine(label: "Analysing")
        var report: (@Sendable (Double) -> Void)?
        if let progress { report = { progress.update($0) } }
        let result: ResearchReport
        do {
            result = try ResearchAnalysis(options: options).run(corpus, progress: report)
        } catch {
            progress?.finish()
            throw CLIError(error.description)
        }
        progress?.finish()
        let analysed = clock.now
        let folder = URL(fileURLWithPath: self.report, isDirectory: true)
        try result.write(to: folder)
        let written = clock.now
        func seconds(_ duration: Duration) -> String {
            let (whole, attoseconds) = duration.components
            return String(format: "%.2f s", Double(whole) + Double(attoseconds) / 1e18)
        }
        print(AnalyzeCommand.summary(result, folder: self.report))
        print("Import \(seconds(imported - started)) · analysis \(seconds(analysed - imported)) · report \(seconds(written - analysed)).")
    }

    /// A few lines for the terminal: what was analysed, the top of Q1, the strongest differences.
    static func summary(_ result: ResearchReport, folder: String) -> String {
        var lines = ["Analysed \(result.toolkits) toolkits, \(result.codes) codes, \(result.coders.count) coder\(result.coders.count == 1 ? "" : "s").", "Read from \(result.origin).", "Consensus: \(result.consensus).", ""]
        if !result.warnings.isEmpty {
            lines.insert(contentsOf: result.warnings.map { "Warning: " + $0.wrapped(width: 76, indent: "  ") } + [""], at: 0)
        }
        var table = TextTable()
        table.add("Q1", "COUNT", "N", "SHARE")
        for row in result.q1.prefix(5) {
            table.add(row.name, String(row.count), String(row.n), row.share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–")
        }
        lines.append(table.render())
        for family in result.families where !family.statements.isEmpty {
            lines.append("")
            lines.append(family.id.uppercased() + ":")
            lines += family.statements.map { "  - " + $0.wrapped(width: 76, indent: "    ") }
        }
        lines.append("")
        lines.append("Report written to \(folder)/report.html (with CSV and JSON tables).")
        return lines.joined(separator: "\n")
    }
}

/// `weave reliability`: the coder agreement table.
struct ReliabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reliability", abstract: "Print coder agreement per code and overall.")

    @OptionGroup var library: LibraryOptions
    @OptionGroup var source: CorpusOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let library = try self.library.load()
        let corpus = try source.load(library: library, quiet: format == .json)
        print(try output(corpus))
    }

    func output(_ corpus: Corpus) throws -> String {
        var options = ResearchAnalysis.Options()
        options.network = []
        options.creator = []
        let report: ResearchReport
        do { report = try ResearchAnalysis(options: options).run(corpus) } catch { throw CLIError(error.description) }
        if format == .json {
            struct Output: Encodable { var agreement: [ResearchReport.AgreementRow]; var pairs: [ResearchReport.PairRow]; var disagreements: Int }
            return try WeaveJSON.string(Output(agreement: report.agreement, pairs: report.agreementPairs, disagreements: report.disagreements.count))
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
        func interval(_ low: Double?, _ high: Double?) -> String {
            guard let low, let high else { return "–" }
            return "\(number(low))–\(number(high))"
        }
        var table = TextTable()
        table.add("CODE", "UNITS", "AGREEMENT", "FLEISS κ", "95% CI", "KRIPPENDORFF α", "95% CI")
        for row in report.agreement {
            table.add(row.code, String(row.units), number(row.percentAgreement), number(row.fleissKappa), interval(row.fleissKappaLow, row.fleissKappaHigh),
                      number(row.krippendorffAlpha), interval(row.krippendorffAlphaLow, row.krippendorffAlphaHigh))
        }
        var output = report.warnings.map { "Warning: " + $0.wrapped(width: 76, indent: "  ") + "\n" }.joined() + table.render()
        output += "\n\n95% intervals: percentile bootstrap, \(report.bootstrapResamples) resamples of toolkits (seed \(report.seed))."
        let pairs = report.agreementPairs.filter { $0.code == "(all)" }
        if !pairs.isEmpty {
            var pairTable = TextTable()
            pairTable.add("CODER", "CODER", "UNITS", "AGREEMENT", "COHEN κ")
            for pair in pairs {
                pairTable.add(pair.coderA, pair.coderB, String(pair.nUnits), number(pair.percentAgreement), number(pair.cohenKappa))
            }
            output += "\n\nEach pair of coders over all codes (per code: --format json):\n" + pairTable.render()
        }
        return output + "\n\n\(report.disagreements.count) disagreement\(report.disagreements.count == 1 ? "" : "s") between coders." + "\nRead from \(corpus.origin)."
    }
}

/// A progress line on standard error, rewritten in place; silent when standard error is not a terminal.
final class ProgressLine: @unchecked Sendable {
    // @unchecked: the one mutable field is guarded by `lock`; updates may come from any thread.
    private let label: String
    private let lock = NSLock()
    private var shown = -1
    private let isTerminal = isatty(2) == 1

    init(label: String) { self.label = label }

    func update(_ fraction: Double) {
        let percent = Int((max(0, min(1, fraction)) * 100).rounded(.down))
        lock.lock()
        defer { lock.unlock() }
        guard percent != shown else { return }
        shown = percent
        if isTerminal {
            FileHandle.standardError.write(Data("\r\(label)… \(percent)%".utf8))
        } else if percent % 25 == 0 {
            FileHandle.standardError.write(Data("\(label)… \(percent)%\n".utf8))
        }
    }

    func finish() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// `--blank`: what an empty cell of a wide-format sheet means.
enum BlankOption: String, ExpressibleByArgument, CaseIterable {
    case absent
    case notCoded = "not-coded"

    var cell: CorpusImporter.BlankCell { self == .absent ? .absent : .notCoded }
}
