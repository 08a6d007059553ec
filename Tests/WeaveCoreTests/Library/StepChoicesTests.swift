import Foundation
import Testing
@testable import WeaveCore

/// A session's step choices: an alternative tool in place of the usual one, optional steps left out, and the
/// times recalculated as the agenda does.
@Suite struct StepChoicesTests {
    let library: Library
    let path: Path

    init() throws {
        library = try Library.loading([fixtureFolder("two-day")])
        path = try #require(library.path("example-two-days"))
    }

    @Test func noChoicesIsThePathAsWritten() throws {
        #expect(try path.choosing(StepChoices()) == path)
    }

    @Test func aChosenAlternativeReplacesTheToolInThePlanAndTheAgenda() throws {
        // MUT
        let chosen = try path.choosing(StepChoices(tools: ["rate.1": "stakeholder-analysis"]))
        // validate
        let step = chosen.phases[1].steps[0]
        #expect(step.tool == "stakeholder-analysis")
        #expect(step.alternatives == nil, "the choice is made")
        #expect(step.duration == 45 && step.title == "Rate the candidates")
        let plan = SessionPlan(itemID: path.id, library: library, choices: StepChoices(tools: ["rate.1": "stakeholder-analysis"]))
        #expect(plan?.sections[1].steps[0].tool == library.tool("stakeholder-analysis")?.numberedName)
        #expect(SessionPlan(itemID: path.id, library: library)?.sections[1].steps[0].tool == library.tool("example-partner-check")?.numberedName)
        let agenda = try Agenda(path: chosen, start: ClockTime(parsing: "09:00")!, library: library)
        #expect(agenda.phases[1].steps[0].tool?.id == "stakeholder-analysis")
        #expect(agenda.phases[1].steps[0].alternatives == nil)
        // The phase's canvas is the phase's: unchanged by the choice of tool.
        #expect(chosen.canvasFields == path.canvasFields)
    }

    @Test func anOptionalStepLeftOutTakesItsMinutesWithIt() throws {
        let chosen = try path.choosing(StepChoices(omitted: ["rate.2"]))
        #expect(chosen.phases[1].steps.map(\.title) == ["Rate the candidates"])
        #expect(chosen.phases[1].duration == 45)
        #expect(chosen.totalMinutes == path.totalMinutes - 15)
        let plan = try #require(SessionPlan(itemID: path.id, library: library, choices: StepChoices(omitted: ["rate.2"])))
        #expect(plan.sections[1].minutes == 45)
        #expect(plan.sections[1].steps.map(\.minutes) == [45])
        // The agenda of the chosen path: day 1 ends 15 minutes earlier, day 2 is as it was.
        let days = try AgendaDay.days(starts: ["09:00", "09:30"], breaks: [], ends: [], count: 2)
        let before = try #require(try Agenda(path: path, days: days, library: library).days)
        let after = try #require(try Agenda(path: chosen, days: days, library: library).days)
        #expect(before.map(\.end.description) == ["10:45", "10:30"])
        #expect(after.map(\.end.description) == ["10:30", "10:30"])
    }

    /// Untimed steps share what is left as before: one left out shortens the phase by its share, and the
    /// others keep theirs. Expected values by hand: 60 minutes over three equal steps is 20 each; without the
    /// second, 40 over two is 20 each.
    @Test func aSharedOutStepLeftOutLeavesTheOthersTheirShare() throws {
        let phase = Phase(id: "p", name: "P", duration: 60, stepTiming: .equal, steps: [
            Step(title: "A", activities: ["x"]), Step(title: "B", activities: ["x"], optional: true), Step(title: "C", activities: ["x"]),
        ])
        let path = Path(id: "t", name: "T", phases: [phase])
        let chosen = try path.choosing(StepChoices(omitted: ["p.2"]))
        #expect(chosen.phases[0].duration == 40)
        #expect(chosen.phases[0].stepMinutes().map(\.minutes) == [20, 20])
    }

    @Test func choicesThatDoNotFitThePathAreRefusedWithTheReason() throws {
        #expect(throws: StepChoiceError.notOptional(step: "Welcome and purpose")) { try path.choosing(StepChoices(omitted: ["arrive.1"])) }
        #expect(throws: StepChoiceError.notAnAlternative(step: "Rate the candidates", tool: "problem-tree",
                                                         allowed: ["example-partner-check", "stakeholder-analysis"])) {
            try path.choosing(StepChoices(tools: ["rate.1": "problem-tree"]))
        }
        #expect(throws: StepChoiceError.noSuchStep("rate.9")) { try path.choosing(StepChoices(omitted: ["rate.9"])) }
        let only = Path(id: "t", name: "T", phases: [Phase(id: "p", name: "P", duration: 10, steps: [Step(title: "A", duration: 10, activities: ["x"], optional: true)])])
        #expect(throws: StepChoiceError.emptyPhase("P")) { try only.choosing(StepChoices(omitted: ["p.1"])) }
        #expect(StepChoiceError.notOptional(step: "Welcome").description == "The step “Welcome” is not optional, so it cannot be left out.")
    }

    /// Choices that no longer fit (the path's file changed since scheduling) leave the path as written.
    @Test func aPlanWithStaleChoicesRunsThePathAsWritten() throws {
        let plan = SessionPlan(itemID: path.id, library: library, choices: StepChoices(omitted: ["gone.1"]))
        #expect(plan == SessionPlan(itemID: path.id, library: library))
    }
}
