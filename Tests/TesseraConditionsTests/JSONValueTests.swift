import Foundation
import Testing
import TesseraConditions

struct JSONValueTests {
    @Test func decodesEveryKind() throws {
        let text = #"{"a":null,"b":true,"c":1.5,"d":"x","e":[1,"y"],"f":{"g":false}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == .object([
            "a": .null, "b": .bool(true), "c": .number(1.5), "d": .string("x"),
            "e": .array([.number(1), .string("y")]), "f": .object(["g": .bool(false)]),
        ]))
    }

    @Test func canonicalTextSortsKeysAndEscapes() {
        let value = JSONValue.object(["b": .number(2), "a": .string("q\"\n\u{1}")])
        #expect(value.canonicalText == #"{"a":"q\"\n\u0001","b":2}"#)
    }

    @Test func boolIsNotANumber() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data("[true, 1]".utf8))
        #expect(value == .array([.bool(true), .number(1)]))
    }
}
