import Foundation
import Testing

/// Rules every page template keeps, read from the templates themselves.
@Suite struct TemplateRulesTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/WeaveWeb/Resources/Templates")

    /// The pages' Content-Security-Policy (`script-src 'self'`) does not run inline handlers or `javascript:`
    /// links, so a control wired that way would silently do nothing.
    @Test func noTemplateWiresAControlWithInlineScript() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.templates, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }
        #expect(files.count > 10, "the templates were found")
        let inline = try Regex(#"(?i)\son[a-z]+\s*=|javascript:|<script>|<script\s+(?![^>]*\b(src=|type="application/json"))[^>]*>|\sstyle\s*="#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(inline) {
                Issue.record("\(file.lastPathComponent):\(number + 1): inline script or style, which the CSP refuses: \(line.prefix(160))")
            }
        }
    }
}
