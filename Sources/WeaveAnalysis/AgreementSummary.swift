/// Every agreement statistic for one code (or, from a pooled tally, for the whole codebook).
///
/// Undefined statistics are `nil`, never NaN — see each property for when that happens.
public struct AgreementSummary: Sendable, Hashable {
    /// The number of units in the data.
    public let unitCount: Int

    /// The number of units rated by at least two coders (those percent agreement and
    /// Krippendorff's alpha use).
    public let pairableUnitCount: Int

    /// The number of units rated by every coder (those Fleiss' kappa uses).
    public let completeUnitCount: Int

    /// See ``AgreementTally/percentAgreement``.
    public let percentAgreement: Double?

    /// See ``AgreementTally/fleissKappa``.
    public let fleissKappa: Double?

    /// See ``AgreementTally/krippendorffAlpha``.
    public let krippendorffAlpha: Double?

    /// Cohen's kappa and percent agreement for every coder pair `(a, b)`, `a < b`.
    public let pairs: [PairAgreement]

    /// Summarises a tally (one code's, or several merged).
    public init(_ tally: AgreementTally) {
        unitCount = tally.unitCount
        pairableUnitCount = tally.pairableUnitCount
        completeUnitCount = tally.completeUnitCount
        percentAgreement = tally.percentAgreement
        fleissKappa = tally.fleissKappa
        krippendorffAlpha = tally.krippendorffAlpha
        pairs = tally.pairAgreements
    }

    /// Summarises one rating matrix.
    public init(_ matrix: RatingMatrix) {
        self.init(AgreementTally(matrix))
    }
}
