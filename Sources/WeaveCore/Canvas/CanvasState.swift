/// Everything written on a canvas so far, rebuilt by applying edits in order.
///
/// The state is a pure value: ``applying(_:by:)`` checks an edit against its field's rules and returns the
/// new state, or says why not and changes nothing. Concurrent additions keep both (ids are the client's);
/// two texts written to the same field keep the later one. Earlier texts are not kept here — they are in the
/// session's log, read on demand — so the state's size is bounded by the canvas's limits however often a
/// text is rewritten; ``earlierTexts`` only counts them.
public struct CanvasState: Sendable, Hashable, Codable {
    /// One list item or tree node.
    public struct Entry: Sendable, Hashable, Codable {
        public var id: String
        public var text: String
    }

    /// One tree node, with its branch and parent.
    public struct TreeNode: Sendable, Hashable, Codable {
        public var id: String
        public var branch: String
        public var parent: String?
        public var text: String
    }

    /// One table row.
    public struct Row: Sendable, Hashable, Codable {
        public var id: String
        public var cells: [String: String]
    }

    /// One item placed on a grid.
    public struct GridItem: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var x: Double
        public var y: Double
    }

    /// One token on a target.
    public struct Token: Sendable, Hashable, Codable {
        public var participant: String
        public var colour: String
        public var target: String
    }

    /// A text as someone wrote it, kept when a later text replaces it.
    public struct TextVersion: Sendable, Hashable, Codable {
        public var text: String
        public var author: String

        public init(text: String, author: String) {
            self.text = text
            self.author = author
        }
    }

    public internal(set) var texts: [String: TextVersion] = [:]
    /// Field → how many texts the field held before its current one (the texts themselves are in the log).
    public internal(set) var earlierTexts: [String: Int] = [:]
    public internal(set) var lists: [String: [Entry]] = [:]
    public internal(set) var tables: [String: [Row]] = [:]
    /// Field → partner → answer.
    public internal(set) var partnerAnswers: [String: [String: PartnerAnswer]] = [:]
    public internal(set) var tokens: [String: [Token]] = [:]
    /// Field → subjects entered on the day.
    public internal(set) var subjects: [String: [Entry]] = [:]
    /// Field → subject → criterion → score.
    public internal(set) var ratings: [String: [String: [String: Int]]] = [:]
    public internal(set) var checked: [String: Set<String>] = [:]
    public internal(set) var trees: [String: [TreeNode]] = [:]
    public internal(set) var grids: [String: [GridItem]] = [:]
    /// Field → item → the group whose member added it ("Triad 2"), for items added while groups were formed
    /// for the step. Derived from the log (the groups event, then the edit), so stored events are unchanged.
    public internal(set) var itemGroups: [String: [String: String]] = [:]

    /// A partner's answer to a per-partner field.
    public struct PartnerAnswer: Sendable, Hashable, Codable {
        public var text: String?
        public var choices: [String]
    }

    /// An empty canvas.
    public init() {}
}
