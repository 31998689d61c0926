import Testing
import TesseraConditions
import TesseraModel
@testable import TesseraStore

/// The byte-wise ASCII checks must agree with the general identifier rules everywhere.
struct ASCIIIdentifiersTests {
    /// Every string of up to 4 characters over an alphabet of the interesting ASCII bytes.
    static let samples: [String] = {
        let alphabet: [String] = ["a", "Z", "0", ":", "#", "@", "*", " ", "\t", "\u{7F}", "\u{01}", "-"]
        var samples = [""]
        var layer = [""]
        for _ in 0..<4 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            samples += layer
        }
        return samples
    }()

    @Test func objectCheckAgreesWithObjectReference() {
        for text in Self.samples {
            #expect(ASCIIIdentifiers.isValidObject(text) == (ObjectReference(text).map { !$0.isWildcard } ?? false), "\(text.debugDescription)")
        }
    }

    @Test func relationCheckAgreesWithIdentifierRules() {
        for text in Self.samples + [String(repeating: "r", count: 50), String(repeating: "r", count: 51)] {
            #expect(ASCIIIdentifiers.isValidRelation(text) == IdentifierRules.isValidRelationName(text), "\(text.debugDescription)")
        }
    }

    @Test func userCheckAgreesWithUserReference() {
        for text in Self.samples + ["user:anne", "group:eng#member", "user:*", "group:*#member", String(repeating: "t", count: 255) + ":x"] {
            #expect(ASCIIIdentifiers.isValidUser(text) == (UserReference(text) != nil), "\(text.debugDescription)")
        }
    }

    @Test func nonASCIITextTakesTheGeneralPath() {
        #expect(ASCIIIdentifiers.isValidUser("user:é") == nil)
        #expect(ASCIIIdentifiers.isValidObject("doc:\u{00A0}") == nil)
    }
}
