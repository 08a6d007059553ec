import WeaveCore

/// An agenda for a terminal: aligned times, phases in capitals, breaks where they fall, warnings last.
enum AgendaText {
    static func render(_ agenda: Agenda) -> String {
        guard let days = agenda.days else { return render(agenda, underline: "=") }
        // Several days: the path's title, then each day as an agenda of its own.
        let title = agenda.name + (agenda.subtitle.map { " — \($0)" } ?? "")
        var lines = [title, String(repeating: "=", count: title.count)]
        var summary = "\(days.count) days · \(agenda.plannedMinutes) minutes of work"
        if agenda.breakMinutes > 0 { summary += " · \(agenda.breakMinutes) minutes of breaks" }
        lines.append(summary)
        for (index, day) in days.enumerated() {
            var named = day
            named.name = "Day \(index + 1) — \(day.name)"
            lines.append("")
            lines.append(render(named, underline: "-"))
        }
        return lines.joined(separator: "\n")
    }

    private static func render(_ agenda: Agenda, underline: Character) -> String {
        var lines: [String] = []
        let title = agenda.name + (agenda.subtitle.map { " — \($0)" } ?? "")
        lines.append(title)
        lines.append(String(repeating: underline, count: title.count))
        var summary = "\(agenda.start)–\(agenda.end) · \(agenda.plannedMinutes) minutes of work"
        if agenda.breakMinutes > 0 { summary += " · \(agenda.breakMinutes) minutes of breaks" }
        lines.append(summary)
        lines.append("")

        var table = TextTable()
        var sharedTime = false
        var breaks = agenda.breaks[...]
        func emitBreaks(before time: ClockTime?) {
            while let pause = breaks.first, time == nil || pause.start < time! {
                breaks.removeFirst()
                table.add("\(pause.start)–\(pause.end)", "  Break (\(pause.minutes) min)", "")
            }
        }
        for phase in agenda.phases {
            emitBreaks(before: phase.steps.first?.start ?? phase.start)
            let breakNote = phase.breakMinutes > 0 ? ", plus \(phase.breakMinutes) min of breaks" : ""
            table.add("\(phase.start)–\(phase.end)", phase.name.uppercased() + " (\(phase.plannedMinutes) min\(breakNote))", "")
            for step in phase.steps {
                emitBreaks(before: step.start)
                var detail = [step.lead.displayName]
                if let grouping = step.groups?.displayName ?? step.grouping?.displayName { detail.append(grouping) }
                if let tool = step.tool { detail.append(toolText(tool, or: step.alternatives)) }
                let shared = step.timing == .sharedEqually || step.timing == .sharedByWeight
                sharedTime = sharedTime || shared
                let minutes = "\(step.minutes) min\(shared ? "*" : " ")"
                var title = step.interruptedBy.isEmpty ? step.title : step.title + " (with a break)"
                if step.optional == true { title += " (optional)" }
                table.add("\(step.start)–\(step.end)", "  \(title)", "\(minutes)  \(detail.joined(separator: " · "))")
                if let materials = step.materials, !materials.isEmpty { table.add("", "    Materials: \(materials.joined(separator: "; "))", "") }
                if let notes = step.notes { table.add("", "    Facilitator: \(notes)", "") }
            }
            for field in phase.canvas {
                table.add("", "  → Canvas: \(field.label) (\(field.kind.rawValue))", "")
            }
        }
        emitBreaks(before: nil)
        lines.append(table.render())
        if sharedTime {
            lines.append("")
            lines.append("* The path gives these steps no time of their own: they share their phase's time as the path says (equally, unless weighted).")
        }
        if let dayEnd = agenda.dayEnd, agenda.overrunMinutes == nil {
            lines.append("")
            lines.append("Ends at \(agenda.end), \(dayEnd.minutes - agenda.end.minutes) minutes before \(dayEnd).")
        }
        if !agenda.warnings.isEmpty {
            lines.append("")
            lines.append("Note:")
            lines += agenda.warnings.map { "  - " + $0.wrapped(width: 74, indent: "    ") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A tool as the agenda names it, with the tools that can stand in for it: "Card (12) or Other card (13)".
func toolText(_ tool: Agenda.ToolReference, or alternatives: [Agenda.ToolReference]?) -> String {
    ([tool] + (alternatives ?? [])).map { tool in tool.number.map { "\(tool.name) (\($0))" } ?? tool.name }.joined(separator: " or ")
}

/// An agenda as Markdown, for a handout or a shared document.
enum AgendaMarkdown {
    static func render(_ agenda: Agenda) -> String {
        guard let days = agenda.days else { return render(agenda, level: 1) }
        var lines = ["# \(escape(agenda.name))"]
        if let subtitle = agenda.subtitle { lines.append("_\(escape(subtitle))_") }
        lines.append("")
        lines.append("**\(days.count) days** · \(agenda.plannedMinutes) minutes of work" + (agenda.breakMinutes > 0 ? " · \(agenda.breakMinutes) minutes of breaks" : ""))
        for (index, day) in days.enumerated() {
            var named = day
            named.name = "Day \(index + 1) — \(day.name)"
            lines.append("")
            lines.append(render(named, level: 2))
        }
        return lines.joined(separator: "\n")
    }

    /// One day's agenda, its title at heading `level` and its phases one level below.
    private static func render(_ agenda: Agenda, level: Int) -> String {
        let heading = String(repeating: "#", count: level)
        var lines = ["\(heading) \(escape(agenda.name))"]
        if let subtitle = agenda.subtitle { lines.append("_\(escape(subtitle))_") }
        lines.append("")
        lines.append("**\(agenda.start)–\(agenda.end)** · \(agenda.plannedMinutes) minutes of work" + (agenda.breakMinutes > 0 ? " · \(agenda.breakMinutes) minutes of breaks" : ""))
        for phase in agenda.phases {
            lines.append("")
            lines.append("\(heading)# \(phase.start)–\(phase.end) \(escape(phase.name)) (\(phase.plannedMinutes) min)")
            lines.append("")
            lines.append("| Time | Step | Minutes | Lead | Grouping | Tool |")
            lines.append("| --- | --- | --- | --- | --- | --- |")
            for step in phase.steps {
                let shared = step.timing == .sharedEqually || step.timing == .sharedByWeight ? "*" : ""
                let tool = step.tool.map { toolText($0, or: step.alternatives) } ?? ""
                var title = escape(step.title) + (step.optional == true ? " _(optional)_" : "")
                if let materials = step.materials, !materials.isEmpty { title += "<br>Materials: " + escape(materials.joined(separator: "; ")) }
                if let notes = step.notes { title += "<br>Facilitator: " + escape(notes) }
                lines.append("| \(step.start)–\(step.end) | \(title) | \(step.minutes)\(shared) | \(step.lead.displayName) | \(step.groups?.displayName ?? step.grouping?.displayName ?? "") | \(escape(tool)) |")
            }
            for pause in agenda.breaks where pause.duringPhase == phase.id {
                lines.append("")
                lines.append("Break \(pause.start)–\(pause.end) (\(pause.minutes) min)\(pause.duringStep.map { " during “\(escape($0))”" } ?? "").")
            }
            if !phase.canvas.isEmpty {
                lines.append("")
                lines.append("**Input to path canvas:** " + phase.canvas.map { "\(escape($0.label)) (\($0.kind.rawValue))" }.joined(separator: "; "))
            }
            for pause in agenda.breaks where pause.afterPhase == phase.id {
                lines.append("")
                lines.append("**Break \(pause.start)–\(pause.end)** (\(pause.minutes) min)")
            }
        }
        if agenda.phases.contains(where: { $0.steps.contains { $0.timing == .sharedEqually || $0.timing == .sharedByWeight } }) {
            lines.append("")
            lines.append("\\* These steps share their phase's time as the path says.")
        }
        if !agenda.warnings.isEmpty {
            lines.append("")
            lines.append("\(heading)# Notes")
            lines.append("")
            lines += agenda.warnings.map { "- \(escape($0))" }
        }
        return lines.joined(separator: "\n")
    }

    /// Keeps table pipes and emphasis characters in names from breaking the Markdown.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if "|*_`[]<>\\#".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
