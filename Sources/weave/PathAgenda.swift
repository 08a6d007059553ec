import ArgumentParser
import WeaveCore

/// `weave path agenda ID --start HH:MM`: the path laid out on the clock.
struct PathAgenda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "The timed agenda of a path: each phase and step with its start and end.",
        discussion: """
            Breaks are given as clock time and length: --break 10:30+15 pauses whatever is under way at 10:30 \
            for 15 minutes and moves everything after it. With --end, a day that runs over says by how much.
            """)

    /// How the agenda prints.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @OptionGroup var library: LibraryOptions
    @Argument(help: "The path's id, such as joint-action.") var id: String
    @Option(help: ArgumentHelp("When the first phase starts.", valueName: "HH:MM")) var start: String
    @Option(name: .customLong("break"), help: ArgumentHelp("A break at a clock time, for some minutes (repeatable).", valueName: "HH:MM+MIN"))
    var breaks: [String] = []
    @Option(help: ArgumentHelp("When the day must be over; the agenda warns when it runs later.", valueName: "HH:MM")) var end: String?
    @Option(help: "text, markdown or json.") var format: Format = .text

    func validate() throws {
        _ = try parsed()
    }

    /// The start, breaks and end, read and checked.
    func parsed() throws -> (start: ClockTime, breaks: [AgendaBreak], end: ClockTime?) {
        guard let startTime = ClockTime(parsing: start) else { throw ValidationError(AgendaError.malformedTime(start).description) }
        var pauses: [AgendaBreak] = []
        for text in breaks {
            do { pauses.append(try AgendaBreak(parsing: text)) } catch { throw ValidationError(error.description) }
        }
        var endTime: ClockTime?
        if let end {
            guard let time = ClockTime(parsing: end) else { throw ValidationError(AgendaError.malformedTime(end).description) }
            endTime = time
        }
        return (startTime, pauses, endTime)
    }

    /// Prints the agenda; its warnings are part of the text and Markdown, and under "warnings" in JSON.
    func run() throws {
        print(try output(library.load()).0)
    }

    func output(_ library: Library) throws -> (String, Agenda) {
        guard case .path(let path) = try library.require(id, kind: .path) else { throw CLIError("\"\(id)\" is not a path") }
        let (startTime, pauses, endTime) = try parsed()
        let agenda: Agenda
        do {
            agenda = try Agenda(path: path, start: startTime, breaks: pauses, dayEnd: endTime, library: library)
        } catch {
            throw CLIError(error.description)
        }
        switch format {
        case .json: return (try WeaveJSON.string(agenda), agenda)
        case .text: return (AgendaText.render(agenda), agenda)
        case .markdown: return (AgendaMarkdown.render(agenda), agenda)
        }
    }
}
