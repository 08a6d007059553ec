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

    @Test(arguments: [([3, 3, 3, 3], 3, [3, 3, 3, 3]), ([4, 4, 4], 3, [3, 3, 3, 3]), ([2, 2, 2, 2, 2], 2, [2, 2, 2, 2, 2]),
                      ([5, 3, 3, 2], 3, [3, 3, 3, 2, 2]), ([3, 3, 3, 1], 4, [4, 3, 3]), ([2, 2], 3, [2, 2]), ([4, 3], 3, [3, 2, 2]),
                      ([1, 1, 1, 1, 1], 2, [3, 2]), ([3, 2, 2, 1], 6, [4, 4])])
    func groupsHaveTheStepsSizeAndMixOrganisations(_ perPartner: [Int], _ size: Int, _ sizes: [Int]) {
        // setup
        let people = Self.people(perPartner)
        var random = SplitMix(state: 7)
        // MUT
        let groups = GroupFormation.form(people, size: size, using: &random)
        // validate: everyone once; the sizes the rule gives (4 people in triads are two pairs, not one group of 4;
        // 8 people in groups of 6 are two of 4: one of 8 would be as far from 6 and above it)
        #expect(groups.flatMap { $0 }.sorted() == people.map(\.id).sorted())
        #expect(groups.map(\.count).sorted(by: >) == sizes)
        // Each organisation is spread: no group holds more of one organisation than it must.
        let partnerOf = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.partner) })
        for (partner, count) in perPartner.enumerated() {
            let most = (count + groups.count - 1) / groups.count
            #expect(groups.allSatisfy { group in group.filter { partnerOf[$0] == "org\(partner)" }.count <= most })
        }
    }

    /// Every number of people from 1 to 30, in 1 to 6 organisations of random sizes, for pairs, triads and
    /// groups of 4 to 6: the properties the rule promises, checked against a brute-force search of the splits.
    @Test func sizesAndMixingHoldForOneToThirtyPeopleInOneToSixOrganisations() {
        var random = SplitMix(state: 11)
        for count in 1...30 {
            for organisations in 1...6 where organisations <= count {
                for size in 2...6 {
                    // setup: `count` people dealt into `organisations` organisations of random sizes, each at least one
                    var perPartner = Array(repeating: 1, count: organisations)
                    for _ in 0..<(count - organisations) { perPartner[Int(random.next() % UInt64(organisations))] += 1 }
                    let people = Self.people(perPartner)
                    // MUT
                    let groups = GroupFormation.form(people, size: size, using: &random)
                    // validate
                    let label = "\(count) people, \(perPartner) per organisation, size \(size): \(groups.map(\.count))"
                    let sizes = groups.map(\.count)
                    #expect(groups.flatMap { $0 }.sorted() == people.map(\.id).sorted(), "\(label)")
                    #expect(sizes.max()! - sizes.min()! <= 1, "sizes differ by at most one: \(label)")
                    if count >= 2 { #expect(sizes.min()! >= 2, "nobody alone: \(label)") }
                    // Splits into g groups of even sizes: ⌊n/g⌋ and ⌈n/g⌉.
                    let splits = (1...count).map { g in (small: count / g, large: (count + g - 1) / g) }
                    let withinOne = splits.contains { $0.small >= max(2, size - 1) && $0.large <= size + 1 }
                    if withinOne { #expect(sizes.allSatisfy { abs($0 - size) <= 1 }, "within one of the size: \(label)") }
                    let noneAbove = splits.contains { $0.small >= max(2, size - 1) && $0.large <= size }
                    if noneAbove { #expect(sizes.allSatisfy { $0 <= size }, "no group above the size when one short will do: \(label)") }
                    let partnerOf = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.partner) })
                    for (partner, members) in perPartner.enumerated() {
                        let most = (members + groups.count - 1) / groups.count
                        #expect(groups.allSatisfy { group in group.filter { partnerOf[$0] == "org\(partner)" }.count <= most },
                                "organisation \(partner) spread: \(label)")
                    }
                }
            }
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
