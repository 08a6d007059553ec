import Foundation
import Testing
@testable import WeaveCore

/// The path designer's document: JSON ⇄ YAML, checked by the library loader, problems pointed back.
@Suite struct PathDocumentTests {
    /// Every path of the built-in library and of the two-day and own-worksheet fixtures.
    static func libraries() throws -> [Library] {
        [try Library.loading(), try Library.loading([fixtureFolder("two-day")]), try Library.loading([fixtureFolder("own-worksheet")])]
    }

    @Test func everyPathRoundTripsThroughTheDocument() throws {
        var checked = 0
        for library in try Self.libraries() {
            for original in library.paths {
                // setup: the document from the path's own file, as the designer starts from it
                let document = try #require(PathDocument.libraryPath(original.id, in: library))
                let source = try #require(library.sources.first { $0.display == library.origins[original.id]?.file })
                let fileKeys = try #require(try PathDocument(yaml: String(decoding: source.data, as: UTF8.self)).root.keys)
                #expect(document.root.keys == fileKeys)
                #expect(document.root.keys?.prefix(2) == ["kind", "id"])
                // the JSON the browser gets back and sends reads as the same document, keys in order
                #expect(try PathDocument(json: document.jsonText) == document)
                // MUT: a copy with a free id, checked with the library loader
                let newID = PathDocument.freeID(from: original.id, library: library)
                #expect(library.kind(of: newID) == nil)
                let check = PathDocument(try PathDocument(json: document.withID(newID).jsonText).root).check(against: library)
                // validate: no problem, and the same path but for its id
                #expect(check.problems == [], "\(original.id): \(check.problems)")
                var loaded = try #require(check.path)
                #expect(loaded.id == newID)
                loaded.id = original.id
                #expect(loaded == original)
                // the YAML reads back as the same document
                #expect(try PathDocument(yaml: check.yaml) == document.withID(newID))
                checked += 1
            }
        }
        #expect(checked >= 3)
    }

