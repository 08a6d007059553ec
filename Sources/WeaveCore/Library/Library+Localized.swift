/// A library in another language: the same items with their texts translated where their files translate
/// them, and in their own language where not.
///
/// The domain models keep one text per key — the item's own language — so everything built from a library
/// (a session plan, an agenda, a path page, an export) works unchanged on a localized copy.
extension Library {
    /// The language an item is written in.
    public func language(of id: String) -> String {
        translations[id]?.language ?? LanguageCode.fallback
    }

    /// The languages an item's texts are in: its own first, then those it is translated to.
    public func languages(of id: String) -> [String] {
        translations[id]?.languages ?? [language(of: id)]
    }

    /// Every language some item of the library is written in or translated to, in code order.
    public var languages: [String] {
        Set(translations.values.flatMap(\.languages) + [LanguageCode.fallback]).sorted()
    }

    /// One text of an item in every language the item has it in, its own language included: what a
    /// writer of the item's file would write as `{en: …, de: …}`.
    public func translations(of text: String, in id: String) -> [String: String] {
        var result = [language(of: id): text]
        for (language, texts) in translations[id]?.texts ?? [:] {
            if let translated = texts[text] { result[language] = translated }
        }
        return result
    }

    /// A copy whose texts are in `language` wherever an item translates them; other texts stay as written.
    ///
    /// A path's canvas field taken from a tool with `use`, and options taken with `…_from`, are translated
    /// by the path's file first and then by the tool's, as they were written there.
    public func localized(to language: String) -> Library {
        guard let language = LanguageCode.canonical(language) else { return self }
        var copy = self
        copy.codebooks = codebooks.map { localized(.codebook($0), to: language).codebook! }
        copy.codes = codes.map { localized(.code($0), to: language).code! }
        copy.tools = tools.map { localized(.tool($0), to: language).tool! }
        copy.toolkits = toolkits.map { localized(.toolkit($0), to: language).toolkit! }
        copy.paths = paths.map { localized(.path($0), to: language).path! }
        return copy
    }

    /// One item with its texts in `language` where its file translates them: for a list that names
    /// items without needing the whole library in that language.
    public func item(_ id: String, in language: String?) -> LibraryItem? {
        guard let item = item(id) else { return nil }
        guard let language, let code = LanguageCode.canonical(language) else { return item }
        return localized(item, to: code)
    }

    private func localized(_ item: LibraryItem, to language: String) -> LibraryItem {
        func lookup(_ ids: [String]) -> TextLookup {
            TextLookup(tables: ids.compactMap { translations[$0]?.texts[language] })
        }
        switch item {
        case .codebook(let codebook):
            return .codebook(codebook.localized(lookup([codebook.id])))
        case .code(let code):
            return .code(code.localized(lookup([code.id, code.codebook])))
        case .tool(let tool):
            var result = tool.localized(lookup([tool.id]))
            result.fields = tool.fields.map { $0.localized(lookup([tool.id] + $0.sourceTools)) }
            return .tool(result)
        case .toolkit(let toolkit):
            return .toolkit(toolkit.localized(lookup([toolkit.id])))
        case .path(let path):
            var result = path.localized(lookup([path.id]))
            for index in result.phases.indices {
                result.phases[index].canvas = path.phases[index].canvas.map { $0.localized(lookup([path.id] + $0.sourceTools)) }
            }
            return .path(result)
        }
    }
}

extension LibraryItem {
    var codebook: Codebook? { if case .codebook(let item) = self { item } else { nil } }
    var code: ActivityCode? { if case .code(let item) = self { item } else { nil } }
    var tool: Tool? { if case .tool(let item) = self { item } else { nil } }
    var toolkit: Toolkit? { if case .toolkit(let item) = self { item } else { nil } }
    var path: Path? { if case .path(let item) = self { item } else { nil } }
}

/// Maps a text to its translation in the first table that has one, or leaves it as it is.
struct TextLookup {
    let tables: [[String: String]]

    func callAsFunction(_ text: String) -> String {
        for table in tables { if let translated = table[text] { return translated } }
        return text
    }

    func callAsFunction(_ text: String?) -> String? { text.map { self($0) } }

    func callAsFunction(_ texts: [String]) -> [String] { texts.map { self($0) } }
}

extension CanvasField {
    /// The tools this field's texts were written in: the tool it was taken from with `use`, and those its
    /// option lists come from.
    var sourceTools: [String] {
        ([origin] + kind.optionLists.map(\.source)).compactMap { $0?.split(separator: "/").first.map(String.init) }
    }

    func localized(_ text: TextLookup) -> CanvasField {
        var copy = self
        copy.label = text(label)
        copy.prompt = text(prompt)
        copy.kind = kind.localized(text)
        return copy
    }
}

extension Choice {
    func localized(_ text: TextLookup) -> Choice {
        Choice(id: id, label: text(label), description: text(description))
    }
}

