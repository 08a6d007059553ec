extension Corpus {
    /// One code of the corpus's codebook.
    public struct Code: Sendable, Hashable, Codable {
        /// Unique in the corpus: from `codebook.csv`, the library, or derived from a REFI-QDA code's name.
        public var id: String
        /// The id of the broader code this one sits under, if any.
        public var parent: String?
        /// The name people see.
        public var name: String
        /// When the code applies; may be empty.
        public var definition: String
        /// The code's GUID in a REFI-QDA project.
        public var guid: String?
        /// Whether coders can apply the code. A REFI-QDA code marked `isCodable="false"` (a heading
        /// in an NVivo or ATLAS.ti codebook) is not: no coder is taken to have judged it absent, so it
        /// adds no units to agreement, and it is counted only through the codes beneath it.
        public var isCodable: Bool

        /// Creates a code.
        public init(id: String, parent: String? = nil, name: String, definition: String = "", guid: String? = nil, isCodable: Bool = true) {
            self.id = id
            self.parent = parent
            self.name = name
            self.definition = definition
            self.guid = guid
            self.isCodable = isCodable
        }
    }

    /// One coded toolkit: the unit of analysis.
    public struct Toolkit: Sendable, Hashable, Codable {
        /// Unique in the corpus.
        public var id: String
        /// The toolkit's title, for people (also the `title` descriptor).
        public var title: String
        /// The source's GUID in a REFI-QDA project.
        public var guid: String?

        /// Creates a toolkit.
        public init(id: String, title: String, guid: String? = nil) {
            self.id = id
            self.title = title
            self.guid = guid
        }
    }

    /// One person (or program) who coded toolkits.
    public struct Coder: Sendable, Hashable, Codable {
        /// Unique in the corpus: the name in `codings.csv`, the user's name in a REFI-QDA project.
        public var name: String
        /// The user's GUID in a REFI-QDA project.
        public var guid: String?

        /// Creates a coder.
        public init(name: String, guid: String? = nil) {
            self.name = name
            self.guid = guid
        }
    }

    /// A passage or place a coder gave for one coding, kept only where given.
    public struct Excerpt: Sendable, Hashable {
        /// The code's position in ``Corpus/codes``.
        public var code: Int
        /// The toolkit's position in ``Corpus/toolkits``.
        public var toolkit: Int
        /// The coder's position in ``Corpus/coders``.
        public var coder: Int
        /// The quoted passage, if given.
        public var text: String?
        /// Where in the toolkit (a page, a section), if given.
        public var location: String?

        /// Creates an excerpt.
        public init(code: Int, toolkit: Int, coder: Int, text: String?, location: String?) {
            self.code = code
            self.toolkit = toolkit
            self.coder = coder
            self.text = text
            self.location = location
        }
    }
}
