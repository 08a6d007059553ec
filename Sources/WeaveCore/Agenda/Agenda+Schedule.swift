extension Agenda {
    /// Lays a path out on the clock from `start`, pausing for each break at its clock time.
    ///
    /// A break that starts inside a phase pauses whatever is under way and shifts everything after it;
    /// the agenda says so in its warnings. A break that starts after the path has ended is left out, with a
    /// warning. With `dayEnd`, an agenda that runs past it warns by how much.
    ///
    /// - Parameters:
    ///   - path: the path to lay out.
    ///   - start: when the first phase starts.
    ///   - breaks: breaks at clock times, in any order; they must not overlap or start before `start`.
    ///   - dayEnd: when the day must be over.
    ///   - library: used to name the tools steps use.
    /// - Throws: ``AgendaError`` for breaks that overlap or start before `start`, or an end before the start.
    public init(path: Path, start: ClockTime, breaks: [AgendaBreak] = [], dayEnd: ClockTime? = nil, library: Library? = nil) throws(AgendaError) {
        let sorted = breaks.sorted { $0.start < $1.start }
        for pause in sorted where pause.start < start { throw .breakBeforeStart(pause, start: start) }
        for (first, second) in zip(sorted, sorted.dropFirst()) where second.start < first.end {
            throw .overlappingBreaks(first, second)
        }
        if let dayEnd, dayEnd <= start { throw .endBeforeStart(end: dayEnd, start: start) }

        var pending = sorted[...]
        var clock = start
        var breakSlots: [BreakSlot] = []
        var phaseSlots: [PhaseSlot] = []
        var warnings: [String] = []

        for (phaseIndex, phase) in path.phases.enumerated() {
            // A break starting exactly as the phase starts falls between phases.
            while let next = pending.first, next.start == clock {
                pending.removeFirst()
                breakSlots.append(BreakSlot(
                    start: next.start, end: next.end, minutes: next.minutes, duringPhase: nil, duringStep: nil,
                    afterPhase: phaseIndex > 0 ? path.phases[phaseIndex - 1].id : nil))
                clock = next.end
            }
            let phaseStart = clock
            var breakMinutes = 0
            var stepSlots: [StepSlot] = []
            for (step, time) in zip(phase.steps, phase.stepMinutes()) {
                var stepStart: ClockTime?
                var remaining = time.minutes
                var interruptions: [ClockTime] = []
                while let next = pending.first, next.start < clock.adding(minutes: remaining) {
                    pending.removeFirst()
                    let worked = next.start.minutes - clock.minutes
                    remaining -= worked
                    let insideStep = worked > 0
                    if insideStep && stepStart == nil { stepStart = clock }
                    breakSlots.append(BreakSlot(
                        start: next.start, end: next.end, minutes: next.minutes, duringPhase: phase.id,
                        duringStep: insideStep ? step.title : nil, afterPhase: nil))
                    if insideStep { interruptions.append(next.start) }
                    let place = insideStep ? "during the step \"\(step.title)\"" : "between two of its steps"
                    warnings.append("The break at \(next.start) (\(next.minutes) min) falls inside the phase \(phase.name), \(next.start.minutes - phaseStart.minutes - breakMinutes) minutes in, \(place); what follows moves \(next.minutes) minutes later.")
                    breakMinutes += next.minutes
                    clock = next.end
                }
                if stepStart == nil { stepStart = clock }
                clock = clock.adding(minutes: remaining)
                let tool = step.tool.flatMap { id in
                    library?.tool(id).map { ToolReference(id: id, name: $0.name, number: $0.number, type: $0.type) }
                }
                stepSlots.append(StepSlot(
                    title: step.title, start: stepStart ?? clock, end: clock, minutes: time.minutes, timing: time.source,
                    lead: step.lead, grouping: step.grouping, tool: tool,
                    activities: library?.activities(of: step) ?? step.activities, interruptedBy: interruptions))
            }
            phaseSlots.append(PhaseSlot(
                id: phase.id, name: phase.name, start: phaseStart, end: clock, plannedMinutes: phase.duration,
                breakMinutes: breakMinutes, steps: stepSlots,
                canvas: phase.canvas.map { CanvasInput(id: $0.id, label: $0.label, kind: $0.kind.name) }))
        }
        // Breaks that start once the path is over have nothing to pause.
        for pause in pending {
            warnings.append("The break at \(pause.start) starts after the path has ended at \(clock); it was left out.")
        }

        var overrun: Int?
        if let dayEnd, clock > dayEnd {
            overrun = clock.minutes - dayEnd.minutes
            warnings.append("The day overruns: the path ends at \(clock), \(overrun!) minutes after \(dayEnd).")
        }
        self.init(
            path: path.id, name: path.name, subtitle: path.subtitle, start: start, end: clock,
            plannedMinutes: path.totalMinutes, breakMinutes: breakSlots.reduce(0) { $0 + $1.minutes },
            dayEnd: dayEnd, overrunMinutes: overrun, phases: phaseSlots, breaks: breakSlots, warnings: warnings)
    }
}
