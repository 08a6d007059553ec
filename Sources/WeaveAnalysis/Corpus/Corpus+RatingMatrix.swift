extension Corpus {
    /// One code's codings as a ``RatingMatrix`` (toolkits × coders, categories absent and present),
    /// sharing the code's storage.
    public func ratingMatrix(ofCode code: Int) -> RatingMatrix {
        do {
            return try RatingMatrix(
                unitCount: toolkits.count, coderCount: max(1, coders.count), categoryCount: 2,
                values: coders.isEmpty ? Array(repeating: Codings.notCoded, count: toolkits.count) : codings.byCode[code])
        } catch {
            // Codings hold only -1, 0 and 1 in the right shape, which is all RatingMatrix checks.
            preconditionFailure("corpus codings do not form a rating matrix: \(error)")
        }
    }
}
