import ArgumentParser
import Foundation
import WeaveCore

/// `weave library search TEXT`: ranked full-text search, best match first.
struct LibrarySearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Search names, descriptions and steps; best match first.")

    @OptionGroup var library: LibraryOptions
    @Argument(help: "Words to look for.") var words: [String]
    @Option(help: "The most results to show.") var limit = 10
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard !words.joined().trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("give some words to search for, such as: weave library search shared vision") }
    }

    func run() throws { print(try output(library.load())) }

    func output(_ library: Library) throws -> String {
        let query = words.joined(separator: " ")
        let hits = LibrarySearch(library: library).search(query, limit: limit)
        if format == .json {
            struct Entry: Encodable { var kind: ItemKind; var id: String; var name: String; var score: Double; var excerpt: String? }
            struct Result: Encodable { var query: String; var hits: [Entry] }
            return try WeaveJSON.string(Result(query: query, hits: hits.map {
                Entry(kind: $0.item.kind, id: $0.item.id, name: $0.item.name, score: ($0.score * 1000).rounded() / 1000, excerpt: $0.excerpt)
            }))
        }
        guard !hits.isEmpty else { return "Nothing in the library matches \"\(query)\". Try fewer or other words." }
        var table = TextTable()
        for (rank, hit) in hits.enumerated() { table.add("\(rank + 1).", hit.item.kind.displayName, hit.item.id, hit.item.name) }
        return table.render()
    }
}
