import Foundation

/// Each participant places a budget of coloured tokens on declared targets.
public struct TokenVoteSpec: Sendable, Hashable, Codable {
    /// One colour of token and how many each participant holds.
    public struct Token: Sendable, Hashable, Codable {
        public var colour: String
        public var label: String
        public var perParticipant: Int
        public init(colour: String, label: String, perParticipant: Int) {
            self.colour = colour
            self.label = label
            self.perParticipant = perParticipant
        }
    }
    /// Which colours form the ratio shown per target, such as green over red.
    public struct Ratio: Sendable, Hashable, Codable {
        public var numerator: String
        public var denominator: String
        public init(numerator: String, denominator: String) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }
    /// How the priorities view orders the targets, and what it is called: said by the tool, so that a vote
    /// whose good colour is not green, or that wants its strongest targets first, reads right.
    public struct Priorities: Sendable, Hashable, Codable {
        /// Which end comes first.
        public enum Order: String, Sendable, Hashable, Codable, CaseIterable {
            /// The smallest share of good tokens first: where to work.
            case weakestFirst = "weakest-first"
            /// The largest share of good tokens first: what to build on.
            case strongestFirst = "strongest-first"
        }
        /// The token colour that means good.
        public var good: String
        public var order: Order
        /// The view's heading.
        public var label: String
        public init(good: String, order: Order = .weakestFirst, label: String = "Priorities") {
            self.good = good
            self.order = order
            self.label = label
        }
    }
    public var tokens: [Token]
    public var targets: ChoiceList
    public var ratio: Ratio?
    public var priorities: Priorities?
    public init(tokens: [Token], targets: ChoiceList, ratio: Ratio? = nil, priorities: Priorities? = nil) {
        self.tokens = tokens
        self.targets = targets
        self.ratio = ratio
        self.priorities = priorities
    }
}

extension TokenVoteSpec: FieldKindSpec {
    /// The edits a token vote takes; each moves one of the editing participant's own tokens.
    enum Edit: Sendable, Hashable {
        case place(colour: String, target: String)
        case remove(colour: String, target: String)
    }

    static var name: CanvasFieldKind.Name { .tokenVote }
    static var keys: [String] { ["tokens", "targets", "targets_from", "ratio", "priorities"] }
    static var requiredKeys: [String] { ["tokens"] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> TokenVoteSpec? {
        guard let nodes = reader.list("tokens", nonEmpty: true), !nodes.isEmpty else { return nil }
        var tokens: [Token] = []
        for (index, node) in nodes.enumerated() {
            guard let token = MappingReader(node, subject: "\(reader.subject): token \(index + 1)", file: file, required: ["colour", "label", "per_participant"], optional: []),
                  let colour = token.id("colour"), let label = token.text("label", nonEmpty: true),
                  let count = token.integer("per_participant", minimum: 1, meaning: "a whole number of tokens greater than zero") else { continue }
            if tokens.contains(where: { $0.colour == colour }) {
                file.error("\(reader.subject) declares the token colour \"\(colour)\" twice", at: token.value("colour"))
                continue
            }
            tokens.append(.init(colour: colour, label: label, perParticipant: count))
        }
        guard tokens.count == nodes.count, let targets = file.readOptionList(reader, key: "targets", required: true) else { return nil }
        var ratio: Ratio?
        if let ratioReader = reader.mapping("ratio", required: ["numerator", "denominator"], optional: []) {
            guard let numerator = ratioReader.id("numerator"), let denominator = ratioReader.id("denominator") else { return nil }
            for (key, colour) in [("numerator", numerator), ("denominator", denominator)] where !tokens.contains(where: { $0.colour == colour }) {
                file.error("\(reader.subject): the ratio's \(key) \"\(colour)\" is not one of its token colours (\(tokens.map { "\"\($0.colour)\"" }.joined(separator: ", ")))", at: ratioReader.value(key))
                return nil
            }
            if numerator == denominator {
                file.error("\(reader.subject): the ratio divides \"\(numerator)\" by itself; name two different colours", at: ratioReader.node)
                return nil
            }
            ratio = .init(numerator: numerator, denominator: denominator)
        } else if reader.has("ratio") {
            return nil
        }
        var priorities: Priorities?
        if let view = reader.mapping("priorities", required: ["good"], optional: ["order", "label"]) {
            guard let good = view.id("good") else { return nil }
            guard tokens.contains(where: { $0.colour == good }) else {
                file.error("\(reader.subject): the priorities' good colour \"\(good)\" is not one of its token colours (\(tokens.map { "\"\($0.colour)\"" }.joined(separator: ", ")))", at: view.value("good"))
                return nil
            }
            let order = view.choice("order", of: Priorities.Order.self)
            if view.has("order") && order == nil { return nil }
            priorities = Priorities(good: good, order: order ?? .weakestFirst, label: view.text("label", nonEmpty: true) ?? "Priorities")
        } else if reader.has("priorities") {
            return nil
        }
        return TokenVoteSpec(tokens: tokens, targets: targets, ratio: ratio, priorities: priorities)
    }

    var kind: CanvasFieldKind { .tokenVote(self) }
    var optionLists: [ChoiceList] { [targets] }
    func replacingOptionLists(_ lists: [ChoiceList]) -> TokenVoteSpec {
        guard lists.count == optionLists.count else { return self }
        var spec = self
        spec.targets = lists[0]
        return spec
    }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let label = check.field.label
        switch edit {
        case .place(let colour, let target):
            guard let token = tokens.first(where: { $0.colour == colour }) else { throw check.fail("\(label) has no \(colour.prefix(20)) tokens.") }
            guard targets.options.contains(where: { $0.id == target }) else { throw check.fail("\(label) has no target \"\(target.prefix(40))\".") }
            let used = (state.tokens[check.id] ?? []).filter { $0.participant == check.author && $0.colour == colour }.count
            guard used < token.perParticipant else {
                throw check.fail("You have placed all \(token.perParticipant) of your \(token.label.lowercased()) (\(colour)) tokens; take one back to place it elsewhere.")
            }
            state.tokens[check.id, default: []].append(CanvasState.Token(participant: check.author, colour: colour, target: target))
        case .remove(let colour, let target):
            guard let index = state.tokens[check.id]?.lastIndex(where: { $0.participant == check.author && $0.colour == colour && $0.target == target }) else {
                throw check.fail("You have no \(colour.prefix(20)) token on that target.")
            }
            state.tokens[check.id]!.remove(at: index)
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.columns = ["Target"] + tokens.map(\.label) + (ratio == nil ? [] : ["Ratio"])
        summary.rows = state.priorities(field).map { tally in
            [tally.label] + tokens.map { String(tally.counts[$0.colour] ?? 0) }
                + (ratio == nil ? [] : [tally.ratio.map { String(format: "%.2f", $0) } ?? "–"])
        }
    }

    var outline: [String] {
        [tokens.map { "\($0.perParticipant) \($0.colour)" }.joined(separator: " + ") + " per participant", "\(targets.options.count) targets"]
    }
}
