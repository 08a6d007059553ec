import Foundation
import Testing
@testable import WeaveWeb

/// Weave's QR encoder against codes made by python-qrcode (Fixtures/qr/make_vectors.py wrote vectors.json): the same
/// version, mask and every module, for URLs like the join link, other text, UTF-8, and versions 1 to 11.
@Suite struct QRCodeTests {
    struct Vectors: Decodable {
        struct Vector: Decodable { var hex: String; var version: Int; var mask: Int; var rows: [String] }
        var generator: String
        var vectors: [Vector]
    }

    static let vectors: [Vectors.Vector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/qr/vectors.json")
        return (try? JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url)))?.vectors ?? []
    }()

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    @Test func theFixtureHasVectors() {
        #expect(Self.vectors.count == 16)
    }

    @Test(arguments: Array(0..<16))
    func eachCodeMatchesPythonQRCodeModuleForModule(_ index: Int) throws {
        // setup
        let vector = try #require(Self.vectors.indices.contains(index) ? Self.vectors[index] : nil)
        let fixedMask = index >= 8 ? vector.mask : nil
        // MUT
        let code = try QRCode(bytes: Self.bytes(vector.hex), correction: .medium, mask: fixedMask)
        // validate
        #expect(code.version == vector.version)
        #expect(code.mask == vector.mask)
        let rows = (0..<code.size).map { y in String((0..<code.size).map { code.isDark($0, y) ? "1" : "0" }) }
        #expect(rows.count == vector.rows.count)
        let differing = zip(rows, vector.rows).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty, "rows \(differing.prefix(5)) differ")
    }

    @Test func theSVGDrawsEveryDarkModuleInsideAQuietZone() throws {
        let code = try QRCode(bytes: Array("https://weave.example.org/join/K7QM4-XPD2R".utf8))
        let svg = code.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        // Sum the run lengths drawn: as many modules as are dark.
        let runs = svg.matches(of: #/M\d+ \d+h(\d+)v1/#).map { Int($0.1)! }
        let dark = (0..<code.size).flatMap { y in (0..<code.size).map { code.isDark($0, y) } }.filter { $0 }.count
        #expect(runs.reduce(0, +) == dark)
        #expect(!svg.contains("<script"))
    }

    @Test func tooMuchDataIsAClearError() {
        #expect(throws: QRCode.TooLong.self) { try QRCode(bytes: Array(repeating: 0x41, count: 3000)) }
    }
}
