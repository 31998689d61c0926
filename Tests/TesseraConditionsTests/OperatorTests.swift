import Testing
@testable import TesseraConditions

struct ArithmeticTests {
    @Test(arguments: [
        ("7 / 2", #"{"type":"int","value":3}"#),
        ("-7 / 2", #"{"type":"int","value":-3}"#),
        ("-7 % 3", #"{"type":"int","value":-1}"#),
        ("7u % 3u", #"{"type":"uint","value":1}"#),
        ("2.0 * 3.5", #"{"type":"double","value":7.0}"#),
        ("1.0 / 0.0", #"{"type":"double","value":"Infinity"}"#),
        ("-1.0 / 0.0", #"{"type":"double","value":"-Infinity"}"#),
        ("0.0 / 0.0", #"{"type":"double","value":"NaN"}"#),
        ("'ab' + 'cd'", #"{"type":"string","value":"abcd"}"#),
        ("[1] + [2, 3]", #"{"type":"list<int>","value":[1,2,3]}"#),
        ("9223372036854775807 - 1", #"{"type":"int","value":9223372036854775806}"#),
        ("-9223372036854775807 - 1", #"{"type":"int","value":-9223372036854775808}"#),
        ("18446744073709551614u + 1u", #"{"type":"uint","value":18446744073709551615}"#),
    ])
    func computes(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test(arguments: [
        ("9223372036854775807 + 1", "integer overflow"),
        ("-9223372036854775808 - 1", "integer overflow"),
        ("9223372036854775807 * 2", "integer overflow"),
        ("-9223372036854775808 * -1", "integer overflow"),
        ("-9223372036854775808 / -1", "integer overflow"),
        ("-9223372036854775808 % -1", "integer overflow"),
        ("-(-9223372036854775808)", "integer overflow"),
        ("18446744073709551615u + 1u", "unsigned integer overflow"),
        ("0u - 1u", "unsigned integer overflow"),
        ("4294967296u * 4294967296u", "unsigned integer overflow"),
        ("1 / 0", "division by zero"),
        ("1 % 0", "modulus by zero"),
        ("1u / 0u", "division by zero"),
        ("1u % 0u", "modulus by zero"),
    ])
    func failsWithoutTrapping(_ expression: String, _ message: String) {
        let error = CEL.error(expression)
        #expect(error?.code == .evaluation)
        #expect(error?.message == message)
    }

    @Test func errorPositionIsTheOperator() {
        #expect(CEL.error("1 + 2 / 0")?.position == 6)
    }

    @Test(arguments: ["1 + 1u", "1 + 1.0", "'a' + 1", "1 - 'a'", "true + true", "-1u", "-'a'", "1.5 % 1.0"])
    func mixedOperandsAreTypeErrors(_ expression: String) {
        #expect(CEL.error(expression)?.code == .type)
    }
}

struct ComparisonTests {
    @Test(arguments: [
        ("1 < 2", true), ("2 <= 2", true), ("3 > 2", true), ("2 >= 3", false),
        ("1 < 1.5", true), ("2u > 1", true), ("-1 < 0u", true), ("1.5 >= 1u", true),
        ("9223372036854775807 < 18446744073709551615u", true),
        ("'a' < 'b'", true), ("'abc' < 'abd'", true), ("'Z' < 'a'", true), ("'é' > 'z'", true),
        ("false < true", true), ("true <= true", true),
        ("1.0 / 0.0 > 1e308", true), ("-1.0 / 0.0 < -1e308", true),
        ("duration('1s') < duration('2s')", true),
        ("timestamp('2020-01-01T00:00:00Z') < timestamp('2021-01-01T00:00:00Z')", true),
    ])
    func orders(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test(arguments: ["0.0 / 0.0 < 1.0", "1.0 >= 0.0 / 0.0", "1 < 0.0 / 0.0", "0.0 / 0.0 <= 1u"])
    func nanCannotBeOrdered(_ expression: String) {
        let error = CEL.error(expression)
        #expect(error?.code == .evaluation)
        #expect(error?.message == "NaN values cannot be ordered")
    }

    @Test(arguments: [
        ("0.0 / 0.0 == 0.0 / 0.0", false),
        ("0.0 / 0.0 != 0.0 / 0.0", true),
        ("1.0 / 0.0 == 1.0 / 0.0", true),
        ("-0.0 == 0.0", true),
    ])
    func nanAndInfinityEquality(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test(arguments: ["'a' < 1", "1 < true", "[1] < [2]", "{'a': 1} < {'a': 1}"])
    func unorderableTypesAreTypeErrors(_ expression: String) {
        #expect(CEL.error(expression)?.code == .type)
    }

    @Test func nullOrderingFailsAtRuntime() {
        // null is assignable to timestamp and duration, so the checker (like cel-go's) accepts it.
        #expect(CEL.error("null < null")?.message == "no such overload: < applied to (null, null)")
    }
}

struct EqualityTests {
    @Test(arguments: [
        ("1 == 1", true), ("1u == 1u", true), ("'a' == 'a'", true), ("[1, 2] == [1, 2]", true),
        ("[1, 2] == [2, 1]", false), ("{'a': 1} == {'a': 1}", true), ("{'a': 1} == {'a': 2}", false),
        ("null == null", true), ("[[1]] == [[1]]", true),
        // Heterogeneous equality at runtime, through dyn.
        ("dyn(1) == 1.0", true), ("dyn(1) == 1u", true), ("dyn(1u) == 1.5", false),
        ("dyn(1) == 'a'", false), ("dyn('a') != 1", true), ("[1, 'a'] == [1.0, 'a']", true),
        ("dyn(-1) == 18446744073709551615u", false),
        ("dyn({1: 'a'}) == {1u: 'a'}", true),
        // Strings compare code points: precomposed é differs from e + combining acute.
        (#""\u00e9" == "e\u0301""#, false),
    ])
    func equality(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test(arguments: ["1 == 1.0", "1 == 1u", "'a' == 1", "[1] == ['a']", "1 == null", "'a' != null"])
    func staticallyMismatchedEqualityIsATypeError(_ expression: String) {
        let error = CEL.error(expression)
        #expect(error?.code == .type)
        #expect(error?.message.hasPrefix("found no matching overload for '==' applied to") == true || error?.message.hasPrefix("found no matching overload for '!=' applied to") == true)
    }

    @Test(arguments: [
        ("d != null", true), ("t != null", true), ("ip != null", true), ("null == d", false), ("dyn(null) == null", true),
    ])
    func nullComparesWithNullableTypes(_ expression: String, _ expected: Bool) {
        let context = #"{"d":"1s","t":"2020-01-01T00:00:00Z","ip":"10.0.0.1"}"#
        let result = CEL.result(expression, ["d": "duration", "t": "timestamp", "ip": "ipaddress"], context: context)
        #expect(result == #"{"type":"bool","value":\#(expected)}"#)
    }
}

struct MembershipTests {
    @Test(arguments: [
        ("1 in [1, 2]", true), ("3 in [1, 2]", false), ("'a' in ['a']", true),
        ("'k' in {'k': 1}", true), ("'x' in {'k': 1}", false), ("1 in {1: 'a'}", true),
        ("1.0 in dyn([1, 2])", true), ("dyn(2.0) in {2: 'a'}", true), ("dyn(2.5) in {2: 'a'}", false),
        ("[1] in [[1], [2]]", true), ("1 in []", false),
    ])
    func membership(_ expression: String, _ expected: Bool) {
        #expect(CEL.result(expression) == #"{"type":"bool","value":\#(expected)}"#)
    }

    @Test func membershipInParameterCollections() {
        let parameters = ["allowed": "list<string>", "attributes": "map<string>"]
        let context = #"{"allowed":["draft","published"],"attributes":{"state":"draft"}}"#
        #expect(CEL.result("attributes['state'] in allowed && 'state' in attributes", parameters, context: context) == #"{"type":"bool","value":true}"#)
        #expect(CEL.result("attributes.state == 'draft'", parameters, context: context) == #"{"type":"bool","value":true}"#)
    }

    @Test func typeMismatchInMembershipIsATypeError() {
        #expect(CEL.error("'a' in [1, 2]")?.code == .type)
        #expect(CEL.error("1 in 'abc'")?.code == .type)
    }
}

struct IndexTests {
    @Test(arguments: [
        ("[1, 2, 3][0]", #"{"type":"int","value":1}"#),
        ("{'a': 'b'}['a']", #"{"type":"string","value":"b"}"#),
        ("{'a': {'b': 2}}.a.b", #"{"type":"int","value":2}"#),
        ("[[1, 2]][0][1]", #"{"type":"int","value":2}"#),
    ])
    func index(_ expression: String, _ expected: String) {
        #expect(CEL.result(expression) == expected)
    }

    @Test(arguments: [
        ("[1, 2][2]", "index out of bounds: 2 (list size 2)"),
        ("[1, 2][-1]", "index out of bounds: -1 (list size 2)"),
        ("{'a': 1}['b']", "no such key: b"),
        ("{'a': 1}.b", "no such key: b"),
    ])
    func indexErrors(_ expression: String, _ message: String) {
        let error = CEL.error(expression)
        #expect(error?.code == .evaluation)
        #expect(error?.message == message)
    }

    @Test func indexTypeErrors() {
        #expect(CEL.error("[1]['a']")?.code == .type)
        #expect(CEL.error("1[0]")?.code == .type)
        #expect(CEL.error("'abc'.x")?.message == "type 'string' does not support field selection")
    }
}
