import Foundation
import HummingbirdTesting
import Testing
import WeaveCore
import WeaveStore
@testable import WeaveWeb

@Suite struct RecordAPITests {
    static func call(_ client: any TestClientProtocol, _ path: String, token: String?) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:], body: nil)
    }

    @Test func aTokenOpensItsOwnPartnershipUntilRevokedAndEveryRouteAnswersItsDocumentedShape() async throws {
        try await RecordTestApp.run { client, setup, store in
            // setup: a record with every kind of entry and a value, and a token for each of two partnerships
            var ana = try await RecordWorkshop.make(client, store, setup: setup)
            var zoe = try await RecordWorkshop.make(client, store, setup: nil, email: "zoe@example.org", name: "Hillside Housing")
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "indicator", "name": "Meals", "unit": "count", "frequency": "monthly",
                                                                                "baseline": "10", "target": "20", "target_date": "2027-12-31", "reporter": ana.partners[0].key])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "indicator", "name": "Bare", "frequency": "yearly"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "role", "partner": ana.partners[1].key, "role": "Convenor"])
            // Every entry's form on the record page saves as it is shown.
            let page = try await ana.facilitator.get(client, ana.record)
            let roleForm = try #require(page.html.firstMatch(of: #/<form class="inline-form" action="([^"]+/entries/[0-9a-f-]{36})" method="post">\s*<input type="hidden" name="_csrf" value="[^"]*">\s*<input type="hidden" name="partner" value="([0-9a-f-]{36})">/#))
            #expect(String(roleForm.2) == ana.partners[1].key)
            #expect(try await ana.facilitator.post(client, String(roleForm.1), ["partner": String(roleForm.2), "role": "Convenor and host"]).status == .seeOther)
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "agreement", "text": "Monthly call"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/entries", ["kind": "next-step", "what": "Write", "owner": ana.partners[2].key, "due": "2027-02-01"])
            _ = try await ana.facilitator.post(client, "\(ana.record)/values", ["csv": "indicator,period,value,note\nMeals,2027-01,12,ok\n"])
            let created = try await ana.facilitator.post(client, "\(ana.record)/tokens", ["name": "Funder dashboard"])
            let token = try #require(created.html.firstMatch(of: #/<code class="secret">(wv_[A-Za-z0-9_-]+)</code>/#)?.1).description
            let other = try #require(try await zoe.facilitator.post(client, "\(zoe.record)/tokens", ["name": "Theirs"]).html
                .firstMatch(of: #/<code class="secret">(wv_[A-Za-z0-9_-]+)</code>/#)?.1).description
            #expect(!(try await ana.facilitator.get(client, ana.record)).html.contains(token), "the secret is shown once only")

            // validate: every documented route answers its documented shape
            let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
            let served = try await client.execute(uri: "/openapi.json", method: .get, headers: [:], body: nil)
            #expect(served.status == .ok)
            #expect(try JSONSerialization.jsonObject(with: Data(served.html.utf8)) as? NSDictionary == document as NSDictionary)
            let schema = SchemaCheck(document: document)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count == 3)
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                let path = template.replacingOccurrences(of: "{partnership}", with: ana.key)
                let responses = try #require((item["get"] as? [String: Any])?["responses"] as? [String: Any])
                for (status, token) in [("200", Optional(token)), ("401", nil), ("401", "wv_guess"), ("404", other)] {
                    let response = try await Self.call(client, path, token: token)
                    #expect("\(response.status.code)" == status, "\(path) with \(token ?? "no token")")
                    let body = try JSONSerialization.jsonObject(with: Data(response.html.utf8))
                    let declared = try #require(schema.responseSchema(responses[status]), "\(path) \(status)")
                    let problems = schema.check(body, against: declared, at: "$")
                    #expect(problems.isEmpty, "\(path) \(status): \(problems)")
                }
            }
            let record = try #require(try JSONSerialization.jsonObject(with: Data(try await Self.call(client, "/api/v1/partnerships/\(ana.key)/record", token: token).html.utf8)) as? [String: Any])
            #expect((record["indicators"] as? [[String: Any]])?.count == 2)
            #expect(((record["indicators"] as? [[String: Any]])?.first?["values"] as? [[String: Any]])?.first?["value"] as? Double == 12)
            #expect((record["roles"] as? [[String: Any]])?.first?["role"] as? String == "Convenor and host")
            #expect((record["nextSteps"] as? [[String: Any]])?.first?["what"] as? String == "Write")
            // Another partnership's token does not open this one, nor this one another.
            #expect(try await Self.call(client, "/api/v1/partnerships/\(zoe.key)/record", token: token).status == .notFound)
            #expect(try await Self.call(client, "/api/v1/partnerships/\(zoe.key)/record", token: other).status == .ok)

            // MUT: revoked, the token opens nothing; the other partnership's stays valid
            let tokenID = try #require(try await store.apiTokens(of: ana.partnership).first).key
            #expect(try await ana.facilitator.post(client, "\(ana.record)/tokens/\(tokenID)/revoke", [:]).status == .seeOther)
            #expect(try await Self.call(client, "/api/v1/partnerships/\(ana.key)/record", token: token).status == .unauthorized)
            #expect(try await Self.call(client, "/api/v1/partnerships/\(zoe.key)/record", token: other).status == .ok)
            #expect(try await ana.facilitator.get(client, ana.record).html.contains("Revoked"))
        }
    }

    /// openapi-spec-validator from PyPI (`pip install openapi-spec-validator`; .ci/run installs it).
    @Test(.enabled(if: OpenAPIValidator.available, "needs python3 with openapi-spec-validator (pip install openapi-spec-validator); .ci/run installs it"))
    func theOpenAPIDocumentValidates() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("weave-openapi-\(UUID().uuidString).json")
        try Data(OpenAPIDocument.json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, output) = try OpenAPIValidator.run(["-m", "openapi_spec_validator", "--schema", "3.1.0", file.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("OK"), "\(output)")
    }
}

