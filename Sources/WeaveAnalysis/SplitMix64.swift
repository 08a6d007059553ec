/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference C code): a tiny 64-bit generator used
/// here to expand one seed into a ``Xoshiro256StarStar`` state and to derive independent seeds.
///
/// Its output for a given seed never changes, so results seeded with it are reproducible across
/// platforms and Swift versions.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The internal state, advanced by the golden-ratio increment on every call.
    public private(set) var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function (a bijective 64-bit finalizer).
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed for stream `stream` derived from `base`, so that each of many tests (say, the n-th
    /// code × descriptor table) gets its own reproducible seed that does not depend on the order in
    /// which tests run: `mix(base ⊕ mix(stream + 1))`.
    public static func deriveSeed(_ base: UInt64, stream: UInt64) -> UInt64 {
        mix(base ^ mix(stream &+ 1))
    }
}
