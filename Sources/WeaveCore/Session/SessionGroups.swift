/// The groups a step's people work in (pairs, triads, small groups), as the facilitator formed them.
public struct SessionGroups: Sendable, Hashable, Codable {
    /// The step the groups were formed for.
    public var phase: Int
    public var step: Int
    /// Each group's participant ids.
    public var groups: [[String]]

    public init(phase: Int, step: Int, groups: [[String]]) {
        self.phase = phase
        self.step = step
        self.groups = groups
    }
}

/// Forms groups of a given size from the people present, mixing organisations.
public enum GroupFormation {
    /// One person to place in a group.
    public struct Person: Sendable, Hashable {
        public var id: String
        public var partner: String
        public init(id: String, partner: String) {
            self.id = id
            self.partner = partner
        }
    }

    /// Groups as close to `size` as the number of people allows, each organisation spread across groups as
    /// evenly as it can be: people are shuffled, ordered by organisation (largest first) and dealt round the
    /// groups like cards.
    ///
    /// How many groups (``groupCount(people:size:)``): the split into equal-as-possible groups where nobody is
    /// alone, no group differs from `size` by more than it must, no group is larger than `size` when a split
    /// one short exists (four people in triads are two pairs, not one "triad" of four), and most groups have
    /// exactly `size`.
    ///
    /// - Parameters:
    ///   - people: who is to be grouped.
    ///   - size: people per group (2 for pairs, 3 for triads…).
    ///   - mix: whether to mix organisations; otherwise people are only shuffled.
    ///   - random: the randomness (injected so tests can repeat a formation).
    public static func form(_ people: [Person], size: Int, mix: Bool = true, using random: inout some RandomNumberGenerator) -> [[String]] {
        guard !people.isEmpty else { return [] }
        let count = groupCount(people: people.count, size: size)
        var order = people.shuffled(using: &random)
        if mix {
            var byPartner: [String: [Person]] = [:]
            for person in order { byPartner[person.partner, default: []].append(person) }
            // Largest organisations first, ties in shuffled order, so each is dealt across as many groups as it can.
            let firstSeen = Dictionary(order.enumerated().map { ($0.element.partner, $0.offset) }, uniquingKeysWith: min)
            let partners = byPartner.keys.sorted { (byPartner[$0]!.count, -firstSeen[$0]!) > (byPartner[$1]!.count, -firstSeen[$1]!) }
            order = partners.flatMap { byPartner[$0]! }
        }
        var groups = Array(repeating: [String](), count: count)
        for (index, person) in order.enumerated() { groups[index % count].append(person.id) }
        return groups
    }

    /// How many groups `people` make for groups of `size`: of the splits into groups whose sizes differ by at
    /// most one, the best by, in order: nobody alone (when there are two or more), the smallest largest
    /// difference from `size`, no group above `size`, the most groups of exactly `size`.
    public static func groupCount(people: Int, size: Int) -> Int {
        guard people > 1 else { return 1 }
        let size = max(size, 1)
        func score(_ groups: Int) -> (Int, Int, Int, Int) {
            let small = people / groups, large = small + (people % groups == 0 ? 0 : 1)
            let largeCount = people % groups, smallCount = groups - largeCount
            let exact = (small == size ? smallCount : 0) + (large == size && large != small ? largeCount : 0)
            return (small < 2 ? 1 : 0, max(abs(small - size), abs(large - size)), large > size ? 1 : 0, -exact)
        }
        return (1...people).min { score($0) < score($1) } ?? 1
    }
}
