/// A place in a library file: the file as the user named it, and a 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file, as shown to people: relative to the folder they named, or `<built-in>/…`.
    public var file: String
    /// The line, counting from 1.
    public var line: Int
    /// The column, counting from 1, in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form editors and terminals link.
    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a library, said in plain language where it is.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and, where it helps, what to do.
    public var message: String

    /// Creates a diagnostic.
    public init(_ message: String, at location: SourceLocation) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location.file, lhs.location.line, lhs.location.column, lhs.message)
            < (rhs.location.file, rhs.location.line, rhs.location.column, rhs.message)
    }
}

/// The library could not be used: it has problems, all of them listed.
public struct LibraryError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in file and line order.
    public var diagnostics: [Diagnostic]

    /// Creates the error from its problems.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    public var description: String {
        let count = diagnostics.count
        let header = "The library has \(count) problem\(count == 1 ? "" : "s"):"
        return ([header] + diagnostics.map(\.description)).joined(separator: "\n")
    }
}