/// Finds python3 with the validator installed.
enum OpenAPIValidator {
    static let available: Bool = (try? run(["-c", "import openapi_spec_validator"]).status) == 0

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Checks a JSON value against the subset of JSON Schema the OpenAPI document uses: `$ref`, `type`, `enum`,
/// `const`, `required`, `properties`, `additionalProperties: false`, `items`, `pattern`, `minimum`, `maximum`.
/// Anything else in a schema fails the check, so the document cannot quietly outgrow it.
struct SchemaCheck {
    let document: [String: Any]
    static let understood: Set<String> = ["$ref", "type", "enum", "const", "required", "properties", "additionalProperties", "items",
                                         "pattern", "minimum", "maximum", "format", "description"]

    /// JSON booleans arrive as NSNumbers whose type code is a char or a C bool.
    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return value is Bool }
        let type = String(cString: number.objCType)
        return type == "c" || type == "B"
    }

    func responseSchema(_ response: Any?) -> [String: Any]? {
        guard var response = response as? [String: Any] else { return nil }
        if let ref = response["$ref"] as? String { response = resolve(ref) ?? [:] }
        return ((response["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
    }

    func resolve(_ ref: String) -> [String: Any]? {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] as Any }
        return node as? [String: Any]
    }

    func check(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { return ["\(path): unresolvable \(ref)"] }
            return check(value, against: target, at: path)
        }
        var problems = Set(schema.keys).subtracting(Self.understood).map { "\(path): the check does not understand \"\($0)\"" }
        if let type = schema["type"] as? String {
            let ok: Bool
            switch type {
            case "object": ok = value is [String: Any]
            case "array": ok = value is [Any]
            case "string": ok = value is String
            case "boolean": ok = Self.isBool(value)
            case "integer": ok = !Self.isBool(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
            case "number": ok = !Self.isBool(value) && value is NSNumber
            default: ok = false
            }
            if !ok { return problems + ["\(path): expected \(type), got \(value)"] }
        }
        if let options = schema["enum"] as? [String], !options.contains(value as? String ?? "\u{0}") { problems.append("\(path): \(value) not in \(options)") }
        if let constant = schema["const"], "\(constant)" != "\(value)" { problems.append("\(path): \(value) is not \(constant)") }
        if let pattern = schema["pattern"] as? String, let text = value as? String, text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): \(text) does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? Double, number < minimum { problems.append("\(path): below \(minimum)") }
        if let maximum = schema["maximum"] as? Double, let number = value as? Double, number > maximum { problems.append("\(path): above \(maximum)") }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path): missing \(key)") }
            for (key, item) in object {
                if let property = properties[key] { problems += check(item, against: property, at: "\(path).\(key)") }
                else if schema["additionalProperties"] as? Bool == false { problems.append("\(path): undocumented \(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { problems += check(item, against: items, at: "\(path)[\(index)]") }
        }
        return problems
    }
}