    /// The copy of the built-in path, with one value changed at a pointer.
    func jointAction(setting pointer: String, to value: OrderedJSON) throws -> PathCheck {
        let library = try builtInLibrary()
        let document = try #require(PathDocument.libraryPath("joint-action", in: library)).withID("joint-action-own")
        return PathDocument(try #require(document.root.setting(pointer: pointer, to: value))).check(against: library)
    }

    @Test func aNegativeDurationPointsAtTheDuration() throws {
        let check = try jointAction(setting: "/phases/1/duration", to: .integer(-5))
        #expect(check.path == nil)
        let problem = try #require(check.problems.first { $0.pointer == "/phases/1/duration" })
        #expect(problem.message.contains("greater than zero"))
        #expect(problem.line != nil)
    }

    @Test func anUnknownToolPointsAtTheStepsTool() throws {
        let check = try jointAction(setting: "/phases/1/steps/0/tool", to: .string("no-such-tool"))
        let problem = try #require(check.problems.first)
        #expect(check.problems.count == 1)
        #expect(problem.pointer == "/phases/1/steps/0/tool")
        #expect(problem.message.contains("\"no-such-tool\""))
    }

    @Test func stepsLongerThanTheirPhasePointAtThePhasesDuration() throws {
        let library = try builtInLibrary()
        let document = try #require(PathDocument.libraryPath("joint-action", in: library)).withID("joint-action-own")
        let phase = try #require(document.root.value(at: "/phases/0"))
        let minutes = try #require(phase["duration"].flatMap { if case .integer(let value) = $0 { value } else { nil } })
        var root = document.root
        // setup: every step of the first phase takes the whole phase
        for index in 0..<(try #require(phase["steps"]?.count)) {
            root = try #require(root.setting(pointer: "/phases/0/steps/\(index)/duration", to: .integer(minutes)))
        }
        let check = PathDocument(root).check(against: library)
        let problem = try #require(check.problems.first)
        #expect(problem.pointer == "/phases/0/duration")
        #expect(problem.message.contains("add up to"))
    }

    @Test func aBrokenCanvasFieldPointsAtTheField() throws {
        let check = try jointAction(setting: "/phases/0/canvas", to: .array([.object([("id", .string("hopes")), ("kind", .string("lst")), ("label", .string("Hopes"))])]))
        let problem = try #require(check.problems.first)
        #expect(problem.pointer.hasPrefix("/phases/0/canvas/0"), "\(check.problems)")
        #expect(problem.message.contains("lst"))
    }

    @Test func aMissingKeyPointsAtItsMapping() throws {
        let library = try builtInLibrary()
        let document = try #require(PathDocument.libraryPath("joint-action", in: library)).withID("joint-action-own")
        let step = try #require(document.root.value(at: "/phases/1/steps/0"))
        guard case .object(let pairs) = step else { Issue.record("not a mapping"); return }
        let root = try #require(document.root.setting(pointer: "/phases/1/steps/0", to: .object(pairs.filter { $0.key != "title" })))
        let check = PathDocument(root).check(against: library)
        #expect(check.problems.map(\.pointer) == ["/phases/1/steps/0"], "\(check.problems)")
    }

    @Test func anUnknownKeyPointsAtThatKey() throws {
        let check = try jointAction(setting: "/phases/1/steps/0/duraton", to: .integer(10))
        #expect(check.problems.map(\.pointer) == ["/phases/1/steps/0/duraton"], "\(check.problems)")
        #expect(check.problems.first?.message.contains("unknown key \"duraton\"") == true)
    }

    @Test func aKeyTheLoaderNamesIsPointedAt() throws {
        // "phases" and "days" together: the loader names "days"
        let check = try jointAction(setting: "/days", to: .array([.object([("name", .string("Day 1")), ("phases", .array([]))])]))
        #expect(check.problems.first?.pointer == "/days", "\(check.problems)")
    }

    @Test func theLibrarysIDIsRefusedAtTheID() throws {
        let library = try builtInLibrary()
        let document = try #require(PathDocument.libraryPath("joint-action", in: library))
        let check = document.check(against: library)
        #expect(check.problems.map(\.pointer) == ["/id"])
        #expect(check.problems.first?.message.contains("already used") == true)
    }

    @Test func onlyPathsAreMade() throws {
        let check = PathDocument(.object([("kind", .string("tool")), ("id", .string("x"))])).check(against: try builtInLibrary())
        #expect(check.problems.map(\.pointer) == ["/kind"])
        #expect(check.path == nil)
    }

    @Test func textThatLooksLikeANumberStaysText() throws {
        let library = try builtInLibrary()
        var document = try Self.emptyPath(id: "numbers-own", library: library)
        document.root = document.root.setting("name", to: .string("2027"))
        document.root = try #require(document.root.setting(pointer: "/phases/0/steps/0/title", to: .string("true")))
        document.root = try #require(document.root.setting(pointer: "/phases/0/steps/0/notes", to: .string("Line one\nLine two: with a colon")))
        let check = document.check(against: library)
        #expect(check.problems == [])
        let path = try #require(check.path)
        #expect(path.name == "2027")
        #expect(path.phases[0].steps[0].title == "true")
        #expect(path.phases[0].steps[0].notes == "Line one\nLine two: with a colon")
        #expect(check.yaml.contains("name: \"2027\""))
    }

    /// The empty path with its step coded to an activity: valid.
    static func emptyPath(id: String, library: Library) throws -> PathDocument {
        let code = try #require(library.codes.first?.id)
        let document = PathDocument.empty(id: id)
        return PathDocument(try #require(document.root.setting(pointer: "/phases/0/steps/0/activities", to: .array([.string(code)]))))
    }

    @Test func theEmptyPathNeedsOnlyItsStepCoded() throws {
        let library = try builtInLibrary()
        let bare = PathDocument.empty(id: "new-own").check(against: library)
        #expect(bare.problems.map(\.pointer) == ["/phases/0/steps/0"])
        #expect(bare.problems.first?.message.contains("not coded to any activity") == true)
        let coded = try Self.emptyPath(id: "new-own", library: library).check(against: library)
        #expect(coded.problems == [])
        #expect(coded.path?.phases.count == 1)
    }

    @Test func freeIDsSkipTakenOnes() throws {
        let library = try builtInLibrary()
        #expect(PathDocument.freeID(from: "joint-action", library: library) == "joint-action-own")
        #expect(PathDocument.freeID(from: "joint-action", library: library, taken: ["joint-action-own"]) == "joint-action-own-2")
        #expect(PathDocument.freeID(from: "joint-action-own", library: library, taken: ["joint-action-own", "joint-action-own-2"]) == "joint-action-own-3")
    }

    @Test func documentsThatAreNotPathMappingsAreRefused() {
        #expect(throws: PathDocumentError.notAMapping) { try PathDocument(json: "[1, 2]") }
        #expect(throws: PathDocumentError.tooLarge(bytes: PathDocument.maximumBytes + 1, limit: PathDocument.maximumBytes)) {
            try PathDocument(json: String(repeating: " ", count: PathDocument.maximumBytes + 1))
        }
        do {
            _ = try PathDocument(json: "{\"kind\": \"path\",\n \"id\": }")
            Issue.record("read invalid JSON")
        } catch {
            guard case .notJSON(let problem) = error else { Issue.record("\(error)"); return }
            #expect(problem.line == 2)
            #expect(problem.column == 8)
        }
    }
}

@Suite struct OrderedJSONTests {
    @Test func keysKeepTheirOrderAndTextItsCharacters() throws {
        let text = #"{"z": 1, "a": [true, null, 2.5, -3], "m": {"b": "\"q\" \u00e9 \ud83d\ude00 </script>", "a": ""}}"#
        let value = try OrderedJSON(parsing: text)
        #expect(value.keys == ["z", "a", "m"])
        #expect(value["m"]?.keys == ["b", "a"])
        #expect(value["m"]?["b"]?.string == "\"q\" é 😀 </script>")
        #expect(value["a"] == .array([.bool(true), .null, .number(2.5), .integer(-3)]))
        // written back: the same value, with "<" escaped for a <script> block
        #expect(try OrderedJSON(parsing: value.jsonText) == value)
        #expect(!value.jsonText.contains("</script>"))
    }

    @Test func badJSONSaysWhere() {
        for (text, line, column) in [("{\"a\": tru}", 1, 7), ("[1,\n2,,]", 2, 3), ("{\"a\": 1} x", 1, 10), ("\"open", 1, 6)] {
            do {
                _ = try OrderedJSON(parsing: text)
                Issue.record("read \(text)")
            } catch {
                #expect((error.line, error.column) == (line, column), "\(text): \(error)")
            }
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: OrderedJSON.maximumDepth + 1) + String(repeating: "]", count: OrderedJSON.maximumDepth + 1)
        #expect(throws: OrderedJSONError.self) { try OrderedJSON(parsing: deep) }
    }
}

extension OrderedJSON {
    /// The keys of an object, in order.
    var keys: [String]? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.map(\.key)
    }

    /// The number of items of an array.
    var count: Int? {
        guard case .array(let values) = self else { return nil }
        return values.count
    }
}
