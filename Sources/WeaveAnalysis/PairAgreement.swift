/// Agreement between two coders over the units both rated: count, percent agreement and Cohen's
/// kappa.
public struct PairAgreement: Sendable, Hashable {
    /// The first coder's index (the smaller one when built from an ``AgreementTally``).
    public let coderA: Int

    /// The second coder's index.
    public let coderB: Int

    /// The number of units both coders rated.
    public let unitCount: Int

    /// The share of those units on which they chose the same category; `nil` when `unitCount` is 0.
    public let percentAgreement: Double?

    /// Cohen's (unweighted) kappa, as `sklearn.metrics.cohen_kappa_score(a, b)` computes it:
    /// `κ = 1 − Σ_{i≠j} O_ij / Σ_{i≠j} E_ij`, `E_ij = a_i b_j / n` from the two coders' marginals.
    ///
    /// `nil` — sklearn's NaN (`replace_undefined_by=np.nan`) — when the pair shares no unit, or the
    /// expected disagreement is 0: both coders put every shared unit in the same single category
    /// (e.g. both always "absent"), so kappa is 0/0 however well they agree.
    public let cohenKappa: Double?

    /// Computes the statistics from a `k × k` confusion matrix `[va * k + vb]` (rows: coder A).
    public init<C: Collection>(coderA: Int, coderB: Int, confusion: C, categoryCount k: Int) where C.Element == Int {
        precondition(confusion.count == k * k, "confusion matrix must have k² cells")
        self.coderA = coderA
        self.coderB = coderB
        var rowTotals = Array(repeating: 0, count: k)
        var columnTotals = Array(repeating: 0, count: k)
        var n = 0
        var agreeing = 0
        for (index, count) in confusion.enumerated() {
            let i = index / k
            let j = index % k
            rowTotals[i] += count
            columnTotals[j] += count
            n += count
            if i == j { agreeing += count }
        }
        unitCount = n
        guard n > 0 else {
            percentAgreement = nil
            cohenKappa = nil
            return
        }
        percentAgreement = Double(agreeing) / Double(n)
        var chanceAgreeing = 0
        for v in 0 ..< k { chanceAgreeing += rowTotals[v] * columnTotals[v] }
        // n · Σ_{i≠j} E_ij = n² − Σ_v a_v b_v, an exact integer.
        let expectedDisagreement = n * n - chanceAgreeing
        guard expectedDisagreement > 0 else {
            cohenKappa = nil
            return
        }
        cohenKappa = 1 - Double(n) * Double(n - agreeing) / Double(expectedDisagreement)
    }

    /// Computes the statistics from two coders' ratings of the same units (``RatingMatrix/missing``
    /// where a coder did not rate a unit; only units both rated count).
    public init(coderA: Int = 0, coderB: Int = 1, ratingsA: [Int8], ratingsB: [Int8], categoryCount k: Int = 2) {
        precondition(ratingsA.count == ratingsB.count, "both coders must rate the same units")
        var confusion = Array(repeating: 0, count: k * k)
        for (a, b) in zip(ratingsA, ratingsB) where a >= 0 && b >= 0 {
            precondition(Int(a) < k && Int(b) < k, "rating out of range")
            confusion[Int(a) * k + Int(b)] += 1
        }
        self.init(coderA: coderA, coderB: coderB, confusion: confusion, categoryCount: k)
    }
}

extension AgreementTally {
    /// Agreement for every coder pair `(a, b)`, `a < b`, in ``coderPairs`` order.
    public var pairAgreements: [PairAgreement] {
        coderPairs.enumerated().map { index, pair in
            PairAgreement(coderA: pair.a, coderB: pair.b, confusion: confusion(pair: index), categoryCount: categoryCount)
        }
    }
}
