import Foundation
import Testing
@testable import WeaveCore

/// A folder extends a built-in codebook: a top-level code written with `parent:` sits under a built-in code.
@Suite struct CodebookExtensionTests {
    @Test func aCodeSitsUnderABuiltInParent() throws {
        let library = try Library.loading([fixtureFolder("codebook-extension")])
        let added = try #require(library.code("data-walks"))
        #expect(added.parent == "understanding-context")
        #expect(added.codebook == "our-activities")
        #expect(library.code("understanding-context")?.children.last == "data-walks")
        let builtIn = try #require(library.codebook("default-activities")?.codes.first { $0.id == "understanding-context" })
        #expect(builtIn.children.last == "data-walks", "the built-in codebook lists it too")
        // Coded below the built-in parent: found under it.
        #expect(library.items(codedTo: "understanding-context").contains { $0.id == "data-walk" })
    }

    /// The problems in one codebook file read with the built-in library, as `line:column message`.
    func problems(_ yaml: String) throws -> [String] {
        var files: [(display: String, data: Data)] = []
        for file in try LibraryFolder.builtIn.files() { files.append((file.display, try Data(contentsOf: file.url))) }
        files.append((display: "codes.yaml", data: Data(yaml.utf8)))
        return Library.load(files: files).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    static let head = "kind: codebook\nid: ours\nname: Ours\ncodes:\n"

    @Test func reportsAParentThatIsNoCodeANestedParentAndAParentInTheSameCodebook() throws {
        #expect(try problems(Self.head + "  - id: a\n    name: A\n    definition: D\n    parent: understanding-contxt\n") == [
            "8:13 code \"a\" names activity code \"understanding-contxt\" but no activity code has that id; did you mean \"understanding-context\"?",
        ])
        #expect(try problems(Self.head + "  - id: a\n    name: A\n    definition: D\n    children:\n      - id: b\n        name: B\n        definition: D\n        parent: understanding-context\n") == [
            "12:9 code \"b\" is nested under \"a\", which is its parent; \"parent\" is only for a top-level code placed under another codebook's code",
        ])
        #expect(try problems(Self.head + "  - id: a\n    name: A\n    definition: D\n  - id: b\n    name: B\n    definition: D\n    parent: a\n") == [
            "8:9 code \"b\" names \"a\" of its own codebook as \"parent\"; nest it under \"children\" of that code instead",
        ])
    }
}
