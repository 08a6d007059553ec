extension CanvasEdit {
    /// The one thing an edit changes — a text, a list item, a table row or cell, a partner's answer, one
    /// person's tokens of a colour on a target, a score (or one person's own score), a checklist item, a tree node, a grid item — as a
    /// key: an undo is allowed only while the edit it takes back is still the latest change to this.
    ///
    /// - Parameter author: who made the edit; tokens are each person's own.
    public func target(by author: String) -> String {
        let parts: [String]
        switch self {
        case .setText(let field, _): parts = [field]
        case .addItem(let field, let item, _), .editItem(let field, let item, _), .removeItem(let field, let item): parts = [field, item]
        case .addRow(let field, let row, _), .removeRow(let field, let row): parts = [field, row]
        case .setCell(let field, let row, let column, _): parts = [field, row, column]
        case .setPartnerAnswer(let field, let partner, _, _): parts = [field, partner]
        case .placeToken(let field, let colour, let target), .removeToken(let field, let colour, let target): parts = [field, author, colour, target]
        case .addSubject(let field, let subject, _): parts = [field, subject]
        case .rate(let field, let subject, let criterion, _): parts = [field, subject, criterion]
        case .rateOwn(let field, let subject, let criterion, _): parts = [field, author, subject, criterion]
        case .check(let field, let item, _): parts = [field, item]
        case .addNode(let field, let node, _, _, _), .editNode(let field, let node, _), .removeNode(let field, let node): parts = [field, node]
        case .placeOnGrid(let field, let item, _, _, _), .removeFromGrid(let field, let item): parts = [field, item]
        }
        return parts.joined(separator: "\u{1F}")
    }

    /// The edits that take this one back, given the canvas as it was just before it; `nil` when it cannot be
    /// taken back (a rating subject, once named, has no removal) or changed nothing.
    ///
    /// A removed item, row or node comes back at the end of its list (a node with everything that was under
    /// it); a text gets its previous text again as a new version.
    ///
    /// - Parameters:
    ///   - before: the canvas just before the edit was applied.
    ///   - author: who made it.
    public func inverse(before: CanvasState, by author: String) -> [CanvasEdit]? {
        switch self {
        case .setText(let field, _):
            return [.setText(field: field, text: before.texts[field]?.text ?? "")]
        case .addItem(let field, let item, _):
            return [.removeItem(field: field, item: item)]
        case .editItem(let field, let item, _):
            return before.lists[field]?.first { $0.id == item }.map { [.editItem(field: field, item: item, text: $0.text)] }
        case .removeItem(let field, let item):
            return before.lists[field]?.first { $0.id == item }.map { [.addItem(field: field, item: item, text: $0.text)] }
        case .addRow(let field, let row, _):
            return [.removeRow(field: field, row: row)]
        case .setCell(let field, let row, let column, _):
            guard let cells = before.tables[field]?.first(where: { $0.id == row })?.cells else { return nil }
            return [.setCell(field: field, row: row, column: column, value: cells[column] ?? "")]
        case .removeRow(let field, let row):
            return before.tables[field]?.first { $0.id == row }.map { [.addRow(field: field, row: row, cells: $0.cells)] }
        case .setPartnerAnswer(let field, let partner, _, _):
            let answer = before.partnerAnswers[field]?[partner]
            return [.setPartnerAnswer(field: field, partner: partner, text: answer?.text, choices: answer?.choices ?? [])]
        case .placeToken(let field, let colour, let target):
            return [.removeToken(field: field, colour: colour, target: target)]
        case .removeToken(let field, let colour, let target):
            return [.placeToken(field: field, colour: colour, target: target)]
        case .addSubject:
            return nil
        case .rate(let field, let subject, let criterion, _):
            return [.rate(field: field, subject: subject, criterion: criterion, score: before.ratings[field]?[subject]?[criterion])]
        case .rateOwn(let field, let subject, let criterion, _):
            return [.rateOwn(field: field, subject: subject, criterion: criterion, score: before.ownRatings[field]?[subject]?[criterion]?[author])]
        case .check(let field, let item, let checked):
            let was = before.checked[field]?.contains(item) == true
            return was == checked ? nil : [.check(field: field, item: item, checked: was)]
        case .addNode(let field, let node, _, _, _):
            return [.removeNode(field: field, node: node)]
        case .editNode(let field, let node, _):
            return before.trees[field]?.first { $0.id == node }.map { [.editNode(field: field, node: node, text: $0.text)] }
        case .removeNode(let field, let node):
            // The node and everything under it, parents before children, in the order they stood.
            let nodes = before.trees[field] ?? []
            var gone: Set<String> = [node]
            var changed = true
            while changed {
                changed = false
                for entry in nodes where !gone.contains(entry.id) {
                    if let parent = entry.parent, gone.contains(parent) { gone.insert(entry.id); changed = true }
                }
            }
            var added: Set<String> = []
            var edits: [CanvasEdit] = []
            var remaining = nodes.filter { gone.contains($0.id) }
            while !remaining.isEmpty {
                let ready = remaining.filter { $0.id == node || $0.parent.map(added.contains) == true }
                guard !ready.isEmpty else { return nil }
                for entry in ready {
                    edits.append(.addNode(field: field, node: entry.id, branch: entry.branch, parent: entry.parent, text: entry.text))
                    added.insert(entry.id)
                }
                remaining.removeAll { added.contains($0.id) }
            }
            return edits.isEmpty ? nil : edits
        case .placeOnGrid(let field, let item, _, _, _):
            guard let was = before.grids[field]?.first(where: { $0.id == item }) else { return [.removeFromGrid(field: field, item: item)] }
            return [.placeOnGrid(field: field, item: item, label: was.label, x: was.x, y: was.y)]
        case .removeFromGrid(let field, let item):
            return before.grids[field]?.first { $0.id == item }.map { [.placeOnGrid(field: field, item: item, label: $0.label, x: $0.x, y: $0.y)] }
        }
    }
}
