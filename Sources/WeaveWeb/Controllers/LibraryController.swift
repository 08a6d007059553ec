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
            case .path:
                let query = request.uri.queryParameters
                return pages.response(pathPage(id, language: query.get("lang"), start: query.get("start"), breaks: query.getAll("break"), end: query.get("end")), template: "path")
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

    /// A path's page in one of its languages (`?lang=de`), with links to the others; a language it has no
    /// texts in is said on the page, which shows the path's own.
    func pathPage(_ id: String, language: String?, start: String?, breaks: [String], end: String?) -> PathPage {
        let available = library.languages(of: id)
        let written = (language ?? "").trimmingCharacters(in: .whitespaces)
        let chosen = LanguageCode.canonical(written).flatMap { available.contains($0) ? $0 : nil } ?? available[0]
        let shown = chosen == available[0] ? library : library.localized(to: chosen)
        var page = pathPage(shown.path(id)!, start: start, breaks: breaks, end: end, in: shown)
        if !written.isEmpty && LanguageCode.canonical(written) != chosen {
            page.problems.insert("This path has no texts in “\(written.prefix(20))”; it is shown in \(LanguageCode.displayName(chosen)).", at: 0)
            page.hasProblems = true
        }
        if available.count > 1 {
            page.languages = available.map { code in
                .init(code: code, label: LanguageCode.displayName(code), href: "/library/\(id)?lang=\(code)", current: code == chosen)
            }
            page.hasLanguages = true
            page.language = chosen == available[0] ? nil : chosen
        }
        return page
    }

    /// A path's page with its agenda; bad times are said on the page, with the default agenda beside.
    ///
    /// For a path of several days, `start` and `end` may hold one time per day separated by spaces, and a
    /// break may be written `D@HH:MM+MIN` for day D only.
    func pathPage(_ path: Path, start: String?, breaks: [String], end: String?, in library: Library? = nil) -> PathPage {
        let library = library ?? self.library
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
