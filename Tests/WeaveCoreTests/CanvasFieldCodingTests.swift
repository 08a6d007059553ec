import Foundation
import Testing
@testable import WeaveCore

/// Canvas fields travel as JSON (to the browser, into stored sessions): every kind must round-trip.
@Suite struct CanvasFieldCodingTests {
    @Test func everyBuiltInFieldRoundTrips() throws {
        let library = try builtInLibrary()
        let fields = library.tools.flatMap(\.fields) + library.paths.flatMap(\.canvasFields)
        #expect(Set(fields.map(\.kind.name)).count >= 8)
        for field in fields {
            let data = try WeaveJSON.encoder().encode(field)
            let decoded = try WeaveJSON.decoder().decode(CanvasField.self, from: data)
            #expect(decoded == field, "\(field.id)")
        }
    }

    @Test func jsonIsFlatWithKindBesideItsKeys() throws {
        let field = CanvasField(id: "causes", label: "Core causes", kind: .list(ListSpec(minItems: 3, maxItems: 5)))
        let object = try JSONSerialization.jsonObject(with: WeaveJSON.encoder().encode(field)) as? [String: Any]
        #expect(object?["kind"] as? String == "list")
        #expect(object?["min_items"] as? Int == 3)
        #expect(object?["max_items"] as? Int == 5)
        #expect(object?["required"] as? Bool == true)
    }
}
