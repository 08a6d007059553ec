import Foundation
import HummingbirdTesting
import NIOCore
import Testing
@testable import WeaveWeb

/// The research project page: a signed-in team uploads a corpus and gets the same analysis as `weave analyze`.
@Suite struct ResearchPageTests {
    /// A wide-format corpus: one row per toolkit, a column per code.
    static func wideCSV(toolkits: Int) -> String {
        var lines = ["toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url,code:problem-analysis,code:stakeholder-engagement,code:relationship-building"]
        for index in 0..<toolkits {
            let type = ["nonprofit", "government", "academic"][index % 3]
            lines.append("tk\(index),Toolkit \(index),Org \(index),Country \(index % 2),\(type),health,\(index % 2 == 0 ? "new" : "established"),nonprofit,2015,,\(index % 2),\(index % 3 == 0 ? 1 : 0),1")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A multipart body as a browser sends it.
    static func multipart(_ files: [(field: String, name: String, contents: String)], fields: [String: String] = [:]) -> (String, ByteBuffer) {
        let boundary = "----weave\(UInt32.random(in: 0...UInt32.max))"
        var body = ""
        for (field, name, contents) in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n\(contents)\r\n"
        }
        for (key, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(string: body))
    }

    static func upload(_ client: any TestClientProtocol, _ browser: inout TestBrowser, _ path: String, csrf: String? = nil,
                       files: [(field: String, name: String, contents: String)], fields: [String: String] = [:]) async throws -> TestResponse {
        let (type, body) = multipart(files, fields: fields)
        let response = try await client.execute(uri: "\(path)?_csrf=\(csrf ?? browser.csrf)", method: .post,
                                                headers: [.cookie: browser.cookieHeader, .contentType: type], body: body)
        browser.absorb(response)
        return response
    }

    @Test func aTeamUploadsACorpusAndReadsTheReport() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let created = try await ana.post(client, "/research", ["name": "Toolkit study"])
            #expect(created.status == .seeOther)
            let project = created.location
            let projectPage = try await ana.get(client, project)
            #expect(projectPage.html.contains("Toolkit study"))
            #expect(projectPage.html.contains(#"<script src="/assets/research.js" defer></script>"#))
            let script = try await ana.get(client, "/assets/research.js")
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.html.contains("data-analyse"))

            let run = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", Self.wideCSV(toolkits: 12))],
                                            fields: ["minimum_group": "2"])
            #expect(run.status == .seeOther, "upload failed: \(run.html.prefix(500))")
            let report = try await ana.get(client, run.location)
            #expect(report.status == .ok)
            #expect(report.html.contains("<svg"))
            #expect(report.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            // The report's figures are links to this run's figure files.
            let figureLink = "href=\"\(run.location)/figures/figure-1-q1-activities.svg\""
            #expect(report.html.contains(figureLink))
            let figure = try await ana.get(client, run.location + "/figures/figure-1-q1-activities.svg")
            #expect(figure.status == .ok)
            #expect(figure.headers[.contentType] == "image/svg+xml; charset=utf-8")
            #expect(figure.html.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(try await ana.get(client, run.location + "/figures/nothing.svg").status == .notFound)
            let q1 = try await ana.get(client, run.location + "/files/q1.csv")
            #expect(q1.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = q1.html.split(separator: "\n")
            #expect(lines.first == "code,name,parent,count,n,share,wilson_low,wilson_high,counts,partly_coded_toolkits")
            #expect(lines.contains { $0.hasPrefix("relationship-building,") && $0.contains(",12,12,1,") })
            let page = try await ana.get(client, project)
            #expect(page.html.contains("12 toolkits, 23 codes, 1 coder"))
            #expect(page.html.contains("study.csv"))
        }
    }

    @Test func aBadCorpusSaysWhyAndKeepsNothing() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let project = try await ana.post(client, "/research", ["name": "Study"]).location
            let bad = "toolkit_id,title,code:no-such-code\ntk1,One,1\n"
            let response = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "bad.csv", bad)])
            #expect(response.status == .badRequest)
            #expect(response.html.contains("Nothing was imported; fix these and upload again."))
            #expect(response.html.contains("no-such-code"))
            #expect(try await ana.get(client, project).html.contains("No analyses yet."))
            let nothing = try await Self.upload(client, &ana, "\(project)/runs", files: [])
            #expect(nothing.status == .badRequest)
            #expect(nothing.html.contains("Choose a corpus to upload"))
            let forged = try await Self.upload(client, &ana, "\(project)/runs", csrf: "forged", files: [("corpus", "study.csv", Self.wideCSV(toolkits: 3))])
            #expect(forged.status == .forbidden)
        }
    }

    @Test func onlyTheTeamReachesAProject() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            var zoe = TestBrowser()
            try await signUp(client, &zoe, name: "Zoe", email: "zoe@example.org", setup: nil)
            let project = try await ana.post(client, "/research", ["name": "Study"]).location
            let run = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", Self.wideCSV(toolkits: 6))]).location
            for path in [project, run, run + "/files/q1.csv", project + "/runs/\(UUID().uuidString)", "/research/not-a-uuid"] {
                #expect(try await zoe.get(client, path).status == .notFound, "\(path)")
            }
            #expect(try await zoe.post(client, project + "/members", ["email": "zoe@example.org"]).status == .notFound)
            #expect(try await Self.upload(client, &zoe, "\(project)/runs", files: [("corpus", "x.csv", Self.wideCSV(toolkits: 3))]).status == .notFound)
            // Added to the team, she can.
            #expect(try await ana.post(client, project + "/members", ["email": "zoe@example.org"]).status == .seeOther)
            #expect(try await zoe.get(client, run + "/files/q1.csv").status == .notFound, "not before accepting")
            #expect(try await acceptInvitations(client, &zoe) == 1)
            #expect(try await zoe.get(client, run + "/files/q1.csv").status == .ok)
            var stranger = TestBrowser()
            #expect(try await stranger.get(client, project).status == .seeOther)
        }
    }
}
