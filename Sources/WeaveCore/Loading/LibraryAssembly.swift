import Foundation

/// Turns parsed files into a ``Library``: checks ids are unique, resolves references, `use` entries and
/// option sets, and runs the checks that need the whole library.
///
/// Lives for one load, on one task.
final class LibraryAssembly {
    private var files: [LibraryFile] = []
    private var parsed: [(item: ParsedItem, location: SourceLocation)] = []
    private var extra: [Diagnostic] = []
    private(set) var library = Library()

    /// Reads one file's bytes.
    func read(_ data: Data, display: String) {
        let file = LibraryFile(display: display)
        files.append(file)
        guard let root = file.parse(data), let (item, location) = file.readItem(root) else {
            // Its problems are reported in its own file; references to it elsewhere are not reported again.
            if let id = file.attemptedID { unreadable.insert(id) }
            return
        }
        if case .tool(let tool, let fields) = item {
            if file.incompleteOptionSets { toolsWithBrokenOptionSets.insert(tool.id) }
            if fields.contains(where: { if case .broken = $0 { true } else { false } }) { toolsWithBrokenFields.insert(tool.id) }
        }
        parsed.append((item, location))
    }

    /// Records a problem found while assembling.
    func report(_ message: String, at location: SourceLocation) {
        extra.append(Diagnostic(message, at: location))
    }

    /// The tool with this id, as far as it is assembled.
    func tool(_ id: String) -> Tool? { library.tool(id) }

    /// Builds the library and returns it with every problem found.
    func finish() -> (Library, [Diagnostic]) {
        register()
        attachTranslations()
        checkReferences()
        attachCodesToOtherCodebooks()
        resolveFields()
        for file in files { for check in file.checks { check(self) } }
        return (library, files.flatMap(\.diagnostics) + extra)
    }

    // MARK: Translations

