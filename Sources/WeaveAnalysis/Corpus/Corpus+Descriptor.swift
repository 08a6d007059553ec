extension Corpus {
    /// One characteristic of toolkits — `creator_type`, `social_issue`, any extra column — stored by
    /// column: the distinct values once, and per toolkit the positions of its values.
    ///
    /// A single-valued descriptor gives each toolkit at most one value; a multi-valued one
    /// (`social_issue`, `member_org_types`) any number. A toolkit with no value is "not known".
    public struct Descriptor: Sendable, Hashable {
        /// The column name.
        public let name: String
        /// Whether a toolkit may have several values.
        public let isMultiValued: Bool
        /// The distinct values, sorted.
        public let levels: [String]
        /// Toolkit `t`'s values are `levelsOfToolkits[offsets[t] ..< offsets[t + 1]]`.
        private let offsets: [Int32]
        private let levelsOfToolkits: [Int32]

        /// Creates a descriptor from each toolkit's values, in toolkit order.
        ///
        /// Values are kept as given (callers trim them); empty values and repeats within a toolkit are
        /// dropped. A single-valued descriptor with two values for one toolkit traps.
        public init(name: String, isMultiValued: Bool, values: [[String]]) {
            var distinct = Set<String>()
            for list in values { for value in list where !value.isEmpty { distinct.insert(value) } }
            let levels = distinct.sorted()
            var position: [String: Int32] = [:]
            for (index, level) in levels.enumerated() { position[level] = Int32(index) }
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(values.count + 1)
            var levelsOfToolkits: [Int32] = []
            levelsOfToolkits.reserveCapacity(values.count)
            for list in values {
                let start = levelsOfToolkits.count
                for value in list where !value.isEmpty {
                    let level = position[value]!
                    if !levelsOfToolkits[start...].contains(level) { levelsOfToolkits.append(level) }
                }
                precondition(isMultiValued || levelsOfToolkits.count - start <= 1, "\(name) is single-valued")
                offsets.append(Int32(levelsOfToolkits.count))
            }
            self.name = name
            self.isMultiValued = isMultiValued
            self.levels = levels
            self.offsets = offsets
            self.levelsOfToolkits = levelsOfToolkits
        }

        /// The number of toolkits described.
        public var toolkitCount: Int { offsets.count - 1 }

        /// The positions in ``levels`` of one toolkit's values; empty when not known.
        public func levelIndices(ofToolkit toolkit: Int) -> ArraySlice<Int32> {
            levelsOfToolkits[Int(offsets[toolkit]) ..< Int(offsets[toolkit + 1])]
        }

        /// One toolkit's values; empty when not known.
        public func values(ofToolkit toolkit: Int) -> [String] {
            levelIndices(ofToolkit: toolkit).map { levels[Int($0)] }
        }

        /// One toolkit's value of a single-valued descriptor, `nil` when not known.
        public func value(ofToolkit toolkit: Int) -> String? {
            levelIndices(ofToolkit: toolkit).first.map { levels[Int($0)] }
        }
    }
}
