import Foundation
import Testing
@testable import WeaveCore

/// A path's days, and its steps' optional, alternatives, notes, materials and grouping structure.
@Suite struct PathDaysTests {
    let library: Library
    let path: Path

    init() throws {
        library = try Library.loading([fixtureFolder("two-day")])
        path = try #require(library.path("example-two-days"))
    }

    @Test func groupsPhasesIntoDays() {
        #expect(path.days == [Path.Day(name: "Where we stand", phases: ["arrive", "rate"]), Path.Day(name: "What we do next", phases: ["shortlist"])])
        #expect(path.phases.map(\.id) == ["arrive", "rate", "shortlist"])
        #expect(path.phasesByDay.map { $0.phases.map(\.id) } == [["arrive", "rate"], ["shortlist"]])
    }

    @Test func laysEachDayOutFromItsOwnStartWithItsOwnBreaksAndEnd() throws {
        let days = try AgendaDay.days(starts: ["09:00", "09:30"], breaks: ["2@10:00+15"], ends: ["10:30", "12:00"], count: 2)
        let agenda = try Agenda(path: path, days: days, library: library)
        let perDay = try #require(agenda.days)
        #expect(perDay.map(\.name) == ["Where we stand", "What we do next"])
        #expect(perDay.map { "\($0.start)–\($0.end)" } == ["09:00–10:45", "09:30–10:45"])
        #expect(perDay.map(\.overrunMinutes) == [15, nil], "the overrun is per day, against that day's end")
        #expect(perDay[1].breaks.map(\.start.description) == ["10:00"])
        #expect(agenda.plannedMinutes == 165)
        #expect(agenda.breakMinutes == 15)
        #expect(agenda.phases.map(\.id) == ["arrive", "rate", "shortlist"])
        #expect(agenda.warnings.first == "Day 1 (Where we stand): The day overruns: the path ends at 10:45, 15 minutes after 10:30.")
    }

    @Test func aBreakForEveryDayAndTheLastStartCountForTheDaysAfter() throws {
        let days = try AgendaDay.days(starts: ["08:30"], breaks: ["09:00+10"], ends: [], count: 2)
        #expect(days.map(\.start.description) == ["08:30", "08:30"])
        #expect(days.map { $0.breaks.count } == [1, 1])
    }

    @Test func saysWhichDayATimeIsWrongFor() throws {
        #expect(throws: AgendaError.noSuchDay("3@10:00+15", days: 2)) { try AgendaDay.days(starts: ["09:00"], breaks: ["3@10:00+15"], ends: [], count: 2) }
        let days = try AgendaDay.days(starts: ["09:00", "11:00"], breaks: [], ends: ["10:00"], count: 2)
        #expect(throws: AgendaError.onDay(2, name: "What we do next", .endBeforeStart(end: ClockTime(hour: 10, minute: 0), start: ClockTime(hour: 11, minute: 0)))) {
            try Agenda(path: path, days: days, library: library)
        }
        #expect(AgendaError.onDay(2, name: "What we do next", .endBeforeStart(end: ClockTime(hour: 10, minute: 0), start: ClockTime(hour: 11, minute: 0))).description
                == "day 2 (What we do next): the day's end, 10:00, is not after the start, 11:00")
    }

    @Test func aPathOfOneDayIsLaidOutAsBefore() throws {
        let joint = try #require(library.path("joint-action"))
        let one = try Agenda(path: joint, days: [AgendaDay(start: ClockTime(hour: 9, minute: 0))], library: library)
        #expect(one == (try Agenda(path: joint, start: ClockTime(hour: 9, minute: 0), library: library)))
        #expect(one.days == nil)
        #expect(joint.days == nil)
    }

    @Test func stepsCarryOptionalAlternativesNotesMaterialsAndGroupStructure() throws {
        let steps = path.phases.flatMap(\.steps)
        #expect(steps[0].notes == "Keep it short; the expectations round matters more.")
        #expect(steps[1].groupPlan == GroupPlan(grouping: .triads, size: 3, mixOrganisations: true))
        #expect(steps[1].groupPlan?.displayName == "Triads of mixed organisations")
        #expect(steps[1].materials == [Material(name: "Index cards", quantity: 5, per: .participant)])
        #expect(steps[2].alternatives == ["stakeholder-analysis"])
        #expect(steps[2].groupPlan?.displayName == "Small groups of 4")
        #expect(steps[3].optional == true)
        #expect(steps[0].groupPlan == GroupPlan(grouping: .plenary, size: nil, mixOrganisations: false))
    }

    @Test func theSessionPlanCarriesDaysAndGroupStructureButNotNotesInItsJSON() throws {
        let plan = SessionPlan(path: path, library: library)
        #expect(plan.sections.map(\.day) == ["Where we stand", "Where we stand", "What we do next"])
        let triads = plan.sections[0].steps[1]
        #expect(triads.groups == GroupPlan(grouping: .triads, size: 3, mixOrganisations: true))
        #expect(plan.sections[0].steps[0].notes != nil)
        let json = String(decoding: try JSONEncoder().encode(plan.sections[0].steps[0]), as: UTF8.self)
        #expect(!json.contains("Keep it short"), "notes are for facilitators: never in JSON a participant's browser could get")
        #expect(plan.sections[1].steps[1].optional)
    }
}

