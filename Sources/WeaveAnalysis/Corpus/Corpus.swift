/// A coded toolkit corpus: a codebook, toolkits with descriptors, coders, and who coded what.
///
/// Built by ``CorpusImporter`` (CSV or REFI-QDA, all-or-nothing) or from the built-in library with
/// ``Corpus/init(library:codebook:coder:)``. Everything is held by index — code `c`, toolkit `t`,
/// coder `k` — and the codings are dense `Int8` matrices, one per code, so ten thousand toolkits ×
/// three hundred codes × three coders take nine megabytes and no per-coding objects.
public struct Corpus: Sendable {
    /// Where the corpus came from, in a phrase for reports: `CSV folder study/ (long format)`.
    public var origin: String
    /// The codebook, parents before their children, siblings in the order given.
    public let codes: [Code]
    /// The id of the library codebook the codes come from, when they do (`default-activities`).
    public let codebookID: String?
    /// The toolkits, in the order given.
    public let toolkits: [Toolkit]
    /// The coders, in order of first appearance.
    public let coders: [Coder]
    /// The descriptors, in column order.
    public let descriptors: [Descriptor]
    /// Who found which code in which toolkit.
    public let codings: Codings
    /// Excerpts and locations given with codings, only where given.
    public let excerpts: [Excerpt]

    private let codeIndex: [String: Int]
    private let toolkitIndex: [String: Int]
    private let coderIndex: [String: Int]
    private let descriptorIndex: [String: Int]
    private let parents: [Int]
    private let children: [[Int]]

    /// Creates a corpus from its parts.
    ///
    /// Ids of codes, toolkits and coders and descriptor names must each be unique, every parent must
    /// be a code listed before its children, and the codings and descriptors must match the counts of
    /// codes, toolkits and coders; anything else is a programming error and traps. Imports check all
    /// of this and report problems instead.
    public init(
        origin: String, codes: [Code], codebookID: String? = nil, toolkits: [Toolkit], coders: [Coder],
        descriptors: [Descriptor], codings: Codings, excerpts: [Excerpt] = []
    ) {
        precondition(codings.codeCount == codes.count && codings.toolkitCount == toolkits.count
            && codings.coderCount == coders.count, "the codings do not match the codes, toolkits and coders")
        for descriptor in descriptors {
            precondition(descriptor.toolkitCount == toolkits.count, "descriptor \(descriptor.name) does not cover every toolkit")
        }
        self.origin = origin
        self.codes = codes
        self.codebookID = codebookID
        self.toolkits = toolkits
        self.coders = coders
        self.descriptors = descriptors
        self.codings = codings
        self.excerpts = excerpts
        self.codeIndex = Self.index(codes.map(\.id), "code")
        self.toolkitIndex = Self.index(toolkits.map(\.id), "toolkit")
        self.coderIndex = Self.index(coders.map(\.name), "coder")
        self.descriptorIndex = Self.index(descriptors.map(\.name), "descriptor")
        var parents = Array(repeating: -1, count: codes.count)
        var children = Array(repeating: [Int](), count: codes.count)
        for (position, code) in codes.enumerated() {
            guard let parent = code.parent else { continue }
            guard let parentPosition = codeIndex[parent], parentPosition < position else {
                preconditionFailure("the parent \(parent) of code \(code.id) must be listed before it")
            }
            parents[position] = parentPosition
            children[parentPosition].append(position)
        }
        self.parents = parents
        self.children = children
    }

    private static func index(_ keys: [String], _ kind: String) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            precondition(index.updateValue(position, forKey: key) == nil, "\(kind) \(key) is listed twice")
        }
        return index
    }

    /// The position of the code with this id.
    public func codeIndex(_ id: String) -> Int? { codeIndex[id] }

    /// The position of the toolkit with this id.
    public func toolkitIndex(_ id: String) -> Int? { toolkitIndex[id] }

    /// The position of the coder with this name.
    public func coderIndex(_ name: String) -> Int? { coderIndex[name] }

    /// The descriptor with this name.
    public func descriptor(_ name: String) -> Descriptor? {
        descriptorIndex[name].map { descriptors[$0] }
    }

    /// The position of the code's parent, `nil` for a top-level code.
    public func parentIndex(ofCode code: Int) -> Int? {
        parents[code] < 0 ? nil : parents[code]
    }

    /// The positions of the codes directly under this one, in order.
    public func childIndices(ofCode code: Int) -> [Int] { children[code] }

    /// The positions of every code under this one, at any depth, parents before children.
    public func descendantIndices(ofCode code: Int) -> [Int] {
        var result: [Int] = []
        var stack = children[code].reversed() as [Int]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: children[next].reversed())
        }
        return result
    }
}
