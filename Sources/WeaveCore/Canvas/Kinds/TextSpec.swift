/// A text, with optional limits: "one sentence vision statement" is `maxSentences: 1`.
public struct TextSpec: Sendable, Hashable, Codable {
    public var minCharacters: Int?
    public var maxCharacters: Int?
    public var maxSentences: Int?
    public init(minCharacters: Int? = nil, maxCharacters: Int? = nil, maxSentences: Int? = nil) {
        self.minCharacters = minCharacters
        self.maxCharacters = maxCharacters
        self.maxSentences = maxSentences
    }
}

extension TextSpec: FieldKindSpec {
    /// The edits a text field takes.
    enum Edit: Sendable, Hashable {
        /// Replaces the text; the previous one stays in the session's log.
        case set(text: String)
    }

    static var name: CanvasFieldKind.Name { .text }
    static var keys: [String] { ["min_characters", "max_characters", "max_sentences"] }
    static var requiredKeys: [String] { [] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> TextSpec? {
        let minimum = reader.integer("min_characters", minimum: 0, meaning: "a whole number of characters, zero or more")
        let maximum = reader.integer("max_characters", minimum: 1, meaning: "a whole number of characters greater than zero")
        let sentences = reader.integer("max_sentences", minimum: 1, meaning: "a whole number of sentences greater than zero")
        guard file.checkOrder(minimum, maximum, "min_characters", "max_characters", reader) else { return nil }
        return TextSpec(minCharacters: minimum, maxCharacters: maximum, maxSentences: sentences)
    }

    var kind: CanvasFieldKind { .text(self) }
    var optionLists: [ChoiceList] { [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> TextSpec { self }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        switch edit {
        case .set(let text):
            let field = check.field
            let clean = try CanvasText.check(text, maxCharacters: maxCharacters ?? CanvasLimits.textCharacters, what: "text", field: field)
            if let maxSentences, CanvasText.sentenceCount(clean) > maxSentences {
                throw check.fail("\(field.label) takes at most \(maxSentences) sentence\(maxSentences == 1 ? "" : "s"); this has \(CanvasText.sentenceCount(clean)).")
            }
            if state.texts[check.id] != nil { state.earlierTexts[check.id, default: 0] += 1 }
            state.texts[check.id] = CanvasState.TextVersion(text: clean, author: check.author)
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.text = state.texts[field.id]?.text
    }

    func goal(in state: CanvasState, field: CanvasField) -> FieldGoal? {
        minCharacters.map { FieldGoal(field: field.id, label: field.label, have: state.texts[field.id]?.text.count ?? 0, want: $0, unit: "characters") }
    }

    var outline: [String] {
        [maxSentences.map { "at most \($0) sentence\($0 == 1 ? "" : "s")" }, maxCharacters.map { "at most \($0) characters" }].compactMap { $0 }
    }
}
