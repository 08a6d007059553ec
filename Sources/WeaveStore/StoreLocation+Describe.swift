import AsyncKit
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO

extension StoreLocation {
    /// Says what went wrong with this database in words an operator can act on: PostgreSQL's own SQLSTATE
    /// and message (`28P01 password authentication failed for user "weave"`), or the refused address
    /// (`ECONNREFUSED 127.0.0.1:5432`), never PostgresNIO's generic placeholder, and never the password.
    ///
    /// Every database error Weave logs or prints goes through here.
    public func describe(_ error: any Error) -> String {
        redact(DatabaseErrorText.text(for: error, host: hostAndPort))
    }

    /// `host:port` of a PostgreSQL URL, for errors that do not carry the address.
    var hostAndPort: String? {
        guard case .postgres(let url) = self, let components = URLComponents(string: url) else { return nil }
        return "\(components.host ?? "localhost"):\(components.port ?? 5432)"
    }

    /// Takes the password out of a text, however it got in (a URL echoed back, a message quoting it).
    func redact(_ text: String) -> String {
        var text = text.replacing(#/(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@/#.ignoresCase()) { "\($0.output.1)•••@" }
        if case .postgres(let url) = self, let components = URLComponents(string: url) {
            // A password that is also the user's name would blank the name everywhere; the URL pattern covers it.
            for secret in [components.password, components.percentEncodedPassword].compactMap({ $0 })
            where secret.count >= 3 && secret != components.user {
                text = text.replacingOccurrences(of: secret, with: "•••")
            }
        }
        return text
    }
}

/// The words for each kind of database error. PostgresNIO hides its errors behind a generic description
/// so that they are not shown to end users by accident; an operator needs them, so this reads the parts.
enum DatabaseErrorText {
    static let placeholder = "Generic description to prevent accidental leakage"

    static func text(for error: any Error, host: String?) -> String {
        switch error {
        case let error as StoreOpenError:
            return error.description
        case let error as PSQLError:
            return text(for: error, host: host)
        case let error as NIOConnectionError:
            return text(for: error)
        case let error as ChannelError:
            if case .connectTimeout(let amount) = error {
                return "ETIMEDOUT \(host ?? "the database server"): no answer within \(amount.nanoseconds / 1_000_000_000) s"
            }
            return "connection: \(error)"
        case let error as ConnectionPoolTimeoutError:
            _ = error
            return "no database connection became free in time (all were busy, or the database does not answer)"
        case let error as ConnectionPoolError:
            _ = error
            return "the database connections are closed (Weave is shutting down)"
        default:
            let plain = String(describing: error)
            if plain.contains(placeholder), let inner = nestedPSQLError(in: error) {
                return text(for: inner, host: host)
            }
            return plain.contains(placeholder) ? "\(type(of: error)) (PostgreSQL gave no details)" : plain
        }
    }

    static func text(for error: PSQLError, host: String?) -> String {
        if let server = error.serverInfo, let message = server[.message] {
            var text = "\(server[.sqlState].map { "\($0) " } ?? "")\(message)"
            if let detail = server[.detail] { text += " (\(detail))" }
            if let hint = server[.hint] { text += " Hint: \(hint)" }
            return text
        }
        // A system error under a PostgreSQL error happened talking to the database server: name its address.
        let underlying = error.underlying.map { ($0 as? IOError).map { errnoText($0.errnoCode, address: host) } ?? Self.text(for: $0, host: host) }
        switch error.code {
        case .connectionError:
            return underlying ?? "could not connect to \(host ?? "the database server")"
        case .serverClosedConnection:
            return "the database server closed the connection" + (underlying.map { ": \($0)" } ?? "")
        case .clientClosedConnection:
            return "the connection was closed on Weave's side" + (underlying.map { ": \($0)" } ?? "")
        case .sslUnsupported:
            return "the database server does not offer TLS; enable it there or add ?sslmode=disable to the URL"
        case .authMechanismRequiresPassword:
            return "the database server asks for a password and the URL has none"
        case .unsupportedAuthMechanism:
            return "the database server asks for an authentication method Weave cannot use"
        case .saslError:
            return "SCRAM authentication failed" + (underlying.map { ": \($0)" } ?? "")
        case .queryCancelled:
            return "the query was cancelled"
        case .poolClosed:
            return "the database connections are closed (Weave is shutting down)"
        default:
            return "PostgreSQL client error \(error.code)" + (underlying.map { ": \($0)" } ?? "")
        }
    }

    static func text(for error: NIOConnectionError) -> String {
        if let failure = error.connectionErrors.first {
            let address = "\(failure.target.ipAddress ?? error.host):\(failure.target.port ?? error.port)"
            if let io = failure.error as? IOError { return errnoText(io.errnoCode, address: address) }
            if let channel = failure.error as? ChannelError, case .connectTimeout = channel {
                return "ETIMEDOUT \(address): no answer"
            }
            return "\(address): \(failure.error)"
        }
        if error.dnsAError != nil || error.dnsAAAAError != nil {
            return "cannot resolve the host name \(error.host) (DNS)"
        }
        return "could not connect to \(error.host):\(error.port)"
    }

    /// Whether waiting may help: the server is not reachable yet, or is still starting. A wrong password or a
    /// missing database will not mend itself, so those are reported at once.
    static func isWorthWaitingFor(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return error is NIOConnectionError || error is IOError }
        if let state = error.serverInfo?[.sqlState] {
            // 57P03 cannot_connect_now (starting up or shutting down), 08… connection exceptions, 53300 too many connections.
            return state == "57P03" || state.hasPrefix("08") || state == "53300"
        }
        return error.code == .connectionError || error.code == .serverClosedConnection
    }

    /// `ECONNREFUSED 127.0.0.1:5432 — …`: the errno's name first, as operators search for it.
    static func errnoText(_ code: CInt, address: String?) -> String {
        let names: [CInt: (String, String)] = [
            ECONNREFUSED: ("ECONNREFUSED", "nothing listens there; is PostgreSQL running, on this host and port?"),
            ETIMEDOUT: ("ETIMEDOUT", "no answer; is a firewall in the way?"),
            EHOSTUNREACH: ("EHOSTUNREACH", "the host cannot be reached"),
            ENETUNREACH: ("ENETUNREACH", "the network cannot be reached"),
            ECONNRESET: ("ECONNRESET", "the server dropped the connection"),
            EACCES: ("EACCES", "not allowed to connect"),
        ]
        let (name, meaning) = names[code] ?? ("errno \(code)", String(cString: strerror(code)))
        return "\(name) \(address ?? "")".trimmingCharacters(in: .whitespaces) + " — \(meaning)"
    }

    /// A PSQLError wrapped in another error's payload (a few levels down), found by reflection.
    static func nestedPSQLError(in value: Any, depth: Int = 0) -> PSQLError? {
        if let error = value as? PSQLError { return error }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let found = nestedPSQLError(in: child.value, depth: depth + 1) { return found }
        }
        return nil
    }
}
