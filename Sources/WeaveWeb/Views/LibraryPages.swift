import WeaveCore

/// The library page: a search box, kind filters and the items.
struct LibraryPage {
    struct Kind { var id: String; var label: String; var selected: Bool }
    struct Row {
        var kindID: String
        var kind: String
        var id: String
        var name: String
        var summary: String?
        var excerpt: String?

        init(_ item: LibraryItem, excerpt: String? = nil) {
            kindID = item.kind.rawValue
            kind = item.kind.displayName
            id = item.id
            name = item.name
            summary = item.summary
            self.excerpt = excerpt
        }
    }
    var title = "Library"
    var query: String
    var kinds: [Kind]
    var rows: [Row]
    var searched: Bool
    // Stored, not computed: Mustache reads models through their stored properties.
    var count: Int
    var empty: Bool

    init(query: String, kinds: [Kind], rows: [Row], searched: Bool) {
        self.query = query
        self.kinds = kinds
        self.rows = rows
        self.searched = searched
        count = rows.count
        empty = rows.isEmpty
    }
}

/// A tool, toolkit, codebook or code: headed facts, then lists.
struct ItemPage {
    struct Fact { var label: String; var value: String }
    struct Link { var label: String; var href: String }
    struct Section {
        var heading: String
        var items: [String]
        var links: [Link]
        // Flags for the template: Mustache cannot ask whether a list is empty.
        var hasItems: Bool
        var hasLinks: Bool
        init(heading: String, items: [String], links: [Link]) {
            self.heading = heading
            self.items = items
            self.links = links
            hasItems = !items.isEmpty
            hasLinks = !links.isEmpty
        }
    }
    var title: String
    var kind: String
    var summary: String?
    var facts: [Fact] = []
    var hasFacts = false
    var sections: [Section] = []

    init(_ item: LibraryItem, library: Library) {
        title = item.name
        kind = item.kind.displayName
        summary = item.summary
        func links(_ ids: [String]) -> [Link] { ids.map { Link(label: library.item($0)?.name ?? $0, href: "/library/\($0)") } }
        func list(_ heading: String, _ items: [String]) { if !items.isEmpty { sections.append(Section(heading: heading, items: items, links: [])) } }
        func linked(_ heading: String, _ ids: [String]) { if !ids.isEmpty { sections.append(Section(heading: heading, items: [], links: links(ids))) } }
        switch item {
        case .tool(let tool):
            facts.append(Fact(label: "Type", value: tool.type.rawValue.replacingOccurrences(of: "-", with: " ")))
            if let duration = tool.duration { facts.append(Fact(label: "Time", value: "\(duration) minutes")) }
            if let size = tool.groupSize { facts.append(Fact(label: "Group", value: "\(size) people")) }
            list("Purpose", [tool.purpose])
            list("When to use it", tool.whenToUse.map { [$0] } ?? [])
            list("Steps", tool.steps)
            list("Materials", tool.materials.map(\.line))
            list("What it produces", tool.produces)
            list("Canvas fields", tool.fields.map { "\($0.label) (\($0.kind.name.rawValue))" })
            for set in tool.optionSets { list("Options: \(set.id)", set.options.map { $0.label + ($0.description.map { " — \($0)" } ?? "") }) }
            linked("Used with", tool.related)
            linked("Activities", tool.activities)
        case .toolkit(let toolkit):
            facts.append(Fact(label: "Organisation", value: toolkit.creator.organisation))
            if !toolkit.creator.authors.isEmpty { facts.append(Fact(label: "Authors", value: toolkit.creator.authors.joined(separator: ", "))) }
            if let country = toolkit.creator.country { facts.append(Fact(label: "Country", value: country)) }
            if let type = toolkit.creator.type { facts.append(Fact(label: "Creator type", value: type.rawValue)) }
            list("About", toolkit.description.map { [$0] } ?? [])
            list("Networks", [toolkit.networks.description].compactMap { $0 })
            linked("Tools", toolkit.tools)
            linked("Activities it suggests", toolkit.activities)
        case .code(let code):
            list("Definition", [code.definition])
            list("Example", code.example.map { [$0] } ?? [])
            linked("Under", code.parent.map { [$0] } ?? [])
            linked("Narrower codes", code.children)
            linked("Coded here", library.items(codedTo: code.id).map(\.id))
        case .codebook(let codebook):
            linked("Codes", codebook.codes.map(\.id))
        case .path:
            break
        }
        hasFacts = !facts.isEmpty
    }
}

/// A path with its agenda, for the screen and for print.
struct PathPage {
    struct Step {
        var start: String; var end: String; var title: String; var minutes: Int; var shared: Bool; var lead: String; var grouping: String?
        var tool: String?; var toolHref: String?
        var optional: Bool = false; var alternatives: [ItemPage.Link] = []; var notes: String? = nil; var materials: String? = nil
    }
    struct Phase { var name: String; var start: String; var end: String; var minutes: Int; var breakMinutes: Int; var hasBreaks: Bool; var steps: [Step]; var canvas: [String] }
    struct Note { var text: String; var toolName: String?; var toolHref: String? }
    struct ToolGroup { var heading: String; var tools: [ItemPage.Link] }
    /// One day of the agenda; a path of one day has one, without a title.
    struct Day { var title: String?; var when: String?; var phases: [Phase] }

