import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// The path designer's page (docs/workspace.md, "The path designer"): a facilitator shapes a path for their
/// partnership in the browser, starting from one of its own paths, a library path or an empty one.
///
/// Only the page lives here; checking and saving are ``DesignerController``'s `…/designer/check` and `…/paths`.
struct PathDesignerController: Sendable {
    let library: Library
    let store: Store
    let pages: PageRenderer
    /// The signed-in account's partnership named in the route, or 404.
    let facilitated: @Sendable (WeaveContext) async throws -> Partnership

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/partnerships/:partnership/designer") { request, context in
            let partnership = try await facilitated(context)
            let page = try await page(partnership, from: request.uri.queryParameters.get("from"), context)
            return pages.response(page, template: "designer")
        }
    }

    /// The page for a partnership, starting from the partnership's own path `from` (its latest version), the
    /// library path `from`, or an empty path.
    func page(_ partnership: Partnership, from: String?, _ context: WeaveContext) async throws -> PathDesignerPage {
        let id = partnership.id.uuidString.lowercased()
        let start = try await startingDocument(from: from, partnership: partnership)
        let boot = DesignerBoot(
            schedule: .init(days: (0..<max(1, start.days)).map { _ in .init(start: "09:00", end: "17:00", breaks: []) }),
            basedOn: start.basedOn, csrf: context.csrfToken,
            urls: .init(check: "/partnerships/\(id)/designer/check", save: "/partnerships/\(id)/paths",
                        partnership: "/partnerships/\(id)"),
            tools: library.tools.map(DesignerBoot.ToolInfo.init),
            activities: library.codes.map { .init(id: $0.id, name: $0.name) },
            groupings: Step.Grouping.allCases.map(\.rawValue),
            fieldKinds: CanvasFieldKind.Name.allCases.map(\.rawValue))
        return PathDesignerPage(chrome: Chrome(context), title: "Path designer — \(partnership.name)", partnership: partnership.name,
                                partnershipHref: "/partnerships/\(id)", startedFrom: start.basedOn == nil ? start.name : nil,
                                editing: start.basedOn == nil ? nil : start.name,
                                boot: boot.scriptJSON(documentJSON: start.json))
    }

    /// The document the page starts with: the latest version of the partnership's own path `from`; else the
    /// library path's source file under an id of the partnership's own; else an empty path of one day, one
    /// phase and one step.
    func startingDocument(from: String?, partnership: Partnership) async throws -> (json: String, name: String?, days: Int, basedOn: String?) {
        guard let from, !from.isEmpty else {
            let empty = #"{"kind":"path","id":"\#(Self.slug(partnership.name, fallback: "our"))-path","name":"","phases":[{"id":"phase-1","name":"","duration":60,"steps":[{"title":"","duration":60}]}]}"#
            return (empty, nil, 1, nil)
        }
        let name = String(from.prefix(200))
        // The partnership's own paths first: their ids never clash with the library's.
        if let latest = try await store.ownPathVersions(partnership: partnership.id, pathID: name).first {
            let document: PathDocument
            do { document = try PathDocument(yaml: latest.yaml) } catch {
                throw HTTPError(.internalServerError, message: "The stored path “\(name)” cannot be read: \(error)")
            }
            return (document.jsonText, "\(latest.name) (version \(latest.version))", Self.dayCount(document.jsonText), name)
        }
        // The partnership's version gets an id of its own, so that it never stands in for the library's path.
        let id = String("\(name)-\(Self.slug(partnership.name, fallback: "ours"))".prefix(64))
        guard let path = library.path(name), let document = PathDocument.libraryPath(name, in: library) else {
            throw HTTPError(.notFound, message: "There is no path “\(from.prefix(80))” in the library or among this partnership's own paths to start the designer from. Open the designer from a path's page, or without “from” for an empty path.")
        }
        return (document.withID(id).jsonText, path.name, path.days?.count ?? 1, nil)
    }

    /// How many days a document's path has: the length of its `days`, else one.
    static func dayCount(_ json: String) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return max(1, (object?["days"] as? [Any])?.count ?? 1)
    }

    /// Lowercase letters, digits and single hyphens: an id made from a name.
    static func slug(_ name: String, fallback: String) -> String {
        var out = ""
        for character in name.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            if character.isASCII && (character.isLetter || character.isNumber) { out.append(character) }
            else if !out.isEmpty && out.last != "-" { out.append("-") }
            if out.count >= 40 { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }
}

/// What the designer page hands its script (the contract's boot data).
struct DesignerBoot: Encodable {
    struct Day: Encodable { var start: String; var end: String?; var breaks: [String] }
    struct Schedule: Encodable { var days: [Day] }
    struct URLs: Encodable { var check: String; var save: String; var partnership: String }
    struct Minutes: Encodable { var min: Int; var max: Int }
    struct FieldInfo: Encodable { var id: String; var kind: String; var label: String }
    struct ToolInfo: Encodable {
        var id: String; var name: String; var number: Int?; var summary: String?; var minutes: Minutes?; var fields: [FieldInfo]
        init(_ tool: Tool) {
            id = tool.id
            name = tool.name
            number = tool.number
            summary = tool.summary
            minutes = tool.duration.map { Minutes(min: $0.min, max: $0.max) }
            fields = tool.fields.map { FieldInfo(id: $0.id, kind: $0.kind.name.rawValue, label: $0.label) }
        }
    }
    struct Activity: Encodable { var id: String; var name: String }
    /// Always null when encoded; ``scriptJSON(documentJSON:)`` puts the document in its place.
    var document: String? = nil
    var schedule: Schedule
    var basedOn: String?
    var csrf: String
    var urls: URLs
    var tools: [ToolInfo]
    var activities: [Activity]
    var groupings: [String]
    var fieldKinds: [String]

    enum CodingKeys: String, CodingKey { case document, schedule, basedOn, csrf, urls, tools, activities, groupings, fieldKinds }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNil(forKey: .document)
        try container.encode(schedule, forKey: .schedule)
        if let basedOn { try container.encode(basedOn, forKey: .basedOn) } else { try container.encodeNil(forKey: .basedOn) }
        try container.encode(csrf, forKey: .csrf)
        try container.encode(urls, forKey: .urls)
        try container.encode(tools, forKey: .tools)
        try container.encode(activities, forKey: .activities)
        try container.encode(groupings, forKey: .groupings)
        try container.encode(fieldKinds, forKey: .fieldKinds)
    }

    /// The boot JSON, escaped for a script element, with the document (JSON text, keys in the source's order)
    /// in place of `"document":null`: with every string escaped, that text occurs once, as the top-level key.
    func scriptJSON(documentJSON: String) -> String {
        ScriptJSON.embed(self, placing: documentJSON, at: #""document":null"#) ?? ScriptJSON.embed(self)
    }
}

/// The path designer page.
struct PathDesignerPage {
    var chrome: Chrome
    var title: String
    var partnership: String
    var partnershipHref: String
    /// The library path's name the document started from, if any.
    var startedFrom: String?
    /// The partnership's own path (and version) being edited, if any.
    var editing: String?
    /// The boot JSON, already made safe to sit inside a script element.
    var boot: String
}
