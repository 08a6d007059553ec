import Foundation
import Testing
@testable import WeaveCore

/// Texts written as translations (`{en: …, de: …}`), the fallback to a file's own language, and
/// `Library.localized(to:)`. Expected values are read off Fixtures/translated/.
@Suite struct TranslationTests {
    let library: Library

    init() throws {
        library = try Library.loading([fixtureFolder("translated")])
    }

    // MARK: Reading

    @Test func theModelsHoldTheFilesOwnLanguage() throws {
        let tool = try #require(library.tool("tr-partner-check"))
        #expect(tool.name == "Partner check")
        #expect(tool.steps == ["Rate each candidate on your own.", "Compare the ratings."])
        let path = try #require(library.path("tr-path"))
        #expect(path.name == "Partnering")
        #expect(path.phases[0].steps[0].title == "Welcome and purpose")
        #expect(library.path("tr-weg")?.name == "Gemeinsamer Weg", "a file in German holds its German texts")
    }

    @Test func eachItemKnowsItsLanguages() {
        #expect(library.languages(of: "tr-path") == ["en", "de"])
        #expect(library.languages(of: "tr-weg") == ["de", "en"])
        #expect(library.language(of: "tr-weg") == "de")
        #expect(library.languages(of: "tr-meeting") == ["en", "de"], "a code shares its codebook's file")
        #expect(library.languages(of: "joint-action") == ["en"], "a built-in path without translations")
        #expect(library.languages.contains("de"))
    }

    @Test func aTextInEveryLanguageItIsWrittenIn() {
        #expect(library.translations(of: "Partner check", in: "tr-partner-check") == ["en": "Partner check", "de": "Partnercheck"])
        #expect(library.translations(of: "Compare the ratings.", in: "tr-partner-check") == ["en": "Compare the ratings."])
        #expect(library.translations(of: "Gemeinsamer Weg", in: "tr-weg") == ["de": "Gemeinsamer Weg", "en": "A common path"])
    }

    // MARK: Localized

    @Test func aToolInGermanWithFallback() throws {
        let tool = try #require(library.localized(to: "de").tool("tr-partner-check"))
        #expect(tool.name == "Partnercheck")
        #expect(tool.summary == "Mögliche Partner bewerten.")
        #expect(tool.purpose == "Compare candidate partners on the same criteria.", "untranslated: the file's own text")
        #expect(tool.steps == ["Bewerten Sie jeden Kandidaten zuerst allein.", "Compare the ratings."])
        #expect(tool.optionSets[0].options.map(\.label) == ["Ansehen", "Resources"])
        #expect(tool.optionSets[0].options.map(\.id) == ["reputation", "resources"], "ids are never translated")
        guard case .rating(let rating) = tool.fields[0].kind else { Issue.record("not a rating"); return }
        #expect(tool.fields[0].label == "Mögliche Partner")
        #expect(rating.criteria.options.map(\.label) == ["Ansehen", "Resources"])
        #expect(rating.scale.lowLabel == "Schwach")
        #expect(rating.scale.highLabel == "Stark")
        guard case .perPartner(let roles) = tool.fields[1].kind else { Issue.record("not per-partner"); return }
        #expect(roles.options?.options.map(\.label) == ["Leitet", "Unterstützt"])
    }

    @Test func aPathInGermanWithFallback() throws {
        let path = try #require(library.localized(to: "de").path("tr-path"))
        #expect(path.name == "Partnerschaft")
        #expect(path.summary == "An hour to choose partners.")
        #expect(path.preparation.map(\.text) == ["Bringen Sie eine Liste möglicher Partner mit.", "Lesen Sie den Partnercheck."])
        #expect(path.preparation[1].tool == "tr-partner-check")
        #expect(path.phases.map(\.name) == ["Beginn", "Kandidaten bewerten"])
        let step = path.phases[0].steps[0]
        #expect(step.title == "Begrüßung und Ziel")
        #expect(step.notes == "Fassen Sie sich kurz.")
        #expect(step.materials?.map(\.name) == ["Karteikarten"])
        let canvas = path.phases.flatMap(\.canvas)
        #expect(canvas.map(\.label) == ["Unsere Hoffnungen", "Action plan", "Mögliche Partner", "Wer macht was"])
        #expect(canvas[0].prompt == "Eine Hoffnung pro Eintrag.")
        guard case .table(let table) = canvas[1].kind else { Issue.record("not a table"); return }
        #expect(table.columns.map(\.label) == ["Was", "Wer"])
        guard case .perPartner(let roles) = canvas[3].kind else { Issue.record("not per-partner"); return }
        #expect(roles.options?.options.map(\.label) == ["Leitet", "Unterstützt"], "a field taken with use keeps its tool's translations")
    }

