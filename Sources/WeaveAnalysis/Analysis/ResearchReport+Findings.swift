import Foundation

extension ResearchReport {
    /// A difference worth stating first: one group against the others, in words and numbers.
    public struct Finding: Sendable, Hashable {
        /// `q2`, `q3` or `other`.
        public var family: String
        public var effect: Effect
        /// The sentence, such as "Toolkits with creator type “academic” suggest evaluation in 62%
        /// (31 of 50), the other toolkits in 28% (14 of 50): +34 points (95% CI +15 to +50), q = 0.003."
        public var text: String
    }

    /// The strongest differences across the questions: every test with q below `threshold`, each
    /// stated once for the group furthest from the others, smallest q first (then the largest
    /// difference), at most `limit`.
    public func keyFindings(limit: Int = 8, threshold: Double = 0.05) -> [Finding] {
        let names = Dictionary(q1.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for family in families {
            // One effect per test: the group whose share differs most from the others'.
            var best: [String: Effect] = [:]
            var order: [String] = []
            for effect in family.effects where (effect.q ?? 1) < threshold && effect.difference != nil {
                let key = effect.code + "\u{1}" + effect.descriptor + "\u{1}" + (family.rows.contains { $0.descriptor == effect.descriptor && $0.value != nil } ? effect.value : "")
                if let current = best[key] {
                    if abs(effect.difference!) > abs(current.difference!) { best[key] = effect }
                } else {
                    best[key] = effect
                    order.append(key)
                }
            }
            for key in order {
                let effect = best[key]!
                findings.append(Finding(family: family.id, effect: effect, text: Self.sentence(effect, name: names[effect.code] ?? effect.code)))
            }
        }
        findings.sort { a, b in
            let (qa, qb) = (a.effect.q ?? 1, b.effect.q ?? 1)
            if qa != qb { return qa < qb }
            return abs(a.effect.difference ?? 0) > abs(b.effect.difference ?? 0)
        }
        return Array(findings.prefix(limit))
    }

    /// How many tests reach q below `threshold`, over all families.
    public func significantTestCount(threshold: Double = 0.05) -> Int {
        families.reduce(0) { $0 + $1.rows.filter { ($0.qBH ?? 1) < threshold }.count }
    }

    static func sentence(_ effect: Effect, name: String) -> String {
        let descriptor = effect.descriptor.replacingOccurrences(of: "_", with: " ")
        let more = (effect.difference ?? 0) >= 0
        return "Toolkits with \(descriptor) “\(effect.value)” suggest \(name) \(more ? "more" : "less") often: "
            + "\(percentText(effect.share)) (\(effect.present) of \(effect.n)) against \(percentText(effect.othersShare)) (\(effect.othersPresent) of \(effect.othersN)) of the others, "
            + "\(pointsText(effect.difference)) (95% CI \(signedPoints(effect.low)) to \(signedPoints(effect.high))); q = \(ResearchAnalysis.pText(effect.q ?? 1))."
    }

    static func percentText(_ share: Double?) -> String {
        share.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
    }

    /// A bound in percentage points, signed, without the unit: "+34", "−5", "0".
    static func signedPoints(_ difference: Double?) -> String {
        guard let difference else { return "–" }
        let points = Int((difference * 100).rounded())
        return points > 0 ? "+\(points)" : points < 0 ? "−\(-points)" : "0"
    }

    /// A difference of shares in percentage points, signed: "+34 points", "−5 points".
    static func pointsText(_ difference: Double?) -> String {
        guard let difference else { return "–" }
        let points = Int((difference * 100).rounded())
        return points > 0 ? "+\(points) points" : points < 0 ? "−\(-points) points" : "0 points"
    }
}
