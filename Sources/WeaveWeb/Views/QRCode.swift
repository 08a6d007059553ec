/// A QR code (ISO/IEC 18004) of some bytes, in byte mode, at the smallest version that holds them, with the mask
/// the standard's penalty rules choose — so that Weave draws the join link's QR code itself, as SVG, with no
/// library. Checked module for module against codes made by python-qrcode (Tests/WeaveWebTests/Fixtures/qr/).
struct QRCode: Sendable, Equatable {
    /// How much of the code may be damaged and still read.
    enum Correction: Int, Sendable, CaseIterable {
        // The order is the tables' (L, M, Q, H); `formatBits` are the standard's.
        case low, medium, quartile, high
        var formatBits: Int { [1, 0, 3, 2][rawValue] }
    }

    /// Why a code could not be made.
    struct TooLong: Error, CustomStringConvertible {
        var bytes: Int
        var description: String { "\(bytes) bytes do not fit in a QR code." }
    }

    let version: Int
    private(set) var mask = 0
    let size: Int
    /// Dark modules, row by row (`modules[y * size + x]`).
    private(set) var modules: [Bool]
    /// Modules that are function patterns, not data (not masked).
    private var isFunction: [Bool]
    /// The format and version information's modules (and the dark module), light while masks are weighed.
    private var typeInfo: [Int] = []

    /// Whether the module at column `x`, row `y` is dark.
    func isDark(_ x: Int, _ y: Int) -> Bool { modules[y * size + x] }

    /// Encodes bytes in byte mode.
    ///
    /// - Parameters:
    ///   - correction: the error correction level.
    ///   - mask: a mask 0–7, or `nil` for the one with the lowest penalty.
    init(bytes: [UInt8], correction: Correction = .medium, mask: Int? = nil) throws(TooLong) {
        // The smallest version whose data capacity holds mode, count and bytes.
        var chosen: Int?
        for v in 1...40 {
            let bits = 4 + (v <= 9 ? 8 : 16) + bytes.count * 8
            if bits <= Self.dataCodewords(v, correction) * 8 { chosen = v; break }
        }
        guard let version = chosen else { throw TooLong(bytes: bytes.count) }
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)

