import Foundation
import Testing
import WeaveAnalysis
import WeaveCore

/// The corpus import fixtures, written by `Fixtures/corpus/make_fixtures.py` (CSV folders and
/// `.qdpx` archives) plus a copy of the real ATLAS.ti sample.
enum CorpusFixtures {
    static let folder: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("corpus", isDirectory: true)

    static func csv(_ path: String) -> URL { folder.appendingPathComponent("csv").appendingPathComponent(path) }

    static func error(_ name: String) -> URL { csv("errors").appendingPathComponent(name, isDirectory: true) }

    static func qdpx(_ name: String) -> URL { folder.appendingPathComponent("qdpx").appendingPathComponent(name) }

    /// The built-in library, loaded once for all tests.
    static let library: Library = {
        do {
            return try Library.loading()
        } catch {
            fatalError("the built-in library does not load: \(error)")
        }
    }()

    static func importer(_ configure: (inout CorpusImporter.Options) -> Void = { _ in }) -> CorpusImporter {
        var options = CorpusImporter.Options()
        configure(&options)
        return CorpusImporter(library: library, options: options)
    }

    /// The problems importing `url` reports; records an issue when it imports instead.
    static func problems(
        importing url: URL, with importer: CorpusImporter = importer(), sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [CorpusProblem] {
        do {
            let corpus = try importer.importCorpus(at: url)
            Issue.record("expected problems, got a corpus of \(corpus.toolkits.count) toolkits", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }
}

extension Corpus {
    /// One coder's value for a code and toolkit, by ids and name.
    func value(_ code: String, _ toolkit: String, _ coder: String) -> Int8 {
        codings[code: codeIndex(code)!, toolkit: toolkitIndex(toolkit)!, coder: coderIndex(coder)!]
    }
}
