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

extension TreeSpec: FieldKindSpec {
    /// The edits a tree takes.
    enum Edit: Sendable, Hashable {
        /// Adds a node on a branch, under a parent node or at the branch's top.
        case add(node: String, branch: String, parent: String?, text: String)
        case edit(node: String, text: String)
        /// Removes a node and everything under it.
        case remove(node: String)
    }

    static var name: CanvasFieldKind.Name { .tree }
    static var keys: [String] { ["root_label", "branches", "max_depth"] }
    static var requiredKeys: [String] { ["root_label", "branches"] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> TreeSpec? {
        guard let root = reader.text("root_label", nonEmpty: true),
              let branches = file.readOptions(reader, key: "branches") else { return nil }
        let depth = reader.integer("max_depth", minimum: 1, meaning: "a whole number of levels greater than zero")
        if reader.has("max_depth") && depth == nil { return nil }
        return TreeSpec(rootLabel: root, branches: branches, maxDepth: depth ?? 3)
    }

    var kind: CanvasFieldKind { .tree(self) }
    var optionLists: [ChoiceList] { [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> TreeSpec { self }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let id = check.id
        let label = check.field.label
        switch edit {
        case .add(let node, let branch, let parent, let text):
            try check.id(node, "node")
            guard branches.contains(where: { $0.id == branch }) else { throw check.fail("\(label) has no branch \"\(branch.prefix(40))\".") }
            let nodes = state.trees[id] ?? []
            guard !nodes.contains(where: { $0.id == node }) else { throw check.fail("\(label) already has a node with this id.") }
            try check.room(nodes.count, noun: "entries")
            if let parent {
                guard let parentNode = nodes.first(where: { $0.id == parent }) else { throw check.fail("The entry to add under is no longer in \(label).") }
                guard parentNode.branch == branch else { throw check.fail("A node must sit on the same branch as the node above it.") }
                var depth = 1
                var cursor: String? = parent
                while let current = cursor, let found = nodes.first(where: { $0.id == current }) { depth += 1; cursor = found.parent }
                guard depth <= maxDepth else { throw check.fail("\(label) nests at most \(maxDepth) levels deep.") }
            }
            state.trees[id, default: []].append(CanvasState.TreeNode(id: node, branch: branch, parent: parent, text: try check.entry(text)))
        case .edit(let node, let text):
            guard let index = state.trees[id]?.firstIndex(where: { $0.id == node }) else { throw check.fail("That entry is no longer in \(label).") }
            state.trees[id]![index].text = try check.entry(text)
        case .remove(let node):
            guard let nodes = state.trees[id], nodes.contains(where: { $0.id == node }) else { throw check.fail("That entry is no longer in \(label).") }
            var doomed: Set<String> = [node]
            var grew = true
            while grew {
                let before = doomed.count
                for entry in nodes where entry.parent.map(doomed.contains) == true { doomed.insert(entry.id) }
                grew = doomed.count > before
            }
            state.trees[id]!.removeAll { doomed.contains($0.id) }
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        let nodes = state.trees[field.id] ?? []
        func walk(_ parent: String?, branch: String, depth: Int) {
            for node in nodes where node.parent == parent && node.branch == branch {
                summary.lines.append(String(repeating: "  ", count: depth) + node.text)
                walk(node.id, branch: branch, depth: depth + 1)
            }
        }
        for branch in branches where nodes.contains(where: { $0.branch == branch.id }) {
            summary.lines.append(branch.label)
            walk(nil, branch: branch.id, depth: 1)
        }
    }

    var outline: [String] { [([rootLabel] + branches.map(\.label)).joined(separator: " / ")] }
}
