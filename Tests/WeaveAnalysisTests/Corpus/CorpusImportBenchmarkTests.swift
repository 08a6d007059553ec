import Foundation
import Testing
import WeaveAnalysis

/// Measures the CSV reader and the long-format import on a generated corpus the size of the issue's
/// benchmark: 10,000 toolkits × 300 codes × 3 coders = 9,000,000 rows of `codings.csv`.
///
/// A measurement, not a timed test: it runs only when `WEAVE_BENCHMARK_CORPUS` is set, and prints.
///     WEAVE_BENCHMARK_CORPUS=1 swift test -c release --filter CorpusImportBenchmark
@Suite("Corpus: import benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["WEAVE_BENCHMARK_CORPUS"] != nil))
struct CorpusImportBenchmarkTests {
    static let toolkitCount = 10_000, codeCount = 300, coderCount = 3

    /// Writes the corpus folder once per run: codebook.csv, toolkits.csv with 20 descriptors,
    /// codings.csv with every (toolkit, coder, code), present or absent at random (seeded).
    static let folder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-corpus-benchmark", isDirectory: true)
        let codings = folder.appendingPathComponent("codings.csv")
        if FileManager.default.fileExists(atPath: codings.path) { return folder }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var codebook = "code_id,parent_id,name,definition\n"
        for code in 0..<codeCount {
            codebook += code < 30 ? "group-\(code),,Group \(code),A broad code.\n" : "code-\(code),group-\(code % 30),Code \(code),A narrow code.\n"
        }
        var toolkits = "toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url"
        for extra in 0..<10 { toolkits += ",extra_\(extra)" }
        toolkits += "\n"
        var state: UInt64 = 42
        func next() -> UInt64 {  // SplitMix64, so every run writes the same corpus
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for toolkit in 0..<toolkitCount {
            toolkits += "tk\(toolkit),Toolkit \(toolkit),Org \(toolkit % 97),country-\(next() % 12),type-\(next() % 5),issue-\(next() % 6);issue-\(next() % 6),age-\(next() % 3),org-\(next() % 4);org-\(next() % 4),\(1990 + next() % 35),https://example.org/\(toolkit)"
            for _ in 0..<10 { toolkits += ",level-\(next() % 4)" }
            toolkits += "\n"
        }
        try? Data(codebook.utf8).write(to: folder.appendingPathComponent("codebook.csv"))
        try? Data(toolkits.utf8).write(to: folder.appendingPathComponent("toolkits.csv"))
        FileManager.default.createFile(atPath: codings.path, contents: nil)
        guard let handle = try? FileHandle(forWritingTo: codings) else { return folder }
        var buffer = Data("toolkit_id,coder,code,present\n".utf8)
        for toolkit in 0..<toolkitCount {
            for coder in 1...coderCount {
                for code in 0..<codeCount {
                    let id = code < 30 ? "group-\(code)" : "code-\(code)"
                    buffer.append(contentsOf: "tk\(toolkit),coder\(coder),\(id),\(next() % 4 == 0 ? 1 : 0)\n".utf8)
                }
            }
            if buffer.count > 8 << 20 { try? handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try? handle.write(contentsOf: buffer)
        try? handle.close()
        return folder
    }()

    @Test("the CSV reader alone: rows per second over codings.csv")
    func reader() {
        let url = Self.folder.appendingPathComponent("codings.csv")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        for _ in 0..<3 {
            let start = ContinuousClock.now
            var rows = 0
            let problems = CSVReader(contentsOf: url, file: "codings.csv").forEachRecord { record in
                if record.count == 4 { rows += 1 }
            }
            let seconds = Self.seconds(ContinuousClock.now - start)
            #expect(problems.isEmpty)
            #expect(rows == Self.toolkitCount * Self.codeCount * Self.coderCount + 1)
            print("CSV reader: \(rows) rows, \(bytes >> 20) MiB in \(String(format: "%.3f", seconds)) s = \(String(format: "%.1f", Double(rows) / seconds / 1e6)) M rows/s, \(String(format: "%.0f", Double(bytes) / seconds / 1e6)) MB/s")
        }
    }

    @Test("the whole long-format import: codebook, toolkits with 20 descriptors, 9 million codings")
    func fullImport() throws {
        let folder = Self.folder
        let importer = CorpusImporter(library: CorpusFixtures.library)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let corpus = try importer.importCorpus(at: folder)
            let seconds = Self.seconds(ContinuousClock.now - start)
            #expect(corpus.codings.codedCount == Self.toolkitCount * Self.codeCount * Self.coderCount)
            #expect(corpus.descriptors.count == 19)
            print("Import: \(corpus.toolkits.count) toolkits × \(corpus.codes.count) codes × \(corpus.coders.count) coders in \(String(format: "%.3f", seconds)) s = \(String(format: "%.1f", 9.0 / seconds)) M codings/s")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
