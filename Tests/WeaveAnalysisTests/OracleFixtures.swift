import Foundation
import Testing

/// The JSON fixtures written by `Fixtures/oracle/generate.py` (SciPy, statsmodels, scikit-learn,
/// krippendorff). `null` in a fixture means "undefined" (NaN or an exception in the reference).
enum OracleFixtures {
    static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let url = directory.appendingPathComponent("oracle").appendingPathComponent(name)
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// Loads a fixture for use as test arguments; a missing or malformed fixture is a broken
    /// checkout, reported by crashing with the reason.
    static func loadOrCrash<T: Decodable>(_ name: String, as type: T.Type = T.self) -> T {
        do {
            return try load(name)
        } catch {
            fatalError("cannot load fixture \(name): \(error)")
        }
    }

    // MARK: agreement.json

    struct AgreementFile: Decodable, Sendable {
        let corpora: [Corpus]
    }

    struct Corpus: Decodable, Sendable, CustomTestStringConvertible {
        var testDescription: String { name }
        let name: String
        let coders: Int
        let categories: Int
        let adjudicator: Int
        let codes: [Code]
        let pooled: AgreementExpectation
    }

    struct Code: Decodable, Sendable {
        let name: String
        let units: [[Int?]]
        let expected: AgreementExpectation
        let disagreements: [Int]
        let consensus: [String: ConsensusExpectation]
    }

    struct AgreementExpectation: Decodable, Sendable {
        let unitCount: Int
        let pairableUnitCount: Int
        let completeUnitCount: Int
        let percentAgreement: Double?
        let fleissKappa: Double?
        let krippendorffAlpha: Double?
        let pairs: [PairExpectation]

        enum CodingKeys: String, CodingKey {
            case unitCount = "unit_count", pairableUnitCount = "pairable_unit_count"
            case completeUnitCount = "complete_unit_count", percentAgreement = "percent_agreement"
            case fleissKappa = "fleiss_kappa", krippendorffAlpha = "krippendorff_alpha", pairs
        }
    }

    struct PairExpectation: Decodable, Sendable {
        let coderA: Int
        let coderB: Int
        let nUnits: Int
        let percentAgreement: Double?
        let cohenKappa: Double?

        enum CodingKeys: String, CodingKey {
            case coderA = "coder_a", coderB = "coder_b", nUnits = "n_units"
            case percentAgreement = "percent_agreement", cohenKappa = "cohen_kappa"
        }
    }

    struct ConsensusExpectation: Decodable, Sendable {
        let values: [Int?]
        let basis: [String]
    }

    // MARK: tables.json

    struct TablesFile: Decodable, Sendable {
        let tables: [TableCase]
    }

    struct TableCase: Decodable, Sendable, CustomTestStringConvertible {
        var testDescription: String { name }
        let name: String
        let table: [[Int]]
        let reduced: [[Int]]
        let chi2: Double?
        let dof: Int?
        let pChi2: Double?
        let cramersV: Double?
        let minExpected: Double?
        let pFisher: Double?
        let pFisherExactArithmetic: Double?
        let oddsRatio: OddsRatio?
        let pExact: Double?
        let tableCount: Int?

        enum CodingKeys: String, CodingKey {
            case name, table, reduced, chi2, dof, pChi2 = "p_chi2", cramersV = "cramers_v"
            case minExpected = "min_expected", pFisher = "p_fisher"
            case pFisherExactArithmetic = "p_fisher_exact_arithmetic", oddsRatio = "odds_ratio"
            case pExact = "p_exact", tableCount = "table_count"
        }
    }

    /// SciPy's odds ratio: a number, or `"inf"`.
    enum OddsRatio: Decodable, Sendable, Equatable {
        case finite(Double)
        case infinity

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Double.self) {
                self = .finite(value)
            } else if try container.decode(String.self) == "inf" {
                self = .infinity
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "odds ratio")
            }
        }
    }

    // MARK: distribution.json

    struct DistributionFile: Decodable, Sendable {
        let margins: [Margins]
    }

    struct Margins: Decodable, Sendable {
        let rowTotals: [Int]
        let columnTotals: [Int]
        let tables: [WeightedTable]

        enum CodingKeys: String, CodingKey {
            case rowTotals = "row_totals", columnTotals = "column_totals", tables
        }
    }

    struct WeightedTable: Decodable, Sendable {
        let cells: [Int]
        let probability: Double
    }

    // MARK: wilson.json, bh.json, special.json, prng.json

    struct WilsonFile: Decodable, Sendable {
        let z: Double
        let cases: [WilsonCase]
    }

    struct WilsonCase: Decodable, Sendable {
        let count: Int
        let n: Int
        let low: Double
        let high: Double
    }

    struct BHFile: Decodable, Sendable {
        let families: [BHFamily]
    }

    struct BHFamily: Decodable, Sendable {
        let p: [Double]
        let q: [Double]
    }

    struct SpecialFile: Decodable, Sendable {
        let chi2Sf: [ChiSquareCase]
        let gammaincc: [GammaCase]

        enum CodingKeys: String, CodingKey {
            case chi2Sf = "chi2_sf", gammaincc
        }
    }

    struct ChiSquareCase: Decodable, Sendable {
        let x: Double
        let dof: Int
        let sf: Double
    }

    struct GammaCase: Decodable, Sendable {
        let a: Double
        let x: Double
        let q: Double
        let p: Double
    }

    struct PRNGFile: Decodable, Sendable {
        let splitmix64: [Stream]
        let xoshiro256starstar: [Stream]
        let deriveSeed: [Derived]

        enum CodingKeys: String, CodingKey {
            case splitmix64, xoshiro256starstar, deriveSeed = "derive_seed"
        }
    }

    struct Stream: Decodable, Sendable {
        let seed: String
        let outputs: [String]
        let uniforms: [Double]?
    }

    struct Derived: Decodable, Sendable {
        let base: String
        let stream: UInt64
        let seed: String
    }
}

