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
        switch name {
        case .text: self = .text(try TextSpec(from: decoder))
        case .list: self = .list(try ListSpec(from: decoder))
        case .table: self = .table(try TableSpec(from: decoder))
        case .perPartner: self = .perPartner(try PerPartnerSpec(from: decoder))
        case .tokenVote: self = .tokenVote(try TokenVoteSpec(from: decoder))
        case .rating: self = .rating(try RatingSpec(from: decoder))
        case .checklist: self = .checklist(try ChecklistSpec(from: decoder))
        case .tree: self = .tree(try TreeSpec(from: decoder))
        case .grid: self = .grid(try GridSpec(from: decoder))
        }
    }

    func encodeParameters(to encoder: any Encoder) throws {
        switch self {
        case .text(let spec): try spec.encode(to: encoder)
        case .list(let spec): try spec.encode(to: encoder)
        case .table(let spec): try spec.encode(to: encoder)
        case .perPartner(let spec): try spec.encode(to: encoder)
        case .tokenVote(let spec): try spec.encode(to: encoder)
        case .rating(let spec): try spec.encode(to: encoder)
        case .checklist(let spec): try spec.encode(to: encoder)
        case .tree(let spec): try spec.encode(to: encoder)
        case .grid(let spec): try spec.encode(to: encoder)
        }
    }

    /// Every option list the kind holds, for resolving `…_from` references.
    var optionLists: [ChoiceList] {
        switch self {
        case .perPartner(let spec): spec.options.map { [$0] } ?? []
        case .tokenVote(let spec): [spec.targets]
        case .rating(let spec):
            if case .listed(let subjects) = spec.subjects { [spec.criteria, subjects] } else { [spec.criteria] }
        case .checklist(let spec): [spec.items]
        case .text, .list, .table, .tree, .grid: []
        }
    }

    /// The same kind with its option lists replaced, in the order `optionLists` gives them.
    func replacingOptionLists(_ lists: [ChoiceList]) -> CanvasFieldKind {
        guard lists.count == optionLists.count else { return self }
        switch self {
        case .perPartner(var spec):
            spec.options = lists.first
            return .perPartner(spec)
        case .tokenVote(var spec):
            spec.targets = lists[0]
            return .tokenVote(spec)
        case .rating(var spec):
            spec.criteria = lists[0]
            if lists.count > 1 { spec.subjects = .listed(lists[1]) }
            return .rating(spec)
        case .checklist(var spec):
            spec.items = lists[0]
            return .checklist(spec)
        case .text, .list, .table, .tree, .grid:
            return self
        }
    }
}

/// A text, with optional limits: "one sentence vision statement" is `maxSentences: 1`.
public struct TextSpec: Sendable, Hashable, Codable {
    public var minCharacters: Int?
    public var maxCharacters: Int?
    public var maxSentences: Int?
    public init(minCharacters: Int? = nil, maxCharacters: Int? = nil, maxSentences: Int? = nil) {
        self.minCharacters = minCharacters
        self.maxCharacters = maxCharacters
        self.maxSentences = maxSentences
    }
}

/// A list of short items: "3–5 core causes".
public struct ListSpec: Sendable, Hashable, Codable {
    public var minItems: Int?
    public var maxItems: Int?
    /// The longest an item may be.
    public var maxCharacters: Int?
    public init(minItems: Int? = nil, maxItems: Int? = nil, maxCharacters: Int? = nil) {
        self.minItems = minItems
        self.maxItems = maxItems
        self.maxCharacters = maxCharacters
    }
}

/// Rows under declared columns: indicators, action items.
public struct TableSpec: Sendable, Hashable, Codable {
    /// One column of a table.
    public struct Column: Sendable, Hashable, Codable {
        /// What a cell holds.
        public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
            case text, number, date, person, partner
        }
        public var id: String
        public var label: String
        public var type: ValueType
        public init(id: String, label: String, type: ValueType = .text) {
            self.id = id
            self.label = label
            self.type = type
        }
    }
    public var columns: [Column]
    public var minRows: Int?
    public var maxRows: Int?
    public init(columns: [Column], minRows: Int? = nil, maxRows: Int? = nil) {
        self.columns = columns
        self.minRows = minRows
        self.maxRows = maxRows
    }
}

