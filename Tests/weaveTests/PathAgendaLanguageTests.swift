import ArgumentParser
import Foundation
import Testing
import WeaveCore
@testable import weave

/// `weave path agenda --language`: the agenda of a path in one of its languages (WeaveCoreTests'
/// Fixtures/translated, a path partly in German).
@Suite struct PathAgendaLanguageTests {
    let library: Library

    init() throws {
        library = try Library.loading([LibraryFolder(url: CommandTests.fixtures.appendingPathComponent("translated", isDirectory: true), display: "translated")])
    }

    @Test func theAgendaInGermanFallsBackWhereNotTranslated() throws {
        let text = try PathAgenda.parse(["tr-path", "--start", "09:00", "--language", "de"]).output(library).0
        #expect(text.contains("Partnerschaft"))
        #expect(text.contains("BEGINN (30 min)"))
        #expect(text.contains("Begrüßung und Ziel"))
        #expect(text.contains("Die Kandidaten bewerten"))
        let markdown = try PathAgenda.parse(["tr-path", "--start", "09:00", "--language", "de", "--format", "markdown"]).output(library).0
        #expect(markdown.hasPrefix("# Partnerschaft"))
        let json = try PathAgenda.parse(["tr-path", "--start", "09:00", "--language", "de", "--format", "json"]).output(library).0
        #expect(json.contains("\"Kandidaten bewerten\""))
    }

    @Test func withoutTheOptionThePathsOwnLanguage() throws {
        let text = try PathAgenda.parse(["tr-path", "--start", "09:00"]).output(library).0
        #expect(text.contains("Partnering"))
        #expect(!text.contains("Partnerschaft"))
        #expect(try PathAgenda.parse(["tr-path", "--start", "09:00", "--language", "en"]).output(library).0 == text)
    }

    @Test func aLanguageThePathDoesNotHaveSaysWhichItHas() throws {
        func problem(_ arguments: [String]) throws -> String? {
            do { _ = try PathAgenda.parse(arguments).output(library) } catch let error as CLIError { return error.description }
            return nil
        }
        #expect(try problem(["tr-path", "--start", "09:00", "--language", "fr"]) == "path \"tr-path\" has no texts in \"fr\"; its languages are en, de")
        #expect(try problem(["joint-action", "--start", "09:00", "--language", "de"]) == "path \"joint-action\" has no texts in \"de\"; its languages are en")
    }
}