        // The bit stream: mode 0100, count, bytes, terminator, padding to a byte, then 0xEC 0x11 pad bytes.
        let capacity = Self.dataCodewords(version, correction) * 8
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, version <= 9 ? 8 : 16)
        for byte in bytes { append(Int(byte), 8) }
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity { append(pad, 8); pad ^= 0xEC ^ 0x11 }
        var data: [UInt8] = []
        for i in stride(from: 0, to: bits.count, by: 8) {
            data.append(UInt8((0..<8).reduce(0) { $0 << 1 | (bits[i + $1] ? 1 : 0) }))
        }

        drawFunctionPatterns()
        placeCodewords(Self.withCorrection(data, version, correction))

        // The mask with the lowest penalty, unless one is asked for.
        var best = mask ?? 0
        if mask == nil {
            var lowest = Int.max
            for candidate in 0..<8 {
                applyMask(candidate)
                drawFormatBits(correction, mask: candidate)
                let penalty = self.penalty()
                if penalty < lowest { lowest = penalty; best = candidate }
                applyMask(candidate)
            }
        }
        self.mask = best
        applyMask(best)
        drawFormatBits(correction, mask: best)
    }

    /// The code as SVG: one path of dark modules on white, with the standard's quiet zone of four modules.
    func svg(moduleSize: Int = 8) -> String {
        let border = 4, full = size + border * 2
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x, y) else { x += 1; continue }
                var run = 1
                while x + run < size, isDark(x + run, y) { run += 1 }
                path += "M\(x + border) \(y + border)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(full) \(full)\" width=\"\(full * moduleSize)\" height=\"\(full * moduleSize)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(full)\" height=\"\(full)\" fill=\"#fff\"/><path fill=\"#000\" d=\"\(path)\"/></svg>"
    }

    // MARK: Function patterns

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    private mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 { for dx in -4...4 {
                let x = cx + dx, y = cy + dy
                guard (0..<size).contains(x), (0..<size).contains(y) else { continue }
                let distance = max(abs(dx), abs(dy))
                set(x, y, distance != 2 && distance != 4)
            } }
        }
        let centres = alignmentCentres()
        for (i, cx) in centres.enumerated() { for (j, cy) in centres.enumerated() {
            // Not over the finder patterns.
            if (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0) { continue }
            for dy in -2...2 { for dx in -2...2 { set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1) } }
        } }
        // Reserve the format areas (drawn with the mask) and draw the version information.
        let before = isFunction
        drawFormatBits(.medium, mask: 0)
        if version >= 7 {
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let a = size - 11 + i % 3, b = i / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }
        typeInfo = isFunction.indices.filter { isFunction[$0] && !before[$0] }
    }

    private func alignmentCentres() -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var result = [6]
        var position = size - 7
        var rest: [Int] = []
        for _ in 0..<(count - 1) { rest.insert(position, at: 0); position -= step }
        result += rest
        return result
    }

    private mutating func drawFormatBits(_ correction: Correction, mask: Int) {
        let data = correction.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)
    }

    // MARK: Data

    private mutating func placeCodewords(_ codewords: [UInt8]) {
        var index = 0
        let total = codewords.count * 8
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !isFunction[y * size + x] else { continue }
                    if index < total {
                        modules[y * size + x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    private mutating func applyMask(_ mask: Int) {
        for y in 0..<size { for x in 0..<size where !isFunction[y * size + x] {
            let flip: Bool
            switch mask {
            case 0: flip = (x + y) % 2 == 0
            case 1: flip = y % 2 == 0
            case 2: flip = x % 3 == 0
            case 3: flip = (x + y) % 3 == 0
            case 4: flip = (x / 3 + y / 2) % 2 == 0
            case 5: flip = x * y % 2 + x * y % 3 == 0
            case 6: flip = (x * y % 2 + x * y % 3) % 2 == 0
            default: flip = ((x + y) % 2 + x * y % 3) % 2 == 0
            }
            if flip { modules[y * size + x].toggle() }
        } }
    }

    /// The standard's penalty (ISO/IEC 18004, 7.8.3), reckoned as python-qrcode and segno reckon it: with the
    /// format and version information light, runs of five or more, 2×2 blocks, the 1:1:3:1:1 finder-like
    /// pattern with four light modules on one side (inside the symbol), and the dark/light balance.
    private func penalty() -> Int {
        var grid = modules
        for index in typeInfo { grid[index] = false }
        func dark(_ x: Int, _ y: Int) -> Bool { grid[y * size + x] }
        var result = 0
        for horizontal in [true, false] {
            for a in 0..<size {
                var previous = horizontal ? dark(0, a) : dark(a, 0)
                var run = 0
                for b in 0..<size {
                    let current = horizontal ? dark(b, a) : dark(a, b)
                    if current == previous { run += 1 } else {
                        if run >= 5 { result += run - 2 }
                        run = 1
                        previous = current
                    }
                }
                if run >= 5 { result += run - 2 }
            }
        }
        for y in 0..<(size - 1) { for x in 0..<(size - 1) {
            let c = dark(x, y)
            if c == dark(x + 1, y), c == dark(x, y + 1), c == dark(x + 1, y + 1) { result += 3 }
        } }
        let patterns: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                  [false, false, false, false, true, false, true, true, true, false, true]]
        for horizontal in [true, false] {
            for a in 0..<size {
                for b in 0..<max(0, size - 10) {
                    for pattern in patterns where (0..<11).allSatisfy({ (horizontal ? dark(b + $0, a) : dark(a, b + $0)) == pattern[$0] }) {
                        result += 40
                    }
                }
            }
        }
        let darkCount = grid.filter { $0 }.count
        let percent = Double(darkCount) / Double(size * size)
        return result + Int(abs(percent * 100 - 50) / 5) * 10
    }

    // MARK: Error correction

    /// Error correction codewords per block, by level then version (index 0 unused).
    private static let eccPerBlock: [[Int]] = [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]
    /// Blocks, by level then version.
    private static let blocks: [[Int]] = [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Modules left for data and correction codewords after the function patterns.
    private static func rawModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let count = version / 7 + 2
            result -= (25 * count - 10) * count - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int, _ correction: Correction) -> Int {
        rawModules(version) / 8 - eccPerBlock[correction.rawValue][version] * blocks[correction.rawValue][version]
    }

    /// The data split into blocks, each followed by its Reed–Solomon codewords, interleaved.
    private static func withCorrection(_ data: [UInt8], _ version: Int, _ correction: Correction) -> [UInt8] {
        let count = blocks[correction.rawValue][version]
        let ecc = eccPerBlock[correction.rawValue][version]
        let raw = rawModules(version) / 8
        let short = count - raw % count
        let shortLength = raw / count
        let divisor = reedSolomonDivisor(ecc)
        var split: [[UInt8]] = []
        var k = 0
        for i in 0..<count {
            let length = shortLength - ecc + (i < short ? 0 : 1)
            var block = Array(data[k..<(k + length)])
            k += length
            let remainder = reedSolomonRemainder(block, divisor)
            if i < short { block.append(0) }  // a placeholder so every block is as long; skipped below
            split.append(block + remainder)
        }
        var result: [UInt8] = []
        for i in 0..<split[0].count {
            for (j, block) in split.enumerated() where i != shortLength - ecc || j >= short {
                result.append(block[i])
            }
        }
        return result
    }

    private static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= (Int(y) >> i & 1) * Int(x)
        }
        return UInt8(z)
    }

    private static func reedSolomonDivisor(_ degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    private static func reedSolomonRemainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
