extension CanvasEdit {
    /// The existing item (list entry, table row, tree node, grid item or rating subject) the edit changes or
    /// hangs under, if any: what must not be hidden for the edit to be taken.
    public var existingItems: [String] {
        switch self {
        case .editItem(_, let item, _), .removeItem(_, let item): [item]
        case .setCell(_, let row, _, _), .removeRow(_, let row): [row]
        case .rate(_, let subject, _, _): [subject]
        case .addNode(_, _, _, let parent?, _): [parent]
        case .editNode(_, let node, _), .removeNode(_, let node): [node]
        case .placeOnGrid(_, let item, _, _, _), .removeFromGrid(_, let item): [item]
        case .setText, .addItem, .addRow, .setPartnerAnswer, .placeToken, .removeToken, .addSubject, .check, .addNode: []
        }
    }

    /// The new item the edit adds (list entry, table row, tree node, grid item or rating subject), if any:
    /// what carries the group of the person who added it.
    public var addedItem: String? {
        switch self {
        case .addItem(_, let item, _): item
        case .addRow(_, let row, _): row
        case .addNode(_, let node, _, _, _): node
        case .addSubject(_, let subject, _): subject
        case .placeOnGrid(_, let item, _, _, _): item
        default: nil
        }
    }
}
