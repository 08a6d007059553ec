/// What an edit is checked against: the canvas's fields and the partnership's partner organisations.
public struct CanvasContext: Sendable, Hashable {
    /// The fields, by id.
    public var fields: [String: CanvasField]
    /// Ids of the partner organisations taking part.
    public var partners: Set<String>

    /// Creates a context from fields in canvas order.
    public init(fields: [CanvasField], partners: Set<String>) {
        self.fields = Dictionary(fields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.partners = partners
    }
}

/// Limits that hold for every field, whatever the library says, so no one can fill a canvas without end.
public enum CanvasLimits {
    /// The longest a text may be when its field sets no limit.
    public static let textCharacters = 5_000
    /// The longest a list item, cell, node or label may be when its field sets no limit.
    public static let entryCharacters = 500
    /// The most items, rows, nodes, subjects or grid items one field may hold.
    public static let entries = 500
    /// The longest a client-made id may be.
    public static let idCharacters = 64
    /// The most UTF-8 bytes a text may use per character it may hold: room for any script and for emoji
    /// sequences (a family of four is 25 bytes), while a text's size in a message stays bounded — 160 KB for
    /// 5,000 characters — whatever combining marks it piles onto one character.
    public static let bytesPerCharacter = 32
    /// The most text one field may hold, in bytes of UTF-8 (every text, entry, cell, answer and label
    /// together), so that one field's event and its share of a snapshot stay bounded: 500 list items of 500
    /// plain characters still fit.
    public static let fieldBytes = 256 * 1024
}

extension CanvasState {
    /// The state after an edit by a participant, or why the edit is refused.
    ///
    /// - Parameters:
    ///   - edit: the change.
    ///   - author: the participant making it; tokens are counted against their budget.
    ///   - context: the fields and partners the edit is checked against.
    public func applying(_ edit: CanvasEdit, by author: String, in context: CanvasContext) throws(CanvasEditError) -> CanvasState {
        let fieldID = edit.field
        guard let field = context.fields[fieldID] else {
            throw CanvasEditError(field: fieldID, "There is no field \"\(fieldID)\" on this canvas.")
        }
        let check = FieldEditCheck(field: field, context: context, author: author)
        let wrongKind = check.fail("\(field.label) is a \(field.kind.name.rawValue) field; this change does not apply to it.")
        var next = self
        // One case per field kind: the edit must be one of that kind's edits, and the kind applies it.
        switch field.kind {
        case .text(let spec):
            guard case .text(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .list(let spec):
            guard case .list(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .table(let spec):
            guard case .table(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .perPartner(let spec):
            guard case .perPartner(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .tokenVote(let spec):
            guard case .tokenVote(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .rating(let spec):
            guard case .rating(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .checklist(let spec):
            guard case .checklist(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .tree(let spec):
            guard case .tree(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        case .grid(let spec):
            guard case .grid(let edit) = edit.byKind else { throw wrongKind }
            try spec.apply(edit, to: &next, check: check)
        }
        let size = next.textBytes(of: fieldID)
        if size > CanvasLimits.fieldBytes && size > textBytes(of: fieldID) {
            throw check.fail("\(field.label) is full: it holds at most \(CanvasLimits.fieldBytes / 1024) KB of text. Shorten or remove something first.")
        }
        return next
    }

    /// Rebuilds a canvas from edits in the order they were stored, skipping none: an edit that was accepted
    /// once is accepted again, so a failure here means the stored log and the rules disagree.
    public static func replaying(_ edits: some Sequence<(edit: CanvasEdit, author: String)>, in context: CanvasContext) throws(CanvasEditError) -> CanvasState {
        var state = CanvasState()
        for (edit, author) in edits { state = try state.applying(edit, by: author, in: context) }
        return state
    }
}
