import Testing
@testable import WeaveCore

/// Agenda times for the Path of Joint Action (seed 002: 60, 120, 90, 70, 65 and 30 minutes, 435 in all).
/// Expected clock times are the seed's durations added up by hand, written beside each check.
@Suite struct AgendaTests {
    let library: Library
    let path: Path

    init() throws {
        library = try builtInLibrary()
        path = try #require(library.path("joint-action"))
    }

    private func time(_ text: String) -> ClockTime { ClockTime(parsing: text)! }

    @Test func withoutBreaksEndsAt1615() throws {
        let agenda = try Agenda(path: path, start: time("09:00"), library: library)
        // 09:00 +60 = 10:00 +120 = 12:00 +90 = 13:30 +70 = 14:40 +65 = 15:45 +30 = 16:15
        #expect(agenda.phases.map(\.start.description) == ["09:00", "10:00", "12:00", "13:30", "14:40", "15:45"])
        #expect(agenda.phases.map(\.end.description) == ["10:00", "12:00", "13:30", "14:40", "15:45", "16:15"])
        #expect(agenda.end.description == "16:15")
        #expect(agenda.warnings.isEmpty)
        #expect(agenda.plannedMinutes == 435)
    }

    @Test func stepsShareTheirPhaseAsThePathSays() throws {
        let agenda = try Agenda(path: path, start: time("09:00"), library: library)
        // Orientation: 4 untimed steps share 60 minutes equally.
        #expect(agenda.phases[0].steps.map(\.minutes) == [15, 15, 15, 15])
        #expect(agenda.phases[0].steps.allSatisfy { $0.timing == .sharedEqually })
        // Summit: 90 / 4 = 22.5, so whole minutes 23, 23, 22, 22 with the extra minutes first.
        #expect(agenda.phases[2].steps.map(\.minutes) == [23, 23, 22, 22])
        #expect(agenda.phases[2].steps.map(\.start.description) == ["12:00", "12:23", "12:46", "13:08"])
        // Outlook: one step takes the whole phase.
        #expect(agenda.phases[3].steps.map(\.timing) == [.remainder])
        #expect(agenda.phases[3].steps.first?.tool?.number == 45)
    }

    @Test func breaksShiftWhatFollowsAndAreReported() throws {
        let breaks = [try AgendaBreak(parsing: "12:30+45"), try AgendaBreak(parsing: "10:30+15")]
        let agenda = try Agenda(path: path, start: time("09:00"), breaks: breaks, library: library)
        // 10:30 falls 30 min into Groundwork (10:00–12:00): it ends at 12:15.
        // Summit starts 12:15; 12:30 falls 15 min into it: 12:15 + 90 + 45 = 14:30.
        // Then Outlook 14:30–15:40, Action plan 15:40–16:45, Closing 16:45–17:15.
        #expect(agenda.phases.map(\.end.description) == ["10:00", "12:15", "14:30", "15:40", "16:45", "17:15"])
        #expect(agenda.breakMinutes == 60)
        #expect(agenda.breaks.map(\.duringPhase) == ["groundwork", "summit"])
        #expect(agenda.phases[1].breakMinutes == 15)
        #expect(agenda.phases[1].steps[0].interruptedBy == [time("10:30")])
        #expect(agenda.warnings.count == 2)
        #expect(agenda.warnings[0].contains("inside the phase Groundwork, 30 minutes in"))
        #expect(agenda.warnings[1].contains("inside the phase Summit, 15 minutes in"))
    }

    @Test func breakBetweenPhasesIsNotAWarning() throws {
        let agenda = try Agenda(path: path, start: time("09:00"), breaks: [try AgendaBreak(parsing: "10:00+20")], library: library)
        #expect(agenda.breaks.first?.duringPhase == nil)
        #expect(agenda.breaks.first?.afterPhase == "orientation")
        #expect(agenda.phases[1].start.description == "10:20")
        #expect(agenda.end.description == "16:35")
        #expect(agenda.warnings.isEmpty)
    }

    @Test func overrunIsWarnedWithItsLength() throws {
        let breaks = [try AgendaBreak(parsing: "10:30+15"), try AgendaBreak(parsing: "12:30+45")]
        let agenda = try Agenda(path: path, start: time("09:00"), breaks: breaks, dayEnd: time("17:00"), library: library)
        #expect(agenda.overrunMinutes == 15)
        #expect(agenda.warnings.last == "The day overruns: the path ends at 17:15, 15 minutes after 17:00.")

        let fits = try Agenda(path: path, start: time("09:00"), dayEnd: time("17:00"), library: library)
        #expect(fits.overrunMinutes == nil)
        #expect(fits.warnings.isEmpty)
    }

    @Test func breakAfterTheEndIsLeftOutWithAWarning() throws {
        let agenda = try Agenda(path: path, start: time("09:00"), breaks: [try AgendaBreak(parsing: "17:00+15")], library: library)
        #expect(agenda.end.description == "16:15")
        #expect(agenda.breaks.isEmpty)
        #expect(agenda.warnings == ["The break at 17:00 starts after the path has ended at 16:15; it was left out."])
    }

    @Test func badBreaksAreRefused() throws {
        #expect(throws: AgendaError.breakBeforeStart(AgendaBreak(start: time("08:30"), minutes: 10), start: time("09:00"))) {
            try Agenda(path: path, start: time("09:00"), breaks: [AgendaBreak(start: time("08:30"), minutes: 10)])
        }
        let first = AgendaBreak(start: time("10:30"), minutes: 30)
        let second = AgendaBreak(start: time("10:45"), minutes: 10)
        #expect(throws: AgendaError.overlappingBreaks(first, second)) {
            try Agenda(path: path, start: time("09:00"), breaks: [second, first])
        }
        #expect(throws: AgendaError.endBeforeStart(end: time("08:00"), start: time("09:00"))) {
            try Agenda(path: path, start: time("09:00"), dayEnd: time("08:00"))
        }
    }

    @Test(arguments: ["9", "9:5", "24:00", "12:60", "noon", "-1:00", "１２:００", ""])
    func malformedTimesAreRefused(_ text: String) {
        #expect(ClockTime(parsing: text) == nil)
    }

    @Test(arguments: ["10:30", "10:30+", "10:30+0", "10:30+-5", "25:00+10", "10:30+15+5"])
    func malformedBreaksAreRefused(_ text: String) {
        #expect(throws: AgendaError.self) { try AgendaBreak(parsing: text) }
    }

    @Test func timesPastMidnightSayWhichDay() throws {
        let agenda = try Agenda(path: path, start: time("20:00"), library: library)
        // 20:00 + 435 min = 03:15 the next day.
        #expect(agenda.end.description == "03:15+1d")
    }

    @Test func apportionKeepsWholeMinutesAndTotals() {
        #expect(Phase.apportion(90, weights: [1, 1, 1, 1]) == [23, 23, 22, 22])
        #expect(Phase.apportion(30, weights: [2, 1]) == [20, 10])
        #expect(Phase.apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(Phase.apportion(7, weights: [0.5, 0.25, 0.25]).reduce(0, +) == 7)
    }
}
