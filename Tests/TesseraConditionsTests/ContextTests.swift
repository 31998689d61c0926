import Testing
@testable import TesseraConditions

/// Context values are converted per parameter type as OpenFGA's converters do.
struct ContextTests {
    @Test(arguments: [
        ("int", #"10"#, #"{"type":"int","value":10}"#),
        ("int", #""-42""#, #"{"type":"int","value":-42}"#),
        ("int", #""9223372036854775807""#, #"{"type":"int","value":9223372036854775807}"#),
        ("int", #"1e3"#, #"{"type":"int","value":1000}"#),
        ("int", #""1.0""#, #"{"type":"int","value":1}"#),
        ("uint", #"7"#, #"{"type":"uint","value":7}"#),
        ("uint", #""18446744073709551615""#, #"{"type":"uint","value":18446744073709551615}"#),
        ("uint", #"-0"#, #"{"type":"uint","value":0}"#),
        ("double", #"1.5"#, #"{"type":"double","value":1.5}"#),
        ("double", #""2.25""#, #"{"type":"double","value":2.25}"#),
        ("double", #"3"#, #"{"type":"double","value":3.0}"#),
        ("bool", #"true"#, #"{"type":"bool","value":true}"#),
        ("string", #""s""#, #"{"type":"string","value":"s"}"#),
        ("duration", #""1h30m""#, #"{"type":"duration","value":"5400s"}"#),
        ("duration", #""-1.5s""#, #"{"type":"duration","value":"-1.5s"}"#),
        ("timestamp", #""2023-10-11T10:00:00.000Z""#, #"{"type":"timestamp","value":"2023-10-11T10:00:00Z"}"#),
        ("timestamp", #""2023-10-11T10:00:00.25-07:00""#, #"{"type":"timestamp","value":"2023-10-11T10:00:00.25-07:00"}"#),
        ("ipaddress", #""::ffff:10.0.0.1""#, #"{"type":"ipaddress","value":"10.0.0.1"}"#),
        ("list<int>", #"[1, "2"]"#, #"{"type":"list<int>","value":[1,2]}"#),
        ("list<ipaddress>", #"["10.0.0.1"]"#, #"{"type":"list<ipaddress>","value":["10.0.0.1"]}"#),
        ("map<timestamp>", #"{"a":"2020-01-01T00:00:00Z"}"#, #"{"type":"map<timestamp>","value":{"a":"2020-01-01T00:00:00Z"}}"#),
        ("any", #"{"a":[1,"x",null,true]}"#, #"{"type":"map<list<any>>","value":{"a":[1.0,"x",null,true]}}"#),
        ("list<any>", #"[]"#, #"{"type":"list<any>","value":[]}"#),
    ])
    func converts(_ type: String, _ json: String, _ expected: String) {
        #expect(CEL.result("p", ["p": type], context: #"{"p":\#(json)}"#) == expected, "\(type) from \(json)")
    }

    @Test(arguments: [
        ("int", "1.5"), ("int", #""abc""#), ("int", "true"), ("int", #""9223372036854775808""#), ("int", "1e30"),
        ("uint", "-1"), ("uint", #""-3""#), ("double", #""x""#), ("double", "null"),
        ("bool", #""true""#), ("bool", "1"), ("string", "1"), ("string", "null"),
        ("duration", #""1d""#), ("duration", "60"), ("timestamp", #""2023-10-11""#), ("timestamp", "0"),
        ("ipaddress", #""300.1.1.1""#), ("list<int>", "1"), ("list<int>", #"[1.5]"#), ("map<int>", #"[1]"#), ("map<int>", #"{"a":"b"}"#),
    ])
    func refuses(_ type: String, _ json: String) {
        let error = CEL.error("p == p", ["p": type], context: #"{"p":\#(json)}"#)
        #expect(error?.code == .invalidContext, "\(type) from \(json): \(String(describing: error))")
        #expect(error?.message.hasPrefix("failed to convert context parameter 'p'") == true)
        #expect(error?.position == 0)
    }

    @Test func missingParametersAreNamedEvenIfNotNeeded() throws {
        let condition = try CompiledCondition(name: "condxy", expression: "x < 100 || y < 50", parameters: ["x": .int, "y": .int])
        do {
            _ = try condition.evaluate(context: ["x": .number(10)])
            Issue.record("expected missing parameters")
        } catch {
            #expect(error.code == .missingParameters)
            #expect(error.missingParameters == ["y"])
            #expect(error.position == 11)
        }
        do {
            _ = try condition.evaluate(context: [:])
            Issue.record("expected missing parameters")
        } catch {
            #expect(error.missingParameters == ["x", "y"])
        }
        #expect(try condition.evaluate(context: ["x": .number(10), "y": .number(99)]))
        #expect(try !condition.evaluate(context: ["x": .number(101), "y": .number(51)]))
    }

    @Test func conversionErrorsComeBeforeMissingParameters() throws {
        let condition = try CompiledCondition(name: "c", expression: "x < 1 && y < 1", parameters: ["x": .int, "y": .int])
        #expect(throws: ConditionError(code: .invalidContext, message: "failed to convert context parameter 'x': expected an int value, but found numeric value '1.5'", position: 0)) {
            try condition.evaluate(context: ["x": .number(1.5)])
        }
    }

    @Test func extraContextKeysAreIgnored() throws {
        let condition = try CompiledCondition(name: "c", expression: "x == 1", parameters: ["x": .int])
        #expect(try condition.evaluate(context: ["x": .number(1), "unrelated": .string("ignored"), "also": .null]))
    }

    @Test func conditionWithoutParametersRefusesContextLikeOpenFGA() throws {
        let condition = try CompiledCondition(name: "c", expression: "true", parameters: [:])
        #expect(try condition.evaluate(context: [:]))
        #expect(throws: ConditionError.self) { try condition.evaluate(context: ["x": .number(1)]) }
    }
}

struct CostTests {
    @Test func defaultBudgetAdmitsTypicalConditions() throws {
        let condition = try CompiledCondition(
            name: "c",
            expression: #""1" in l && l[0] != "" && l.exists(x, x > "") && l.exists_one(x, x > "") && l.all(x, x > "")"#,
            parameters: ["l": .list(.string)]
        )
        #expect(try condition.evaluate(context: ["l": .array([.string("1")])]))
    }

    @Test func comprehensionsAreBoundedByTheBudget() {
        let list = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        #expect(CEL.error("\(list).all(x, x >= 0)", budget: 100)?.code == .costExceeded)
        #expect(CEL.error("\(list).all(x, x >= 0)", budget: 1000) == nil)
        #expect(CEL.error("\(list).map(x, \(list).map(y, x * y)).size() > 0", budget: 100)?.code == .costExceeded)
    }

    @Test func costErrorsAreNotAbsorbedByLogicalOperators() {
        let list = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        #expect(CEL.error("\(list).all(x, x >= 0) || true", budget: 50)?.code == .costExceeded)
        #expect(CEL.error("false && \(list).all(x, x >= 0)", budget: 50) == nil)
    }

    @Test func stringWorkIsCharged() {
        let text = String(repeating: "x", count: 2000)
        #expect(CEL.error("s.contains('xxxxxxxxxxxxxxxxxxxxy')", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 100)?.code == .costExceeded)
        #expect(CEL.error("s == s", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 100)?.code == .costExceeded)
        #expect(CEL.error("s.startsWith('x')", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 100)?.code == .costExceeded)
        #expect(CEL.error("s.size() > 0", ["s": "string"], context: #"{"s":"\#(text)"}"#, budget: 100) == nil)
    }

    @Test func listConcatenationIsChargedBySize() {
        let items = (0..<2000).map(String.init).joined(separator: ",")
        #expect(CEL.error("size(l + l + l) > 0", ["l": "list<int>"], context: #"{"l":[\#(items)]}"#, budget: 100)?.code == .costExceeded)
        #expect(CEL.error("size(l + l) > 0", ["l": "list<int>"], context: #"{"l":[1, 2]}"#, budget: 100) == nil)
    }

    @Test func membershipInLongListIsCharged() {
        let items = (0..<500).map { #""\#($0)""# }.joined(separator: ",")
        #expect(CEL.error("'x' in l", ["l": "list<string>"], context: #"{"l":[\#(items)]}"#, budget: 100)?.code == .costExceeded)
    }

    @Test func exactCostOfASimpleCondition() throws {
        // 3 parameter reads + `+` + `<` = 5.
        let parameters = ["t": "timestamp", "g": "timestamp", "d": "duration"]
        let context = #"{"t":"2020-01-01T00:00:00Z","g":"2020-01-01T00:00:00Z","d":"1h"}"#
        #expect(CEL.error("t < g + d", parameters, context: context, budget: 5) == nil)
        #expect(CEL.error("t < g + d", parameters, context: context, budget: 4)?.code == .costExceeded)
    }
}

struct ContextMessageTests {
    @Test func collectionErrorsNameTheElement() {
        let list = CEL.error("l == l", ["l": "list<int>"], context: #"{"l":[1,"x"]}"#)
        #expect(list?.message == "failed to convert context parameter 'l': found an invalid list item at index `1`: expected an int value, but found invalid string value 'x'")
        let map = CEL.error("m == m", ["m": "map<duration>"], context: #"{"m":{"a":"1h","b":"soon"}}"#)
        #expect(map?.message == "failed to convert context parameter 'm': found an invalid value for key 'b': expected a valid duration string, but found 'soon'")
    }
}