    /// Gives each item the language and translations of the file it was read from (a codebook's codes
    /// share its file's), so that an item dropped for a clashing id leaves no translations behind.
    private func attachTranslations() {
        let byDisplay = Dictionary(files.map { ($0.display, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, origin) in library.origins {
            guard let file = byDisplay[origin.file], file.language != LanguageCode.fallback || !file.translated.entries.isEmpty else { continue }
            library.translations[id] = file.translated.translations(language: file.language)
        }
    }

    // MARK: Ids

    private var toolFieldEntries: [String: [FieldEntry]] = [:]
    /// Ids of items whose files could not be read into an item.
    private var unreadable: Set<String> = []
    /// Tools with a field, or an option set, that could not be read.
    private var toolsWithBrokenFields: Set<String> = []
    private var toolsWithBrokenOptionSets: Set<String> = []
    private var pathCanvasEntries: [String: [[FieldEntry]]] = [:]

    /// Adds every item whose id is new; a clash names both files.
    private func register() {
        for (item, location) in parsed {
            if case .codebook(let codebook, let codeLocations) = item {
                guard claim(codebook.id, as: .codebook, at: location) else { continue }
                var kept = codebook
                kept.codes = codebook.codes.filter { code in
                    claim(code.id, as: .code, at: codeLocations[code.id] ?? location)
                }
                let keptIDs = Set(kept.codes.map(\.id))
                for index in kept.codes.indices {
                    kept.codes[index].children.removeAll { !keptIDs.contains($0) }
                }
                library.add(.codebook(kept), at: location)
                for code in kept.codes { library.add(.code(code), at: codeLocations[code.id] ?? location) }
                continue
            }
            guard claim(item.id, as: item.kind, at: location) else { continue }
            switch item {
            case .tool(let tool, let fields):
                library.add(.tool(tool), at: location)
                toolFieldEntries[tool.id] = fields
            case .toolkit(let toolkit):
                library.add(.toolkit(toolkit), at: location)
            case .path(let path, let canvas):
                library.add(.path(path), at: location)
                pathCanvasEntries[path.id] = canvas
            case .codebook:
                break
            }
        }
    }

    private var claimed: [String: (kind: ItemKind, location: SourceLocation)] = [:]

    private func claim(_ id: String, as kind: ItemKind, at location: SourceLocation) -> Bool {
        if let first = claimed[id] {
            let builtIn = first.location.file.hasPrefix("<built-in>") && !location.file.hasPrefix("<built-in>")
            let which = builtIn ? "built-in \(first.kind.displayName)" : first.kind.displayName
            report("the id \"\(id)\" of this \(kind.displayName) is already used by the \(which) in \(first.location); ids must be unique across the library", at: location)
            return false
        }
        claimed[id] = (kind, location)
        return true
    }

    // MARK: Codes placed under another codebook's code

    /// Lists a top-level code written with `parent: CODE-ID` among that code's children, so that a folder
    /// can extend a built-in codebook; the code stays in its own codebook.
    private func attachCodesToOtherCodebooks() {
        for code in library.codes {
            guard let parentID = code.parent, var parent = library.code(parentID), parent.codebook != code.codebook else { continue }
            guard !parent.children.contains(code.id) else { continue }
            parent.children.append(code.id)
            library.replace(.code(parent))
            if let position = library.codebooks.firstIndex(where: { $0.id == parent.codebook }),
               let inBook = library.codebooks[position].codes.firstIndex(where: { $0.id == parentID }) {
                library.codebooks[position].codes[inBook].children.append(code.id)
            }
        }
        // A parent in the code's own codebook is written by nesting, which keeps the order and cannot loop.
        for codebook in library.codebooks {
            let own = Set(codebook.codes.map(\.id))
            for code in codebook.codes {
                guard let parentID = code.parent, own.contains(parentID),
                      codebook.codes.first(where: { $0.id == parentID })?.children.contains(code.id) != true else { continue }
                report("code \"\(code.id)\" names \"\(parentID)\" of its own codebook as \"parent\"; nest it under \"children\" of that code instead", at: library.origins[code.id] ?? SourceLocation(file: "", line: 1, column: 1))
            }
        }
    }

    // MARK: References

    private func checkReferences() {
        for reference in files.flatMap(\.references) {
            check(reference)
        }
    }

    /// Checks one reference; `true` when it resolves to the right kind.
    @discardableResult
    private func check(_ reference: Reference) -> Bool {
        let kind = reference.kind
        switch claimed[reference.id]?.kind {
        case kind?:
            return true
        case let other?:
            report("\(reference.subject) names \(kind.displayName) \"\(reference.id)\" but \"\(reference.id)\" is \(other.withArticle), not \(kind.withArticle)", at: reference.location)
        case nil:
            if unreadable.contains(reference.id) { return false }
            let candidates = claimed.filter { $0.value.kind == kind }.map(\.key)
            let hint = Suggestion.closest(to: reference.id, in: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
            report("\(reference.subject) names \(kind.displayName) \"\(reference.id)\" but no \(kind.displayName) has that id\(hint)", at: reference.location)
        }
        return false
    }

    // MARK: Canvas fields

    private var resolvedToolFields: [String: [CanvasField]] = [:]
    private var resolving: Set<String> = []

    /// Expands `use` entries and fills option lists named with `…_from`, in tools first, then paths.
    private func resolveFields() {
        for tool in library.tools {
            var resolved = tool
            resolved.fields = fields(ofTool: tool.id)
            library.replace(.tool(resolved))
        }
        for path in library.paths {
            var resolved = path
            var seen: [String: String] = [:]
            for (index, entries) in (pathCanvasEntries[path.id] ?? []).enumerated() where index < resolved.phases.count {
                let phase = resolved.phases[index]
                resolved.phases[index].canvas = resolve(entries, owner: "phase \"\(phase.id)\"").filter { field, location in
                    if let other = seen[field.id] {
                        report("phase \"\(phase.id)\" has a canvas field \"\(field.id)\" but \(other) has one with that id too; field ids must be unique within the path", at: location)
                        return false
                    }
                    seen[field.id] = "phase \"\(phase.id)\""
                    return true
                }.map(\.0)
            }
            library.replace(.path(resolved))
        }
    }

    /// A tool's fields, resolved once, following `use` chains between tools.
    private func fields(ofTool id: String) -> [CanvasField] {
        if let done = resolvedToolFields[id] { return done }
        guard !resolving.contains(id) else { return [] }
        resolving.insert(id)
        var seen: Set<String> = []
        let fields = resolve(toolFieldEntries[id] ?? [], owner: "tool \"\(id)\"").filter { field, location in
            guard seen.insert(field.id).inserted else {
                report("tool \"\(id)\" has two fields with the id \"\(field.id)\"; field ids must be unique within a tool", at: location)
                return false
            }
            return true
        }.map(\.0)
        resolving.remove(id)
        resolvedToolFields[id] = fields
        return fields
    }

    private func resolve(_ entries: [FieldEntry], owner: String) -> [(CanvasField, SourceLocation)] {
        entries.compactMap { entry -> (CanvasField, SourceLocation)? in
            switch entry {
            case .field(let field, let location):
                return resolveOptions(in: field, location: location).map { ($0, location) }
            case .broken:
                return nil
            case .use(let use):
                guard library.tool(use.tool) != nil else { return nil }  // reported with the references
                if resolving.contains(use.tool) {
                    report("\(use.subject) uses \"\(use.tool)/\(use.field)\", which leads back to itself through other tools' \"use\"", at: use.location)
                    return nil
                }
                guard var field = fields(ofTool: use.tool).first(where: { $0.id == use.field }) else {
                    if toolsWithBrokenFields.contains(use.tool) { return nil }  // the field's own problem is reported
                    let available = fields(ofTool: use.tool).map(\.id)
                    let hint = Suggestion.closest(to: use.field, in: available).map { "; did you mean \"\($0)\"?" }
                        ?? (available.isEmpty ? "; that tool has no fields" : "; its fields are \(available.map { "\"\($0)\"" }.joined(separator: ", "))")
                    report("\(use.subject) uses field \"\(use.field)\" of tool \"\(use.tool)\" but that tool has no field with that id\(hint)", at: use.location)
                    return nil
                }
                field.origin = field.origin ?? "\(use.tool)/\(use.field)"
                if let id = use.id { field.id = id }
                if let label = use.label { field.label = label }
                if let prompt = use.prompt { field.prompt = prompt }
                if let required = use.required { field.required = required }
                return (field, use.location)
            }
        }
    }

    /// Fills option lists written as `…_from: TOOL-ID/SET-ID`; reports sets that do not exist.
    private func resolveOptions(in field: CanvasField, location: SourceLocation) -> CanvasField? {
        var lists = field.kind.optionLists
        guard lists.contains(where: { $0.source != nil }) else { return field }
        for index in lists.indices {
            guard let source = lists[index].source, let (toolID, setID) = splitReference(source) else { continue }
            guard let tool = library.tool(toolID) else { return nil }  // reported with the references
            guard let set = tool.optionSet(setID) else {
                if toolsWithBrokenOptionSets.contains(toolID) { return nil }  // the set's own problem is reported
                let available = tool.optionSets.map(\.id)
                let hint = Suggestion.closest(to: setID, in: available).map { "; did you mean \"\($0)\"?" }
                    ?? (available.isEmpty ? "; that tool has no option sets" : "; its option sets are \(available.map { "\"\($0)\"" }.joined(separator: ", "))")
                report("canvas field \"\(field.id)\" takes options from \"\(source)\" but tool \"\(toolID)\" has no option set \"\(setID)\"\(hint)", at: lists[index].location ?? location)
                return nil
            }
            lists[index].options = set.options
            lists[index].location = nil
        }
        var resolved = field
        resolved.kind = field.kind.replacingOptionLists(lists)
        return resolved
    }
}
