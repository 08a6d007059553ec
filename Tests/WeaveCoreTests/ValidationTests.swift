import Foundation
import Testing
@testable import WeaveCore

/// One small fixture per kind of problem under Fixtures/invalid/<case>/. Each is checked together with the
/// built-in library (so it may refer to built-in codes and tools), and must give exactly the problem below:
/// the file, line and column were read off the fixture (1-based; the column of the key or value at fault).
@Suite struct ValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var folder: String
        var file: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { folder }
    }

    static let cases: [Case] = [
        Case(folder: "malformed-yaml", file: "tool.yaml", line: 4, column: 8,
             message: "this is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 7)"),
        Case(folder: "wrong-type", file: "tool.yaml", line: 7, column: 8,
             message: "tool \"typed-card\": \"steps\" must be a list (lines starting with \"- \"), not \"Talk it through.\""),
        Case(folder: "unknown-key", file: "tool.yaml", line: 7, column: 1,
             message: "tool \"typo-card\" has an unknown key \"duraton\"; did you mean \"duration\"?"),
        Case(folder: "duplicate-id", file: "second.yaml", line: 2, column: 5,
             message: "the id \"twin-card\" of this tool is already used by the tool in duplicate-id/first.yaml:2:5; ids must be unique across the library"),
        Case(folder: "dangling-reference", file: "path.yaml", line: 10, column: 15,
             message: "step \"Creating a shared vision\" names tool \"shared-visioning\" but no tool has that id"),
        Case(folder: "missing-required", file: "tool.yaml", line: 1, column: 1,
             message: "tool \"aimless-card\" is missing \"purpose\", which is required"),
        Case(folder: "zero-duration", file: "path.yaml", line: 7, column: 15,
             message: "phase \"only\": \"duration\" must be a whole number of minutes greater than zero, not \"0\""),
        Case(folder: "negative-duration", file: "tool.yaml", line: 7, column: 11,
             message: "tool \"backwards-card\": \"duration\" must be a whole number of minutes greater than zero, not \"-15\""),
        Case(folder: "min-greater-than-max", file: "tool.yaml", line: 11, column: 16,
             message: "canvas field \"causes\": \"min_items\" (5) is greater than \"max_items\" (3)"),
        Case(folder: "not-utf8", file: "tool.yaml", line: 4, column: 10,
             message: "the file is not UTF-8 text (byte 0xE9 cannot start or continue a character); save it as UTF-8"),
        Case(folder: "empty-file", file: "tool.yaml", line: 1, column: 1,
             message: "the file is empty; it should hold one codebook, tool, toolkit or path, starting with \"kind:\" and \"id:\""),
        Case(folder: "duplicate-key", file: "tool.yaml", line: 4, column: 1,
             message: "the key \"name\" appears more than once in the same mapping; keep one"),
        Case(folder: "wrong-kind-reference", file: "toolkit.yaml", line: 7, column: 9,
             message: "toolkit \"mixed-up-toolkit\" names tool \"shared-measurement\" but \"shared-measurement\" is an activity code, not a tool"),
        Case(folder: "builtin-collision", file: "tool.yaml", line: 2, column: 5,
             message: "the id \"stakeholder-analysis\" of this tool is already used by the built-in tool in <built-in>/tools/stakeholder-analysis.yaml:2:5; ids must be unique across the library"),
        Case(folder: "step-time-overflow", file: "path.yaml", line: 7, column: 15,
             message: "phase \"packed\": its steps' durations add up to 45 minutes, more than the phase's 30"),
        Case(folder: "untimed-steps-without-timing", file: "path.yaml", line: 5, column: 5,
             message: "phase \"vague\" has 2 steps without a duration; say how they share the remaining 45 minutes with step_timing: equal or step_timing: weighted"),
        Case(folder: "unknown-field-kind", file: "tool.yaml", line: 9, column: 11,
             message: "canvas field \"sketch\": \"kind\" must be one of \"text\", \"list\", \"table\", \"per-partner\", \"token-vote\", \"rating\", \"checklist\", \"tree\", \"grid\", not \"drawing\""),
        Case(folder: "missing-option-set", file: "path.yaml", line: 16, column: 23,
             message: "canvas field \"role-of-each\" takes options from \"defining-partnership-roles/rolls\" but tool \"defining-partnership-roles\" has no option set \"rolls\"; did you mean \"roles\"?"),
        Case(folder: "bad-id", file: "tool.yaml", line: 2, column: 5,
             message: "tool \"Shared_Card\": \"id\" \"Shared_Card\" is not a valid id: use lowercase letters, such as \"shared_card\""),
        Case(folder: "uncoded-step", file: "path.yaml", line: 9, column: 9,
             message: "step \"Free conversation\" is not coded to any activity: give it \"activities\" or a \"tool\" that has some"),
        // Messages that point at the mistake, not where the YAML parser gave up.
        Case(folder: "unclosed-quote", file: "tool.yaml", line: 5, column: 10,
             message: "this double quote (\") is not closed on its line; close it, or remove it (YAML read on to line 7 and failed there: did not find expected key)"),
        Case(folder: "indented-too-far", file: "tool.yaml", line: 5, column: 10,
             message: "line 5 is indented more than the key above it (line 4); keys of one mapping start in the same column; this is not valid YAML: mapping values are not allowed in this context"),
        Case(folder: "indented-between", file: "tool.yaml", line: 10, column: 4,
             message: "line 10 is indented less than line 9 but does not line up with any line above it; line it up with the key it belongs beside; this is not valid YAML: did not find expected '-' indicator (while parsing a block collection at line 8, column 3)"),
        // tool.yaml is written by make.sh beside it.
        Case(folder: "utf16-without-bom", file: "tool.yaml", line: 1, column: 1,
             message: "the file is UTF-16 text (little-endian, every other byte is zero), not UTF-8; save it as UTF-8"),
        // One problem in a tool, reported once: not again in each of the two paths that use its field.
        Case(folder: "broken-field-used-twice", file: "tool.yaml", line: 11, column: 16,
             message: "canvas field \"causes\": \"min_items\" (5) is greater than \"max_items\" (3)"),
        // A tool file that cannot be read is reported there, not also as a missing tool in the path using it.
        Case(folder: "unreadable-tool-used", file: "tool.yaml", line: 5, column: 8,
             message: "this is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 7)"),
    ]

    @Test(arguments: cases)
    func reportsTheProblemWhereItIs(_ expected: Case) {
        let (_, diagnostics) = Library.load([.builtIn, fixtureFolder("invalid/\(expected.folder)")])
        #expect(diagnostics == [Diagnostic(expected.message, at: SourceLocation(file: "\(expected.folder)/\(expected.file)", line: expected.line, column: expected.column))])
    }

    @Test func reportsEveryProblemAtOnce() {
        let folders = Self.cases.map { fixtureFolder("invalid/\($0.folder)") }
        let (_, diagnostics) = Library.load([.builtIn] + folders)
        #expect(diagnostics.count == Self.cases.count)
        #expect(Set(diagnostics.map { $0.location.file.split(separator: "/").first.map(String.init) ?? "" }) == Set(Self.cases.map(\.folder)))
    }

    @Test func loadingThrowsWithEveryProblem() {
        #expect(throws: LibraryError.self) { try Library.loading([fixtureFolder("invalid/unknown-key"), fixtureFolder("invalid/bad-id")]) }
        do {
            _ = try Library.loading([fixtureFolder("invalid/unknown-key"), fixtureFolder("invalid/bad-id")])
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.description.hasPrefix("The library has 2 problems:"))
        }
    }

    @Test func missingFolderIsReported() {
        let (_, diagnostics) = Library.load([LibraryFolder(path: "/no/such/weave-folder")])
        #expect(diagnostics.map(\.location.file) == ["/no/such/weave-folder"])
        #expect(diagnostics.first?.message.contains("no such folder") == true)
    }

    /// Hostile or odd input must give a problem, never a crash.
    @Test(arguments: [
        "kind: tool\nid: x\n",
        "- just\n- a list\n",
        "kind: [tool]\n",
        "kind: path\nid: p\nname: P\nphases: 7\n",
        "kind: path\nid: p\nname: P\nphases:\n  - id: a\n    name: A\n    duration: 99999999999999999999999\n    steps: []\n",
        "kind: tool\nid: t\ntype: form\nname: T\npurpose: P\nactivities: [shared-vision]\nfields:\n  - use: nope\n  - use: t/self\n  - kind: rating\n    id: r\n    label: R\n    scale: {min: 5, max: 1}\n    criteria: []\n",
        "kind: codebook\nid: c\nname: C\ncodes:\n  - id: a\n    name: A\n    definition: D\n    children: [1, 2]\n",
        "a: &anchor\n  b: *anchor\n",
        "kind: toolkit\nid: k\nname: K\ncreator: Someone\nactivities: []\n",
        "\u{FEFF}kind: tool\n---\nkind: tool\n",
        String(repeating: "[", count: 5000),
    ])
    func neverCrashes(_ text: String) {
        let (_, diagnostics) = Library.load(files: [(display: "odd.yaml", data: Data(text.utf8))])
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.location.file == "odd.yaml" && $0.location.line >= 1 && $0.location.column >= 1 })
    }

    @Test func deeplyNestedCodesAreRefused() {
        var text = "kind: codebook\nid: deep\nname: Deep\ncodes:\n"
        for depth in 0..<20 {
            let pad = String(repeating: "  ", count: depth * 2)
            text += "\(pad)  - id: c\(depth)\n\(pad)    name: C\n\(pad)    definition: D\n\(pad)    children:\n"
        }
        text += String(repeating: "  ", count: 40) + "  - id: leaf\n" + String(repeating: "  ", count: 40) + "    name: L\n" + String(repeating: "  ", count: 40) + "    definition: D\n"
        let (_, diagnostics) = Library.load(files: [(display: "deep.yaml", data: Data(text.utf8))])
        #expect(diagnostics.contains { $0.message.contains("nest at most") })
    }
}

