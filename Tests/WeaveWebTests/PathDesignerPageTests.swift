import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
@testable import WeaveWeb

/// The path designer's page: its boot data (the starting document, the library's tools, the check and save
/// URLs), escaped for its script element, and the 404s of the partnership routes.
@Suite struct PathDesignerPageTests {
    /// The boot JSON of a designer page, as text and parsed.
    static func boot(_ html: String) throws -> (text: String, json: [String: Any]) {
        let text = try #require(html.firstMatch(of: #/<script type="application/json" id="designer-boot">(.*?)</script>/#)?.1).description
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (text, json)
    }

    @Test func aFacilitatorOpensTheDesignerOnALibraryPathWithItsSourceKeysInOrder() async throws {
        try await TestApp.run { client, setup in
            // setup
            var workshop = try await Workshop.make(client, setup: setup)
            // MUT
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)/designer?from=joint-action")
            // validate
            #expect(page.status == .ok)
            #expect(page.html.contains(#"<script src="/assets/designer.js" defer></script>"#))
            let (text, json) = try Self.boot(page.html)
            let document = try #require(json["document"] as? [String: Any])
            #expect(document["id"] as? String == "joint-action-riverside-food-network", "the partnership's version gets an id of its own")
            #expect(document["name"] as? String == "Path of Joint Action")
            #expect(document["preparation_tool"] as? String == "projects-as-an-interface", "keys the designer has no control for are kept")
            let phases = try #require(document["phases"] as? [[String: Any]])
            #expect(phases.count == 6)
            #expect(phases.contains { ($0["canvas"] as? [[String: Any]])?.contains { $0["use"] != nil } ?? false },
                    "`use:` entries stay as written, not resolved")
            // The document's keys come in the source file's order (kind, id, name, subtitle …), not sorted.
            let order = ["\"kind\":\"path\"", "\"id\":\"joint-action-riverside", "\"name\":\"Path of Joint Action\"", "\"subtitle\":"].map { text.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil })
            #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
            let urls = try #require(json["urls"] as? [String: String])
            #expect(urls["check"] == "/partnerships/\(workshop.partnership)/designer/check")
            #expect(urls["save"] == "/partnerships/\(workshop.partnership)/paths")
            #expect(json["csrf"] as? String == workshop.facilitator.csrf && !workshop.facilitator.csrf.isEmpty)
            let tools = try #require(json["tools"] as? [[String: Any]])
            let tree = try #require(tools.first { $0["id"] as? String == "problem-and-solution-tree" })
            #expect(tree["number"] as? Int == 21)
            #expect(!((tree["fields"] as? [[String: Any]]) ?? []).isEmpty)
            #expect((json["groupings"] as? [String])?.contains("small-groups") == true)
            #expect((json["fieldKinds"] as? [String])?.count == CanvasFieldKind.Name.allCases.count)
            #expect(!((json["activities"] as? [[String: Any]]) ?? []).isEmpty)
            let schedule = try #require((json["schedule"] as? [String: Any])?["days"] as? [[String: Any]])
            #expect(schedule.count == 1 && schedule[0]["start"] as? String == "09:00")
            #expect(json.keys.contains("basedOn"))
            // And the partnership page links to it.
            let partnership = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)")
            #expect(partnership.html.contains(#"action="/partnerships/\#(workshop.partnership)/designer" method="get""#))
            #expect(partnership.html.contains(#"<option value="joint-action">Path of Joint Action</option>"#))
        }
    }

    @Test func withoutFromTheDesignerStartsFromAnEmptyPath() async throws {
        try await TestApp.run { client, setup in
            var workshop = try await Workshop.make(client, setup: setup)
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)/designer")
            #expect(page.status == .ok)
            let document = try #require(try Self.boot(page.html).json["document"] as? [String: Any])
            #expect(document["kind"] as? String == "path")
            #expect(document["id"] as? String == "riverside-food-network-path")
            let phases = try #require(document["phases"] as? [[String: Any]])
            #expect(phases.count == 1 && (phases[0]["steps"] as? [Any])?.count == 1)
        }
    }

    @Test func bootDataEscapesTextThatCouldCloseTheScriptElement() async throws {
        // setup: a library path whose texts try to close the script element and start markup.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("designer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        kind: path
        id: tea-path
        name: "Tea & </script><script>alert(1)</script>"
        summary: "Line\\u2028separator <!--"
        phases:
          - id: one
            name: One
            duration: 30
            steps:
              - title: "<b>Welcome</b> & hello"
                activities: [problem-analysis]
        """.write(to: folder.appendingPathComponent("tea.yaml"), atomically: true, encoding: .utf8)
        let library = try Library.loading([LibraryFolder(path: folder.path)])
        try await TestApp.run(library: library, configure: { _ in }) { client, setup, _ in
            var workshop = try await Workshop.make(client, setup: setup)
            // MUT
            let page = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)/designer?from=tea-path")
            // validate
            #expect(page.status == .ok)
            let (text, json) = try Self.boot(page.html)
            #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"), "no markup character survives in the boot JSON")
            #expect(!text.contains("\u{2028}"))
            let document = try #require(json["document"] as? [String: Any])
            #expect(document["name"] as? String == "Tea & </script><script>alert(1)</script>")
            #expect(document["summary"] as? String == "Line\u{2028}separator <!--")
            let step = try #require(((document["phases"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])?.first)
            #expect(step["title"] as? String == "<b>Welcome</b> & hello")
            #expect(page.html.contains("Starting from the library's <em>Tea &amp; &lt;/script&gt;"), "the name in the page's text is escaped")
            #expect(!page.html.contains("<script>alert(1)"))
        }
    }

    @Test func aStrangersPartnershipAndAnUnknownPathAreNotFound() async throws {
        try await TestApp.run { client, setup in
            // setup
            var workshop = try await Workshop.make(client, setup: setup)
            var zoe = TestBrowser()
            try await signUp(client, &zoe, name: "Zoe", email: "zoe@example.org", setup: nil)
            // MUT and validate
            let stranger = try await zoe.get(client, "/partnerships/\(workshop.partnership)/designer?from=joint-action")
            #expect(stranger.status == .notFound)
            #expect(!stranger.html.contains("designer-boot"))
            var anonymous = TestBrowser()
            #expect(try await anonymous.get(client, "/partnerships/\(workshop.partnership)/designer").status != .ok)
            let unknown = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)/designer?from=no-such-path")
            #expect(unknown.status == .notFound)
            #expect(unknown.html.contains("There is no path “no-such-path” in the library"))
            let aTool = try await workshop.facilitator.get(client, "/partnerships/\(workshop.partnership)/designer?from=stakeholder-analysis")
            #expect(aTool.status == .notFound, "a tool is not a path to start from")
        }
    }

    @Test func theDesignerScriptPutsNoTextInTheDOMAsHTML() throws {
        let folder = CanvasScriptsTests.publicFolder
        let script = try String(contentsOf: folder.appendingPathComponent("designer.js"), encoding: .utf8)
        #expect(!script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML") && !script.contains("document.write"))
        #expect(!script.contains("eval(") && !script.contains("new Function"))
    }

    @Test func fromAnOwnPathTheDesignerStartsFromItsLatestVersion() async throws {
        try await TestApp.run { client, setup in
            // setup: the library's path saved as the partnership's own.
            var workshop = try await Workshop.make(client, setup: setup)
            let base = "/partnerships/\(workshop.partnership)"
            let first = try await workshop.facilitator.get(client, "\(base)/designer?from=joint-action")
            var document = try #require(try Self.boot(first.html).json["document"] as? [String: Any])
            document["name"] = "Joint action, our way"
            let text = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
            let saved = try await workshop.facilitator.post(client, "\(base)/paths", ["document": text])
            #expect(saved.status == .ok, "saving failed: \(saved.html.prefix(400))")
            let reply = try #require(try JSONSerialization.jsonObject(with: Data(saved.html.utf8)) as? [String: Any])
            let id = try #require(reply["id"] as? String)
            // MUT
            let page = try await workshop.facilitator.get(client, "\(base)/designer?from=\(id)")
            // validate
            #expect(page.status == .ok)
            let json = try Self.boot(page.html).json
            #expect(json["basedOn"] as? String == id, "saving from this page makes a new version of the own path")
            let again = try #require(json["document"] as? [String: Any])
            #expect(again["id"] as? String == id && again["name"] as? String == "Joint action, our way")
            #expect(page.html.contains("Editing the partnership's own path <em>Joint action, our way (version 1)</em>"))
        }
    }
}
