import WeaveCore

/// An item laid out for reading in a terminal.
struct ItemText {
    let library: Library

    func render(_ item: LibraryItem) -> String {
        switch item {
        case .path(let path): render(path)
        case .tool(let tool): render(tool)
        case .toolkit(let toolkit): render(toolkit)
        case .codebook(let codebook): render(codebook)
        case .code(let code): render(code)
        }
    }

    private func heading(_ title: String, _ kind: String) -> String {
        "\(title)\n\(String(repeating: "=", count: title.count))\n\(kind)"
    }

    private func section(_ title: String, _ lines: [String]) -> String? {
        lines.isEmpty ? nil : "\n\(title)\n" + lines.map { "  - " + $0.wrapped(width: 76, indent: "    ") }.joined(separator: "\n")
    }

    private func prose(_ text: String?) -> String? { text.map { "\n" + $0.wrapped() } }

    private func toolName(_ id: String) -> String { library.tool(id)?.citation ?? id }

    private func codeNames(_ ids: [String]) -> String {
        ids.map { library.code($0)?.name ?? $0 }.joined(separator: "; ")
    }

    private func materialLine(_ material: Material) -> String {
        material.line + (material.note.map { " (\($0))" } ?? "")
    }

    private func noteLine(_ note: Note) -> String {
        note.text + (note.tool.map { " → \(toolName($0))" } ?? "")
    }

    func render(_ path: Path) -> String {
        var parts: [String?] = [heading(path.name, "Path\(path.subtitle.map { ": \($0)" } ?? "") · \(path.totalMinutes) minutes in \(path.phases.count) phases")]
        parts.append(prose(path.description))
        if let people = path.participants {
            let count: String
            switch (people.min, people.max) {
            case let (low?, high?): count = "\(low)–\(high) people"
            case let (low?, nil): count = "at least \(low) people"
            case let (nil, high?): count = "up to \(high) people"
            case (nil, nil): count = ""
            }
            parts.append(section("Who takes part", [[count, people.description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ". ")] + people.notes.map(noteLine)))
        }
        parts.append(section("At the end you will have", path.outcomes))
        parts.append(section("Preparation", path.preparation.map(noteLine)))
        parts.append(section("Materials", path.materials.map(materialLine)))
        let toolsByType = Dictionary(grouping: path.tools.compactMap(library.tool), by: \.type)
        for type in Tool.Kind.allCases {
            parts.append(section(type.pluralName, (toolsByType[type] ?? []).map(\.citation)))
        }
        for phase in path.phases {
            var lines = ["", "\(phase.name.uppercased()) — \(phase.duration) min"]
            for (index, step) in phase.steps.enumerated() {
                var detail = [step.lead.displayName]
                if let grouping = step.grouping { detail.append(grouping.displayName) }
                if let tool = step.tool { detail.append(toolName(tool)) }
                lines.append("  \(index + 1). " + step.title.wrapped(width: 74, indent: "     "))
                lines.append("     " + detail.joined(separator: " · "))
            }
            for field in phase.canvas {
                lines.append("  Input to path canvas: \(field.label) (\(FieldSummary.describe(field)))")
            }
            parts.append(lines.joined(separator: "\n"))
        }
        return parts.compactMap { $0 }.joined(separator: "\n")
    }

    func render(_ tool: Tool) -> String {
        var facts: [String] = []
        if let duration = tool.duration { facts.append("\(duration) minutes") }
        if let size = tool.groupSize { facts.append("\(size) people") }
        var parts: [String?] = [heading(tool.citation, ([tool.type.rawValue] + facts).joined(separator: " · "))]
        parts.append(prose(tool.summary))
        parts.append("\nPurpose\n  " + tool.purpose.wrapped(width: 76, indent: "  "))
        parts.append(tool.whenToUse.map { "\nWhen to use it\n  " + $0.wrapped(width: 76, indent: "  ") })
        parts.append(prose(tool.description))
        parts.append(section("Materials", tool.materials.map(materialLine)))
        if !tool.steps.isEmpty {
            parts.append("\nSteps\n" + tool.steps.enumerated().map { "  \($0.offset + 1). " + $0.element.wrapped(width: 74, indent: "     ") }.joined(separator: "\n"))
        }
        parts.append(section("What it produces", tool.produces))
        parts.append(section("Canvas fields", tool.fields.map { "\($0.label) (\(FieldSummary.describe($0)))" }))
        for set in tool.optionSets {
            parts.append(section("Options: \(set.id)", set.options.map { $0.label + ($0.description.map { ": \($0)" } ?? "") }))
        }
        parts.append(section("Used with", tool.related.map(toolName)))
        parts.append("\nActivities: " + codeNames(tool.activities))
        return parts.compactMap { $0 }.joined(separator: "\n")
    }

    func render(_ toolkit: Toolkit) -> String {
        let creator = toolkit.creator
        var parts: [String?] = [heading(toolkit.name, "Toolkit")]
        var who = TextTable()
        who.add("Organisation", creator.organisation)
        if !creator.authors.isEmpty { who.add("Authors", creator.authors.joined(separator: ", ")) }
        if let country = creator.country { who.add("Country", country) }
        if let type = creator.type { who.add("Creator type", type.rawValue) }
        if let year = toolkit.year { who.add("Year", String(year)) }
        if let url = toolkit.url { who.add("Where", url) }
        parts.append("\n" + who.render(indent: "  "))
        parts.append(prose(toolkit.description))
        let networks = toolkit.networks
        parts.append(section("Networks it addresses", [networks.description].compactMap { $0 }
            + (networks.socialIssues.isEmpty ? [] : ["Social issues: " + networks.socialIssues.joined(separator: ", ")])
            + (networks.ages.isEmpty ? [] : ["Network age: " + networks.ages.joined(separator: ", ")])
            + (networks.memberOrgTypes.isEmpty ? [] : ["Member organisations: " + networks.memberOrgTypes.joined(separator: ", ")])))
        parts.append(section("Tools", toolkit.tools.map(toolName)))
        parts.append("\nActivities it suggests: " + codeNames(toolkit.activities))
        return parts.compactMap { $0 }.joined(separator: "\n")
    }

    func render(_ codebook: Codebook) -> String {
        var lines = [heading(codebook.name, "Codebook · \(codebook.codes.count) codes"), ""]
        var depth: [String: Int] = [:]
        for code in codebook.codes {
            let level = code.parent.flatMap { depth[$0] }.map { $0 + 1 } ?? 0
            depth[code.id] = level
            lines.append(String(repeating: "  ", count: level + 1) + "\(code.name)  [\(code.id)]")
        }
        return lines.joined(separator: "\n")
    }

    func render(_ code: ActivityCode) -> String {
        var parts: [String?] = [heading(code.name, "Activity code in \(code.codebook)")]
        parts.append(prose(code.definition))
        parts.append(code.example.map { "\nExample: " + $0.wrapped(width: 69, indent: "         ") })
        parts.append(code.parent.map { "\nUnder: \(library.code($0)?.name ?? $0)" })
        parts.append(section("Narrower codes", code.children.map { library.code($0)?.name ?? $0 }))
        let users = library.items(codedTo: code.id)
        parts.append(section("Coded here", users.map { "\($0.kind.displayName): \($0.name)" }))
        return parts.compactMap { $0 }.joined(separator: "\n")
    }
}

/// A canvas field's kind and limits in a few words: "list, 3–5 items". Each kind says its own
/// (``CanvasFieldKind/outline``).
enum FieldSummary {
    static func describe(_ field: CanvasField) -> String { field.kind.outline }
}
