/// One change a participant makes to a canvas field. Items, rows, nodes and subjects carry ids the client
/// makes up, so that two people adding at once both keep what they added.
public enum CanvasEdit: Sendable, Hashable {
    /// Replaces a text field's text; the previous text stays in the history.
    case setText(field: String, text: String)
    /// Adds an item to a list.
    case addItem(field: String, item: String, text: String)
    /// Rewrites a list item.
    case editItem(field: String, item: String, text: String)
    /// Removes a list item.
    case removeItem(field: String, item: String)
    /// Adds a table row, with any cells already filled.
    case addRow(field: String, row: String, cells: [String: String])
    /// Fills one cell of a table row.
    case setCell(field: String, row: String, column: String, value: String)
    /// Removes a table row.
    case removeRow(field: String, row: String)
    /// A partner's answer: text, or the chosen option ids.
    case setPartnerAnswer(field: String, partner: String, text: String?, choices: [String])
    /// Places one of the participant's tokens of a colour on a target.
    case placeToken(field: String, colour: String, target: String)
    /// Takes back one of the participant's tokens of a colour from a target.
    case removeToken(field: String, colour: String, target: String)
    /// Names a subject to rate, for ratings whose subjects are entered on the day.
    case addSubject(field: String, subject: String, name: String)
    /// Scores a subject on a criterion; `nil` clears the score.
    case rate(field: String, subject: String, criterion: String, score: Int?)
    /// The participant's own score for a subject on a criterion, in a rating with `scoring: per-person`;
    /// `nil` takes it back. Everyone's scores stay apart; the canvas shows their mean and spread.
    case rateOwn(field: String, subject: String, criterion: String, score: Int?)
    /// Ticks or unticks a checklist item.
    case check(field: String, item: String, checked: Bool)
    /// Adds a node to a tree, on a branch, under a parent node or at the branch's top.
    case addNode(field: String, node: String, branch: String, parent: String?, text: String)
    /// Rewrites a tree node.
    case editNode(field: String, node: String, text: String)
    /// Removes a tree node and everything under it.
    case removeNode(field: String, node: String)
    /// Places (or moves) an item on a grid; `x` and `y` run from 0 to 1.
    case placeOnGrid(field: String, item: String, label: String, x: Double, y: Double)
    /// Removes an item from a grid.
    case removeFromGrid(field: String, item: String)

    /// The field the edit changes.
    public var field: String {
        switch self {
        case .setText(let field, _), .addItem(let field, _, _), .editItem(let field, _, _), .removeItem(let field, _),
             .addRow(let field, _, _), .setCell(let field, _, _, _), .removeRow(let field, _),
             .setPartnerAnswer(let field, _, _, _), .placeToken(let field, _, _), .removeToken(let field, _, _),
             .addSubject(let field, _, _), .rate(let field, _, _, _), .rateOwn(let field, _, _, _), .check(let field, _, _),
             .addNode(let field, _, _, _, _), .editNode(let field, _, _), .removeNode(let field, _),
             .placeOnGrid(let field, _, _, _, _), .removeFromGrid(let field, _):
            field
        }
    }
}

/// Why an edit was refused. Said so that the person who made it knows what to change.
public struct CanvasEditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field concerned.
    public var field: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { message }
}
