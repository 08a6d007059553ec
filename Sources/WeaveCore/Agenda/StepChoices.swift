/// What a facilitator chose for one session of a path when scheduling it: the tool each step with
/// `alternatives` uses, and the optional steps left out.
///
/// Steps are named by ``StepChoices/key(phase:step:)`` — the phase id and the step's place in it, counted
/// from 1 (`summit.2`) — because steps have no ids of their own. A session keeps its choices; the plan,
/// the agenda, the live canvas and the exports all read the path through ``Path/choosing(_:)``.
public struct StepChoices: Sendable, Hashable, Codable {
    /// The tool chosen for a step, by step key; steps not named use their usual `tool`.
    public var tools: [String: String]
    /// The keys of the optional steps left out.
    public var omitted: Set<String>

    /// Creates choices; none means the path as written.
    public init(tools: [String: String] = [:], omitted: Set<String> = []) {
        self.tools = tools
        self.omitted = omitted
    }

    /// Whether the path runs as written.
    public var isEmpty: Bool { tools.isEmpty && omitted.isEmpty }

    /// The key of a step: its phase's id and its place in the phase, from 1.
    public static func key(phase: String, step index: Int) -> String { "\(phase).\(index + 1)" }
}

/// Why a set of choices does not fit a path.
public enum StepChoiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A key names no step of the path.
    case noSuchStep(String)
    /// A tool is neither the step's tool nor one of its alternatives.
    case notAnAlternative(step: String, tool: String, allowed: [String])
    /// A step left out is not optional.
    case notOptional(step: String)
    /// Every step of a phase would be left out.
    case emptyPhase(String)

    public var description: String {
        switch self {
        case .noSuchStep(let key): "There is no step \(key) in this path."
        case .notAnAlternative(let step, let tool, let allowed):
            "The step “\(step)” cannot use “\(tool)”; choose one of \(allowed.joined(separator: ", "))."
        case .notOptional(let step): "The step “\(step)” is not optional, so it cannot be left out."
        case .emptyPhase(let phase): "Leave at least one step in the phase “\(phase)”."
        }
    }
}

extension Path {
    /// The path as one session runs it: chosen tools in place of the usual ones, optional steps left out.
    ///
    /// A step left out takes its minutes with it: its phase becomes shorter by exactly the minutes the
    /// agenda gave the step, and the other steps are timed by the same rules as before (a shared-out step
    /// shares what is left with the others, in the same proportions). A step with a chosen tool keeps its
    /// title, time and activities; its `alternatives` are gone, since the choice is made. The phase's canvas
    /// fields are the phase's, not the step's tool's: a field taken with `use: TOOL/FIELD` from the usual
    /// tool stays as it is, so the canvas, the record and the exports of every session of the path line up.
    ///
    /// - Throws: ``StepChoiceError`` when a key names no step, a tool is not allowed for its step, a step
    ///   left out is not optional, or every step of a phase would be left out.
    public func choosing(_ choices: StepChoices) throws(StepChoiceError) -> Path {
        guard !choices.isEmpty else { return self }
        var keys: Set<String> = []
        var path = self
        for (phaseIndex, phase) in phases.enumerated() {
            let minutes = phase.stepMinutes()
            var steps: [Step] = []
            var duration = phase.duration
            for (index, step) in phase.steps.enumerated() {
                let key = StepChoices.key(phase: phase.id, step: index)
                keys.insert(key)
                if choices.omitted.contains(key) {
                    guard step.optional == true else { throw .notOptional(step: step.title) }
                    duration -= minutes[index].minutes
                    continue
                }
                var kept = step
                if let tool = choices.tools[key] {
                    let allowed = (step.tool.map { [$0] } ?? []) + (step.alternatives ?? [])
                    guard allowed.contains(tool) else { throw .notAnAlternative(step: step.title, tool: tool, allowed: allowed) }
                    kept.tool = tool
                    kept.alternatives = nil
                }
                steps.append(kept)
            }
            guard !steps.isEmpty else { throw .emptyPhase(phase.name) }
            path.phases[phaseIndex].steps = steps
            path.phases[phaseIndex].duration = duration
        }
        for key in choices.omitted.union(choices.tools.keys) where !keys.contains(key) { throw .noSuchStep(key) }
        return path
    }
}
