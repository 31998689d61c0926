import Foundation
import TesseraConditions
import Testing
@testable import TesseraServer

/// The request-body JSON reader: RFC 8259, one pass, bounded nesting, errors with offsets.
struct JSONReaderTests {
    static func parse(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) throws -> JSONValue {
        try JSONReader.parse(Array(text.utf8), maxDepth: maxDepth)
    }

    @Test func readsEveryKindOfValue() throws {
        let value = try Self.parse(#" {"a": [1, -2.5, 3e2, 0, true, false, null], "b": {"c": "d"}, "": ""} "#)
        #expect(
            value
                == .object([
                    "a": .array([.number(1), .number(-2.5), .number(300), .number(0), .bool(true), .bool(false), .null]),
                    "b": .object(["c": .string("d")]), "": .string(""),
                ]))
    }

    @Test func readsEscapesAndNonASCIIText() throws {
        let value = try Self.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u4e2d", "\ud83d\ude00", "é中😀", "x\u0000y"]"#)
        #expect(value == .array([.string("a\"b\\c/d\u{08}\u{0C}\n\r\t"), .string("é中"), .string("😀"), .string("é中😀"), .string("x\u{0}y")]))
    }

    /// Valid documents read the same as Foundation's parser reads them.
    @Test(arguments: [
        #"{"tuple_key":{"user":"user:anne","relation":"viewer","object":"doc:1"},"context":{"n":12345678901,"f":0.1,"l":[[],{}]}}"#,
        #"[1E+2, 1e-2, -0, 0.5e1, 123456789012345678]"#, #""plain""#, "  42  ",
    ])
    func agreesWithFoundation(text: String) throws {
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try Self.parse(text) == foundation)
    }

    @Test(arguments: [
        ("", "unexpected end of the body"), ("{", "expected a member name"), (#"{"a" 1}"#, "expected ':'"),
        (#"{"a":1,}"#, "expected a member name"), ("[1,]", "unexpected character ']'"), ("[1 2]", "expected ',' or ']'"),
        ("01", "unexpected data after the JSON value"), ("1.", "invalid number"), ("-", "invalid number"), ("+1", "unexpected character '+'"),
        ("1e400", "number out of range"), ("tru", "unexpected end of the body"), ("nul!", "invalid literal"),
        ("\"a\nb\"", "control character in a string"), (#""\x""#, #"invalid escape '\x'"#), (#""\u12zz""#, #"invalid \u escape"#), (#""\u12""#, #"unterminated \u escape"#),
        (#""\ud83d""#, "unpaired surrogate"), (#""\ude00""#, "unpaired surrogate"), (#""abc"#, "unterminated string"),
        ("{} {}", "unexpected data after the JSON value"), ("'a'", "unexpected character '''"), ("NaN", "unexpected character 'N'"),
    ])
    func refusesMalformedJSONSayingWhy(text: String, reason: String) {
        #expect {
            try Self.parse(text)
        } throws: { error in
            (error as? JSONReader.Failure)?.reason.contains(reason) == true
        }
    }

    @Test func refusesInvalidUTF8NamingTheOffset() {
        #expect {
            try JSONReader.parse([0x22, 0x61, 0xFF, 0x22])
        } throws: { error in
            (error as? JSONReader.Failure).map { $0.reason == "invalid UTF-8 in a string" && $0.offset == 1 } == true
        }
    }

    @Test func nestingIsBounded() throws {
        #expect(try Self.parse("[[[1]]]", maxDepth: 3) == .array([.array([.array([.number(1)])])]))
        #expect {
            try Self.parse("[[[[1]]]]", maxDepth: 3)
        } throws: { error in
            (error as? JSONReader.Failure).map { $0.reason == "JSON nested deeper than 3 levels" && $0.offset == 3 } == true
        }
    }

    @Test func tenThousandLevelsAreRefusedWithoutRecursingThatDeep() {
        let deep = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        #expect {
            try Self.parse(deep)
        } throws: { error in
            (error as? JSONReader.Failure)?.reason == "JSON nested deeper than 512 levels"
        }
    }
}
