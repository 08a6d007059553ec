import ArgumentParser
import Foundation
import Testing
import WeaveCore
@testable import weave

/// The path designer's YAML, as the web app saves and serves it, through the real `weave validate` and
/// `weave path agenda --library` code paths.
@Suite struct DesignerYAMLCommandTests {
    @Test func theDesignersYAMLValidatesAndLoadsWithLibrary() throws {
        // setup: the built-in path as the designer starts from it, given a free id, checked as the web app does
        let library = try Library.loading()
        let newID = PathDocument.freeID(from: "joint-action", library: library)
        let document = try #require(PathDocument.libraryPath("joint-action", in: library)).withID(newID)
        let check = document.check(against: library)
        #expect(check.problems == [])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weave-designer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(check.yaml.utf8).write(to: folder.appendingPathComponent("\(newID).yaml"))
        // MUT: `weave validate FOLDER`
        let (report, ok) = try ValidateCommand.parse([folder.path]).output(environment: [:])
        // validate
        #expect(ok, "\(report)")
        #expect(report.hasSuffix("no problems."))
        // `weave path agenda --library FOLDER ID` runs it like the built-in path
        let (own, ownAgenda) = try PathAgenda.parse(["--library", folder.path, newID, "--start", "09:00"]).output(LibraryOptions.parse(["--library", folder.path]).load(environment: [:]))
        let (_, builtInAgenda) = try PathAgenda.parse(["joint-action", "--start", "09:00"]).output(library)
        #expect(ownAgenda.end == builtInAgenda.end)
        #expect(own.contains("Path of Joint Action"))
    }
}
