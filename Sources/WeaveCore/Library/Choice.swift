/// One choice in a list: a partnership role, an assessment field, a rating criterion, a checklist item.
public struct Choice: Sendable, Hashable, Codable {
    /// Unique within its list.
    public var id: String
    /// What people see.
    public var label: String
    /// A sentence or two on what the option means.
    public var description: String?

    /// Creates an option.
    public init(id: String, label: String, description: String? = nil) {
        self.id = id
        self.label = label
        self.description = description
    }
}

/// A list of options, written out in place or taken from a tool's option set.
public struct ChoiceList: Sendable, Hashable, Codable {
    /// The options, in order. Filled from the named set when the list comes from a tool.
    public var options: [Choice]
    /// `TOOL-ID/SET-ID` when the options come from a tool's option set, else `nil`.
    public var source: String?
    /// Where the list was written, for messages; not part of the JSON.
    var location: SourceLocation?

    /// Creates a list from options written out in place.
    public init(options: [Choice], source: String? = nil) {
        self.options = options
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case options, source }
}

/// A named list of options a tool defines for fields to use, such as the roles partners can take.
public struct ChoiceSet: Sendable, Hashable, Codable {
    /// Unique within its tool; referred to as `TOOL-ID/SET-ID`.
    public var id: String
    /// The options, in order.
    public var options: [Choice]

    /// Creates an option set.
    public init(id: String, options: [Choice]) {
        self.id = id
        self.options = options
    }
}