    @Test func codesAndCodebooks() {
        let german = library.localized(to: "de")
        #expect(german.code("tr-meeting")?.name == "Gemeinsam treffen")
        #expect(german.codebook("tr-codebook")?.name == "Codes für den Übersetzungstest")
        #expect(german.codebook("tr-codebook")?.codes.first?.name == "Gemeinsam treffen")
    }

    @Test func aGermanPathInEnglish() throws {
        let path = try #require(library.localized(to: "en").path("tr-weg"))
        #expect(path.name == "A common path")
        #expect(path.phases[0].name == "Erste Phase", "untranslated: the file's own German")
        #expect(path.phases[0].steps[0].title == "Welcome")
    }

    @Test func oneItemInALanguage() {
        #expect(library.item("tr-path", in: "de")?.name == "Partnerschaft")
        #expect(library.item("tr-partner-check", in: "de")?.name == "Partnercheck")
        #expect(library.item("tr-path", in: nil)?.name == "Partnering")
        #expect(library.item("tr-path", in: "de") == library.localized(to: "de").item("tr-path"))
    }

    @Test func aLanguageNoItemHasChangesNothing() {
        let french = library.localized(to: "fr")
        #expect(french.paths == library.paths)
        #expect(french.tools == library.tools)
        #expect(library.localized(to: "pt-br").paths == library.paths)
    }

    @Test func aSessionPlanOfALocalizedLibrary() throws {
        let plan = try #require(SessionPlan(itemID: "tr-path", library: library.localized(to: "de")))
        #expect(plan.title == "Partnerschaft")
        #expect(plan.sections.map(\.name) == ["Beginn", "Kandidaten bewerten"])
        #expect(plan.sections[0].steps.first?.title == "Begrüßung und Ziel")
        #expect(plan.sections[1].fields.map(\.label) == ["Mögliche Partner", "Wer macht was"])
    }

    @Test func languageCodes() {
        #expect(LanguageCode.canonical("de") == "de")
        #expect(LanguageCode.canonical("PT-br") == "pt-BR")
        #expect(LanguageCode.canonical("sr-latn-rs") == "sr-Latn-RS")
        #expect(LanguageCode.canonical("es-419") == "es-419")
        #expect(LanguageCode.canonical("english") == nil)
        #expect(LanguageCode.canonical("en_US") == nil)
        #expect(LanguageCode.canonical("e") == nil)
        #expect(LanguageCode.canonical("en-") == nil)
        #expect(LanguageCode.problem(with: "en_US") == "language codes join their parts with a hyphen: write \"en-US\"")
        #expect(LanguageCode.displayName("de") == "German (de)")
    }

    // MARK: Located errors

    static let codebook = """
        kind: codebook
        id: tc-codes
        name: Codes
        codes:
          - id: tc-code
            name: A code
            definition: A definition.

        """

    /// Loads a tool file beside a small codebook and returns its problems.
    func problems(_ yaml: String) -> [Diagnostic] {
        Library.load(files: [(display: "codes.yaml", data: Data(Self.codebook.utf8)), (display: "tool.yaml", data: Data(yaml.utf8))]).diagnostics
    }

    static func tool(_ lines: String) -> String {
        "kind: tool\nid: tc-tool\ntype: form\npurpose: A purpose.\nactivities: [tc-code]\n" + lines
    }

    @Test func aTranslationWithoutTheFilesLanguage() {
        let found = problems(Self.tool("name: {de: Werkzeug, fr: Outil}\n"))
        #expect(found.map(\.location.description) == ["tool.yaml:6:7"])
        #expect(found.first?.message == "tool \"tc-tool\": \"name\" has translations (de, fr) but no en text; every translated text gives the file's language, en (set \"language:\" when the file is written in another)")
    }

    @Test func aFileInAnotherLanguageNeedsThatLanguage() {
        let found = problems(Self.tool("language: de\nname: {en: Tool}\n"))
        #expect(found.map(\.location.description) == ["tool.yaml:7:7"])
        #expect(found.first?.message.contains("but no de text") == true)
        #expect(problems(Self.tool("language: de\nname: {en: Tool, de: Werkzeug}\n")).isEmpty)
    }

