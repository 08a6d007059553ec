/// A method card, worksheet, background paper, form, checklist or other tool a group works with.
public struct Tool: Sendable, Hashable, Codable {
    /// What sort of tool it is.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case methodCard = "method-card"
        case worksheet
        case backgroundPaper = "background-paper"
        case form, checklist, template, framework, guide, practice

        /// The plural heading for lists: "Method cards".
        public var pluralName: String {
            switch self {
            case .methodCard: "Method cards"
            case .worksheet: "Worksheets"
            case .backgroundPaper: "Background papers"
            case .form: "Forms"
            case .checklist: "Checklists"
            case .template: "Templates"
            case .framework: "Frameworks"
            case .guide: "Guides"
            case .practice: "Practices"
            }
        }
    }

    /// Unique across the library.
    public var id: String
    /// What sort of tool it is.
    public var type: Kind
    /// The number printed on the card, if it has one.
    public var number: Int?
    /// The tool's name.
    public var name: String
    /// One line for lists.
    public var summary: String?
    /// More about the tool.
    public var description: String?
    /// What it is for.
    public var purpose: String
    /// The situation it fits.
    public var whenToUse: String?
    /// Minutes it takes.
    public var duration: CountRange?
    /// People it suits.
    public var groupSize: CountRange?
    /// What the room needs.
    public var materials: [Material]
    /// What the group does, in order.
    public var steps: [String]
    /// What the group has at the end.
    public var produces: [String]
    /// Activity codes the tool serves.
    public var activities: [String]
    /// Tools used with this one.
    public var related: [String]
    /// Named option lists for fields to use.
    public var optionSets: [ChoiceSet]
    /// The canvas fields the tool fills.
    public var fields: [CanvasField]

    /// Creates a tool.
    public init(
        id: String, type: Kind, number: Int? = nil, name: String, summary: String? = nil,
        description: String? = nil, purpose: String, whenToUse: String? = nil,
        duration: CountRange? = nil, groupSize: CountRange? = nil, materials: [Material] = [],
        steps: [String] = [], produces: [String] = [], activities: [String], related: [String] = [],
        optionSets: [ChoiceSet] = [], fields: [CanvasField] = []
    ) {
        self.id = id
        self.type = type
        self.number = number
        self.name = name
        self.summary = summary
        self.description = description
        self.purpose = purpose
        self.whenToUse = whenToUse
        self.duration = duration
        self.groupSize = groupSize
        self.materials = materials
        self.steps = steps
        self.produces = produces
        self.activities = activities
        self.related = related
        self.optionSets = optionSets
        self.fields = fields
    }

    /// "Creating a Shared Vision (44)" — the name with the card number, as the cards are cited.
    public var citation: String { number.map { "\(name) (\($0))" } ?? name }

    /// The option set with this id.
    public func optionSet(_ id: String) -> ChoiceSet? { optionSets.first { $0.id == id } }

    /// The field with this id.
    public func field(_ id: String) -> CanvasField? { fields.first { $0.id == id } }
}
