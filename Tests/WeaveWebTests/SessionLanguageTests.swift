import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

/// A session shown in the language its facilitator chose, and the path page in each of a path's languages.
/// The library adds WeaveCoreTests' Fixtures/translated (a path partly in German) to the built-in one.
@Suite struct SessionLanguageTests {
    static let library: Library = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveCoreTests/Fixtures/translated", isDirectory: true)
        return try! Library.loading([LibraryFolder(url: folder, display: "translated")])
    }()

    /// A facilitator with a partnership of two partners; returns the browser and the partnership's id.
    static func partnership(_ client: any TestClientProtocol, setup: String?) async throws -> (TestBrowser, String) {
        var facilitator = TestBrowser()
        try await signUp(client, &facilitator, name: "Ana Facilitator", email: "ana@example.org", setup: setup)
        let created = try await facilitator.post(client, "/partnerships", ["name": "Riverside Food Network", "focal_issue": "Food waste"])
        let id = String(created.location.split(separator: "/").last ?? "")
        for (name, type) in [("City Food Bank", "nonprofit"), ("Town Hall", "government")] {
            #expect(try await facilitator.post(client, "/partnerships/\(id)/partners", ["name": name, "type": type]).status == .seeOther)
        }
        return (facilitator, id)
    }

    @Test func aSessionScheduledInGermanShowsAndExportsTheGermanTexts() async throws {
        try await TestApp.run(.router, library: Self.library, configure: { _ in }) { client, setup, _ in
            // setup
            var (facilitator, partnership) = try await Self.partnership(client, setup: setup)
            let form = try await facilitator.get(client, "/partnerships/\(partnership)").html
            #expect(form.contains(#"<select name="language">"#))
            #expect(form.contains(#"<option value="de">German (de)</option>"#))
            #expect(form.contains("Partnering (en, de)"), "a path in several languages says which")
            // MUT
            let scheduled = try await facilitator.post(client, "/partnerships/\(partnership)/sessions",
                                                       ["item": "tr-path", "date": "2026-12-01", "start": "09:00", "language": "de"])
            #expect(scheduled.status == .seeOther)
            let session = String(scheduled.location.split(separator: "/").last ?? "")
            // validate: the canvas's boot data, the export and the history title are German where translated
            let canvas = try await facilitator.get(client, "/sessions/\(session)").html
            for german in ["Partnerschaft", "Kandidaten bewerten", "Unsere Hoffnungen", "Wer macht was", "Karteikarten"] {
                #expect(canvas.contains(german), "\(german) on the canvas page")
            }
            #expect(!canvas.contains("Our hopes"))
            let markdown = try await facilitator.get(client, "/sessions/\(session)/export.md").html
            #expect(markdown.contains("Partnerschaft"))
            #expect(markdown.contains("Unsere Hoffnungen"))
            #expect(markdown.contains("Action plan"), "a label without a German text falls back to the path's own")
            #expect(try await facilitator.get(client, "/sessions/\(session)/history").html.contains("History — Partnerschaft"))
            #expect(try await facilitator.get(client, "/partnerships/\(partnership)").html.contains(">Partnerschaft (de)</a>"), "the sessions list names it in its language")
        }
    }

    @Test func withoutALanguageTheSessionIsInThePathsOwn() async throws {
        try await TestApp.run(.router, library: Self.library, configure: { _ in }) { client, setup, _ in
            var (facilitator, partnership) = try await Self.partnership(client, setup: setup)
            let scheduled = try await facilitator.post(client, "/partnerships/\(partnership)/sessions",
                                                       ["item": "tr-path", "date": "2026-12-01", "start": "09:00", "language": ""])
            let session = String(scheduled.location.split(separator: "/").last ?? "")
            let canvas = try await facilitator.get(client, "/sessions/\(session)").html
            #expect(canvas.contains("Our hopes"))
            #expect(!canvas.contains("Unsere Hoffnungen"))
        }
    }

    @Test func aLanguageThePathDoesNotHaveIsRefused() async throws {
        try await TestApp.run(.router, library: Self.library, configure: { _ in }) { client, setup, _ in
            var (facilitator, partnership) = try await Self.partnership(client, setup: setup)
            let refused = try await facilitator.post(client, "/partnerships/\(partnership)/sessions",
                                                     ["item": "joint-action", "date": "2026-12-01", "start": "09:00", "language": "de"])
            #expect(refused.status == .badRequest)
            #expect(refused.html.contains("has no texts in “de”; choose one of its languages: English (en)."))
            let page = try await facilitator.get(client, "/partnerships/\(partnership)").html
            #expect(!page.contains("/sessions/"), "nothing was scheduled")
        }
    }

    @Test func thePathPageInEachLanguageWithLinksToTheOthers() async throws {
        try await TestApp.run(.router, library: Self.library, configure: { _ in }) { client, _, _ in
            var visitor = TestBrowser()
            let english = try await visitor.get(client, "/library/tr-path").html
            #expect(english.contains("<h1>Partnering</h1>"))
            #expect(english.contains(#"<a href="/library/tr-path?lang=de" hreflang="de">German (de)</a>"#))
            #expect(english.contains("<strong>English (en)</strong>"))
            let german = try await visitor.get(client, "/library/tr-path?lang=de").html
            #expect(german.contains("<h1>Partnerschaft</h1>"))
            #expect(german.contains("Kandidaten bewerten"))
            #expect(german.contains(#"<input type="hidden" name="lang" value="de">"#), "the agenda form keeps the language")
            #expect(german.contains(#"<a href="/library/tr-path?lang=en" hreflang="en">English (en)</a>"#))
            let french = try await visitor.get(client, "/library/tr-path?lang=fr").html
            #expect(french.contains("<h1>Partnering</h1>"))
            #expect(french.contains("This path has no texts in “fr”; it is shown in English (en)."))
            let builtIn = try await visitor.get(client, "/library/joint-action").html
            #expect(!builtIn.contains(#"class="languages"#), "a path in one language has no language links")
        }
    }
}