extension ChoiceList {
    func localized(_ text: TextLookup) -> ChoiceList {
        var copy = self
        copy.options = options.map { $0.localized(text) }
        return copy
    }
}

extension Material {
    func localized(_ text: TextLookup) -> Material {
        var copy = self
        copy.name = text(name)
        copy.note = text(note)
        return copy
    }
}

extension Note {
    func localized(_ text: TextLookup) -> Note {
        Note(text: text(self.text), tool: tool)
    }
}

extension Codebook {
    func localized(_ text: TextLookup) -> Codebook {
        var copy = self
        copy.name = text(name)
        copy.description = text(description)
        copy.codes = codes.map { $0.localized(text) }
        return copy
    }
}

extension ActivityCode {
    func localized(_ text: TextLookup) -> ActivityCode {
        var copy = self
        copy.name = text(name)
        copy.definition = text(definition)
        copy.example = text(example)
        return copy
    }
}

extension Tool {
    /// The tool's own texts localized; its fields are localized by the caller, which knows their sources.
    func localized(_ text: TextLookup) -> Tool {
        var copy = self
        copy.name = text(name)
        copy.summary = text(summary)
        copy.description = text(description)
        copy.purpose = text(purpose)
        copy.whenToUse = text(whenToUse)
        copy.materials = materials.map { $0.localized(text) }
        copy.steps = text(steps)
        copy.produces = text(produces)
        copy.optionSets = optionSets.map { ChoiceSet(id: $0.id, options: $0.options.map { $0.localized(text) }) }
        return copy
    }
}

extension Toolkit {
    func localized(_ text: TextLookup) -> Toolkit {
        var copy = self
        copy.name = text(name)
        copy.summary = text(summary)
        copy.description = text(description)
        copy.creator.organisation = text(creator.organisation)
        copy.creator.authors = text(creator.authors)
        copy.creator.country = text(creator.country)
        copy.networks.description = text(networks.description)
        copy.networks.socialIssues = text(networks.socialIssues)
        copy.networks.ages = text(networks.ages)
        copy.networks.memberOrgTypes = text(networks.memberOrgTypes)
        return copy
    }
}

extension Path {
    /// The path's own texts localized; its canvas fields are localized by the caller, which knows their sources.
    func localized(_ text: TextLookup) -> Path {
        var copy = self
        copy.name = text(name)
        copy.subtitle = text(subtitle)
        copy.summary = text(summary)
        copy.description = text(description)
        copy.participants?.description = text(participants?.description)
        copy.participants?.notes = (participants?.notes ?? []).map { $0.localized(text) }
        copy.outcomes = text(outcomes)
        copy.preparation = preparation.map { $0.localized(text) }
        copy.materials = materials.map { $0.localized(text) }
        copy.days = days?.map { Day(name: text($0.name), phases: $0.phases) }
        copy.phases = phases.map { phase in
            var result = phase
            result.name = text(phase.name)
            result.description = text(phase.description)
            result.steps = phase.steps.map { step in
                var result = step
                result.title = text(step.title)
                result.description = text(step.description)
                result.notes = text(step.notes)
                result.materials = step.materials?.map { $0.localized(text) }
                return result
            }
            return result
        }
        return copy
    }
}

extension CanvasFieldKind {
    /// The kind's own texts — column labels, token labels, scale ends, axes, quadrants, branches — and its
    /// options localized. Exhaustive, so a new kind must say what it shows.
    func localized(_ text: TextLookup) -> CanvasFieldKind {
        let kind = replacingOptionLists(optionLists.map { $0.localized(text) })
        switch kind {
        case .text, .list, .perPartner, .checklist:
            return kind
        case .table(var spec):
            spec.columns = spec.columns.map { column in
                var copy = column
                copy.label = text(column.label)
                return copy
            }
            return .table(spec)
        case .tokenVote(var spec):
            spec.tokens = spec.tokens.map { token in
                var copy = token
                copy.label = text(token.label)
                return copy
            }
            if let label = spec.priorities?.label { spec.priorities?.label = text(label) }
            return .tokenVote(spec)
        case .rating(var spec):
            spec.scale.lowLabel = text(spec.scale.lowLabel)
            spec.scale.highLabel = text(spec.scale.highLabel)
            return .rating(spec)
        case .tree(var spec):
            spec.rootLabel = text(spec.rootLabel)
            spec.branches = spec.branches.map { $0.localized(text) }
            return .tree(spec)
        case .grid(var spec):
            for axis in [\GridSpec.xAxis, \GridSpec.yAxis] {
                spec[keyPath: axis].label = text(spec[keyPath: axis].label)
                spec[keyPath: axis].low = text(spec[keyPath: axis].low)
                spec[keyPath: axis].high = text(spec[keyPath: axis].high)
            }
            spec.quadrants = spec.quadrants.map { text($0) }
            return .grid(spec)
        }
    }
}
