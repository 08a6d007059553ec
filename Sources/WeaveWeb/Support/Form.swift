import Foundation
import Hummingbird

/// A submitted `application/x-www-form-urlencoded` form.
struct Form: Sendable {
    private(set) var values: [String: [String]] = [:]

    /// Reads a request's form body (at most 256 KiB).
    init(_ request: Request, context: some RequestContext) async throws {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        self.init(parsing: String(buffer: buffer))
    }

    init(parsing body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// A field's value, trimmed; "" when absent.
    subscript(_ key: String) -> String {
        (values[key]?.first ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every value of a repeated field.
    func all(_ key: String) -> [String] { values[key] ?? [] }

    /// A required field no longer than `limit` characters, or a 400 that names it.
    func required(_ key: String, label: String, limit: Int = 200) throws -> String {
        let value = self[key]
        guard !value.isEmpty else { throw HTTPError(.badRequest, message: "\(label) is required.") }
        return try optional(key, label: label, limit: limit)
    }

    /// An optional field no longer than `limit` characters, or a 400 that names it.
    func optional(_ key: String, label: String, limit: Int = 200) throws -> String {
        let value = self[key]
        guard value.count <= limit else { throw HTTPError(.badRequest, message: "\(label) is too long: at most \(limit) characters, this has \(value.count).") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\r" && $0 != "\t" }) else {
            throw HTTPError(.badRequest, message: "\(label) contains control characters.")
        }
        return value
    }
}

/// Cookies Weave sets, all HttpOnly and SameSite=Lax; Secure when the site is served over TLS.
struct CookieJar: Sendable {
    /// Whether to mark cookies Secure (the public URL is https).
    var secure: Bool

    func set(_ name: String, _ value: String, path: String = "/", maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=\(path); HttpOnly; SameSite=Lax"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if secure { cookie += "; Secure" }
        return cookie
    }

    func clear(_ name: String, path: String = "/") -> String {
        set(name, "", path: path, maxAge: 0)
    }
}

extension Request {
    /// A cookie's value, or `nil`.
    func cookie(_ name: String) -> String? {
        cookies[name]?.value
    }
}

extension Response {
    /// A 303 to another page, the answer to a form post.
    static func seeOther(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        if !cookies.isEmpty { headers[values: .setCookie] = cookies }
        return Response(status: .seeOther, headers: headers)
    }
}
