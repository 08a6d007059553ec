extension CanvasState {
    /// Whether a field holds an item (list entry, table row, tree node, grid item or rating subject) with this
    /// id: the things a facilitator can hide.
    public func hasItem(_ item: String, in field: String) -> Bool {
        lists[field]?.contains { $0.id == item } == true
            || tables[field]?.contains { $0.id == item } == true
            || trees[field]?.contains { $0.id == item } == true
            || grids[field]?.contains { $0.id == item } == true
            || subjects[field]?.contains { $0.id == item } == true
    }

    /// The canvas without the items a facilitator hid: what participants, the projector and exports see.
    /// A hidden tree node takes the nodes under it along; a hidden rating subject takes its scores.
    ///
    /// - Parameter hidden: field → ids of its hidden items.
    public func hiding(_ hidden: [String: [String]]) -> CanvasState {
        guard !hidden.isEmpty else { return self }
        var visible = self
        for (field, ids) in hidden where !ids.isEmpty {
            let gone = Set(ids)
            visible.itemGroups[field] = visible.itemGroups[field]?.filter { !gone.contains($0.key) }
            visible.lists[field]?.removeAll { gone.contains($0.id) }
            visible.tables[field]?.removeAll { gone.contains($0.id) }
            visible.grids[field]?.removeAll { gone.contains($0.id) }
            if visible.subjects[field] != nil {
                visible.subjects[field]?.removeAll { gone.contains($0.id) }
                for id in gone { visible.ratings[field]?.removeValue(forKey: id) }
            }
            if var nodes = visible.trees[field] {
                var removed = gone
                // Parents come before their children in the log's order, but a moved branch need not: repeat
                // until no node is left whose parent is gone.
                var changed = true
                while changed {
                    changed = false
                    for node in nodes where !removed.contains(node.id) {
                        if let parent = node.parent, removed.contains(parent) { removed.insert(node.id); changed = true }
                    }
                }
                nodes.removeAll { removed.contains($0.id) }
                visible.trees[field] = nodes
            }
        }
        return visible
    }
}

extension SessionState {
    /// The canvas as participants, the projector and exports see it: without the items the facilitator hid.
    public var visibleCanvas: CanvasState { canvas.hiding(facilitation.hidden) }
}