/// Each mistake in days and step structure, reported where it is.
@Suite struct PathDaysValidationTests {
    /// The problems in one path file read with the built-in library, as `line:column message`.
    func problems(_ yaml: String) throws -> [String] {
        var files: [(display: String, data: Data)] = []
        for file in try LibraryFolder.builtIn.files() { files.append((file.display, try Data(contentsOf: file.url))) }
        files.append((display: "path.yaml", data: Data(yaml.utf8)))
        return Library.load(files: files).diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    static let head = "kind: path\nid: p\nname: P\n"
    static let phase = "  - id: a\n    name: A\n    duration: 30\n    steps:\n      - title: Talk\n        activities: [shared-vision]\n"

    @Test func phasesAndDaysBothOrNeither() throws {
        #expect(try problems(Self.head) == ["1:1 path \"p\" is missing \"phases\" (a path of one day) or \"days\" (a path of several days, each with its phases)"])
        let both = Self.head + "phases:\n" + Self.phase + "days:\n  - name: One\n    phases:\n  " + Self.phase.replacingOccurrences(of: "\n  ", with: "\n    ")
        #expect(try problems(both).first == "11:1 path \"p\" has both \"phases\" and \"days\"; a path of one day lists \"phases\", a path of several days lists its phases under each of its \"days\"")
    }

    @Test func aDayNeedsANameAndPhases() throws {
        #expect(try problems(Self.head + "days:\n  - phases: []\n") == [
            "5:5 day 1 of path \"p\" is missing \"name\", which is required",
            "5:13 day 1 of path \"p\": \"phases\" must list at least one entry",
        ])
    }

    @Test func groupStructureFitsTheGrouping() throws {
        let steps = Self.head + "phases:\n  - id: a\n    name: A\n    duration: 30\n    step_timing: equal\n    steps:\n"
            + "      - title: Talk\n        grouping: triads\n        group_size: 4\n        activities: [shared-vision]\n"
            + "      - title: Listen\n        grouping: plenary\n        mix_organisations: true\n        activities: [shared-vision]\n"
        #expect(try problems(steps) == [
            "12:9 step \"Talk\": \"group_size\" applies only to grouping: small-groups (pairs are 2 and triads 3)",
            "16:9 step \"Listen\": \"mix_organisations\" applies only to grouping: pairs, triads or small-groups",
        ])
    }

    @Test func alternativesNeedATool() throws {
        let steps = Self.head + "phases:\n  - id: a\n    name: A\n    duration: 30\n    step_timing: equal\n    steps:\n"
            + "      - title: Talk\n        alternatives: [stakeholder-analysis]\n        activities: [shared-vision]\n"
            + "      - title: Map\n        tool: stakeholder-analysis\n        alternatives: [stakeholder-analysis]\n"
        #expect(try problems(steps) == [
            "11:9 step \"Talk\" has \"alternatives\" but no \"tool\"; name the usual tool, and the ones that can stand in for it under \"alternatives\"",
            "15:23 step \"Map\" lists its own tool \"stakeholder-analysis\" among its \"alternatives\"",
        ])
    }

    @Test func perPartnerSaysWhoMayChangeAPartnersAnswers() throws {
        #expect(try problems(Self.head + "per_partner: own-participants\nphases:\n" + Self.phase).isEmpty)
        #expect(try problems(Self.head + "per_partner: own-participant\nphases:\n" + Self.phase) == [
            "4:14 path \"p\": \"per_partner\" must be one of \"anyone\", \"own-participants\", not \"own-participant\" (did you mean \"own-participants\"?)",
        ])
        #expect(try builtInLibrary().path("joint-action")?.perPartner == .anyone, "off unless a path says so")
    }

    @Test func aPreparationToolMustBeAWorksheetOfPerPartnerAnswers() throws {
        #expect(try problems(Self.head + "preparation_tool: stakeholder-analysis\nphases:\n" + Self.phase) == [
            "4:19 path \"p\" names \"stakeholder-analysis\" as its preparation_tool, but a preparation worksheet is filled in by each partner on its own: every field of the tool must be per-partner with a written answer (kind: per-partner, answer: text)",
        ])
        #expect(try problems(Self.head + "preparation_tool: projects-as-an-interface\nphases:\n" + Self.phase).isEmpty)
        #expect(try builtInLibrary().path("joint-action")?.preparationTool == "projects-as-an-interface")
    }
}
