import Foundation
import Testing
@testable import WeaveCore

/// The fixtures folder shipped with the tests.
let fixtures: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures", isDirectory: true)

/// A fixture folder, shown in messages by its own name.
func fixtureFolder(_ path: String) -> LibraryFolder {
    LibraryFolder(url: fixtures.appendingPathComponent(path, isDirectory: true), display: (path as NSString).lastPathComponent)
}

/// The built-in library, loaded once per test that asks.
func builtInLibrary() throws -> Library {
    try Library.loading()
}