    @Test func aBadLanguageCode() {
        let found = problems(Self.tool("name: {en: Tool, german: Werkzeug}\n"))
        #expect(found.map(\.location.description) == ["tool.yaml:6:18"])
        #expect(found.first?.message == "tool \"tc-tool\": \"name\" is written as translations, but \"german\" is not a language code: a language code is two or three letters, optionally with a region, such as en, de or pt-BR")
        let underscore = problems(Self.tool("name: {en: Tool, pt_BR: Ferramenta}\n"))
        #expect(underscore.first?.message.hasSuffix("language codes join their parts with a hyphen: write \"pt-BR\"") == true)
        // A comma in the one-line form ends a text: what follows reads as a key without a value.
        let comma = problems(Self.tool("name: Tool\nsummary: {en: One, two, de: Eins}\n"))
        #expect(comma.map(\.location.description) == ["tool.yaml:7:20"])
        #expect(comma.first?.message == "tool \"tc-tool\": the two text of \"summary\" must be text, not nothing; if a text has a comma, put it in quotes (in {…} a comma ends a text)")
        let spaced = problems(Self.tool("name: Tool\nsummary: {en: One, two and three, de: Eins}\n"))
        #expect(spaced.map(\.location.description) == ["tool.yaml:7:20"])
        #expect(spaced.first?.message.hasSuffix("is not a language code: a language code is two or three letters, optionally with a region, such as en, de or pt-BR; if a text has a comma, put it in quotes (in {…} a comma ends a text)") == true)
        let fileLanguage = problems(Self.tool("language: deutsch\nname: Werkzeug\n"))
        #expect(fileLanguage.map(\.location.description) == ["tool.yaml:6:11"])
        #expect(fileLanguage.first?.message == "\"language\" \"deutsch\" is not a language code: a language code is two or three letters, optionally with a region, such as en, de or pt-BR")
    }

    @Test func aTranslationThatIsNotText() {
        let found = problems(Self.tool("name:\n  en: Tool\n  de: [Werkzeug]\n"))
        #expect(found.map(\.location.description) == ["tool.yaml:8:7"])
        #expect(found.first?.message == "tool \"tc-tool\": the de text of \"name\" must be text, not a list")
        let empty = problems(Self.tool("name: {en: Tool, de: \"\"}\n"))
        #expect(empty.first?.message == "tool \"tc-tool\": the de text of \"name\" is empty; leave the language out to show the en text instead")
    }

    @Test func aListEntryAFieldLabelAndAChoiceLabel() {
        let steps = problems(Self.tool("name: Tool\nsteps:\n  - {en: One, de: Eins}\n  - {de: Zwei}\n"))
        #expect(steps.map(\.location.description) == ["tool.yaml:9:5"])
        #expect(steps.first?.message.hasPrefix("tool \"tc-tool\": an entry of \"steps\" has translations (de) but no en text") == true)
        let field = problems(Self.tool("name: Tool\nfields:\n  - id: f\n    kind: text\n    label: {en: Label, xx-yy-zz: Etikett}\n"))
        #expect(field.map(\.location.description) == ["tool.yaml:10:24"])
        #expect(field.first?.message.hasPrefix("canvas field \"f\": \"label\" is written as translations, but \"xx-yy-zz\" is not a language code") == true)
        let choice = problems(Self.tool("name: Tool\nfields:\n  - id: f\n    kind: checklist\n    label: Ticks\n    items:\n      - {id: a, label: {fr: Un}}\n"))
        #expect(choice.map(\.location.description) == ["tool.yaml:12:24"])
        #expect(choice.first?.message.contains("\"label\" has translations (fr) but no en text") == true)
    }

    @Test func oneTextTranslatedTwoWays() {
        let found = problems(Self.tool("name: {en: Tool, de: Werkzeug}\nsummary: {en: Tool, de: Gerät}\n"))
        #expect(found.map(\.location.description) == ["tool.yaml:7:25"])
        #expect(found.first?.message == "tool \"tc-tool\": \"summary\" translates \"Tool\" to de differently than line 6 does; a file translates a text one way")
    }

    @Test func idsAndReferencesAreNeverTranslations() {
        let found = problems(Self.tool("name: Tool\nfields:\n  - use: {en: tc-tool/f}\n"))
        #expect(found.contains { $0.message.contains("\"use\" must be text, not a mapping") })
    }
}