    var title: String
    var subtitle: String?
    var description: String?
    var participants: String?
    var outcomes: [String]
    var preparation: [Note]
    var materials: [String]
    var toolGroups: [ToolGroup]
    var days: [Day]
    /// "09:00–17:15", or "2 days" for a path of several days (each day then says its own times).
    var span: String
    var start: String
    var end: String
    var plannedMinutes: Int
    var breakMinutes: Int
    var warnings: [String]
    var problems: [String]
    var startText: String
    var breaksText: String
    var endText: String
    var hasProblems: Bool
    // Flags for the template: Mustache cannot ask whether a list is empty or a number is zero.
    var hasBreaks: Bool
    var hasWarnings: Bool
    var hasOutcomes: Bool
    var hasPreparation: Bool
    var hasMaterials: Bool
    /// The path's languages as links (`?lang=de`) when it has several, the one shown marked current.
    struct Language { var code: String; var label: String; var href: String; var current: Bool }
    var languages: [Language] = []
    var hasLanguages = false
    /// The language shown when it is not the path's own, carried by the agenda form.
    var language: String? = nil

    init(path: Path, agenda: Agenda, library: Library, startText: String, breaksText: String, endText: String, problems: [String]) {
        title = path.name
        subtitle = path.subtitle
        description = path.description
        if let people = path.participants {
            let count = [people.min, people.max].compactMap { $0 }.map(String.init).joined(separator: "–")
            participants = [count.isEmpty ? nil : "\(count) people", people.description].compactMap { $0 }.joined(separator: ". ")
        }
        outcomes = path.outcomes
        func note(_ note: WeaveCore.Note) -> Note {
            Note(text: note.text, toolName: note.tool.flatMap { library.tool($0)?.citation }, toolHref: note.tool.map { "/library/\($0)" })
        }
        preparation = path.preparation.map(note)
        materials = path.materials.map(\.line)
        let tools = path.tools.compactMap(library.tool)
        toolGroups = Tool.Kind.allCases.compactMap { type in
            let group = tools.filter { $0.type == type }
            return group.isEmpty ? nil : ToolGroup(heading: type.pluralName, tools: group.map { .init(label: $0.citation, href: "/library/\($0.id)") })
        }
        func phaseRows(_ agenda: Agenda) -> [Phase] {
            agenda.phases.map { phase in
                Phase(name: phase.name, start: phase.start.description, end: phase.end.description, minutes: phase.plannedMinutes,
                      breakMinutes: phase.breakMinutes, hasBreaks: phase.breakMinutes > 0,
                      steps: phase.steps.map { step in
                          Step(start: step.start.description, end: step.end.description, title: step.title, minutes: step.minutes,
                               shared: step.timing == .sharedEqually || step.timing == .sharedByWeight, lead: step.lead.displayName,
                               grouping: step.groups?.displayName ?? step.grouping?.displayName,
                               tool: step.tool.map { tool in tool.number.map { "\(tool.name) (\($0))" } ?? tool.name },
                               toolHref: step.tool.map { "/library/\($0.id)" }, optional: step.optional == true,
                               alternatives: (step.alternatives ?? []).map { tool in
                                   .init(label: tool.number.map { "\(tool.name) (\($0))" } ?? tool.name, href: "/library/\(tool.id)")
                               },
                               notes: step.notes, materials: step.materials.flatMap { $0.isEmpty ? nil : $0.joined(separator: "; ") })
                      },
                      canvas: phase.canvas.map(\.label))
            }
        }
        if let dayAgendas = agenda.days {
            days = dayAgendas.enumerated().map { index, day in
                let overrun = day.overrunMinutes.map { " · runs \($0) min past \(day.dayEnd!)" } ?? ""
                return Day(title: "Day \(index + 1) — \(day.name)", when: "\(day.start)–\(day.end) · \(day.plannedMinutes) minutes of work\(overrun)",
                           phases: phaseRows(day))
            }
        } else {
            days = [Day(title: nil, when: nil, phases: phaseRows(agenda))]
        }
        start = agenda.start.description
        end = agenda.end.description
        span = agenda.days.map { "\($0.count) days" } ?? "\(start)–\(end)"
        plannedMinutes = agenda.plannedMinutes
        breakMinutes = agenda.breakMinutes
        warnings = agenda.warnings
        self.problems = problems
        hasProblems = !problems.isEmpty
        hasBreaks = agenda.breakMinutes > 0
        hasWarnings = !agenda.warnings.isEmpty
        hasOutcomes = !outcomes.isEmpty
        hasPreparation = !preparation.isEmpty
        hasMaterials = !materials.isEmpty
        self.startText = startText
        self.breaksText = breaksText
        self.endText = endText
    }
}
