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
                func reference(_ id: String) -> ToolReference? {
                    library?.tool(id).map { ToolReference(id: id, name: $0.name, number: $0.number, type: $0.type) }
                }
                stepSlots.append(StepSlot(
                    title: step.title, start: stepStart ?? clock, end: clock, minutes: time.minutes, timing: time.source,
                    lead: step.lead, grouping: step.grouping, tool: step.tool.flatMap(reference),
                    activities: library?.activities(of: step) ?? step.activities, interruptedBy: interruptions,
                    optional: step.optional == true ? true : nil, alternatives: step.alternatives.map { $0.compactMap(reference) },
                    groups: step.groupSize != nil || step.mixOrganisations == true ? step.groupPlan : nil,
                    notes: step.notes, materials: step.materials.map { $0.map(\.line) }))
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

extension Agenda {
    /// Lays a path out day by day: each of its days from that day's start, with that day's breaks and end.
    ///
    /// A path of one day takes the first of `days`. For a path of several days, day *n* takes `days[n-1]`,
    /// and the last one given counts for the days after it; each day is laid out as
    /// ``init(path:start:breaks:dayEnd:library:)`` lays out a path, so a day overruns its own end.
    ///
    /// - Throws: ``AgendaError/onDay(_:name:_:)`` saying which day's times are wrong.
    public init(path: Path, days: [AgendaDay], library: Library? = nil) throws(AgendaError) {
        let first = days.first ?? AgendaDay(start: ClockTime(hour: 9, minute: 0))
        guard path.days != nil else {
            try self.init(path: path, start: first.start, breaks: first.breaks, dayEnd: first.end, library: library)
            return
        }
        var agendas: [Agenda] = []
        for (index, (day, phases)) in path.phasesByDay.enumerated() {
            let times = index < days.count ? days[index] : (days.last ?? first)
            var part = path
            part.name = day.name
            part.subtitle = nil
            part.phases = phases
            part.days = nil
            do {
                agendas.append(try Agenda(path: part, start: times.start, breaks: times.breaks, dayEnd: times.end, library: library))
            } catch {
                throw .onDay(index + 1, name: day.name, error)
            }
        }
        self.init(
            path: path.id, name: path.name, subtitle: path.subtitle, start: agendas.first?.start ?? first.start,
            end: agendas.last?.end ?? first.start, plannedMinutes: path.totalMinutes,
            breakMinutes: agendas.reduce(0) { $0 + $1.breakMinutes }, dayEnd: nil, overrunMinutes: nil,
            phases: agendas.flatMap(\.phases), breaks: agendas.flatMap(\.breaks),
            warnings: zip(agendas.indices, agendas).flatMap { index, day in day.warnings.map { "Day \(index + 1) (\(day.name)): \($0)" } },
            days: agendas)
    }
}
