public import Foundation

/// One plain-text email, rendered as RFC 5322 with a UTF-8 body in quoted-printable, so it travels over any
/// server, whether or not it advertises 8BITMIME. Every header value is checked: CR, LF or NUL in one is
/// refused, so a partner's name can never add headers.
public struct MailMessage: Sendable, Hashable {
    public var from: String
    public var to: String
    /// The recipient's name shown beside the address (RFC 2047-encoded when not ASCII).
    public var toName: String
    public var subject: String
    public var body: String
    public var date: Date
    /// Unique per message; `<…@sender-domain>`.
    public var messageID: String

    public init(from: String, to: String, toName: String = "", subject: String, body: String, date: Date = Date(), messageID: String? = nil) {
        self.from = from
        self.to = to
        self.toName = toName
        self.subject = subject
        self.body = body
        self.date = date
        let domain = from.split(separator: "@").last.map(String.init) ?? "weave.invalid"
        self.messageID = messageID ?? "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// Whether a text is one plain `local@domain` address: ASCII, no spaces, brackets or line breaks.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), text.count <= 254 else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }

    /// The message as sent after DATA (before dot-stuffing), lines ending in CRLF.
    /// - Throws: ``MailError`` when an address is not one or a header value holds a line break.
    public func rendered() throws -> String {
        for (field, value) in [("sender", from), ("recipient's address", to), ("recipient's name", toName), ("subject", subject), ("Message-ID", messageID)] {
            guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else { throw MailError.unsafeText(field: field) }
        }
        guard Self.isAddress(from) else { throw MailError.badAddress(from) }
        guard Self.isAddress(to) else { throw MailError.badAddress(to) }
        let headers = [
            "Date: " + Self.dateText(date),
            "From: <\(from)>",
            "To: " + (toName.isEmpty ? "<\(to)>" : "\(Self.phrase(toName)) <\(to)>"),
            "Subject: " + Self.encodedWords(subject),
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body) + "\r\n"
    }

    /// A date as RFC 5322 writes it, in UTC.
    static func dateText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    /// A display name: plain ASCII words are quoted, anything else is an RFC 2047 encoded word.
    static func phrase(_ name: String) -> String {
        guard name.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) else { return encodedWords(name) }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// ASCII text as is; other text as RFC 2047 `=?utf-8?B?…?=` words of at most 75 characters, split on
    /// character boundaries and folded onto continuation lines.
    static func encodedWords(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) else { return text }
        // 75 − len("=?utf-8?B?") − len("?=") = 63 base64 characters → at most 45 bytes of UTF-8 per word.
        var words: [String] = [], chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append("=?utf-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// UTF-8 text as quoted-printable (RFC 2045): lines of at most 76 characters with soft breaks, `=` and
    /// non-ASCII bytes escaped, spaces before a line end escaped. Line ends become CRLF.
    static func quotedPrintable(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line in
            let bytes = Array(line.utf8)
            var out = "", width = 0
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !last)
                let piece = plain ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
                if width + piece.count > 75 {
                    out += "=\r\n"
                    width = 0
                }
                out += piece
                width += piece.count
            }
            return out
        }.joined(separator: "\r\n")
    }

    /// The rendered message ready for the DATA phase: a line starting with "." gets one more (RFC 5321 4.5.2).
    static func dotStuffed(_ rendered: String) -> String {
        rendered.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}
