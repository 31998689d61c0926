import Testing
@testable import TesseraAuth

/// The strict parser tokens and JWKS documents are read with.
struct StrictJSONTests {
    private func parse(_ text: String) throws -> StrictJSON {
        try StrictJSONParser.parse(Array(text.utf8))
    }

    @Test func readsEveryKindAndKeepsNumberText() throws {
        let value = try parse(#" {"a":[1,-2.5e3,true,false,null],"b":{"c":"\u00e9\ud83d\ude00\n"}} "#)
        #expect(value == .object([
            "a": .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("é😀\n")]),
        ]))
    }

    @Test func duplicateMembersAreRefusedAfterUnescaping() {
        #expect(throws: StrictJSONError.duplicateMember("aud")) { try parse(#"{"aud":"a","aud":"b"}"#) }
        #expect(throws: StrictJSONError.duplicateMember("aud")) { try parse(#"{"aud":"a","\u0061ud":"b"}"#) }
        #expect(throws: StrictJSONError.duplicateMember("x")) { try parse(#"{"o":{"x":1,"x":1}}"#) }
    }

    @Test func lenientSyntaxIsRefused() {
        for text in ["", "{", "{}x", "{'a':1}", #"{"a":01}"#, #"{"a":1,}"#, "[1,]", #"{"a":.5}"#, #"{"a":NaN}"#,
                     "\"\u{01}\"", #""\ud800""#, #""\udc00x""#, #""\x""#, "tru", #"{"a" 1}"#] {
            #expect(throws: StrictJSONError.self, "\(text)") { try parse(text) }
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: StrictJSONError.invalidUTF8) { try StrictJSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func invalidUTF8IsRefusedWhereverItIs() {
        // After an escape, in a key, outside any string, and after a complete document:
        // strings are validated one by one, so the other places rely on the refusal path.
        let documents: [[UInt8]] = [
            Array(#""\n"#.utf8) + [0xC3, 0x22],
            [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D],
            [0x5B, 0xE2, 0x82, 0x5D],
            Array(#"{"a":1}"#.utf8) + [0xFF],
        ]
        for bytes in documents {
            #expect(throws: StrictJSONError.invalidUTF8, "\(bytes)") { try StrictJSONParser.parse(bytes) }
        }
    }

    @Test func multiByteTextAroundEscapesIsKept() throws {
        #expect(try parse(#"["é\t😀\u00e9x", "日本"]"#) == .array([.string("é\t😀éx"), .string("日本")]))
    }

    @Test func deepNestingIsRefused() {
        #expect(throws: StrictJSONError.tooDeep) { try parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
        #expect(throws: Never.self) { try parse(String(repeating: "[", count: 10) + String(repeating: "]", count: 10)) }
    }
}

/// Canonical unpadded base64url.
struct Base64URLTests {
    @Test func roundTripsEveryLength() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            #expect(Base64URL.decode(Array(Base64URL.encode(bytes).utf8)) == bytes)
        }
    }

    @Test func refusesPaddingForeignAlphabetAndNonCanonicalText() {
        for text in ["QQ==", "Q+E", "Q/E", "Q E", "A", "QR", "QUF"] {
            #expect(Base64URL.decode(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(Base64URL.decode(Array("QQ".utf8)) == [0x41])
        #expect(Base64URL.decode(Array("QUE".utf8)) == [0x41, 0x41])
    }
}
