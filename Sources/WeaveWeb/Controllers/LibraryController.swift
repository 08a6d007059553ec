import Foundation
import Hummingbird
import WeaveCore

/// The library in the browser: browse and search, and a page for each path, tool, toolkit and code.
/// A path's page shows its agenda for a chosen start, breaks and end, and prints as a facilitator handout.
struct LibraryController: Sendable {
    let library: Library
    let search: LibrarySearch
    let pages: PageRenderer

    func addRoutes(to router: Router<some RequestContext>) {
        router.get("/library") { request, _ in
            pages.response(listing(query: request.uri.queryParameters.get("q"), kind: request.uri.queryParameters.get("kind")), template: "library")
        }
        router.get("/library/:id") { request, context in
            // Route parameters arrive still percent-encoded.
            let raw = try context.parameters.require("id")
            let id = raw.removingPercentEncoding ?? raw
            guard let item = library.item(id) else {
                throw HTTPError(.notFound, message: "Nothing in the library has the id “\(id.prefix(80))”.")
            }
            switch item {
            case .path(let path):
                let query = request.uri.queryParameters
                return pages.response(pathPage(path, start: query.get("start"), breaks: query.getAll("break"), end: query.get("end")), template: "path")
            default:
                return pages.response(ItemPage(item, library: library), template: "item")
            }
        }
    }

    /// The library page: everything, one kind, or search results best first.
    func listing(query: String?, kind: String?) -> LibraryPage {
        let text = (query ?? "").trimmingCharacters(in: .whitespaces)
        let kindFilter = kind.flatMap(ItemKind.init(rawValue:))
        var rows: [LibraryPage.Row]
        if text.isEmpty {
            rows = ItemKind.allCases.flatMap { library.ids(of: $0) }.compactMap(library.item).map { LibraryPage.Row($0) }
        } else {
            rows = search.search(String(text.prefix(200)), limit: 50).map { LibraryPage.Row($0.item, excerpt: $0.excerpt) }
        }
        if let kindFilter { rows = rows.filter { $0.kindID == kindFilter.rawValue } }
        return LibraryPage(query: text, kinds: ItemKind.allCases.map { .init(id: $0.rawValue, label: $0.displayName, selected: $0 == kindFilter) },
                           rows: rows, searched: !text.isEmpty)
    }

    /// A path's page with its agenda; bad times are said on the page, with the default agenda beside.
    func pathPage(_ path: Path, start: String?, breaks: [String], end: String?) -> PathPage {
        var problems: [String] = []
        let startText = start.map { $0.isEmpty ? "09:00" : $0 } ?? "09:00"
        let startTime = ClockTime(parsing: startText) ?? {
            problems.append(AgendaError.malformedTime(startText).description)
            return ClockTime(hour: 9, minute: 0)
        }()
        var pauses: [AgendaBreak] = []
        for text in breaks.prefix(12) where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            // A "+" in a query string may arrive as a space.
            do { pauses.append(try AgendaBreak(parsing: text.replacingOccurrences(of: " ", with: "+"))) } catch { problems.append(error.description) }
        }
        var endTime: ClockTime?
        if let end, !end.isEmpty {
            endTime = ClockTime(parsing: end)
            if endTime == nil { problems.append(AgendaError.malformedTime(end).description) }
        }
        let agenda: Agenda
        do {
            agenda = try Agenda(path: path, start: startTime, breaks: pauses, dayEnd: endTime, library: library)
        } catch {
            problems.append(error.description)
            agenda = (try? Agenda(path: path, start: startTime, library: library))!
        }
        return PathPage(path: path, agenda: agenda, library: library, startText: startText,
                        breaksText: breaks.joined(separator: " "), endText: end ?? "", problems: problems)
    }
}
