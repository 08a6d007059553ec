import Foundation
import Testing
@testable import WeaveCore

/// docs/library-format.md promises a complete, valid example of each kind of file. This keeps it honest:
/// every ```yaml block that starts with `kind:` is loaded, together with the built-in library.
@Suite struct LibraryFormatDocTests {
    static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/library-format.md")

    static func examples() throws -> [String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst()
            .compactMap { $0.components(separatedBy: "\n```").first }
            .filter { $0.hasPrefix("kind:") }
    }

    @Test func hasAnExampleOfEveryKind() throws {
        let kinds = try Self.examples().compactMap { $0.split(separator: "\n").first?.split(separator: " ").last.map(String.init) }
        #expect(Set(kinds) == ["codebook", "tool", "toolkit", "path"])
    }

    @Test func examplesValidate() throws {
        let files = try Self.examples().enumerated().map { (display: "example-\($0.offset).yaml", data: Data($0.element.utf8)) }
        let builtIn = Library.load([.builtIn])
        #expect(builtIn.diagnostics.isEmpty)
        var all: [(display: String, data: Data)] = []
        for file in try LibraryFolder.builtIn.files() { all.append((file.display, try Data(contentsOf: file.url))) }
        let (library, diagnostics) = Library.load(files: all + files)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(library.path("example-path") != nil)
        let path = try #require(library.path("example-path"))
        let agenda = try Agenda(path: path, start: ClockTime(hour: 9, minute: 0), library: library)
        #expect(agenda.end.description == "10:30")
    }
}
