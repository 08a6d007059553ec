import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// The server side of the path designer: checking a document as the facilitator types, saving it as a
/// version of the partnership's own path, that path's page, and its YAML file. The designer page itself
/// (`GET /partnerships/:partnership/designer`) is built on its own branch (designui11).
///
/// Every route first checks that the signed-in account facilitates the partnership; to anyone else the
/// partnership and its paths do not exist (404).
struct DesignerController: Sendable {
    let app: WebApp

    func addRoutes(to router: Router<WeaveContext>) {
        router.post("/partnerships/:partnership/designer/check") { _, context in
            let partnership = try await app.facilitated(context)
            return try await check(partnership, form: context.form ?? Form(parsing: ""))
        }
        router.post("/partnerships/:partnership/paths") { _, context in
            let partnership = try await app.facilitated(context)
            let account = try app.requireLogin(context)
            return try await save(partnership, by: account, form: context.form ?? Form(parsing: ""))
        }
        router.get("/partnerships/:partnership/paths/:path") { request, context in
            let partnership = try await app.facilitated(context)
            let query = request.uri.queryParameters
            let page = try await ownPathPage(partnership, pathID: try pathID(context), version: query.get("version"),
                                             start: query.get("start"), breaks: query.getAll("break"), end: query.get("end"), context: context)
            return app.pages.response(page, template: "path")
        }
        router.get("/partnerships/:partnership/paths/:path/path.yaml") { request, context in
            let partnership = try await app.facilitated(context)
            let version = try await chosenVersion(partnership, pathID: try pathID(context), version: request.uri.queryParameters.get("version")).chosen
            return Response(status: .ok, headers: [
                .contentType: "application/yaml; charset=utf-8",
                // Path ids are letters, digits and hyphens: safe in the header as they are.
                .contentDisposition: "attachment; filename=\"\(version.pathID).yaml\"",
                .cacheControl: "no-store",
            ], body: .init(byteBuffer: ByteBuffer(string: version.yaml)))
        }
    }

    // MARK: - Check and save

