import Crypto
import Foundation

/// Random secrets and their stored forms. Secrets come from the system's cryptographic generator; only
/// their SHA-256 goes into the database, so a leaked database lets no one sign in or join.
public enum Secret {
    /// A random token of 256 bits, as 43 URL-safe characters.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The SHA-256 of a token, in hex: what the database keeps.
    public static func digest(_ token: String) -> String {
        // Every signed-in page asks for one (the login cache's key): hex by table, not String(format:) per byte.
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares two strings in time that does not depend on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Join codes: 10 characters of Crockford's base 32 (50 bits), shown as two groups of five.
public enum JoinCode {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// Characters in a code.
    public static let length = 10

    /// A new random code.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// The code as typed — any case, with spaces or dashes, O for 0, I or L for 1 — or `nil` when it cannot be one.
    public static func normalize(_ typed: String) -> String? {
        var out = ""
        for character in typed.uppercased() {
            switch character {
            case " ", "-", "\t": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default:
                guard alphabet.contains(character) else { return nil }
                out.append(character)
            }
            if out.count > length { return nil }
        }
        return out.count == length ? out : nil
    }

    /// `K7QM4XPD2R` as `K7QM4-XPD2R`.
    public static func display(_ code: String) -> String {
        guard code.count == length else { return code }
        return "\(code.prefix(5))-\(code.suffix(5))"
    }
}
