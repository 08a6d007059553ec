/// The result of a token vote on one target: tokens per colour and the ratio the field declares.
public struct TokenTally: Sendable, Hashable, Codable {
    /// The target's id.
    public var target: String
    /// The target's label.
    public var label: String
    /// Tokens per colour, every declared colour present (zero where none was placed).
    public var counts: [String: Int]
    /// Numerator count over denominator count; `nil` without a declared ratio or when the denominator is zero.
    public var ratio: Double?
    /// Good tokens over all tokens on the target, when the field says which colour is good; `nil` without
    /// tokens.
    public var goodShare: Double? = nil
}

extension CanvasState {
    /// Tallies a token-vote field: one entry per target, in the order the targets are declared.
    public func tally(_ field: CanvasField) -> [TokenTally] {
        guard case .tokenVote(let spec) = field.kind else { return [] }
        let placed = tokens[field.id] ?? []
        return spec.targets.options.map { target in
            var counts = Dictionary(uniqueKeysWithValues: spec.tokens.map { ($0.colour, 0) })
            for token in placed where token.target == target.id { counts[token.colour, default: 0] += 1 }
            var ratio: Double?
            if let declared = spec.ratio, let below = counts[declared.denominator], below > 0 {
                ratio = Double(counts[declared.numerator] ?? 0) / Double(below)
            }
            let total = counts.values.reduce(0, +)
            let goodShare = spec.priorities.flatMap { view in total > 0 ? Double(counts[view.good] ?? 0) / Double(total) : nil }
            return TokenTally(target: target.id, label: target.label, counts: counts, ratio: ratio, goodShare: goodShare)
        }
    }

    /// The targets most in need of work first: lowest ratio first (a target with denominator tokens and no
    /// numerator tokens scores 0); targets without denominator tokens last, those with most numerator
    /// tokens first among them. Ties keep the declared order.
    ///
    /// A field that says which colour is good (`priorities`) is ordered by the share of good tokens instead:
    /// smallest share first (`weakest-first`) or largest first (`strongest-first`), targets without tokens
    /// last, ties in the declared order.
    public func priorities(_ field: CanvasField) -> [TokenTally] {
        guard case .tokenVote(let spec) = field.kind else { return [] }
        if let view = spec.priorities {
            return tally(field).enumerated().sorted { a, b in
                switch (a.element.goodShare, b.element.goodShare) {
                case let (x?, y?) where x != y: return view.order == .weakestFirst ? x < y : x > y
                case (_?, nil): return true
                case (nil, _?): return false
                case (_?, _?), (nil, nil): return a.offset < b.offset
                }
            }.map(\.element)
        }
        guard let declared = spec.ratio else { return tally(field) }
        return tally(field).enumerated().sorted { a, b in
            switch (a.element.ratio, b.element.ratio) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil):
                let (x, y) = (a.element.counts[declared.numerator] ?? 0, b.element.counts[declared.numerator] ?? 0)
                if x != y { return x > y }
                return a.offset < b.offset
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
