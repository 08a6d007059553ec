import Foundation
import Testing
@testable import WeaveWeb

extension ResearchPageTests {
    /// The tables downloaded from the browser are the command's files, formulas neutralised (issue 8).
    @Test func downloadedTablesNeutraliseFormulas() async throws {
        try await TestApp.run { client, setup in
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let project = try await ana.post(client, "/research", ["name": "Hostile values"]).location
            // A creator type a spreadsheet would run as a formula.
            let corpus = Self.wideCSV(toolkits: 12).replacingOccurrences(of: ",government,", with: ",=HYPERLINK(\"http://evil.example\"),")
            let run = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", corpus)], fields: ["minimum_group": "2"])
            #expect(run.status == .seeOther, "upload failed: \(run.html.prefix(500))")
            let q3 = try await ana.get(client, run.location + "/files/q3.csv")
            #expect(q3.html.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")|academic|nonprofit\""))
            #expect(!q3.html.contains(",=HYPERLINK") && !q3.html.contains("\"=HYPERLINK"))
        }
    }
}
