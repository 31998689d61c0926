import Testing
@testable import TesseraConditions

struct CheckerTests {
    @Test func undeclaredIdentifierNamesItAndItsPosition() {
        let error = CEL.error("x < 100 && y > 1", ["x": "int"])
        #expect(error?.code == .type)
        #expect(error?.message == "undeclared reference to 'y'")
        #expect(error?.position == 11)
    }

    @Test func overloadErrorsNameTheTypes() {
        let error = CEL.error("t < 5", ["t": "timestamp"])
        #expect(error?.message == "found no matching overload for '<' applied to '(timestamp, int)'")
        #expect(error?.position == 2)
        let member = CEL.error("s.startsWith(1)", ["s": "string"])
        #expect(member?.message == "found no matching overload for 'startsWith' applied to 'string.(int)'")
        let list = CEL.error("l + [1]", ["l": "list<string>"])
        #expect(list?.message == "found no matching overload for '+' applied to '(list<string>, list<int>)'")
    }

    @Test func unknownFunction() {
        #expect(CEL.error("foo(1)")?.message == "undeclared reference to 'foo'")
        #expect(CEL.error("'a'.size(1)")?.code == .type)
    }

    @Test(arguments: [
        ("x", "int", "int"), ("[x]", "int", "list<int>"), ("{'k': x}", "string", "map<string>"),
        ("m['a']", "map<int>", "int"), ("m.a", "map<string>", "string"), ("l[0]", "list<double>", "double"),
        ("a", "any", "any"), ("[a, 1]", "any", "list<any>"), ("{}", "int", "map<any>"), ("[]", "int", "list<any>"),
        ("x == x", "int", "bool"), ("l.map(v, v + 1.0)", "list<double>", "list<double>"), ("l.filter(v, v > 0.0)", "list<double>", "list<double>"),
    ])
    func inferredTypes(_ expression: String, _ parameterType: String, _ expected: String) throws {
        let type = try #require(ConditionType(dslName: parameterType, allowAny: true))
        var parameters: [String: ConditionType] = [:]
        for name in ["x", "m", "l", "a"] { parameters[name] = type }
        let compiled = try CompiledExpression(expression: expression, parameters: parameters)
        #expect(compiled.resultTypeName == expected)
    }

    @Test func conditionsMustBeBool() {
        #expect(throws: ConditionError.self) { try CompiledCondition(name: "c", expression: "1 + 1", parameters: [:]) }
        do {
            _ = try CompiledCondition(name: "c", expression: "m['k']", parameters: ["m": .map(.any)])
            Issue.record("a dyn result must be refused")
        } catch {
            #expect(error.code == .type)
            #expect(error.message == "expected a bool condition expression output, but got 'any'")
        }
        #expect((try? CompiledCondition(name: "c", expression: "m['k'] == true", parameters: ["m": .map(.any)])) != nil)
    }

    @Test func dynValuesAreCheckedAtRuntime() {
        #expect(CEL.result("a.x + 1.0", ["a": "any"], context: #"{"a":{"x":2}}"#) == #"{"type":"double","value":3.0}"#)
        #expect(CEL.error("a.x + 1", ["a": "any"], context: #"{"a":{"x":2}}"#)?.message == "no such overload: + applied to (double, int)")
        #expect(CEL.error("a.x", ["a": "any"], context: #"{"a":[1]}"#)?.message == "type 'list<double>' does not support field selection")
    }
}
