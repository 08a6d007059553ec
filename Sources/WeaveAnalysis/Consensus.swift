/// How a consensus rule settles a unit whose ratings tie for the most common category.
public enum TiePolicy: Sendable, Hashable {
    /// The consensus is ``RatingMatrix/missing``: the unit is left out of the analyses of that code.
    case missing

    /// The consensus is this category if it is one of the tied categories, else
    /// ``RatingMatrix/missing``. For presence/absence codes, `.prefer(RatingMatrix.present)` counts a
    /// 1–1 split as present and `.prefer(RatingMatrix.absent)` as absent.
    case prefer(Int8)
}

/// The rule that turns several coders' ratings of a unit into the one value Q1–Q3 use.
public enum ConsensusRule: Sendable, Hashable {
    /// The most common category among the coders who rated the unit (plurality; with two
    /// categories, the majority). Ties follow the ``TiePolicy``.
    case majority(ties: TiePolicy)

    /// The named coder's rating wherever that coder rated the unit; elsewhere ``majority(ties:)``
    /// over the coders who did.
    case adjudicator(coder: Int, ties: TiePolicy)
}

/// The consensus values of one code (or variable), one per unit, with how each was reached.
public struct Consensus: Sendable, Hashable {
    /// How one unit's consensus value was reached.
    public enum Basis: Int8, Sendable, Hashable, CaseIterable {
        /// No coder rated the unit; the value is missing.
        case unrated
        /// Exactly one coder rated the unit; the value is that rating.
        case singleRating
        /// Two or more coders rated the unit and all agreed.
        case unanimous
        /// The coders disagreed and the adjudicator's rating was used.
        case adjudicator
        /// The coders disagreed and one category had more ratings than any other.
        case majority
        /// The most common categories tied and ``TiePolicy/prefer(_:)`` chose one.
        case tieBroken
        /// The most common categories tied and the value is missing.
        case tieUnresolved
    }

    /// The rule applied.
    public let rule: ConsensusRule

    /// One value per unit: a category, or ``RatingMatrix/missing``.
    public let values: [Int8]

    /// One basis per unit, parallel to ``values``.
    public let basis: [Basis]

    /// Applies a rule to every unit of a matrix.
    ///
    /// When all coders who rated a unit agree, every rule gives that category (``Basis/unanimous``
    /// or ``Basis/singleRating``). Otherwise the adjudicator's rating wins if the rule names one and
    /// they rated the unit; else the category chosen by the most coders who rated the unit wins; a
    /// tie for the most follows the rule's ``TiePolicy``.
    ///
    /// - Precondition: an adjudicator index is a column of `matrix`.
    public init(_ matrix: RatingMatrix, rule: ConsensusRule) {
        let ties: TiePolicy
        let adjudicator: Int?
        switch rule {
        case .majority(let policy):
            ties = policy
            adjudicator = nil
        case .adjudicator(let coder, let policy):
            precondition(coder >= 0 && coder < matrix.coderCount, "adjudicator is not a coder of the matrix")
            ties = policy
            adjudicator = coder
        }
        let k = matrix.categoryCount
        var counts = Array(repeating: 0, count: k)
        var values = Array(repeating: RatingMatrix.missing, count: matrix.unitCount)
        var basis = Array(repeating: Basis.unrated, count: matrix.unitCount)
        for unit in 0 ..< matrix.unitCount {
            let row = matrix.ratings(ofUnit: unit)
            var raters = 0
            for value in row where value >= 0 {
                counts[Int(value)] += 1
                raters += 1
            }
            var best = 0
            var bestCount = 0
            var tied = 0
            for v in 0 ..< k {
                if counts[v] > bestCount {
                    best = v
                    bestCount = counts[v]
                    tied = 1
                } else if counts[v] == bestCount && bestCount > 0 {
                    tied += 1
                }
            }
            if raters == 0 {
                basis[unit] = .unrated
            } else if bestCount == raters {
                values[unit] = Int8(best)
                basis[unit] = raters == 1 ? .singleRating : .unanimous
            } else if let adjudicator, row[row.startIndex + adjudicator] >= 0 {
                values[unit] = row[row.startIndex + adjudicator]
                basis[unit] = .adjudicator
            } else if tied == 1 {
                values[unit] = Int8(best)
                basis[unit] = .majority
            } else if case .prefer(let category) = ties, category >= 0, Int(category) < k,
                      counts[Int(category)] == bestCount {
                values[unit] = category
                basis[unit] = .tieBroken
            } else {
                basis[unit] = .tieUnresolved
            }
            for v in 0 ..< k { counts[v] = 0 }
        }
        self.rule = rule
        self.values = values
        self.basis = basis
    }

    /// How many units were settled on each basis.
    public func count(of kind: Basis) -> Int {
        basis.reduce(0) { $0 + ($1 == kind ? 1 : 0) }
    }

    /// The presence of a parent code from its children's consensus values (presence/absence codes):
    /// ``RatingMatrix/present`` where any child is present; ``RatingMatrix/absent`` where every
    /// child is absent; ``RatingMatrix/missing`` where no child is present and at least one is
    /// missing. With no children, every unit is missing.
    ///
    /// - Precondition: every child array has `unitCount` values.
    public static func parentPresence(children: [[Int8]], unitCount: Int) -> [Int8] {
        var result = Array(repeating: children.isEmpty ? RatingMatrix.missing : RatingMatrix.absent, count: unitCount)
        for child in children {
            precondition(child.count == unitCount, "every child needs one value per unit")
            for unit in 0 ..< unitCount where result[unit] != RatingMatrix.present {
                let value = child[unit]
                if value == RatingMatrix.present {
                    result[unit] = RatingMatrix.present
                } else if value < 0 {
                    result[unit] = RatingMatrix.missing
                }
            }
        }
        return result
    }
}
