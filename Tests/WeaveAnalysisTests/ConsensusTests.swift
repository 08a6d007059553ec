import Testing
import WeaveAnalysis

/// The consensus rule and the disagreement list, by hand.
@Suite("Consensus and disagreements")
struct ConsensusTests {
    /// Units (3 coders): unanimous present; 2–1 for present; 1–1 tie with one missing; only coder 2
    /// rated; nobody rated; 2–1 for absent where the adjudicator (coder 0) says present; tie where the
    /// adjudicator did not rate.
    static let units: [[Int8?]] = [
        [1, 1, 1],
        [1, 0, 1],
        [1, 0, nil],
        [nil, nil, 0],
        [nil, nil, nil],
        [1, 0, 0],
        [nil, 1, 0],
    ]

    @Test func majorityWithUnresolvedTies() throws {
        let matrix = try RatingMatrix(units: Self.units, coderCount: 3)
        let consensus = Consensus(matrix, rule: .majority(ties: .missing))
        #expect(consensus.values == [1, 1, -1, 0, -1, 0, -1])
        #expect(consensus.basis == [.unanimous, .majority, .tieUnresolved, .singleRating, .unrated, .majority, .tieUnresolved])
        #expect(consensus.count(of: .tieUnresolved) == 2)
        #expect(consensus.rule == .majority(ties: .missing))
    }

    @Test func majorityWithTiesToPresent() throws {
        let matrix = try RatingMatrix(units: Self.units, coderCount: 3)
        let consensus = Consensus(matrix, rule: .majority(ties: .prefer(RatingMatrix.present)))
        #expect(consensus.values == [1, 1, 1, 0, -1, 0, 1])
        #expect(consensus.count(of: .tieBroken) == 2)
        let absent = Consensus(matrix, rule: .majority(ties: .prefer(RatingMatrix.absent)))
        #expect(absent.values == [1, 1, 0, 0, -1, 0, 0])
    }

    @Test func adjudicatorWinsWhereTheyRated() throws {
        let matrix = try RatingMatrix(units: Self.units, coderCount: 3)
        let consensus = Consensus(matrix, rule: .adjudicator(coder: 0, ties: .missing))
        // Unit 1: others split 0/1 but coder 0 says 1; unit 2: coder 0 says 1 (tie broken by the
        // adjudicator); unit 5: coder 0 overrules the 0–0 majority; unit 6: coder 0 did not rate and
        // the others tie → missing.
        #expect(consensus.values == [1, 1, 1, 0, -1, 1, -1])
        #expect(consensus.basis == [.unanimous, .adjudicator, .adjudicator, .singleRating, .unrated, .adjudicator, .tieUnresolved])
        // Falling back to the majority of the others where the adjudicator did not rate.
        let other = try RatingMatrix(units: [[nil, 1, 1, 0]], coderCount: 4)
        #expect(Consensus(other, rule: .adjudicator(coder: 0, ties: .missing)).basis == [.majority])
        #expect(Consensus(other, rule: .adjudicator(coder: 0, ties: .missing)).values == [1])
    }

    @Test func pluralityForSeveralCategories() throws {
        // 4 coders, categories 0…3: 2–1–1 is a plurality; 2–2 a tie; a preferred category that is not
        // among the tied ones leaves the unit missing.
        let matrix = try RatingMatrix(units: [[2, 2, 0, 3], [1, 1, 3, 3]], coderCount: 4, categoryCount: 4)
        #expect(Consensus(matrix, rule: .majority(ties: .missing)).values == [2, -1])
        #expect(Consensus(matrix, rule: .majority(ties: .prefer(3))).values == [2, 3])
        #expect(Consensus(matrix, rule: .majority(ties: .prefer(0))).values == [2, -1])
    }

    @Test func parentPresence() {
        // Present if any child is; absent only if every child is absent; otherwise missing.
        let children: [[Int8]] = [[1, 0, 0, -1, -1], [0, 0, -1, 1, -1]]
        #expect(Consensus.parentPresence(children: children, unitCount: 5) == [1, 0, -1, 1, -1])
        #expect(Consensus.parentPresence(children: [], unitCount: 2) == [-1, -1])
    }

    @Test func disagreementList() throws {
        let matrix = try RatingMatrix(units: Self.units, coderCount: 3)
        let list = matrix.disagreements(code: 17)
        #expect(list.map(\.unit) == [1, 2, 5, 6])
        #expect(list.first == Disagreement(code: 17, unit: 1, ratings: [1, 0, 1]))
        #expect(list[1].ratings == [1, 0, -1])
    }
}
