import Foundation
import HummingbirdBcrypt
import NIOPosix
import WeaveStore

/// Password hashing with bcrypt, off the event loops (a hash takes a quarter of a second at cost 12), and
/// the rules for new passwords, after NIST SP 800-63B §3.1.1.2: at least 8 characters, up to 128, any
/// characters, no composition rules, and not one of the passwords people use most.
struct Passwords: Sendable {
    /// bcrypt's cost; tests lower it to stay quick.
    let cost: UInt8
    /// A hash of a random password at the same cost, checked when a sign-in names no account, so that an
    /// unknown email takes as long to refuse as a wrong password.
    let dummyHash: String
    /// The common passwords refused for new accounts (lowercased).
    let common: Set<String>

    /// Passwords shorter than this are refused.
    static let minimumLength = 8
    /// Passwords longer than this are refused (NIST asks for at least 64).
    static let maximumLength = 128

    /// Makes the dummy hash and reads the common password list shipped with Weave.
    init(cost: UInt8 = 12) async {
        self.cost = cost
        let secret = Secret.token()
        dummyHash = (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(secret, cost: cost) }) ?? Bcrypt.hash(secret, cost: cost)
        common = Self.loadCommon()
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost, input = Self.bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) }
    }

    /// Checks a password against a stored hash, or against the dummy hash when there is none (the answer is
    /// then always `false`, after the same work).
    func verify(_ password: String, hash: String?) async throws -> Bool {
        // A password over the limit matches no account, but costs the same to refuse.
        let tooLong = password.count > Self.maximumLength
        let input = tooLong ? "" : Self.bcryptInput(password)
        let stored = tooLong ? dummyHash : hash ?? dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: stored) }
        return matches && hash != nil && !tooLong
    }

    /// What bcrypt is given: the password itself up to its 72-byte limit; beyond that, the password's
    /// SHA-256 in hex, so that every character of a long passphrase counts instead of being cut.
    static func bcryptInput(_ password: String) -> String {
        password.utf8.count <= 72 ? password : "sha256:" + Secret.digest(password)
    }

    /// Why a new password is not acceptable, or `nil`.
    /// - Parameters:
    ///   - password: the password chosen.
    ///   - email: the account's email; a password that is the email, or its name part, is refused.
    func problem(with password: String, email: String = "") -> String? {
        let count = password.count
        if count < Self.minimumLength { return "Choose a password of at least \(Self.minimumLength) characters." }
        if count > Self.maximumLength { return "Choose a password of at most \(Self.maximumLength) characters." }
        let lower = password.lowercased()
        if common.contains(lower) || Set(lower).count == 1 {
            return "This password is among the most used, so it is among the first guessed. Choose another: a few unrelated words make a strong one."
        }
        let name = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if lower == email.lowercased() || (name.count >= 4 && lower == name) {
            return "Choose a password that is not your email address."
        }
        return nil
    }

    private static func loadCommon() -> Set<String> {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Passwords"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.trimmingCharacters(in: .whitespaces) })
    }
}
