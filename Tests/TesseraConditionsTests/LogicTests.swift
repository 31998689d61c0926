import Testing
@testable import TesseraConditions

/// CEL's `&&` and `||` are commutative with respect to errors: a decisive operand wins
/// even when the other one fails, on either side.
struct LogicTests {
    @Test(arguments: [
        ("1 / 0 == 1 && false", false),
        ("false && 1 / 0 == 1", false),
        ("1 / 0 == 1 || true", true),
        ("true || 1 / 0 == 1", true),
        ("{'a': 1}.b == 1 || [1, 2][1] == 2", true),
        ("true && true", true), ("true && false", false), ("false || false", false),
        ("!true", false), ("!false", true),
        ("true ? 1 / 0 == 0 : true", false),
    ])
    func absorbsErrors(_ expression: String, _ expected: Bool) {
        if expression.hasPrefix("true ?") {
            #expect(CEL.error(expression)?.message == "division by zero")
            return
        }
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test(arguments: [
        ("1 / 0 == 1 && true", "division by zero"),
        ("true && 1 / 0 == 1", "division by zero"),
        ("1 / 0 == 1 || false", "division by zero"),
        ("false || 1 % 0 == 1", "modulus by zero"),
        ("1 / 0 == 1 && 2 % 0 == 1", "division by zero"),
    ])
    func propagatesUndecidedErrors(_ expression: String, _ message: String) {
        #expect(CEL.error(expression)?.message == message)
    }

    @Test func dynNonBoolOperandIsAnError() {
        let error = CEL.error("dyn(1) && true")
        #expect(error?.code == .evaluation)
        #expect(CEL.result("dyn(1) && false") == #"{"type":"bool","value":false}"#)
    }

    @Test(arguments: [
        ("true ? 'a' : 'b'", #"{"type":"string","value":"a"}"#),
        ("false ? 'a' : 'b'", #"{"type":"string","value":"b"}"#),
        ("1 > 2 ? 1 : 2 > 1 ? 3 : 4", #"{"type":"int","value":3}"#),
        ("false ? 1 / 0 : 7", #"{"type":"int","value":7}"#),
    ])
    func ternary(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test func ternaryRequiresBoolAndMatchingBranches() {
        #expect(CEL.error("1 ? 2 : 3")?.code == .type)
        #expect(CEL.error("true ? 1 : 'a'")?.code == .type)
        #expect(CEL.error("!1")?.code == .type)
    }
}

struct MacroTests {
    @Test(arguments: [
        ("[1, 2, 3].all(x, x > 0)", #"{"type":"bool","value":true}"#),
        ("[1, 2, 3].all(x, x > 1)", #"{"type":"bool","value":false}"#),
        ("[].all(x, x > 1)", #"{"type":"bool","value":true}"#),
        ("[1, 2, 3].exists(x, x == 2)", #"{"type":"bool","value":true}"#),
        ("[].exists(x, true)", #"{"type":"bool","value":false}"#),
        ("[1, 2, 3].exists_one(x, x > 2)", #"{"type":"bool","value":true}"#),
        ("[1, 2, 3].exists_one(x, x > 1)", #"{"type":"bool","value":false}"#),
        ("[1, 2, 3].map(x, x * 10)", #"{"type":"list<int>","value":[10,20,30]}"#),
        ("[1, 2, 3].map(x, x > 1, x * 10)", #"{"type":"list<int>","value":[20,30]}"#),
        ("[1, 2, 3].filter(x, x % 2 == 1)", #"{"type":"list<int>","value":[1,3]}"#),
        ("{'a': 1, 'b': 2}.all(k, k in ['a', 'b'])", #"{"type":"bool","value":true}"#),
        ("{'a': 1, 'b': 2}.map(k, k + k)", #"{"type":"list<string>","value":["aa","bb"]}"#),
        ("[[1, 2], [3]].all(l, l.exists(x, x > 0))", #"{"type":"bool","value":true}"#),
        ("[1, 2].map(x, [1, 2].map(x, x * 2))", #"{"type":"list<list<int>>","value":[[2,4],[2,4]]}"#),
        ("has({'a': 1}.a)", #"{"type":"bool","value":true}"#),
        ("has({'a': 1}.b)", #"{"type":"bool","value":false}"#),
    ])
    func macro(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test func allAbsorbsErrorsWhenAnElementIsFalse() {
        #expect(CEL.result("[0, 1].all(x, 1 / x > 1)") == #"{"type":"bool","value":false}"#)
        #expect(CEL.error("[0, 1].all(x, 1 / x > 0)")?.message == "division by zero")
        #expect(CEL.result("[1, 0].all(x, 1 / x > 5)") == #"{"type":"bool","value":false}"#)
        #expect(CEL.error("[0, 1].all(x, 1 / x > 0 || x == 1)")?.message == "division by zero")
        #expect(CEL.result("[0, 1].exists(x, 1 / x == 1)") == #"{"type":"bool","value":true}"#)
        #expect(CEL.error("[0, 2].exists(x, 1 / x == 1)")?.message == "division by zero")
        #expect(CEL.error("[0, 1].exists_one(x, 1 / x == 1)")?.message == "division by zero")
    }

    @Test func hasOnMapParameters() {
        let parameters = ["m": "map<string>"]
        #expect(CEL.result("has(m.key) && !has(m.other)", parameters, context: #"{"m":{"key":"v"}}"#) == #"{"type":"bool","value":true}"#)
    }

    @Test func macroErrors() {
        #expect(CEL.error("has(x)", ["x": "string"])?.code == .syntax)
        #expect(CEL.error("[1].all(1, true)")?.code == .syntax)
        #expect(CEL.error("[1].all(x, x)")?.code == .type)
        #expect(CEL.error("1.all(x, true)")?.code == .type)
        #expect(CEL.error("has(s.f)", ["s": "string"])?.code == .type)
        #expect(CEL.error("[1].exists(x, y > 0)")?.message == "undeclared reference to 'y'")
    }

    @Test func comprehensionVariableShadowsParameter() {
        #expect(CEL.result("[1, 2].all(x, x < 3) && x == 'p'", ["x": "string"], context: #"{"x":"p"}"#) == #"{"type":"bool","value":true}"#)
    }
}
