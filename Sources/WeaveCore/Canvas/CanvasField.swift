/// One field of a path canvas or a tool: what the group fills in, and the rules its value follows.
///
/// In JSON a field is one object: the common keys (`id`, `kind`, `label`, `prompt`, `required`, `origin`)
/// beside its kind's own keys, as in the YAML.
public struct CanvasField: Sendable, Hashable, Codable {
    /// Unique within its path or tool.
    public var id: String
    /// The heading on the canvas.
    public var label: String
    /// A line telling people what to write.
    public var prompt: String?
    /// Whether the canvas is complete without it.
    public var required: Bool
    /// `TOOL-ID/FIELD-ID` when the field was taken from a tool with `use`.
    public var origin: String?
    /// The kind, with its own rules.
    public var kind: CanvasFieldKind

    /// Creates a field.
    public init(id: String, label: String, prompt: String? = nil, required: Bool = true, origin: String? = nil, kind: CanvasFieldKind) {
        self.id = id
        self.label = label
        self.prompt = prompt
        self.required = required
        self.origin = origin
        self.kind = kind
    }

    enum CodingKeys: String, CodingKey { case id, kind, label, prompt, required, origin }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        label = try container.decode(String.self, forKey: .label)
        prompt = try container.decodeIfPresent(String.self, forKey: .prompt)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? true
        origin = try container.decodeIfPresent(String.self, forKey: .origin)
        let name = try container.decode(CanvasFieldKind.Name.self, forKey: .kind)
        kind = try CanvasFieldKind(name: name, from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind.name, forKey: .kind)
        try container.encode(label, forKey: .label)
        try container.encodeIfPresent(prompt, forKey: .prompt)
        try container.encode(required, forKey: .required)
        try container.encodeIfPresent(origin, forKey: .origin)
        try kind.encodeParameters(to: encoder)
    }
}

/// The kinds of canvas field, each with its own parameters.
public enum CanvasFieldKind: Sendable, Hashable {
    case text(TextSpec)
    case list(ListSpec)
    case table(TableSpec)
    case perPartner(PerPartnerSpec)
    case tokenVote(TokenVoteSpec)
    case rating(RatingSpec)
    case checklist(ChecklistSpec)
    case tree(TreeSpec)
    case grid(GridSpec)

    /// The kind's name as written in YAML.
    public enum Name: String, Sendable, Hashable, Codable, CaseIterable {
        case text, list, table
        case perPartner = "per-partner"
        case tokenVote = "token-vote"
        case rating, checklist, tree, grid
    }

    /// The kind's name as written in YAML.
    public var name: Name {
        switch self {
        case .text: .text
        case .list: .list
        case .table: .table
        case .perPartner: .perPartner
        case .tokenVote: .tokenVote
        case .rating: .rating
        case .checklist: .checklist
        case .tree: .tree
        case .grid: .grid
        }
    }

    init(name: Name, from decoder: any Decoder) throws {
        self = try name.specType.init(from: decoder).kind
    }

    func encodeParameters(to encoder: any Encoder) throws {
        try spec.encode(to: encoder)
    }

    /// Every option list the kind holds, for resolving `…_from` references.
    var optionLists: [ChoiceList] { spec.optionLists }

    /// The same kind with its option lists replaced, in the order `optionLists` gives them.
    func replacingOptionLists(_ lists: [ChoiceList]) -> CanvasFieldKind {
        spec.replacingOptionLists(lists).kind
    }
}