/// The plain-words hints for YAML mistakes, on their own.
@Suite struct YAMLHintTests {
    @Test func findsTheQuoteThatIsNotClosed() {
        #expect(YAMLHint.firstUnclosedQuote(in: "a: \"closed\"\nb: it's fine\nc: 'it''s closed'\nd: [\"x\", \"y]\n") == .init(line: 4, column: 10, quote: "\""))
        #expect(YAMLHint.firstUnclosedQuote(in: "a: \"one \\\" escaped\"\nb: x # \"in a comment\n- 'open\n") == .init(line: 3, column: 3, quote: "'"))
        #expect(YAMLHint.firstUnclosedQuote(in: "a: say \"hi\nb: c\n") == nil, "a quote inside a plain value opens nothing")
    }

    @Test func explainsIndentationAndTabs() {
        #expect(YAMLHint.indentation(at: 2, in: "a: 1\n  b: 2\n")?.hasPrefix("line 2 is indented more than the key above it (line 1)") == true)
        #expect(YAMLHint.indentation(at: 2, in: "a:\n  b: 2\n") == nil, "a nested mapping is indented on purpose")
        #expect(YAMLHint.indentation(at: 2, in: "a:\n\tb: 2\n") == "line 2 is indented with a tab; YAML indents with spaces only")
        #expect(YAMLHint.indentation(at: 3, in: "a:\n  b: 1\nc: 2\n") == nil, "back to a column used above")
    }

    @Test func recognisesUTF16WithAndWithoutAByteOrderMark() {
        #expect(UTF16Check.byteOrder(of: Array("kind: tool\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == "little-endian, every other byte is zero")
        #expect(UTF16Check.byteOrder(of: Array("kind: tool\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == "big-endian, every other byte is zero")
        #expect(UTF16Check.byteOrder(of: [0xFF, 0xFE, 0x6B, 0x00]) == "it starts with a little-endian byte order mark")
        #expect(UTF16Check.byteOrder(of: Array("kind: tool\nname: Café\n".utf8)) == nil)
    }
}
