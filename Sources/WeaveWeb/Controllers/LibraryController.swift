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
    ///
    /// For a path of several days, `start` and `end` may hold one time per day separated by spaces, and a
    /// break may be written `D@HH:MM+MIN` for day D only.
    func pathPage(_ path: Path, start: String?, breaks: [String], end: String?) -> PathPage {
        Self.pathPage(path, library: library, start: start, breaks: breaks, end: end)
    }

    /// A path's page with its agenda, its tools named from `library` (the server's, or the one a
    /// partnership's own path was loaded into).
    static func pathPage(_ path: Path, library: Library, start: String?, breaks: [String], end: String?) -> PathPage {
        var problems: [String] = []
        let startText = start.map { $0.isEmpty ? "09:00" : $0 } ?? "09:00"
        func times(_ text: String) -> [String] {
            // Times never hold "+", which is how a browser's form sends the space between two of them.
            text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "+" }).map(String.init).prefix(31).map { $0 }
        }
        // A "+" in a query string may arrive as a space.
        let breakTexts = breaks.prefix(12).map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "+") }.filter { !$0.isEmpty }
        let dayCount = path.days?.count ?? 1
        var days: [AgendaDay]
        do {
            days = try AgendaDay.days(starts: times(startText), breaks: breakTexts, ends: times(end ?? ""), count: dayCount)
        } catch {
            problems.append(error.description)
            days = (try? AgendaDay.days(starts: ["09:00"], breaks: [], ends: [], count: dayCount)) ?? []
        }
        let agenda: Agenda
        do {
            agenda = try Agenda(path: path, days: days, library: library)
        } catch {
            problems.append(error.description)
            agenda = (try? Agenda(path: path, days: days.map { AgendaDay(start: $0.start) }, library: library))!
        }
        // Shown back as typed, one time per day separated by spaces (a form sends the spaces as "+").
        return PathPage(path: path, agenda: agenda, library: library, startText: times(startText).joined(separator: " "),
                        breaksText: breaks.joined(separator: " "), endText: times(end ?? "").joined(separator: " "), problems: problems)
    }
}
