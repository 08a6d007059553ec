/// The JSON of a canvas edit, written out rather than generated, because it is a contract twice over: it is
/// what browsers send (docs/live-protocol.md) and what every session's log stores. Renaming a Swift case or
/// argument must not change it; `StoredEventFormatTests` pins each case's bytes with a golden file.
///
/// One key names the change and holds its arguments: `{"setText": {"field": "…", "text": "…"}}`. An absent
/// optional argument is left out; exactly one key is accepted.
extension CanvasEdit: Codable {
    /// The name of each change on the wire and in the log.
    public enum Kind: String, CodingKey, CaseIterable, Sendable {
        case setText, addItem, editItem, removeItem, addRow, setCell, removeRow, setPartnerAnswer, placeToken, removeToken
        case addSubject, rate, check, addNode, editNode, removeNode, placeOnGrid, removeFromGrid
        case rateOwn
    }

    private enum Argument: String, CodingKey {
        case field, text, item, row, cells, column, value, partner, choices, colour, target, subject, name, criterion, score
        case checked, node, branch, parent, label, x, y
    }

    /// The change's name.
    public var kind: Kind {
        switch self {
        case .setText: .setText
        case .addItem: .addItem
        case .editItem: .editItem
        case .removeItem: .removeItem
        case .addRow: .addRow
        case .setCell: .setCell
        case .removeRow: .removeRow
        case .setPartnerAnswer: .setPartnerAnswer
        case .placeToken: .placeToken
        case .removeToken: .removeToken
        case .addSubject: .addSubject
        case .rate: .rate
        case .rateOwn: .rateOwn
        case .check: .check
        case .addNode: .addNode
        case .editNode: .editNode
        case .removeNode: .removeNode
        case .placeOnGrid: .placeOnGrid
        case .removeFromGrid: .removeFromGrid
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.typeMismatch(CanvasEdit.self, .init(codingPath: container.codingPath,
                                                                     debugDescription: "An edit is one key naming the change."))
        }
        let a = try container.nestedContainer(keyedBy: Argument.self, forKey: kind)
        func string(_ key: Argument) throws -> String { try a.decode(String.self, forKey: key) }
        switch kind {
        case .setText: self = .setText(field: try string(.field), text: try string(.text))
        case .addItem: self = .addItem(field: try string(.field), item: try string(.item), text: try string(.text))
        case .editItem: self = .editItem(field: try string(.field), item: try string(.item), text: try string(.text))
        case .removeItem: self = .removeItem(field: try string(.field), item: try string(.item))
        case .addRow: self = .addRow(field: try string(.field), row: try string(.row), cells: try a.decode([String: String].self, forKey: .cells))
        case .setCell: self = .setCell(field: try string(.field), row: try string(.row), column: try string(.column), value: try string(.value))
        case .removeRow: self = .removeRow(field: try string(.field), row: try string(.row))
        case .setPartnerAnswer:
            self = .setPartnerAnswer(field: try string(.field), partner: try string(.partner), text: try a.decodeIfPresent(String.self, forKey: .text),
                                     choices: try a.decode([String].self, forKey: .choices))
        case .placeToken: self = .placeToken(field: try string(.field), colour: try string(.colour), target: try string(.target))
        case .removeToken: self = .removeToken(field: try string(.field), colour: try string(.colour), target: try string(.target))
        case .addSubject: self = .addSubject(field: try string(.field), subject: try string(.subject), name: try string(.name))
        case .rate:
            self = .rate(field: try string(.field), subject: try string(.subject), criterion: try string(.criterion),
                         score: try a.decodeIfPresent(Int.self, forKey: .score))
        case .rateOwn:
            self = .rateOwn(field: try string(.field), subject: try string(.subject), criterion: try string(.criterion),
                            score: try a.decodeIfPresent(Int.self, forKey: .score))
        case .check: self = .check(field: try string(.field), item: try string(.item), checked: try a.decode(Bool.self, forKey: .checked))
        case .addNode:
            self = .addNode(field: try string(.field), node: try string(.node), branch: try string(.branch),
                            parent: try a.decodeIfPresent(String.self, forKey: .parent), text: try string(.text))
        case .editNode: self = .editNode(field: try string(.field), node: try string(.node), text: try string(.text))
        case .removeNode: self = .removeNode(field: try string(.field), node: try string(.node))
        case .placeOnGrid:
            self = .placeOnGrid(field: try string(.field), item: try string(.item), label: try string(.label),
                                x: try a.decode(Double.self, forKey: .x), y: try a.decode(Double.self, forKey: .y))
        case .removeFromGrid: self = .removeFromGrid(field: try string(.field), item: try string(.item))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        var a = container.nestedContainer(keyedBy: Argument.self, forKey: kind)
        try a.encode(field, forKey: .field)
        switch self {
        case .setText(_, let text):
            try a.encode(text, forKey: .text)
        case .addItem(_, let item, let text), .editItem(_, let item, let text):
            try a.encode(item, forKey: .item)
            try a.encode(text, forKey: .text)
        case .removeItem(_, let item), .removeFromGrid(_, let item):
            try a.encode(item, forKey: .item)
        case .addRow(_, let row, let cells):
            try a.encode(row, forKey: .row)
            try a.encode(cells, forKey: .cells)
        case .setCell(_, let row, let column, let value):
            try a.encode(row, forKey: .row)
            try a.encode(column, forKey: .column)
            try a.encode(value, forKey: .value)
        case .removeRow(_, let row):
            try a.encode(row, forKey: .row)
        case .setPartnerAnswer(_, let partner, let text, let choices):
            try a.encode(partner, forKey: .partner)
            try a.encodeIfPresent(text, forKey: .text)
            try a.encode(choices, forKey: .choices)
        case .placeToken(_, let colour, let target), .removeToken(_, let colour, let target):
            try a.encode(colour, forKey: .colour)
            try a.encode(target, forKey: .target)
        case .addSubject(_, let subject, let name):
            try a.encode(subject, forKey: .subject)
            try a.encode(name, forKey: .name)
        case .rate(_, let subject, let criterion, let score), .rateOwn(_, let subject, let criterion, let score):
            try a.encode(subject, forKey: .subject)
            try a.encode(criterion, forKey: .criterion)
            try a.encodeIfPresent(score, forKey: .score)
        case .check(_, let item, let checked):
            try a.encode(item, forKey: .item)
            try a.encode(checked, forKey: .checked)
        case .addNode(_, let node, let branch, let parent, let text):
            try a.encode(node, forKey: .node)
            try a.encode(branch, forKey: .branch)
            try a.encodeIfPresent(parent, forKey: .parent)
            try a.encode(text, forKey: .text)
        case .editNode(_, let node, let text):
            try a.encode(node, forKey: .node)
            try a.encode(text, forKey: .text)
        case .removeNode(_, let node):
            try a.encode(node, forKey: .node)
        case .placeOnGrid(_, let item, let label, let x, let y):
            try a.encode(item, forKey: .item)
            try a.encode(label, forKey: .label)
            try a.encode(x, forKey: .x)
            try a.encode(y, forKey: .y)
        }
    }
}
