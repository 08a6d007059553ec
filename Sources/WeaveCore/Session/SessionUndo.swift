/// What each person could undo, kept alongside a session's state and rebuilt from its log: for every edit,
/// the edits that take it back, and for every thing on the canvas, which change last touched it.
///
/// Undo takes back one's own most recent edit still on one's list, as a new stored event
/// (``SessionEvent/undo(sequence:edits:)``); nothing is deleted from the log. It is refused when someone
/// changed that thing since. An undone edit leaves the list, so undoing again takes back the one before.
public struct SessionUndo: Sendable, Hashable {
    /// One edit that can be taken back.
    struct Entry: Sendable, Hashable {
        var sequence: Int
        var target: String
        var edits: [CanvasEdit]
    }

    /// How many of each person's edits are remembered for undo.
    public static let depth = 50

    /// Actor id → their undoable edits, oldest first.
    private var entries: [String: [Entry]] = [:]
    /// Thing → the sequences of the changes to it still standing, newest last: an undo takes its change
    /// off, so the change before it is the latest again (and can be undone in turn).
    private var changes: [String: [Int]] = [:]

    public init() {}

    /// Notes a stored event.
    ///
    /// - Parameters:
    ///   - event: the event, as applied.
    ///   - sequence: its sequence number.
    ///   - actor: who made it.
    ///   - before: the canvas just before it.
    public mutating func record(_ event: SessionEvent, sequence: Int, by actor: String, before: CanvasState) {
        switch event {
        case .edit(let edit):
            let target = edit.target(by: actor)
            var list = changes[target] ?? []
            list.append(sequence)
            if list.count > Self.depth { list.removeFirst(list.count - Self.depth) }
            changes[target] = list
            guard let inverse = edit.inverse(before: before, by: actor) else { return }
            var mine = entries[actor] ?? []
            mine.append(Entry(sequence: sequence, target: target, edits: inverse))
            if mine.count > Self.depth { mine.removeFirst(mine.count - Self.depth) }
            entries[actor] = mine
        case .undo(let undone, let edits):
            if let target = entries[actor]?.first(where: { $0.sequence == undone })?.target ?? edits.first?.target(by: actor) {
                changes[target]?.removeAll { $0 == undone }
            }
            entries[actor]?.removeAll { $0.sequence == undone }
        default:
            break
        }
    }

    /// The event that undoes the actor's most recent undoable edit, or why there is none.
    public func undo(for actor: String) throws(SessionEventError) -> SessionEvent {
        guard let last = entries[actor]?.last else {
            throw SessionEventError("You have nothing to undo: only your own changes can be undone, one at a time, newest first.")
        }
        guard changes[last.target]?.last == last.sequence else {
            throw SessionEventError(field: last.edits.first?.field, "Someone changed that after you, so your last change can no longer be undone.")
        }
        return .undo(sequence: last.sequence, edits: last.edits)
    }
}
