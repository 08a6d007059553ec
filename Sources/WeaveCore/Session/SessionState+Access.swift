extension SessionState {
    /// Refuses a change the session's rules about people forbid, before it is applied: with the path's
    /// `per_partner: own-participants`, a participant may change only their own partner's answers (facilitators
    /// always may); a facilitator gives no score of their own to a per-person rating. Checked when a change is made, not when the log is replayed: the log is the record.
    ///
    /// - Parameters:
    ///   - event: the change.
    ///   - actor: who makes it.
    ///   - partner: the partner the participant joined for; `nil` for a facilitator.
    ///   - plan: the session's plan, with its `perPartner` rule.
    ///   - partnerName: the name of a partner, for the message.
    public func checkAccess(_ event: SessionEvent, by actor: SessionActor, partner: String?, plan: SessionPlan,
                            partnerName: (String) -> String? = { _ in nil }) throws(SessionEventError) {
        let edits: [CanvasEdit] = switch event {
        case .edit(let edit): [edit]
        case .undo(_, let edits): edits
        default: []
        }
        if actor.isFacilitator {
            // A per-person rating is the participants' own scores: a facilitator's would count as one more person.
            for case .rateOwn(let field, _, _, _) in edits {
                throw SessionEventError(field: field, "Each participant scores this rating for themselves; facilitators do not add a score of their own.")
            }
            return
        }
        guard plan.perPartner == .ownParticipants else { return }
        for case .setPartnerAnswer(let field, let answered, _, _) in edits where answered != partner {
            let name = partnerName(answered).map { "\($0)'s" } ?? "that partner's"
            throw SessionEventError(field: field, "Only \(name) own participants (or the facilitator) can change its answer here; fill in your own organisation's row.")
        }
    }
}

extension Facilitation {
    /// The groups formed for the step the session is at, with the word for one group ("Triad", "Pair",
    /// "Group"); `nil` when none are.
    public func currentGroups(in plan: SessionPlan) -> (word: String, groups: [[String]])? {
        guard let formed = groups, formed.phase == phase, formed.step == step, plan.sections.indices.contains(phase),
              plan.sections[phase].steps.indices.contains(step), let grouping = plan.sections[phase].steps[step].groups?.grouping else { return nil }
        let word = switch grouping {
        case .triads: "Triad"
        case .pairs: "Pair"
        default: "Group"
        }
        return (word, formed.groups)
    }
}

extension CanvasState {
    /// Marks an item just added with the group its author works in ("Triad 2"), when groups are formed for
    /// the current step; forgets the marks of items no longer in the field.
    mutating func labelGroup(of edit: CanvasEdit, before: CanvasState, by author: String, groups: (word: String, groups: [[String]])?) {
        let field = edit.field
        if let item = edit.addedItem, !before.hasItem(item, in: field), hasItem(item, in: field),
           let groups, let index = groups.groups.firstIndex(where: { $0.contains(author) }) {
            itemGroups[field, default: [:]][item] = "\(groups.word) \(index + 1)"
        }
        if let marks = itemGroups[field] {
            let kept = marks.filter { hasItem($0.key, in: field) }
            itemGroups[field] = kept.isEmpty ? nil : kept
        }
    }
}
