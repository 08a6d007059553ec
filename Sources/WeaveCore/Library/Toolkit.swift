/// A published toolkit — playbook, framework or template collection — as a catalogue entry.
public struct Toolkit: Sendable, Hashable, Codable {
    /// The kind of organisation that made a toolkit.
    public enum CreatorType: String, Sendable, Hashable, Codable, CaseIterable {
        case government, nonprofit
        case technicalAssistance = "technical-assistance"
        case academic, funder, business, network, other
    }

    /// Who made the toolkit. Unknown facts stay empty.
    public struct Creator: Sendable, Hashable, Codable {
        /// The organisation that produced it.
        public var organisation: String
        /// Named authors, where known.
        public var authors: [String]
        /// The creator's country, where known.
        public var country: String?
        /// The kind of organisation, where known.
        public var type: CreatorType?

        /// Creates a creator.
        public init(organisation: String, authors: [String] = [], country: String? = nil, type: CreatorType? = nil) {
            self.organisation = organisation
            self.authors = authors
            self.country = country
            self.type = type
        }
    }

    /// The networks a toolkit addresses.
    public struct Networks: Sendable, Hashable, Codable {
        /// In a sentence.
        public var description: String?
        /// Social issues it is written for.
        public var socialIssues: [String]
        /// Network ages: new, established…
        public var ages: [String]
        /// Types of member organisation.
        public var memberOrgTypes: [String]

        /// Creates a description of networks.
        public init(description: String? = nil, socialIssues: [String] = [], ages: [String] = [], memberOrgTypes: [String] = []) {
            self.description = description
            self.socialIssues = socialIssues
            self.ages = ages
            self.memberOrgTypes = memberOrgTypes
        }
    }

    /// Unique across the library.
    public var id: String
    /// The toolkit's title.
    public var name: String
    /// One line for lists.
    public var summary: String?
    /// About the toolkit, in our own words.
    public var description: String?
    /// Who made it.
    public var creator: Creator
    /// Year of publication, where known.
    public var year: Int?
    /// Where to find it, where known.
    public var url: String?
    /// The networks it addresses.
    public var networks: Networks
    /// Its tools in the library.
    public var tools: [String]
    /// The activity codes it suggests.
    public var activities: [String]

    /// Creates a toolkit.
    public init(
        id: String, name: String, summary: String? = nil, description: String? = nil, creator: Creator,
        year: Int? = nil, url: String? = nil, networks: Networks = Networks(), tools: [String] = [], activities: [String]
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.description = description
        self.creator = creator
        self.year = year
        self.url = url
        self.networks = networks
        self.tools = tools
        self.activities = activities
    }
}
