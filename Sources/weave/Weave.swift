import ArgumentParser

/// `weave`: the library, paths and their agendas from the command line.
@main
struct Weave: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weave",
        abstract: "Weave: toolkits, tools and paths for social impact networks.",
        discussion: """
            The built-in library is always loaded. Add your organisation's own folders with --library DIR \
            (repeatable) or WEAVE_LIBRARY=DIR:DIR.
            """,
        subcommands: [LibraryCommand.self, ValidateCommand.self, PathCommand.self, AnalyzeCommand.self, ReliabilityCommand.self, ServeCommand.self,
                      MigrateCommand.self, BackupCommand.self, RestoreCommand.self]
    )
}

/// `weave library …`
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "List, show and search what the library holds.",
        subcommands: [LibraryList.self, LibraryShow.self, LibrarySearchCommand.self]
    )
}

/// `weave path …`
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Work with paths.",
        subcommands: [PathAgenda.self]
    )
}
