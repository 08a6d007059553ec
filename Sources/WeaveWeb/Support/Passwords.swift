import HummingbirdBcrypt
import NIOPosix

/// Password hashing with bcrypt, off the event loops (a hash takes a quarter of a second at cost 12).
struct Passwords: Sendable {
    /// bcrypt's cost; tests lower it to stay quick.
    var cost: UInt8 = 12

    /// Passwords shorter than this are refused.
    static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut.
    static let maximumBytes = 72

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Why a new password is not acceptable, or `nil`.
    static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "Choose a password of at least \(minimumLength) characters." }
        if password.utf8.count > maximumBytes { return "Choose a password of at most \(maximumBytes) bytes." }
        return nil
    }
}
