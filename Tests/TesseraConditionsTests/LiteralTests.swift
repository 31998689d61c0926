import Testing
@testable import TesseraConditions

struct LiteralTests {
    @Test(arguments: [
        ("0", #"{"type":"int","value":0}"#),
        ("42", #"{"type":"int","value":42}"#),
        ("0x1F", #"{"type":"int","value":31}"#),
        ("-0x10", #"{"type":"int","value":-16}"#),
        ("9223372036854775807", #"{"type":"int","value":9223372036854775807}"#),
        ("-9223372036854775808", #"{"type":"int","value":-9223372036854775808}"#),
        ("1u", #"{"type":"uint","value":1}"#),
        ("18446744073709551615u", #"{"type":"uint","value":18446744073709551615}"#),
        ("0xFFu", #"{"type":"uint","value":255}"#),
        ("1.5", #"{"type":"double","value":1.5}"#),
        (".5", #"{"type":"double","value":0.5}"#),
        ("1e3", #"{"type":"double","value":1000.0}"#),
        ("-2.5e-3", #"{"type":"double","value":-0.0025}"#),
        ("true", #"{"type":"bool","value":true}"#),
        ("false", #"{"type":"bool","value":false}"#),
        ("null", #"{"type":"null","value":null}"#),
        ("[1, 2, 3,]", #"{"type":"list<int>","value":[1,2,3]}"#),
        ("[1, 'a']", #"{"type":"list<any>","value":[1,"a"]}"#),
        ("{'a': 1, 'b': 2,}", #"{"type":"map<int>","value":{"a":1,"b":2}}"#),
        ("{1: 'x'}", #"{"type":"map<int, string>","value":{"1":"x"}}"#),
        ("--5", #"{"type":"int","value":5}"#),
        ("!!true", #"{"type":"bool","value":true}"#),
        ("-(5)", #"{"type":"int","value":-5}"#),
        ("1 // a comment\n + 1", #"{"type":"int","value":2}"#),
    ])
    func literal(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test(arguments: [
        (#""double""#, "double"),
        ("'single'", "single"),
        (#"'it\'s'"#, "it's"),
        (#""a\nb\tc""#, "a\nb\tc"),
        (#""\x41\101\u00e9\U0001F600""#, "AAé😀"),
        (#""\a\b\f\v\\\?\`""#, "\u{07}\u{08}\u{0C}\u{0B}\\?`"),
        ("'''multi\nline'''", "multi\nline"),
        (#""""with "quotes" inside""""#, #"with "quotes" inside"#),
        (#"r"\n stays""#, #"\n stays"#),
        (#"R'\d+'"#, #"\d+"#),
    ])
    func string(_ expression: String, _ expected: String) throws {
        let value = try CEL.eval(expression)
        guard case .string(let text) = value.value else {
            Issue.record("not a string: \(value.jsonText)")
            return
        }
        #expect(text == expected)
    }

    @Test(arguments: [
        ("9223372036854775808", 0),
        ("-9223372036854775809", 0),
        ("18446744073709551616u", 0),
        ("1e400", 0),
        ("'unterminated", 0),
        ("'line\nbreak'", 5),
        (#""\z""#, 1),
        (#""\ud800""#, 1),
        ("b'bytes'", 0),
        ("1 = 1", 2),
        ("1 +", 3),
        ("(1", 2),
        ("if", 0),
        ("x.", 2),
        ("a ? b", 5),
        ("Msg{a: 1}", 3),
        ("1 & 2", 2),
        ("#", 0),
    ])
    func syntaxError(_ expression: String, _ position: Int) {
        let error = CEL.error(expression)
        #expect(error?.code == .syntax, "\(expression): \(String(describing: error))")
        #expect(error?.position == position, "\(expression): \(String(describing: error))")
    }

    @Test func positionsCountCodePoints() {
        // "é" and "😀" are one code point each (but several UTF-8 bytes and, for the emoji,
        // two UTF-16 units).
        let error = CEL.error("'é😀' + 1")
        #expect(error?.code == .type)
        #expect(error?.position == 5)
    }

    @Test func nestingDepthIsBounded() {
        let fine = String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40)
        #expect(CEL.error(fine) == nil)
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(CEL.error(deep)?.code == .syntax)
        let calls = String(repeating: "size(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(CEL.error(calls)?.code == .syntax)
        let chain = (0..<200).map { _ in "[" }.joined() + (0..<200).map { _ in "]" }.joined()
        #expect(CEL.error(chain)?.code == .syntax)
        let sum = Array(repeating: "1", count: 300).joined(separator: " + ")
        #expect(CEL.error(sum)?.code == .syntax)
    }

    @Test func longLogicalChainsAreBalanced() {
        let conjunction = Array(repeating: "true", count: 1000).joined(separator: " && ")
        #expect(CEL.result(conjunction) == #"{"type":"bool","value":true}"#)
    }
}
