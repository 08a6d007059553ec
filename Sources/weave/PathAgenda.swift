import ArgumentParser
import WeaveCore

/// `weave path agenda ID --start HH:MM`: the path laid out on the clock.
struct PathAgenda: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "The timed agenda of a path: each phase and step with its start and end.",
        discussion: """
            Breaks are given as clock time and length: --break 10:30+15 pauses whatever is under way at 10:30 \
            for 15 minutes and moves everything after it. With --end, a day that runs over says by how much. \
            For a path of several days, give --start (and --end) once per day, in order (the last one given \
            counts for the days after it); a break applies to every day, or to day 2 only as --break 2@10:30+15.
            """)

    /// How the agenda prints.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown, json }

    @OptionGroup var library: LibraryOptions
    @Argument(help: "The path's id, such as joint-action.") var id: String
    @Option(help: ArgumentHelp("When the first phase starts; once per day for a path of several days.", valueName: "HH:MM"))
    var start: [String] = []
    @Option(name: .customLong("break"), help: ArgumentHelp("A break at a clock time, for some minutes, every day or on day D only (repeatable).", valueName: "[D@]HH:MM+MIN"))
    var breaks: [String] = []
    @Option(help: ArgumentHelp("When the day must be over; once per day for a path of several days. The agenda warns when a day runs later.", valueName: "HH:MM"))
    var end: [String] = []
    @Option(help: "text, markdown or json.") var format: Format = .text
    @Option(help: ArgumentHelp("Show the path's texts in this language, one of those it is written or translated in; the headings stay English.", valueName: "CODE"))
    var language: String?

    func validate() throws {
        guard !start.isEmpty else { throw ValidationError("Missing expected argument '--start <HH:MM>'") }
        // The path's days are known only once the library is loaded; here, check each value reads.
        let named = breaks.compactMap { text in text.contains("@") ? text.split(separator: "@").first.flatMap { Int($0) } : nil }
        let count = min(max(start.count, end.count, named.max() ?? 1, 1), 366)
        do { _ = try AgendaDay.days(starts: start, breaks: breaks, ends: end, count: count) } catch { throw ValidationError(error.description) }
    }

    /// Prints the agenda; its warnings are part of the text and Markdown, and under "warnings" in JSON.
    func run() throws {
        print(try output(library.load()).0)
    }

    func output(_ full: Library) throws -> (String, Agenda) {
        guard case .path = try full.require(id, kind: .path) else { throw CLIError("\"\(id)\" is not a path") }
        let library = try localized(full)
        guard let path = library.path(id) else { throw CLIError("\"\(id)\" is not a path") }
        let agenda: Agenda
        do {
            let days = try AgendaDay.days(starts: start, breaks: breaks, ends: end, count: path.days?.count ?? 1)
            agenda = try Agenda(path: path, days: days, library: library)
        } catch {
            throw CLIError(error.description)
        }
        switch format {
        case .json: return (try WeaveJSON.string(agenda), agenda)
        case .text: return (AgendaText.render(agenda), agenda)
        case .markdown: return (AgendaMarkdown.render(agenda), agenda)
        }
    }

    /// The library in the language asked for, which must be one the path has.
    func localized(_ library: Library) throws -> Library {
        guard let language else { return library }
        let available = library.languages(of: id)
        guard let code = LanguageCode.canonical(language), available.contains(code) else {
            throw CLIError("path \"\(id)\" has no texts in \"\(language)\"; its languages are \(available.joined(separator: ", "))")
        }
        return library.localized(to: code)
    }
}
