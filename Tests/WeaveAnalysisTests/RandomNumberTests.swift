import Testing
import WeaveAnalysis

/// SplitMix64 and xoshiro256** against the reference algorithms (transcribed in generate.py), and a
/// published SplitMix64 sequence.
@Suite("Random number generators")
struct RandomNumberTests {
    static let fixture = OracleFixtures.loadOrCrash("prng.json", as: OracleFixtures.PRNGFile.self)

    /// The widely published SplitMix64 sequence for seed 1234567 (e.g. Rosetta Code's task).
    @Test("SplitMix64 published sequence")
    func published() {
        var generator = SplitMix64(seed: 1_234_567)
        let outputs = (0 ..< 5).map { _ in generator.next() }
        #expect(outputs == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test("SplitMix64 reference outputs")
    func splitMix() throws {
        for stream in Self.fixture.splitmix64 {
            var generator = SplitMix64(seed: try #require(UInt64(stream.seed)))
            #expect(stream.outputs.map { UInt64($0) } == stream.outputs.map { _ in generator.next() })
        }
    }

    @Test("xoshiro256** reference outputs and uniforms")
    func xoshiro() throws {
        for stream in Self.fixture.xoshiro256starstar {
            let seed = try #require(UInt64(stream.seed))
            var generator = Xoshiro256StarStar(seed: seed)
            #expect(stream.outputs.map { UInt64($0) } == stream.outputs.map { _ in generator.next() })
            var uniforms = Xoshiro256StarStar(seed: seed)
            let values = (0 ..< 8).map { _ in uniforms.nextUniform() }
            #expect(values == stream.uniforms)
            #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        }
    }

    @Test("derived seeds")
    func derived() throws {
        for item in Self.fixture.deriveSeed {
            let base = try #require(UInt64(item.base))
            #expect(SplitMix64.deriveSeed(base, stream: item.stream) == UInt64(item.seed))
        }
    }
}
