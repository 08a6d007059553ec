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
        part.itemGroups[field] = itemGroups[field]
        return part
    }

    /// Whether a field holds anything yet.
    public func isEmpty(field: String) -> Bool { only(field: field) == CanvasState() }

    /// The bytes of UTF-8 of the text a field holds: texts, items, cells, answers, subjects, nodes and labels.
    public func textBytes(of field: String) -> Int {
        var bytes = texts[field]?.text.utf8.count ?? 0
        bytes += lists[field]?.reduce(0) { $0 + $1.text.utf8.count } ?? 0
        bytes += tables[field]?.reduce(0) { total, row in row.cells.reduce(total) { $0 + $1.key.utf8.count + $1.value.utf8.count } } ?? 0
        bytes += partnerAnswers[field]?.values.reduce(0) { $0 + ($1.text?.utf8.count ?? 0) } ?? 0
        bytes += subjects[field]?.reduce(0) { $0 + $1.text.utf8.count } ?? 0
        bytes += trees[field]?.reduce(0) { $0 + $1.text.utf8.count } ?? 0
        bytes += grids[field]?.reduce(0) { $0 + $1.label.utf8.count } ?? 0
        return bytes
    }
}
