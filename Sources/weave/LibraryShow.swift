import ArgumentParser
import WeaveCore

/// `weave library show ID`: one item in full.
struct LibraryShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one path, tool, toolkit, codebook or activity code.")

    @OptionGroup var library: LibraryOptions
    @Argument(help: "The item's id, such as joint-action.") var id: String
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws { print(try output(library.load())) }

    func output(_ library: Library) throws -> String {
        let item = try library.require(id)
        return format == .json ? try WeaveJSON.string(item) : ItemText(library: library).render(item)
    }
}
