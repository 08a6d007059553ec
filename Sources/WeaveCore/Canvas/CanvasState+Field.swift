extension CanvasState {
    /// The part of the canvas that belongs to one field: what a live client needs after that field changed.
    public func only(field: String) -> CanvasState {
        var part = CanvasState()
        part.texts[field] = texts[field]
        part.earlierTexts[field] = earlierTexts[field]
        part.lists[field] = lists[field]
        part.tables[field] = tables[field]
        part.partnerAnswers[field] = partnerAnswers[field]
        part.tokens[field] = tokens[field]
        part.subjects[field] = subjects[field]
        part.ratings[field] = ratings[field]
        part.checked[field] = checked[field]
        part.trees[field] = trees[field]
        part.grids[field] = grids[field]
        return part
    }

    /// Whether a field holds anything yet.
    public func isEmpty(field: String) -> Bool { only(field: field) == CanvasState() }
}
