/// One entry of a path's `record` key: a canvas field whose content carries over into the partnership's
/// living record when a session of the path closes (docs/library-format.md, "The record").
public struct RecordSource: Sendable, Hashable, Codable {
    /// The kinds of record entry a canvas field can carry over into.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Indicators of progress the partners track together.
        case indicators
        /// The primary role of each partner.
        case roles
        /// Agreements: a text with an owner.
        case agreements
        /// Next steps: what, who, by when, with a status.
        case nextSteps = "next-steps"

        /// The attributes a table column can fill, the first being required.
        public var attributes: [String] {
            switch self {
            case .indicators: ["name", "definition", "reporter"]
            case .roles: []
            case .agreements: ["text", "owner"]
            case .nextSteps: ["what", "owner", "due"]
            }
        }

        /// "Indicators", "Next steps"…
        public var displayName: String {
            switch self {
            case .indicators: "Indicators"
            case .roles: "Roles"
            case .agreements: "Agreements"
            case .nextSteps: "Next steps"
            }
        }
    }

    /// The canvas field's id in the path.
    public var field: String
    /// What it becomes.
    public var into: Kind
    /// Record attribute → the table column that fills it (tables only).
    public var columns: [String: String]

    /// Creates a carry-over entry.
    public init(field: String, into: Kind, columns: [String: String] = [:]) {
        self.field = field
        self.into = into
        self.columns = columns
    }

    /// Why this entry cannot carry over the field, or `nil` when it can.
    public func problem(with field: CanvasField?) -> String? {
        guard let field else { return "names the canvas field \"\(self.field)\" but the path has no canvas field with that id" }
        switch (into, field.kind) {
        case (.roles, .perPartner):
            return columns.isEmpty ? nil : "\"columns\" apply to table fields only; \"\(field.id)\" is a per-partner field"
        case (.roles, _):
            return "carries \"\(field.id)\" into roles, which needs a per-partner field, but it is a \(field.kind.name.rawValue) field"
        case (_, .list):
            return columns.isEmpty ? nil : "\"columns\" apply to table fields only; \"\(field.id)\" is a list, whose items become the \(into.attributes[0])"
        case (_, .table(let spec)):
            let known = Set(spec.columns.map(\.id))
            for (attribute, column) in columns.sorted(by: { $0.key < $1.key }) {
                guard into.attributes.contains(attribute) else {
                    return "\"columns\" has \"\(attribute)\", which \(into.rawValue) do not have; use \(into.attributes.map { "\"\($0)\"" }.joined(separator: ", "))"
                }
                guard known.contains(column) else {
                    return "\"columns\" maps \"\(attribute)\" to the column \"\(column)\", but the table \"\(field.id)\" has no such column"
                }
            }
            return columns[into.attributes[0]] == nil ? "\"columns\" must map \"\(into.attributes[0])\" to one of the table's columns" : nil
        default:
            return "carries \"\(field.id)\" into \(into.rawValue), which needs a table or list field, but it is a \(field.kind.name.rawValue) field"
        }
    }
}
