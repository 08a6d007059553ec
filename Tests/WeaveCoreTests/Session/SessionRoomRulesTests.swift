import Foundation
import Testing
@testable import WeaveCore

/// The session's rules about people and items, on the state alone: hidden items cannot be changed, a
/// partner's answers can be limited to its own participants, and items a group adds carry the group —
/// derived from the log's order, so replaying the same events gives the same marks.
@Suite struct SessionRoomRulesTests {
    static let ana = SessionActor(id: "ana", name: "Ana", isFacilitator: false)
    static let ben = SessionActor(id: "ben", name: "Ben", isFacilitator: false)
    static let host = SessionActor(id: "host", name: "Sam", isFacilitator: true)
    static let at = Date(timeIntervalSince1970: 1_796_000_000)

    static func plan() throws -> SessionPlan { try #require(SessionPlan(itemID: "joint-action", library: try builtInLibrary())) }

    static func triadStep(_ plan: SessionPlan) throws -> (phase: Int, step: Int) {
        for (p, section) in plan.sections.enumerated() {
            if let s = section.steps.firstIndex(where: { $0.groups?.grouping == .triads }) { return (p, s) }
        }
        throw SessionEventError("no triads step")
    }

    /// Applies events in order, as the live session and a replay both do.
    static func replay(_ events: [(SessionEvent, SessionActor)], plan: SessionPlan) throws -> SessionState {
        let context = plan.context(partners: ["p1", "p2"])
        var state = SessionState()
        for (event, actor) in events { state = try state.applying(event, by: actor, at: at, plan: plan, context: context) }
        return state
    }

    @Test func itemsAddedWhileGroupsStandCarryTheGroupAndReplayTheSame() throws {
        // setup
        let plan = try Self.plan()
        let step = try Self.triadStep(plan)
        let events: [(SessionEvent, SessionActor)] = [
            (.edit(.addItem(field: "triad-challenges", item: "before", text: "Said in plenary")), Self.ana),
            (.move(phase: step.phase, step: step.step), Self.host),
            (.groups(SessionGroups(phase: step.phase, step: step.step, groups: [["ben", "x"], ["ana", "y"]])), Self.host),
            (.edit(.addItem(field: "triad-challenges", item: "a1", text: "Cold storage")), Self.ana),
            (.edit(.addItem(field: "triad-challenges", item: "b1", text: "Pick-ups")), Self.ben),
            (.edit(.addItem(field: "triad-challenges", item: "h1", text: "From the host")), Self.host),
            (.edit(.editItem(field: "triad-challenges", item: "a1", text: "Cold storage is missing")), Self.ben),
            (.edit(.addItem(field: "triad-challenges", item: "gone", text: "Slip")), Self.ana),
            (.edit(.removeItem(field: "triad-challenges", item: "gone")), Self.ana),
        ]
        // MUT
        let state = try Self.replay(events, plan: plan)
        // validate: Ana's item is Triad 2's even after Ben edits it; the host (in no group) and the item added
        // before the groups carry none; a removed item's mark goes with it; a replay gives the same
        #expect(state.canvas.itemGroups["triad-challenges"] == ["a1": "Triad 2", "b1": "Triad 1"])
        #expect(try Self.replay(events, plan: plan) == state)
        // Once the session moves on, new items carry no group.
        let later = try state.applying(.move(phase: step.phase + 1, step: 0), by: Self.host, at: Self.at, plan: plan, context: plan.context(partners: []))
            .applying(.edit(.addItem(field: "triad-challenges", item: "a2", text: "Later")), by: Self.ana, at: Self.at, plan: plan, context: plan.context(partners: []))
        #expect(later.canvas.itemGroups["triad-challenges"]?["a2"] == nil)
    }

    @Test func aHiddenItemCannotBeChangedNorHaveNodesAddedUnderIt() throws {
        // setup
        let plan = try Self.plan()
        let state = try Self.replay([
            (.edit(.addItem(field: "triad-challenges", item: "i1", text: "Spam")), Self.ana),
            (.hide(field: "triad-challenges", item: "i1", hidden: true), Self.host),
        ], plan: plan)
        let context = plan.context(partners: [])
        // MUT + validate
        for edit in [CanvasEdit.editItem(field: "triad-challenges", item: "i1", text: "x"), .removeItem(field: "triad-challenges", item: "i1")] {
            #expect(throws: SessionEventError(field: "triad-challenges", "That item was hidden by the facilitator and can no longer be changed (i1).")) {
                try state.applying(.edit(edit), by: Self.ana, at: Self.at, plan: plan, context: context)
            }
        }
        #expect(throws: SessionEventError(field: "triad-challenges", "That item is hidden; show it again before changing it.")) {
            try state.applying(.edit(.removeItem(field: "triad-challenges", item: "i1")), by: Self.host, at: Self.at, plan: plan, context: context)
        }
        // Other items of the field still take changes.
        _ = try state.applying(.edit(.addItem(field: "triad-challenges", item: "i2", text: "Fine")), by: Self.ana, at: Self.at, plan: plan, context: context)
        #expect(CanvasEdit.addNode(field: "t", node: "n2", branch: "b", parent: "n1", text: "x").existingItems == ["n1"])
    }

    @Test func ownParticipantsLimitsAPartnersAnswersToItsPeopleAndTheFacilitator() throws {
        // setup
        var plan = try Self.plan()
        let answer = SessionEvent.edit(.setPartnerAnswer(field: "primary-roles", partner: "p2", text: nil, choices: ["funder"]))
        let state = SessionState()
        // validate: by default anyone may
        try state.checkAccess(answer, by: Self.ana, partner: "p1", plan: plan)
        // MUT
        plan.perPartner = .ownParticipants
        // validate: only p2's people and the facilitator
        try state.checkAccess(answer, by: Self.ben, partner: "p2", plan: plan)
        try state.checkAccess(answer, by: Self.host, partner: nil, plan: plan)
        #expect(throws: SessionEventError(field: "primary-roles", "Only Town Hall's own participants (or the facilitator) can change its answer here; fill in your own organisation's row.")) {
            try state.checkAccess(answer, by: Self.ana, partner: "p1", plan: plan, partnerName: { $0 == "p2" ? "Town Hall" : nil })
        }
        // An undo that would restore another partner's answer is held to the same rule; other edits are not.
        #expect(throws: SessionEventError.self) {
            try state.checkAccess(.undo(sequence: 3, edits: [.setPartnerAnswer(field: "primary-roles", partner: "p2", text: nil, choices: [])]), by: Self.ana, partner: "p1", plan: plan)
        }
        try state.checkAccess(.edit(.addItem(field: "triad-challenges", item: "i", text: "x")), by: Self.ana, partner: "p1", plan: plan)
    }

    @Test func aFacilitatorGivesNoScoreOfTheirOwnToAPerPersonRating() throws {
        // setup
        let plan = try Self.plan()
        let score = SessionEvent.edit(.rateOwn(field: "ratings", subject: "s1", criterion: "c1", score: 4))
        let state = SessionState()
        // validate: a participant's own score passes the check; a facilitator's is refused, their shared-rating score is not
        try state.checkAccess(score, by: Self.ana, partner: "p1", plan: plan)
        #expect(throws: SessionEventError(field: "ratings", "Each participant scores this rating for themselves; facilitators do not add a score of their own.")) {
            try state.checkAccess(score, by: Self.host, partner: nil, plan: plan)
        }
        try state.checkAccess(.edit(.rate(field: "ratings", subject: "s1", criterion: "c1", score: 4)), by: Self.host, partner: nil, plan: plan)
    }
}
