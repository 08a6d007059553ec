/// One activity in a codebook: something toolkits and paths suggest that networks do.
public struct ActivityCode: Sendable, Hashable, Codable {
    /// Unique across the library.
    public var id: String
    /// Short name.
    public var name: String
    /// When the code applies.
    public var definition: String
    /// A passage the code applies to.
    public var example: String?
    /// The broader code this one sits under, if any.
    public var parent: String?
    /// The narrower codes directly under this one, in order.
    public var children: [String]
    /// The codebook that defines it.
    public var codebook: String

    /// Creates a code.
    public init(
        id: String, name: String, definition: String, example: String? = nil,
        parent: String? = nil, children: [String] = [], codebook: String
    ) {
        self.id = id
        self.name = name
        self.definition = definition
        self.example = example
        self.parent = parent
        self.children = children
        self.codebook = codebook
    }
}

/// A hierarchy of activity codes, held flat in depth-first order with parent links.
public struct Codebook: Sendable, Hashable, Codable {
    /// Unique across the library.
    public var id: String
    /// The codebook's name.
    public var name: String
    /// What it covers.
    public var description: String?
    /// Every code, parents before their children, in the order written.
    public var codes: [ActivityCode]

    /// Creates a codebook.
    public init(id: String, name: String, description: String? = nil, codes: [ActivityCode]) {
        self.id = id
        self.name = name
        self.description = description
        self.codes = codes
    }
}
