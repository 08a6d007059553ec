import Foundation
import HummingbirdTesting
import Testing
@testable import WeaveWeb

/// The live canvas's scripts: every one is loaded, in one order, by the page and by the browser harness; the page
/// hands them the server's limits; and the harness's self-checks pass in headless Chromium when it is installed.
@Suite struct CanvasScriptsTests {
    /// The repository root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let publicFolder = root.appendingPathComponent("Sources/WeaveWeb/Resources/Public")

    /// The canvas scripts a page loads, in order, from `<script src=…>` tags.
    static func scripts(in html: String) -> [String] {
        html.matches(of: #/<script src="[^"]*?(canvas-[a-z-]+\.js)"/#).map { String($0.1) }
    }

    @Test func thePageAndTheHarnessLoadEveryCanvasScriptInOneOrder() throws {
        // setup
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.publicFolder.path)
            .filter { $0.hasPrefix("canvas") && $0.hasSuffix(".js") }.sorted()
        let template = try String(contentsOf: Self.root.appendingPathComponent("Sources/WeaveWeb/Resources/Templates/canvas.mustache"), encoding: .utf8)
        let harness = try String(contentsOf: Self.root.appendingPathComponent("Tests/Browser/canvas-harness.html"), encoding: .utf8)
        // MUT
        let page = Self.scripts(in: template), test = Self.scripts(in: harness)
        // validate
        #expect(!files.contains("canvas.js"), "canvas.js is split by concern")
        #expect(page.sorted() == files, "canvas.mustache loads every canvas script once")
        #expect(test == page, "the harness loads the same scripts in the same order as the page")
        #expect(page.first == "canvas-core.js" && page.last == "canvas-boot.js")
        #expect(files.filter { $0.hasPrefix("canvas-kind-") }.count == 9, "one script per field kind")
        for file in files {
            let text = try String(contentsOf: Self.publicFolder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("innerHTML"), "\(file) puts user text in the DOM through textContent, value or attributes only")
            #expect(text.firstMatch(of: #/(?m)^\s*const LIMITS = \{\s*\w/#) == nil, "\(file) copies no limits; they come with the boot data")
        }
    }

    @Test func theBootDataCarriesTheServersLimits() async throws {
        var live = LiveLimits()
        live.messagesPerSecond = 7
        live.messageBurst = 21
        try await TestApp.run(live: live) { client, setup in
            // setup
            let workshop = try await Workshop.make(client, setup: setup)
            var facilitator = workshop.facilitator
            // MUT
            let page = try await facilitator.get(client, "/sessions/\(workshop.session)")
            // validate
            #expect(Self.scripts(in: page.html).first == "canvas-core.js")
            let boot = try #require(page.html.firstMatch(of: #/id="weave-boot">(.*?)</script>/#)?.1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(boot.utf8)) as? [String: Any])
            let limits = try #require(json["limits"] as? [String: Any])
            #expect(limits["messagesPerSecond"] as? Double == 7)
            #expect(limits["messageBurst"] as? Int == 21)
            #expect(limits["textCharacters"] as? Int == 5_000)
            #expect(limits["entryCharacters"] as? Int == 500)
            #expect(limits["entries"] as? Int == 500)
            #expect(limits["maxMessageBytes"] as? Int == LiveLimits.maxMessageBytes)
            for script in Self.scripts(in: page.html) {
                let asset = try await client.execute(uri: "/assets/\(script)", method: .get)
                #expect(asset.status == .ok, "\(script) is served")
            }
        }
    }

    @Test(.enabled(if: Chromium.path != nil, "Chromium is not installed (no chromium or chromium-browser on PATH); .ci/run installs Debian's chromium"),
          arguments: ["participant", "facilitator", "projector"])
    func theHarnessSelfChecksPassInHeadlessChromium(view: String) throws {
        // setup
        let page = Self.root.appendingPathComponent("Tests/Browser/canvas-harness.html")
        // MUT
        let dom = try Chromium.dumpDOM("file://\(page.path)?view=\(view)&selftest=1", width: 360, height: 740, virtualTimeMs: 40_000)
        // validate
        let lines = dom.split(separator: "\n").filter { $0.hasPrefix("PASS") || $0.hasPrefix("FAIL") }
        #expect(lines.count >= 5, "the self-test ran (\(lines.count) checks)")
        for line in lines where line.hasPrefix("FAIL") { Issue.record("\(view): \(line)") }
        #expect(dom.contains("<title>SELFTEST PASS</title>"), "\(view): \(dom.contains("RESULT") ? "a check failed" : "the self-test did not finish")")
    }
}

/// Headless Chromium, for the browser checks: found on PATH, run with a time limit.
enum Chromium {
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for dir in dirs {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// The DOM of a page after `virtualTimeMs` of virtual time.
    static func dumpDOM(_ url: String, width: Int, height: Int, virtualTimeMs: Int) throws -> String {
        try run(["--window-size=\(width),\(height)", "--virtual-time-budget=\(virtualTimeMs)", "--dump-dom", url])
    }

    /// Runs Chromium headless with the given arguments and returns its standard output.
    static func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> String {
        guard let path else { throw ChromiumError(message: "Chromium is not installed.") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("weave-chromium-\(UUID().uuidString)")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                             "--user-data-dir=\(profile.path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = ReadAll(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { process.terminate(); throw ChromiumError(message: "Chromium took longer than \(Int(timeout)) s.") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try? FileManager.default.removeItem(at: profile)
        return String(decoding: data.wait(), as: UTF8.self)
    }

    struct ChromiumError: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Reads a pipe to its end on another thread, so a full pipe never blocks the browser.
    final class ReadAll: @unchecked Sendable {
        // Written once by the reading thread before `done` is signalled; read only after waiting on it.
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }
        func wait() -> Data { done.wait(); return data }
    }
}
