/// Why an email was not sent, in words for the facilitator who pressed "Send".
public enum MailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The SMTP settings are malformed (start-up stops).
    case settings(String)
    /// A header value or address that would let text become headers or commands (CR, LF or NUL).
    case unsafeText(field: String)
    /// An address that is not one.
    case badAddress(String)
    /// The server could not be reached.
    case unreachable(String)
    /// The server did not answer in time.
    case timedOut(step: String)
    /// The server answered with a refusal.
    case refused(step: String, code: Int, text: String)
    /// TLS was required but could not be set up.
    case tls(String)

    public var description: String {
        switch self {
        case .settings(let text): text
        case .unsafeText(let field): "The \(field) contains a line break, which could smuggle in other headers; nothing was sent."
        case .badAddress(let address): "“\(address)” does not look like an email address; nothing was sent."
        case .unreachable(let why): "The mail server could not be reached (\(why)); nothing was sent."
        case .timedOut(let step): "The mail server did not answer in time (while \(step)); the reminder may not have been sent."
        case .refused(let step, let code, let text): "The mail server refused \(step): \(code) \(text)"
        case .tls(let why): "A secure connection to the mail server could not be set up (\(why)); nothing was sent."
        }
    }
}
