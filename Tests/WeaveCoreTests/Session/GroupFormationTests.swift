import Testing
import WeaveCore

/// Groups for pairs, triads and small groups: sizes as the step says, organisations mixed, reshuffled on request.
@Suite struct GroupFormationTests {
    /// A repeatable generator (SplitMix64), so a formation can be tested and reshuffled deterministically.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func people(_ perPartner: [Int]) -> [GroupFormation.Person] {
        perPartner.enumerated().flatMap { partner, count in
            (0..<count).map { GroupFormation.Person(id: "p\(partner)-\($0)", partner: "org\(partner)") }
        }
    }

    @Test(arguments: [([3, 3, 3, 3], 3), ([4, 4, 4], 3), ([2, 2, 2, 2, 2], 2), ([5, 3, 3, 2], 3), ([3, 3, 3, 1], 4)])
    func groupsHaveTheStepsSizeAndMixOrganisations(_ perPartner: [Int], _ size: Int) {
        // setup
        let people = Self.people(perPartner)
        var random = SplitMix(state: 7)
        // MUT
        let groups = GroupFormation.form(people, size: size, using: &random)
        // validate: everyone once; sizes honoured (the remainder joins groups one each)
        #expect(groups.flatMap { $0 }.sorted() == people.map(\.id).sorted())
        #expect(groups.count == people.count / size)
        #expect(groups.allSatisfy { (size...(size + 1)).contains($0.count) }, "\(groups.map(\.count))")
        // Each organisation is spread: no group holds more of one organisation than it must.
        let partnerOf = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.partner) })
        for (partner, count) in perPartner.enumerated() {
            let most = (count + groups.count - 1) / groups.count
            #expect(groups.allSatisfy { group in group.filter { partnerOf[$0] == "org\(partner)" }.count <= most })
        }
    }

    @Test func aReshuffleFormsOtherGroupsAndTheSameSeedTheSameOnes() {
        let people = Self.people([3, 3, 3, 3])
        var first = SplitMix(state: 1), again = SplitMix(state: 1), other = SplitMix(state: 2)
        let a = GroupFormation.form(people, size: 3, using: &first)
        #expect(GroupFormation.form(people, size: 3, using: &again) == a)
        #expect(GroupFormation.form(people, size: 3, using: &other) != a)
    }

    @Test func fewerPeopleThanAGroupMakeOneGroupAndNobodyMakesNone() {
        var random = SplitMix(state: 3)
        #expect(GroupFormation.form(Self.people([1, 1]), size: 3, using: &random).map(\.count) == [2])
        #expect(GroupFormation.form([], size: 3, using: &random).isEmpty)
    }
}
