import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

/// The library in the browser, through the same `buildApplication` that `weave serve` uses.
@Suite struct LibraryPagesTests {
    let library: Library

    init() throws {
        library = try Library.loading()
    }

    private func withApp(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let store = try await Store.open(.sqliteInMemory)
        let server = try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory), library: library, store: store)
        try await server.application.test(.router, test)
        await store.shutdown()
    }

    @Test func healthSaysOK() async throws {
        try await withApp { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
        }
    }

    @Test func libraryListsAndSearches() async throws {
        try await withApp { client in
            try await client.execute(uri: "/library", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("<a href=\"/library/joint-action\">Path of Joint Action</a>"))
            }
            try await client.execute(uri: "/library?q=shared+vision", method: .get) { response in
                let html = String(buffer: response.body)
                let first = try #require(html.range(of: "<li><span class=\"kind\">"))
                #expect(html[first.upperBound...].hasPrefix("tool</span> <a href=\"/library/creating-a-shared-vision\">"))
            }
            try await client.execute(uri: "/library?q=zeppelin", method: .get) { response in
                #expect(String(buffer: response.body).contains("Nothing in the library matches “zeppelin”"))
            }
        }
    }

    @Test func aTwoDayPathPageShowsEachDayWithItsOwnTimesNotesAndGroups() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeaveCoreTests/Fixtures/two-day")
        let library = try Library.loading([LibraryFolder(url: folder, display: "two-day")])
        let store = try await Store.open(.sqliteInMemory)
        let server = try await buildApplication(WebConfiguration(host: "127.0.0.1", port: 0, database: .sqliteInMemory), library: library, store: store)
        try await server.application.test(.router) { client in
            try await client.execute(uri: "/library/example-two-days?start=09:00+09:30&break=2@10:00%2B15&end=10:30+12:00", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<h3 class=\"day\">Day 1 — Where we stand</h3>"))
                #expect(html.contains("name=\"start\" value=\"09:00 09:30\""), "the starts are shown back as typed")
                #expect(html.contains("<p class=\"when\">09:00–10:45 · 105 minutes of work · runs 15 min past 10:30</p>"))
                #expect(html.contains("<h3 class=\"day\">Day 2 — What we do next</h3>"))
                #expect(html.contains("<p class=\"when\">09:30–10:45 · 60 minutes of work</p>"))
                #expect(html.contains("Triads of mixed organisations"))
                #expect(html.contains("Small groups of 4"))
                #expect(html.contains("<div class=\"facilitator-notes\">Facilitator: Keep it short; the expectations round matters more.</div>"))
                #expect(html.contains("Energiser <span class=\"optional\">(optional)</span>"))
                #expect(html.contains(" or <a href=\"/library/stakeholder-analysis\">Stakeholder Analysis (34)</a>"))
            }
            try await client.execute(uri: "/library/example-two-days?break=3@10:00%2B15", method: .get) { response in
                #expect(String(buffer: response.body).contains("<strong>2 days</strong> · 165 minutes of work"))
                #expect(String(buffer: response.body).contains("names a day the path does not have; it has 2 days"))
            }
        }
        await store.shutdown()
    }

    @Test func pathPageShowsTheAgenda() async throws {
        try await withApp { client in
            try await client.execute(uri: "/library/joint-action?start=09:00&break=10:30%2B15&break=12:30+45&end=17:00", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<strong>09:00–17:15</strong>"))
                #expect(html.contains("Orientation (60 min)"))
                #expect(html.contains("The day overruns: the path ends at 17:15, 15 minutes after 17:00."))
                #expect(html.contains("Creating a Shared Vision (44)"))
                // The handout's print button works under the pages' CSP: a script file, not an onclick.
                #expect(html.contains("<button type=\"button\" data-print>Print handout</button>"))
                #expect(html.contains("<script src=\"/assets/print-button.js\" defer></script>"))
            }
            try await client.execute(uri: "/assets/print-button.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("window.print()"))
            }
            try await client.execute(uri: "/library/joint-action?start=9am", method: .get) { response in
                #expect(response.status == .ok)
                // The problem is said on the page, escaped, and the default agenda is shown beside it.
                let html = String(buffer: response.body)
                #expect(html.contains("<li>&quot;9am&quot; is not a time of day; write it as HH:MM"))
                #expect(html.contains("<strong>09:00–16:15</strong>"))
            }
        }
    }

    @Test func itemPagesAndStylesheet() async throws {
        try await withApp { client in
            try await client.execute(uri: "/library/partnership-assessment", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<h1>Partnership Assessment (46)</h1>"))
                #expect(html.contains("How well does our partnership work?"))
                #expect(html.contains("<dl class=\"facts\"><dt>Type</dt><dd>method card</dd>"))
            }
            try await client.execute(uri: "/assets/weave.css", method: .get) { response in
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: response.body).contains("@media print"))
            }
        }
    }

    @Test func unknownIdsAreEscapedInThe404() async throws {
        try await withApp { client in
            try await client.execute(uri: "/library/%3Cscript%3Ealert(1)%3C%2Fscript%3E", method: .get) { response in
                #expect(response.status == .notFound)
                let html = String(buffer: response.body)
                #expect(!html.contains("<script>"))
                #expect(html.contains("Nothing in the library has the id “&lt;script&gt;alert(1)&lt;/script&gt;”."))
            }
            try await client.execute(uri: "/library?q=%3Cimg%20src%3Dx%3E", method: .get) { response in
                #expect(!String(buffer: response.body).contains("<img"))
            }
        }
    }
}