/// One answer per partner organisation, free text or chosen from options.
public struct PerPartnerSpec: Sendable, Hashable, Codable {
    /// The form of each partner's answer.
    public enum Answer: String, Sendable, Hashable, Codable, CaseIterable { case text, choice }
    public var answer: Answer
    /// The choices, for `choice` answers.
    public var options: ChoiceList?
    /// Whether a partner may choose several options.
    public var multiple: Bool
    public init(answer: Answer = .text, options: ChoiceList? = nil, multiple: Bool = false) {
        self.answer = answer
        self.options = options
        self.multiple = multiple
    }
}

/// Each participant places a budget of coloured tokens on declared targets.
public struct TokenVoteSpec: Sendable, Hashable, Codable {
    /// One colour of token and how many each participant holds.
    public struct Token: Sendable, Hashable, Codable {
        public var colour: String
        public var label: String
        public var perParticipant: Int
        public init(colour: String, label: String, perParticipant: Int) {
            self.colour = colour
            self.label = label
            self.perParticipant = perParticipant
        }
    }
    /// Which colours form the ratio shown per target, such as green over red.
    public struct Ratio: Sendable, Hashable, Codable {
        public var numerator: String
        public var denominator: String
        public init(numerator: String, denominator: String) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }
    public var tokens: [Token]
    public var targets: ChoiceList
    public var ratio: Ratio?
    public init(tokens: [Token], targets: ChoiceList, ratio: Ratio? = nil) {
        self.tokens = tokens
        self.targets = targets
        self.ratio = ratio
    }
}

/// Subjects rated on criteria along a scale.
public struct RatingSpec: Sendable, Hashable, Codable {
    /// What is rated.
    public enum Subjects: Sendable, Hashable, Codable {
        /// The partnership's partner organisations.
        case partners
        /// Names typed in on the day, such as candidate partners.
        case entered
        /// A list written in the library.
        case listed(ChoiceList)

        public init(from decoder: any Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                switch name {
                case "partners": self = .partners
                case "entered": self = .entered
                default:
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown subjects \(name)"))
                }
            } else {
                self = .listed(try ChoiceList(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .partners:
                var container = encoder.singleValueContainer()
                try container.encode("partners")
            case .entered:
                var container = encoder.singleValueContainer()
                try container.encode("entered")
            case .listed(let list): try list.encode(to: encoder)
            }
        }
    }
    /// The scale, such as 1 (weak) to 5 (strong).
    public struct Scale: Sendable, Hashable, Codable {
        public var min: Int
        public var max: Int
        public var lowLabel: String?
        public var highLabel: String?
        public init(min: Int, max: Int, lowLabel: String? = nil, highLabel: String? = nil) {
            self.min = min
            self.max = max
            self.lowLabel = lowLabel
            self.highLabel = highLabel
        }
    }
    public var criteria: ChoiceList
    public var subjects: Subjects
    public var scale: Scale
    public init(criteria: ChoiceList, subjects: Subjects, scale: Scale) {
        self.criteria = criteria
        self.subjects = subjects
        self.scale = scale
    }
}

/// Items to tick.
public struct ChecklistSpec: Sendable, Hashable, Codable {
    public var items: ChoiceList
    public init(items: ChoiceList) { self.items = items }
}

/// A tree around a root — a problem with its causes and effects, nested — or its solution tree.
public struct TreeSpec: Sendable, Hashable, Codable {
    public var rootLabel: String
    /// The named sides of the tree, such as causes and effects.
    public var branches: [Choice]
    /// How deep nodes may nest below a branch.
    public var maxDepth: Int
    public init(rootLabel: String, branches: [Choice], maxDepth: Int = 3) {
        self.rootLabel = rootLabel
        self.branches = branches
        self.maxDepth = maxDepth
    }
}

/// Items placed on two axes, such as stakeholders by influence and interest.
public struct GridSpec: Sendable, Hashable, Codable {
    /// One axis and the words for its two ends.
    public struct Axis: Sendable, Hashable, Codable {
        public var label: String
        public var low: String
        public var high: String
        public init(label: String, low: String, high: String) {
            self.label = label
            self.low = low
            self.high = high
        }
    }
    /// Where the grid's items come from.
    public enum Items: String, Sendable, Hashable, Codable, CaseIterable { case partners, entered }
    public var xAxis: Axis
    public var yAxis: Axis
    public var items: Items
    /// Top left, top right, bottom left, bottom right.
    public var quadrants: [String]?
    public init(xAxis: Axis, yAxis: Axis, items: Items = .entered, quadrants: [String]? = nil) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.items = items
        self.quadrants = quadrants
    }
}
