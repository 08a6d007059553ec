import Testing
@testable import WeaveAnalysis

/// Every agreement statistic against `agreement.json` (sklearn, statsmodels, krippendorff).
@Suite("Agreement vs oracle")
struct AgreementOracleTests {
    static let fixture = OracleFixtures.loadOrCrash("agreement.json", as: OracleFixtures.AgreementFile.self)

    static func matrix(_ code: OracleFixtures.Code, in corpus: OracleFixtures.Corpus) throws -> RatingMatrix {
        try RatingMatrix(
            units: code.units.map { $0.map { $0.map(Int8.init) } },
            coderCount: corpus.coders,
            categoryCount: corpus.categories
        )
    }

    static func check(_ summary: AgreementSummary, _ expected: OracleFixtures.AgreementExpectation, _ label: String) {
        #expect(summary.unitCount == expected.unitCount, "\(label) unit count")
        #expect(summary.pairableUnitCount == expected.pairableUnitCount, "\(label) pairable units")
        #expect(summary.completeUnitCount == expected.completeUnitCount, "\(label) complete units")
        expectClose(summary.percentAgreement, expected.percentAgreement, "\(label) percent agreement")
        expectClose(summary.fleissKappa, expected.fleissKappa, "\(label) Fleiss' kappa")
        expectClose(summary.krippendorffAlpha, expected.krippendorffAlpha, "\(label) Krippendorff's alpha")
        #expect(summary.pairs.count == expected.pairs.count, "\(label) pair count")
        for (pair, want) in zip(summary.pairs, expected.pairs) {
            let pairLabel = "\(label) coders \(want.coderA)-\(want.coderB)"
            #expect(pair.coderA == want.coderA && pair.coderB == want.coderB, "\(pairLabel) order")
            #expect(pair.unitCount == want.nUnits, "\(pairLabel) units")
            expectClose(pair.percentAgreement, want.percentAgreement, "\(pairLabel) percent agreement")
            expectClose(pair.cohenKappa, want.cohenKappa, "\(pairLabel) Cohen's kappa")
        }
    }

    @Test("per-code statistics", arguments: fixture.corpora)
    func perCode(corpus: OracleFixtures.Corpus) throws {
        for code in corpus.codes {
            let summary = AgreementSummary(try Self.matrix(code, in: corpus))
            Self.check(summary, code.expected, "\(corpus.name)/\(code.name)")
        }
    }

    @Test("pooled (whole codebook) statistics", arguments: fixture.corpora)
    func pooled(corpus: OracleFixtures.Corpus) throws {
        let tallies = try corpus.codes.map { AgreementTally(try Self.matrix($0, in: corpus)) }
        let pooled = AgreementTally.pooled(tallies, coderCount: corpus.coders, categoryCount: corpus.categories)
        Self.check(AgreementSummary(pooled), corpus.pooled, "\(corpus.name)/(all)")
        // Merging is order-independent (integer sufficient statistics).
        let reversed = AgreementTally.pooled(tallies.reversed(), coderCount: corpus.coders, categoryCount: corpus.categories)
        #expect(reversed == pooled)
    }

    @Test("Cohen's kappa from two rating arrays equals the tally's", arguments: fixture.corpora)
    func pairFromArrays(corpus: OracleFixtures.Corpus) throws {
        for code in corpus.codes {
            let matrix = try Self.matrix(code, in: corpus)
            let fromTally = AgreementSummary(matrix).pairs
            for pair in fromTally {
                let a = (0 ..< matrix.unitCount).map { matrix[$0, pair.coderA] }
                let b = (0 ..< matrix.unitCount).map { matrix[$0, pair.coderB] }
                let direct = PairAgreement(coderA: pair.coderA, coderB: pair.coderB, ratingsA: a, ratingsB: b, categoryCount: corpus.categories)
                #expect(direct == pair, "\(corpus.name)/\(code.name)")
            }
        }
    }

    @Test("disagreement list", arguments: fixture.corpora)
    func disagreements(corpus: OracleFixtures.Corpus) throws {
        for (index, code) in corpus.codes.enumerated() {
            let matrix = try Self.matrix(code, in: corpus)
            let list = matrix.disagreements(code: index)
            #expect(list.map(\.unit) == code.disagreements, "\(corpus.name)/\(code.name)")
            for item in list {
                #expect(item.code == index)
                #expect(item.ratings == Array(matrix.ratings(ofUnit: item.unit)))
            }
        }
    }

    @Test("consensus rules", arguments: fixture.corpora)
    func consensus(corpus: OracleFixtures.Corpus) throws {
        let rules: [String: ConsensusRule] = [
            "majority": .majority(ties: .missing),
            "majority_prefer_1": .majority(ties: .prefer(1)),
            "majority_prefer_0": .majority(ties: .prefer(0)),
            "adjudicator": .adjudicator(coder: corpus.adjudicator, ties: .missing),
            "adjudicator_prefer_1": .adjudicator(coder: corpus.adjudicator, ties: .prefer(1)),
        ]
        for code in corpus.codes {
            let matrix = try Self.matrix(code, in: corpus)
            #expect(Set(code.consensus.keys) == Set(rules.keys))
            for (key, rule) in rules {
                guard let want = code.consensus[key] else { continue }
                let got = Consensus(matrix, rule: rule)
                #expect(got.values == want.values.map { $0.map(Int8.init) ?? RatingMatrix.missing }, "\(corpus.name)/\(code.name) \(key) values")
                #expect(got.basis.map { "\($0)" } == want.basis, "\(corpus.name)/\(code.name) \(key) basis")
            }
        }
    }
}
