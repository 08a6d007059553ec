import Foundation

/// Where reminders are sent from: an SMTP server given as `smtp://user:pass@host:587` (STARTTLS required) or
/// `smtps://user:pass@host:465` (TLS from the first byte), with the sender address. Read once at the edge
/// (`--smtp-url` / `WEAVE_SMTP_URL`, `--smtp-from` / `WEAVE_SMTP_FROM` or a `from=` query item).
public struct SMTPSettings: Sendable, Hashable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable {
        /// Plain connection upgraded with STARTTLS; a server that does not offer it is refused.
        case startTLS
        /// TLS from the first byte (`smtps://`, usually port 465).
        case implicitTLS
        /// No TLS at all: only for a relay on loopback, and only when `?tls=none` says so.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The sender's address (`From:` and `MAIL FROM`).
    public var from: String
    /// How long one step of the conversation (connect, a reply) may take.
    public var stepTimeout: Duration = .seconds(15)

    /// Reads an `smtp://` or `smtps://` URL; `from` is used when the URL has no `from=` query item.
    /// - Throws: ``MailError/settings(_:)`` saying what is wrong, never repeating the password.
    public init(url text: String, from fallback: String? = nil) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme) else {
            throw MailError.settings("The SMTP URL must look like smtp://user:password@host:587 or smtps://user:password@host:465.")
        }
        guard let host = url.host, !host.isEmpty else { throw MailError.settings("The SMTP URL names no server.") }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = url.port ?? (scheme == "smtps" ? 465 : 587)
        username = url.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
        password = url.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if scheme == "smtps" {
            security = .implicitTLS
        } else if query["tls"]?.lowercased() == "none" {
            guard Self.isLoopback(self.host) else {
                throw MailError.settings("tls=none is only allowed for a relay on this machine (localhost, 127.0.0.1 or ::1), not \(self.host): use STARTTLS or smtps://.")
            }
            security = .none
        } else if let tls = query["tls"], !tls.isEmpty, tls.lowercased() != "starttls" {
            throw MailError.settings("The SMTP URL's tls=\(tls) is not known; leave it out (STARTTLS) or write tls=none for a relay on this machine.")
        } else {
            security = .startTLS
        }
        guard let from = query["from"].flatMap({ $0.isEmpty ? nil : $0 }) ?? fallback, !from.isEmpty else {
            throw MailError.settings("Say who reminders come from: --smtp-from (WEAVE_SMTP_FROM) or a from= item in the SMTP URL.")
        }
        guard MailMessage.isAddress(from) else { throw MailError.settings("The sender “\(from)” does not look like an email address.") }
        self.from = from
        guard (1...65535).contains(port) else { throw MailError.settings("The SMTP port \(port) is not between 1 and 65535.") }
    }

    static func isLoopback(_ host: String) -> Bool {
        ["localhost", "::1"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// The settings as an operator may see them: the password written as •••.
    public var description: String {
        let scheme = security == .implicitTLS ? "smtps" : "smtp"
        let user = username.map { ($0.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? $0) + (password == nil ? "" : ":•••") + "@" } ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user)\(shownHost):\(port)" + (security == .none ? "?tls=none" : "") + " from \(from)"
    }
}
