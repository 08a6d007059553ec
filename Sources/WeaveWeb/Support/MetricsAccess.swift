import Foundation
import WeaveStore

/// Who may read `/metrics`: the machine itself (a Prometheus agent beside Weave), or anyone presenting the
/// configured bearer token. Route labels and counts say too much about who uses Weave to publish them.
struct MetricsAccess: Sendable {
    /// The token a remote scraper must send as `Authorization: Bearer …`; `nil`: loopback only.
    var token: String?

    func allows(remoteAddress: String?, authorization: String?) -> Bool {
        if let token, !token.isEmpty, let authorization, authorization.lowercased().hasPrefix("bearer "),
           Secret.constantTimeEqual(String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), token) {
            return true
        }
        // No address: a request made in-process (tests), not over a network.
        guard let remoteAddress else { return true }
        return Self.isLoopback(remoteAddress)
    }

    /// 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6.
    static func isLoopback(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let v4 = lower.hasPrefix("::ffff:") ? String(lower.dropFirst("::ffff:".count)) : lower
        let octets = v4.split(separator: ".")
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
