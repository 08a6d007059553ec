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

    @Test func pathPageShowsTheAgenda() async throws {
        try await withApp { client in
            try await client.execute(uri: "/library/joint-action?start=09:00&break=10:30%2B15&break=12:30+45&end=17:00", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("<strong>09:00–17:15</strong>"))
                #expect(html.contains("Orientation (60 min)"))
                #expect(html.contains("The day overruns: the path ends at 17:15, 15 minutes after 17:00."))
                #expect(html.contains("Creating a Shared Vision (44)"))
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
