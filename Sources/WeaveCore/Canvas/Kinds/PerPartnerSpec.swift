/// One answer per partner organisation, free text or chosen from options.
public struct PerPartnerSpec: Sendable, Hashable, Codable {
    /// The form of each partner's answer.
    public enum Answer: String, Sendable, Hashable, Codable, CaseIterable { case text, choice }
    public var answer: Answer
    /// The choices, for `choice` answers.
    public var options: ChoiceList?
    /// Whether a partner may choose several options.
    public var multiple: Bool
    public init(answer: Answer = .text, options: ChoiceList? = nil, multiple: Bool = false) {
        self.answer = answer
        self.options = options
        self.multiple = multiple
    }
}

extension PerPartnerSpec: FieldKindSpec {
    /// The edits a per-partner field takes.
    enum Edit: Sendable, Hashable {
        /// A partner's answer: text, or the chosen option ids.
        case answer(partner: String, text: String?, choices: [String])
    }

    static var name: CanvasFieldKind.Name { .perPartner }
    static var keys: [String] { ["answer", "options", "options_from", "multiple"] }
    static var requiredKeys: [String] { [] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> PerPartnerSpec? {
        let answer = reader.choice("answer", of: Answer.self) ?? .text
        let options = file.readOptionList(reader, key: "options")
        if answer == .choice && options == nil && !reader.has("options") && !reader.has("options_from") {
            file.error("\(reader.subject) has answer \"choice\" but no options: add \"options\" or \"options_from\"", at: reader.node)
            return nil
        }
        if answer == .text && (reader.has("options") || reader.has("options_from")) {
            file.error("\(reader.subject) lists options but its answer is \"text\"; set answer: choice", at: reader.keyNode("answer") ?? reader.node)
            return nil
        }
        if reader.has("multiple") && answer == .text {
            file.error("\(reader.subject): \"multiple\" applies only to answer: choice", at: reader.keyNode("multiple"))
        }
        return PerPartnerSpec(answer: answer, options: options, multiple: reader.bool("multiple") ?? false)
    }

    var kind: CanvasFieldKind { .perPartner(self) }
    var optionLists: [ChoiceList] { options.map { [$0] } ?? [] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> PerPartnerSpec {
        guard lists.count == optionLists.count else { return self }
        var spec = self
        spec.options = lists.first
        return spec
    }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let label = check.field.label
        switch edit {
        case .answer(let partner, let text, let choices):
            guard check.context.partners.contains(partner) else { throw check.fail("That partner is not part of this partnership.") }
            switch answer {
            case .text:
                guard choices.isEmpty else { throw check.fail("\(label) takes a written answer, not a choice.") }
                var written: String?
                if let text { written = try check.entry(text, limit: CanvasLimits.textCharacters, "answer") }
                state.partnerAnswers[check.id, default: [:]][partner] = CanvasState.PartnerAnswer(text: written, choices: [])
            case .choice:
                guard text == nil else { throw check.fail("\(label) takes a choice, not a written answer.") }
                let allowed = Set(options?.options.map(\.id) ?? [])
                if let unknown = choices.first(where: { !allowed.contains($0) }) {
                    throw check.fail("\"\(unknown.prefix(40))\" is not one of the choices for \(label).")
                }
                guard multiple || choices.count <= 1 else { throw check.fail("\(label) takes one choice per partner.") }
                guard Set(choices).count == choices.count else { throw check.fail("The same choice is given twice.") }
                state.partnerAnswers[check.id, default: [:]][partner] = CanvasState.PartnerAnswer(text: nil, choices: choices)
            }
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.columns = ["Partner", answer == .choice ? "Choice" : "Answer"]
        let labels = Dictionary((options?.options ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        summary.rows = (state.partnerAnswers[field.id] ?? [:]).map { partner, answer in
            [name(partner), answer.text ?? answer.choices.map { labels[$0] ?? $0 }.joined(separator: ", ")]
        }.sorted { $0[0] < $1[0] }
    }

    var outline: [String] {
        [answer == .choice ? "choose from " + (options?.options.map(\.label).joined(separator: ", ") ?? "") : "text"]
    }
}