    /// The reply to a check: the problems (pointing into the document), the agenda when there are none,
    /// and the YAML the document becomes.
    struct CheckReply: Encodable {
        var problems: [PathProblem]
        var agenda: Agenda?
        var yaml: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(problems, forKey: .problems)
            // `null` while the path has errors, as the contract says, rather than a missing key.
            try container.encode(agenda, forKey: .agenda)
            try container.encode(yaml, forKey: .yaml)
        }
        enum CodingKeys: String, CodingKey { case problems, agenda, yaml }
    }

    /// The document checked with the server's library, off the threads the live canvas uses.
    func checked(_ document: PathDocument) async -> PathCheck {
        let library = app.library
        return await app.ownPaths.offThePool { document.check(against: library) }
    }

    /// The reply to a save.
    struct SaveReply: Encodable {
        var id: String
        var version: Int
        var url: String
    }

    /// The refusal of a save, or of a document that cannot be read.
    struct Refusal: Encodable {
        var problems: [PathProblem]
    }

    func check(_ partnership: Partnership, form: Form) async throws -> Response {
        let document: PathDocument
        do { document = try Self.document(form) } catch { return error.response }
        let result = await checked(document)
        var problems = result.problems
        var agenda: Agenda?
        let days: [AgendaDay]
        do {
            days = try Self.schedule(form["schedule"], dayCount: result.path?.days?.count ?? 1)
        } catch {
            problems.append(PathProblem(pointer: "", message: "The schedule: \(error.description)"))
            days = [AgendaDay(start: ClockTime(hour: 9, minute: 0))]
        }
        if let path = result.path, let library = result.library {
            do { agenda = try Agenda(path: path, days: days, library: library) } catch {
                problems.append(PathProblem(pointer: "", message: "The schedule: \(error.description)"))
            }
        }
        if problems != result.problems { agenda = nil }
        return try Self.json(CheckReply(problems: problems, agenda: agenda, yaml: result.yaml))
    }

    func save(_ partnership: Partnership, by account: Account, form: Form) async throws -> Response {
        let document: PathDocument
        do { document = try Self.document(form) } catch { return error.response }
        let result = await checked(document)
        guard let path = result.path else {
            return try Self.json(Refusal(problems: result.problems), status: .unprocessableContent)
        }
        let existing = try await app.store.ownPaths(of: partnership.id)
        let basedOn = form["path"].trimmingCharacters(in: .whitespaces)
        if basedOn.isEmpty {
            if existing.contains(where: { $0.pathID == path.id }) {
                return try Self.json(Refusal(problems: [PathProblem(pointer: "/id", message: "this partnership already has its own path with the id \"\(path.id)\"; save this as a new version of it, or give it another id")]), status: .unprocessableContent)
            }
        } else {
            guard existing.contains(where: { $0.pathID == basedOn }) else {
                throw HTTPError(.notFound, message: "This partnership has no own path “\(basedOn.prefix(80))” to save a new version of.")
            }
            guard basedOn == path.id else {
                return try Self.json(Refusal(problems: [PathProblem(pointer: "/id", message: "a new version of \"\(basedOn)\" keeps its id; change the id back, or save it as a new path")]), status: .unprocessableContent)
            }
        }
        let version = try await app.store.saveOwnPath(partnership: partnership.id, pathID: path.id, name: path.name, yaml: result.yaml,
                                                      author: account.id, authorName: account.name)
        app.logger.info("own path saved", metadata: ["partnership": "\(partnership.id)", "path": "\(path.id)", "version": "\(version.version)"])
        return try Self.json(SaveReply(id: path.id, version: version.version, url: Self.href(partnership, path.id)))
    }

    /// Why a request's document could not be read, as the reply to send.
    struct UnreadableDocument: Error {
        var problem: PathDocumentError
        var response: Response {
            let status: HTTPResponse.Status = if case .tooLarge = problem { .contentTooLarge } else { .unprocessableContent }
            let text = problem.description
            let body = (try? WeaveJSON.encoder().encode(Refusal(problems: [PathProblem(pointer: "", message: text.prefix(1).uppercased() + text.dropFirst())]))) ?? Data()
            return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    /// The form's `document`, read.
    static func document(_ form: Form) throws(UnreadableDocument) -> PathDocument {
        let text = form["document"]
        guard !text.isEmpty else { throw UnreadableDocument(problem: .notAMapping) }
        do { return try PathDocument(json: text) } catch { throw UnreadableDocument(problem: error) }
    }

    /// The designer's schedule, `{"days":[{"start":"09:00","end":"17:00","breaks":["10:30+15"]}]}`, as agenda
    /// days: one per day of the path, a day not given taking the last given day's start (as the CLI does).
    static func schedule(_ text: String, dayCount: Int) throws(AgendaError) -> [AgendaDay] {
        struct Schedule: Decodable {
            struct Day: Decodable { var start: String?; var end: String?; var breaks: [String]? }
            var days: [Day]
        }
        let given = text.isEmpty ? [] : ((try? JSONDecoder().decode(Schedule.self, from: Data(text.utf8)))?.days ?? [])
        func time(_ text: String) throws(AgendaError) -> ClockTime {
            guard let time = ClockTime(parsing: text) else { throw .malformedTime(String(text.prefix(20))) }
            return time
        }
        var days: [AgendaDay] = []
        var lastStart = ClockTime(hour: 9, minute: 0)
        for index in 0..<max(dayCount, 1) {
            let day = index < given.count ? given[index] : nil
            if let text = day?.start, !text.isEmpty { lastStart = try time(text) }
            var end: ClockTime?
            if let text = day?.end, !text.isEmpty { end = try time(text) }
            var breaks: [AgendaBreak] = []
            for text in (day?.breaks ?? []).prefix(12) where !text.isEmpty { breaks.append(try AgendaBreak(parsing: text)) }
            days.append(AgendaDay(start: lastStart, breaks: breaks, end: end))
        }
        return days
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try WeaveJSON.encoder().encode(value))))
    }

    // MARK: - The own path's page

    static func href(_ partnership: Partnership, _ pathID: String) -> String {
        "/partnerships/\(partnership.id.uuidString.lowercased())/paths/\(pathID)"
    }

    func pathID(_ context: WeaveContext) throws -> String {
        let raw = try context.parameters.require("path")
        return raw.removingPercentEncoding ?? raw
    }

    /// The versions of an own path, newest first, and the one asked for (the latest without `version`).
    func chosenVersion(_ partnership: Partnership, pathID: String, version: String?) async throws -> (chosen: OwnPathVersion, all: [OwnPathVersion]) {
        let all = pathID.count <= 200 ? try await app.store.ownPathVersions(partnership: partnership.id, pathID: pathID) : []
        guard let latest = all.first else {
            throw HTTPError(.notFound, message: "This partnership has no own path “\(pathID.prefix(80))”.")
        }
        guard let version, !version.isEmpty else { return (latest, all) }
        guard let number = Int(version), let chosen = all.first(where: { $0.version == number }) else {
            throw HTTPError(.notFound, message: "“\(latest.name)” has no version \(version.prefix(20)); its versions are 1 to \(latest.version).")
        }
        return (chosen, all)
    }

    func ownPathPage(_ partnership: Partnership, pathID: String, version: String?, start: String?, breaks: [String], end: String?,
                     context: WeaveContext) async throws -> PathPage {
        let (chosen, all) = try await chosenVersion(partnership, pathID: pathID, version: version)
        guard let loaded = await app.ownPaths.loaded(chosen, library: app.library) else {
            let (yaml, library) = (chosen.yaml, app.library)
            let problems = await app.ownPaths.offThePool { PathDocument.loadingYAML(yaml, with: library) }.problems.map(\.message)
            throw HTTPError(.internalServerError, message: "Version \(chosen.version) of “\(chosen.name)” no longer loads with this server's library: \(problems.prefix(3).joined(separator: "; ")). Download its YAML, fix it with `weave validate`, and save it again.")
        }
        var page = LibraryController.pathPage(loaded.path, library: loaded.library, start: start, breaks: breaks, end: end)
        let href = Self.href(partnership, pathID)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        page.own = PathPage.Own(
            partnership: partnership.name, partnershipHref: "/partnerships/\(partnership.id.uuidString.lowercased())",
            version: chosen.version, isLatest: chosen.id == all.first?.id,
            designerHref: "/partnerships/\(partnership.id.uuidString.lowercased())/designer?from=\(pathID)",
            downloadHref: href + "/path.yaml?version=\(chosen.version)",
            versions: all.map { version in
                .init(number: version.version, name: version.name, author: version.authorName, date: formatter.string(from: version.createdAt),
                      href: href + "?version=\(version.version)", current: version.id == chosen.id)
            })
        page.title = chosen.name
        return page
    }
}
