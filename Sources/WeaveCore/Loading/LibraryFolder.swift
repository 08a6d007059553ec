public import Foundation

/// A folder of library files, and how messages name the files in it.
public struct LibraryFolder: Sendable, Hashable {
    /// Where the folder is.
    public var url: URL
    /// The prefix for file names in messages: the folder as the user wrote it, or `<built-in>`.
    public var display: String

    /// A folder named on the command line or in `WEAVE_LIBRARY`, shown as written.
    public init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true)
        var shown = path
        while shown.count > 1 && shown.hasSuffix("/") { shown.removeLast() }
        display = shown
    }

    /// A folder with an explicit display prefix.
    public init(url: URL, display: String) {
        self.url = url
        self.display = display
    }

    /// The library that ships with Weave.
    public static var builtIn: LibraryFolder {
        LibraryFolder(url: Bundle.module.resourceURL!.appendingPathComponent("Library", isDirectory: true), display: "<built-in>")
    }

    /// The library files in the folder, sorted, each with its display name.
    ///
    /// Files and folders whose names start with `.` are skipped, as is anything not ending in `.yaml` or `.yml`.
    func files() throws(LibraryError) -> [(url: URL, display: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LibraryError(diagnostics: [Diagnostic("no such folder; name a folder that holds library files (.yaml)", at: SourceLocation(file: display, line: 1, column: 1))])
        }
        let base = url.resolvingSymlinksInPath().standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
            return []
        }
        var found: [(url: URL, display: String)] = []
        for case let file as URL in enumerator where ["yaml", "yml"].contains(file.pathExtension.lowercased()) {
            guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = file.standardizedFileURL.path.dropFirst(base.path.count).drop { $0 == "/" }
            let shown = display == "." ? String(relative) : "\(display)/\(relative)"
            found.append((file, shown))
        }
        return found.sorted { $0.display < $1.display }
    }
}

extension Library {
    /// Reads folders in order into one library, collecting every problem rather than stopping at the first.
    ///
    /// - Returns: the library built from everything that could be read, and all problems found.
    public static func load(_ folders: [LibraryFolder]) -> (library: Library, diagnostics: [Diagnostic]) {
        var sources: [(display: String, data: Data?, problem: Diagnostic?)] = []
        var diagnostics: [Diagnostic] = []
        for folder in folders {
            do {
                for file in try folder.files() {
                    let start = SourceLocation(file: file.display, line: 1, column: 1)
                    do {
                        sources.append((file.display, try Data(contentsOf: file.url), nil))
                    } catch {
                        sources.append((file.display, nil, Diagnostic("the file could not be read: \(error.localizedDescription)", at: start)))
                    }
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
        let assembly = LibraryAssembly()
        for source in sources {
            if let data = source.data {
                assembly.read(data, display: source.display)
            } else if let problem = source.problem {
                assembly.report(problem.message, at: problem.location)
            }
        }
        var (library, found) = assembly.finish()
        library.sources = sources.compactMap { source in source.data.map { LibrarySource(display: source.display, data: $0) } }
        return (library, (diagnostics + found).sorted())
    }

    /// Reads in-memory files, named as they should appear in messages, into one library.
    public static func load(files: [(display: String, data: Data)]) -> (library: Library, diagnostics: [Diagnostic]) {
        let assembly = LibraryAssembly()
        for file in files { assembly.read(file.data, display: file.display) }
        var (library, diagnostics) = assembly.finish()
        library.sources = files.map { LibrarySource(display: $0.display, data: $0.data) }
        return (library, diagnostics.sorted())
    }

    /// The built-in library, with the given folders on top.
    ///
    /// - Throws: ``LibraryError`` listing every problem, when there is any.
    public static func loading(_ folders: [LibraryFolder] = [], includingBuiltIn: Bool = true) throws(LibraryError) -> Library {
        let (library, diagnostics) = load((includingBuiltIn ? [.builtIn] : []) + folders)
        guard diagnostics.isEmpty else { throw LibraryError(diagnostics: diagnostics) }
        return library
    }
}

/// One file a library was read from: its name as messages show it, and its bytes.
public struct LibrarySource: Sendable, Hashable {
    /// `<built-in>/paths/joint-action.yaml`, or the file under a folder named with `--library`.
    public var display: String
    /// The file's bytes, as read.
    public var data: Data

    /// Creates a source.
    public init(display: String, data: Data) {
        self.display = display
        self.data = data
    }
}
