import Foundation
import Testing
@testable import WeaveWeb

extension ResearchPageTests {
    /// The upload form offers `--blank`: in a wide sheet kept as "1 or blank", a blank is absent by
    /// default and not coded when the team says so (issue 8).
    @Test func theUploadFormSaysWhatABlankCellMeans() async throws {
        try await TestApp.run { client, setup in
            // setup: twelve toolkits; problem-analysis is 1 in the even ones and blank in the odd ones.
            var ana = TestBrowser()
            try await signUp(client, &ana, name: "Ana", email: "ana@example.org", setup: setup)
            let project = try await ana.post(client, "/research", ["name": "Blank cells"]).location
            #expect(try await ana.get(client, project).html.contains(#"<select name="blank">"#))
            let sheet = Self.wideCSV(toolkits: 12).replacingOccurrences(of: ",0,", with: ",,")

            // MUT: the same sheet, blank as absent (the default) and blank as not coded.
            let absent = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", sheet)],
                                               fields: ["minimum_group": "2", "blank": "absent"])
            let notCoded = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", sheet)],
                                                 fields: ["minimum_group": "2", "blank": "not-coded"])
            let wrong = try await Self.upload(client, &ana, "\(project)/runs", files: [("corpus", "study.csv", sheet)],
                                              fields: ["blank": "maybe"])

            // validate: 6 of 12 toolkits, then 6 of the 6 judged; an unknown meaning is refused by name.
            #expect(absent.status == .seeOther && notCoded.status == .seeOther)
            let absentQ1 = try await ana.get(client, absent.location + "/files/q1.csv").html.split(separator: "\n")
            let notCodedQ1 = try await ana.get(client, notCoded.location + "/files/q1.csv").html.split(separator: "\n")
            #expect(absentQ1.contains { $0.hasPrefix("problem-analysis,") && $0.contains(",6,12,0.5,") })
            #expect(notCodedQ1.contains { $0.hasPrefix("problem-analysis,") && $0.contains(",6,6,1,") })
            let notCodedReport = try await ana.get(client, notCoded.location)
            #expect(notCodedReport.html.contains("problem-analysis"))
            #expect(wrong.status == .badRequest)
            #expect(wrong.html.contains("not-coded"))
        }
    }
}
