/// Everything a library holds — codebooks, codes, tools, toolkits and paths — with every reference resolved.
///
/// Built by ``Library/load(_:)``; a `Library` with problems is never handed out by ``Library/loading(_:includingBuiltIn:)``.
public struct Library: Sendable {
    /// Codebooks, in file order.
    public internal(set) var codebooks: [Codebook] = []
    /// Tools, in file order.
    public internal(set) var tools: [Tool] = []
    /// Toolkits, in file order.
    public internal(set) var toolkits: [Toolkit] = []
    /// Paths, in file order.
    public internal(set) var paths: [Path] = []
    /// Every activity code of every codebook, parents before children.
    public internal(set) var codes: [ActivityCode] = []
    /// Where each item's id is written.
    public internal(set) var origins: [String: SourceLocation] = [:]
    /// Each item's language and translations, by item id (a codebook's codes share the codebook's).
    public internal(set) var translations: [String: Translations] = [:]
    private var index: [String: (kind: ItemKind, position: Int)] = [:]

    /// An empty library.
    public init() {}

    /// The number of items of every kind, codes included.
    public var count: Int { index.count }

    /// The item with this id, of any kind.
    public func item(_ id: String) -> LibraryItem? {
        guard let entry = index[id] else { return nil }
        switch entry.kind {
        case .codebook: return .codebook(codebooks[entry.position])
        case .tool: return .tool(tools[entry.position])
        case .toolkit: return .toolkit(toolkits[entry.position])
        case .path: return .path(paths[entry.position])
        case .code: return .code(codes[entry.position])
        }
    }

    /// The kind of the item with this id.
    public func kind(of id: String) -> ItemKind? { index[id]?.kind }

    /// The tool with this id.
    public func tool(_ id: String) -> Tool? {
        if case .tool(let tool) = item(id) { tool } else { nil }
    }

    /// The path with this id.
    public func path(_ id: String) -> Path? {
        if case .path(let path) = item(id) { path } else { nil }
    }

    /// The toolkit with this id.
    public func toolkit(_ id: String) -> Toolkit? {
        if case .toolkit(let toolkit) = item(id) { toolkit } else { nil }
    }

    /// The activity code with this id.
    public func code(_ id: String) -> ActivityCode? {
        if case .code(let code) = item(id) { code } else { nil }
    }

    /// The codebook with this id.
    public func codebook(_ id: String) -> Codebook? {
        if case .codebook(let codebook) = item(id) { codebook } else { nil }
    }

    /// Every id of a kind, in file order.
    public func ids(of kind: ItemKind) -> [String] {
        switch kind {
        case .codebook: codebooks.map(\.id)
        case .tool: tools.map(\.id)
        case .toolkit: toolkits.map(\.id)
        case .path: paths.map(\.id)
        case .code: codes.map(\.id)
        }
    }

    /// Adds an item; the caller has checked that its id is new.
    mutating func add(_ item: LibraryItem, at location: SourceLocation) {
        let position: Int
        switch item {
        case .codebook(let codebook):
            position = codebooks.count
            codebooks.append(codebook)
        case .tool(let tool):
            position = tools.count
            tools.append(tool)
        case .toolkit(let toolkit):
            position = toolkits.count
            toolkits.append(toolkit)
        case .path(let path):
            position = paths.count
            paths.append(path)
        case .code(let code):
            position = codes.count
            codes.append(code)
        }
        index[item.id] = (item.kind, position)
        origins[item.id] = location
    }

    /// Replaces an item already added, keeping its place.
    mutating func replace(_ item: LibraryItem) {
        guard let entry = index[item.id], entry.kind == item.kind else { return }
        switch item {
        case .codebook(let codebook): codebooks[entry.position] = codebook
        case .tool(let tool): tools[entry.position] = tool
        case .toolkit(let toolkit): toolkits[entry.position] = toolkit
        case .path(let path): paths[entry.position] = path
        case .code(let code): codes[entry.position] = code
        }
    }

    /// The activity codes a path step is coded to: its own and its tool's, without repeats.
    public func activities(of step: Step) -> [String] {
        var seen: Set<String> = []
        return (step.activities + (step.tool.flatMap { tool($0)?.activities } ?? [])).filter { seen.insert($0).inserted }
    }

    /// Items whose activities include `code` or any code beneath it.
    public func items(codedTo code: String) -> [LibraryItem] {
        var family: Set<String> = [code]
        var frontier = [code]
        while let next = frontier.popLast() {
            for child in self.code(next)?.children ?? [] where family.insert(child).inserted { frontier.append(child) }
        }
        var result: [LibraryItem] = []
        result += tools.filter { !family.isDisjoint(with: $0.activities) }.map(LibraryItem.tool)
        result += toolkits.filter { !family.isDisjoint(with: $0.activities) }.map(LibraryItem.toolkit)
        result += paths.filter { path in
            path.phases.contains { $0.steps.contains { !family.isDisjoint(with: activities(of: $0)) } }
        }.map(LibraryItem.path)
        return result
    }
}

/// Any one item of a library.
public enum LibraryItem: Sendable, Hashable, Encodable {
    case codebook(Codebook)
    case tool(Tool)
    case toolkit(Toolkit)
    case path(Path)
    case code(ActivityCode)

    /// The item's id.
    public var id: String {
        switch self {
        case .codebook(let item): item.id
        case .tool(let item): item.id
        case .toolkit(let item): item.id
        case .path(let item): item.id
        case .code(let item): item.id
        }
    }

    /// The item's name.
    public var name: String {
        switch self {
        case .codebook(let item): item.name
        case .tool(let item): item.citation
        case .toolkit(let item): item.name
        case .path(let item): item.name
        case .code(let item): item.name
        }
    }

    /// The item's kind.
    public var kind: ItemKind {
        switch self {
        case .codebook: .codebook
        case .tool: .tool
        case .toolkit: .toolkit
        case .path: .path
        case .code: .code
        }
    }

    /// One line about the item for lists.
    public var summary: String? {
        switch self {
        case .codebook(let item): item.description
        case .tool(let item): item.summary ?? item.purpose
        case .toolkit(let item): item.summary ?? item.description
        case .path(let item): item.summary ?? item.subtitle
        case .code(let item): item.definition
        }
    }

    private enum CodingKeys: String, CodingKey { case kind }

    /// The item's own keys with `kind` beside them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .codebook(let item): try item.encode(to: encoder)
        case .tool(let item): try item.encode(to: encoder)
        case .toolkit(let item): try item.encode(to: encoder)
        case .path(let item): try item.encode(to: encoder)
        case .code(let item): try item.encode(to: encoder)
        }
    }
}
