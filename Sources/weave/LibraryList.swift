public import ArgumentParser
import WeaveCore

/// `weave library list`: what the library holds, by kind, optionally only what serves one activity.
struct LibraryList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List paths, tools, toolkits and activity codes.")

    @OptionGroup var library: LibraryOptions
    @Option(help: ArgumentHelp("Only this kind: \(ItemKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: ItemKind?
    @Option(help: ArgumentHelp("Only items coded to this activity code or a code beneath it.", valueName: "code"))
    var activity: String?
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws { print(try output(library.load())) }

    func output(_ library: Library) throws -> String {
        var items: [LibraryItem]
        if let activity {
            _ = try library.require(activity, kind: .code)
            items = library.items(codedTo: activity)
        } else {
            items = ItemKind.allCases.flatMap { library.ids(of: $0) }.compactMap(library.item)
        }
        if let kind { items = items.filter { $0.kind == kind } }
        if format == .json {
            struct Entry: Encodable { var kind: ItemKind; var id: String; var name: String; var summary: String? }
            struct Listing: Encodable { var items: [Entry] }
            return try WeaveJSON.string(Listing(items: items.map { Entry(kind: $0.kind, id: $0.id, name: $0.name, summary: $0.summary) }))
        }
        guard !items.isEmpty else {
            return activity.map { "Nothing in the library is coded to \"\($0)\"\(kind.map { " among \($0.displayName)s" } ?? "")." } ?? "The library holds no \(kind?.displayName ?? "item")s."
        }
        var table = TextTable()
        table.add("KIND", "ID", "NAME")
        for item in items { table.add(item.kind.displayName, item.id, item.name) }
        return table.render() + "\n\n\(items.count) item\(items.count == 1 ? "" : "s")."
    }
}

extension ItemKind: ExpressibleByArgument {}
