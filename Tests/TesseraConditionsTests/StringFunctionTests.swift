import Testing
@testable import TesseraConditions

struct StringFunctionTests {
    @Test(arguments: [
        ("size('hello')", 5), ("'hello'.size()", 5), ("size('')", 0),
        ("size('é')", 1), ("size('😀')", 1), ("size('e\\u0301')", 2), ("size('\\U0001F468\\u200D\\U0001F469')", 3),
        ("size([1, 2, 3])", 3), ("size({'a': 1})", 1), ("[1].size()", 1),
    ])
    func size(_ expression: String, _ expected: Int) {
        #expect(CEL.result(expression) == #"{"type":"int","value":\#(expected)}"#)
    }

    @Test(arguments: [
        ("'hello'.contains('ell')", true), ("'hello'.contains('')", true), ("'hello'.contains('xyz')", false),
        ("'aaab'.contains('aab')", true), ("'hello'.startsWith('he')", true), ("'hello'.startsWith('lo')", false),
        ("'hello'.endsWith('lo')", true), ("'hello'.endsWith('')", true), ("'é'.startsWith('e')", false),
        ("'naïve'.contains('ï')", true),
    ])
    func substring(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test func stringFunctionsRequireStrings() {
        #expect(CEL.error("'a'.contains(1)")?.code == .type)
        #expect(CEL.error("1.startsWith('a')")?.code == .type)
        #expect(CEL.error("contains('a', 'b')")?.code == .type)
        #expect(CEL.error("'a'.upperAscii()")?.message == "undeclared reference to 'upperAscii'")
    }
}

struct RegexTests {
    @Test(arguments: [
        ("'abc'.matches('b')", true),
        ("'abc'.matches('^b')", false),
        ("'abc'.matches('^abc$')", true),
        ("matches('abc', 'c$')", true),
        ("'a1b2'.matches('[0-9]')", true),
        ("'ab'.matches('[^a-z]')", false),
        ("'x_9'.matches('^\\\\w+$')", true),
        ("'a b'.matches('\\\\s')", true),
        ("'abc'.matches('\\\\d')", false),
        ("'ABC'.matches('(?i)abc')", true),
        ("'ABC'.matches('abc')", false),
        ("'aaa'.matches('^a{2,3}$')", true),
        ("'aaaa'.matches('^a{2,3}$')", false),
        ("'ab'.matches('^(a|b)+$')", true),
        ("'ac'.matches('^a(?:b|c)$')", true),
        ("'a.c'.matches('a\\\\.c')", true),
        ("'abc'.matches('a\\\\.c')", false),
        ("'line1\\nline2'.matches('^line2$')", false),
        ("'line1\\nline2'.matches('(?m)^line2$')", true),
        ("'a\\nb'.matches('a.b')", false),
        ("'a\\nb'.matches('(?s)a.b')", true),
        ("'hello world'.matches('\\\\bworld\\\\b')", true),
        ("'helloworld'.matches('\\\\bworld')", false),
        ("'é'.matches('^.$')", true),
        ("'Ünïcödé'.matches('^\\\\pL+$')", true),
        ("'x'.matches('[[:alpha:]]')", true),
        ("'{'.matches('{')", true),
        ("''.matches('')", true),
        ("'abc'.matches('a*?')", true),
        ("'ab'.matches('(?P<name>a)b')", true),
        ("'ababx'.matches('^(?:ab)+x$')", true),
        ("'aAaA'.matches('^(?i:a)*$')", true),
        ("'aab'.matches('^(?<first>a){2}b$')", true),
        ("'abc'.matches('(?i)A(?-i)b')", true),
        ("'aBc'.matches('(?i)A(?-i)b')", false),
        ("'a+b'.matches('\\\\Qa+b\\\\E')", true),
        ("'\\u263a'.matches('\\\\x{263A}')", true),
    ])
    func matches(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#, "\(expression)")
    }

    @Test(arguments: ["(", "a)", "[a", "a**", "x{1001}", "*a", "(?=a)", "\\\\1", "a{2,1}", "\\\\p{Greek}", "(?z)"])
    func invalidConstantPatternIsACompileError(_ pattern: String) {
        let error = CEL.error("'a'.matches('\(pattern)')")
        #expect(error?.code == .type, "\(pattern): \(String(describing: error))")
        #expect(error?.position == 12)
    }

    @Test func invalidDynamicPatternIsAnEvaluationError() {
        let error = CEL.error("'a'.matches(p)", ["p": "string"], context: #"{"p":"(unclosed"}"#)
        #expect(error?.code == .evaluation)
        #expect(error?.message.hasPrefix("invalid regular expression") == true)
    }

    @Test func hostilePatternRunsInLinearTime() throws {
        // (a*)*b against a long run of a's: exponential for a backtracking engine.
        let text = String(repeating: "a", count: 20_000)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let value = try CEL.eval("s.matches('^(a*)*(a|aa)*b$')", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 10_000_000)
            #expect(value.boolValue == false)
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func expandingRepetitionIsRefused() {
        #expect(CEL.error("'a'.matches('((a{1000}){1000}){1000}')")?.message.contains("too large") == true)
    }

    @Test func regexCostIsCharged() {
        let text = String(repeating: "x", count: 1000)
        let error = CEL.error("s.matches('x+y')", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 100)
        #expect(error?.code == .costExceeded)
    }
}
