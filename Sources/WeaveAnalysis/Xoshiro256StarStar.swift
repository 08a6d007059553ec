/// xoshiro256** 1.0 (Blackman & Vigna 2018), the generator behind every Monte Carlo p-value here.
///
/// The 256-bit state is filled by four outputs of ``SplitMix64`` from the seed, as the authors
/// recommend. Uniform doubles use the top 53 bits: `Double(next() >> 11) × 2⁻⁵³`, in `[0, 1)`.
/// These definitions are fixed, so a seed gives the same numbers everywhere — unlike Swift's
/// `Double.random(in:using:)`, whose use of the bits is not specified.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator seeded from one 64-bit seed.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform double in `[0, 1)` from the top 53 bits of ``next()``.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
