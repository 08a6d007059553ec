extension Corpus {
    /// Who found which code in which toolkit: one dense matrix of `Int8` per code.
    ///
    /// For code `c`, `byCode[c][t * coderCount + k]` is what coder `k` said about toolkit `t`:
    /// ``present`` (1), ``absent`` (0, looked and did not find it) or ``notCoded`` (-1). The layout
    /// is the unit-major one of ``RatingMatrix``, so a code's ratings become a matrix without copying.
    public struct Codings: Sendable, Hashable {
        /// The coder found the code in the toolkit.
        public static let present: Int8 = 1
        /// The coder looked for the code in the toolkit and did not find it.
        public static let absent: Int8 = 0
        /// The coder did not code this toolkit for this code.
        public static let notCoded: Int8 = -1

        /// The number of codes.
        public let codeCount: Int
        /// The number of toolkits.
        public let toolkitCount: Int
        /// The number of coders.
        public let coderCount: Int
        /// One matrix per code, toolkit-major: `byCode[code][toolkit * coderCount + coder]`.
        public private(set) var byCode: [[Int8]]

        /// Codings in which nothing is coded yet.
        public init(codeCount: Int, toolkitCount: Int, coderCount: Int) {
            precondition(codeCount >= 0 && toolkitCount >= 0 && coderCount >= 0, "negative count")
            self.codeCount = codeCount
            self.toolkitCount = toolkitCount
            self.coderCount = coderCount
            self.byCode = Array(repeating: Array(repeating: Self.notCoded, count: toolkitCount * coderCount), count: codeCount)
        }

        /// Codings from one matrix per code, each `toolkitCount * coderCount` long and holding only
        /// ``present``, ``absent`` and ``notCoded``; anything else traps.
        public init(toolkitCount: Int, coderCount: Int, byCode: [[Int8]]) {
            for values in byCode {
                precondition(values.count == toolkitCount * coderCount, "a code's matrix has the wrong size")
                precondition(values.allSatisfy { $0 >= -1 && $0 <= 1 }, "a coding is not -1, 0 or 1")
            }
            self.codeCount = byCode.count
            self.toolkitCount = toolkitCount
            self.coderCount = coderCount
            self.byCode = byCode
        }

        /// Codings taken as they are; the importers have already checked them.
        init(unchecked byCode: [[Int8]], toolkitCount: Int, coderCount: Int) {
            self.codeCount = byCode.count
            self.toolkitCount = toolkitCount
            self.coderCount = coderCount
            self.byCode = byCode
        }

        /// What one coder said about one code in one toolkit.
        public subscript(code code: Int, toolkit toolkit: Int, coder coder: Int) -> Int8 {
            get {
                precondition(toolkit >= 0 && toolkit < toolkitCount && coder >= 0 && coder < coderCount, "index out of range")
                return byCode[code][toolkit * coderCount + coder]
            }
            set {
                precondition(toolkit >= 0 && toolkit < toolkitCount && coder >= 0 && coder < coderCount, "index out of range")
                precondition(newValue >= -1 && newValue <= 1, "a coding is -1, 0 or 1")
                byCode[code][toolkit * coderCount + coder] = newValue
            }
        }

        /// The number of codings that say present or absent.
        public var codedCount: Int {
            byCode.reduce(0) { total, values in total + values.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }
        }
    }
}
