import Foundation
import Testing
@testable import TesseraConditions
import TesseraTestSupport

/// Conditions from the shared conformance data: the transformer models with conditions and
/// the models of OpenFGA's ABAC suite. Missing data fails the tests (it never skips them).
struct SharedConditionTests {
    /// The conditions of a model in OpenFGA's JSON form.
    static func conditions(inModel model: JSONValue) throws -> [String: (expression: String, parameters: [String: ConditionType])] {
        var result: [String: (String, [String: ConditionType])] = [:]
        for (name, definition) in model.objectValue?["conditions"]?.objectValue ?? [:] {
            let object = try #require(definition.objectValue)
            let expression = try #require(object["expression"]?.stringValue)
            var parameters: [String: ConditionType] = [:]
            for (parameter, reference) in object["parameters"]?.objectValue ?? [:] {
                parameters[parameter] = try #require(parameterType(reference), "parameter \(parameter) of \(name)")
            }
            result[name] = (expression, parameters)
        }
        return result
    }

    static func parameterType(_ reference: JSONValue) -> ConditionType? {
        guard let object = reference.objectValue, let name = object["type_name"]?.stringValue else { return nil }
        var generics: [ConditionType] = []
        if case .array(let items)? = object["generic_types"] {
            for item in items {
                guard let type = parameterType(item) else { return nil }
                generics.append(type)
            }
        }
        return ConditionType(apiTypeName: name, genericArguments: generics)
    }

    static func transformerConditions(_ directory: String) throws -> [String: CompiledCondition] {
        let data = try SharedData.data("language/transformer/\(directory)/authorization-model.json")
        let model = try JSONDecoder().decode(JSONValue.self, from: data)
        var compiled: [String: CompiledCondition] = [:]
        for (name, condition) in try conditions(inModel: model) {
            compiled[name] = try CompiledCondition(name: name, expression: condition.expression, parameters: condition.parameters)
        }
        return compiled
    }

    static func evaluate(_ conditions: [String: CompiledCondition], _ name: String, _ context: String) throws -> Bool {
        let condition = try #require(conditions[name], "no condition \(name)")
        return try condition.evaluate(context: CEL.json(context))
    }

    @Test func ipBasedAccess() throws {
        let conditions = try Self.transformerConditions("100-ip-based-access")
        #expect(try Self.evaluate(conditions, "in_company_network", #"{"cidr":"10.0.0.0/8","user_ip":"10.20.30.40"}"#))
        #expect(try !Self.evaluate(conditions, "in_company_network", #"{"cidr":"10.0.0.0/8","user_ip":"192.168.0.1"}"#))
        #expect(try Self.evaluate(conditions, "in_company_network", #"{"cidr":"10.0.0.0/8","user_ip":"::ffff:10.0.0.1"}"#))
        #expect(try Self.evaluate(conditions, "in_company_network", #"{"cidr":"2001:db8::/32","user_ip":"2001:db8::7"}"#))
    }

    @Test func temporalAccess() throws {
        let conditions = try Self.transformerConditions("101-temporal-access")
        let grant = #""grant_time":"2024-03-01T09:00:00Z","grant_duration":"1h30m""#
        #expect(try Self.evaluate(conditions, "non_expired_grant", #"{"current_time":"2024-03-01T10:29:59Z",\#(grant)}"#))
        #expect(try !Self.evaluate(conditions, "non_expired_grant", #"{"current_time":"2024-03-01T10:30:00Z",\#(grant)}"#))
        #expect(try Self.evaluate(conditions, "non_expired_grant", #"{"current_time":"2024-03-01T11:00:00+01:00",\#(grant)}"#))
    }

    @Test(arguments: [
        ("is_valid_string", #"{"_string":"1"}"#, true), ("is_valid_string", #"{"_string":"121"}"#, true),
        ("is_valid_string", #"{"_string":"2"}"#, false), ("is_valid_string", #"{"_string":""}"#, false),
        ("is_valid_int", #"{"_int":5}"#, true), ("is_valid_int", #"{"_int":"7"}"#, true),
        ("is_valid_int", #"{"_int":0}"#, false), ("is_valid_int", #"{"_int":-3}"#, false),
        ("is_valid_uint", #"{"_uint":1}"#, true), ("is_valid_uint", #"{"_uint":0}"#, false),
        ("is_valid_double", #"{"_double":0.5}"#, true), ("is_valid_double", #"{"_double":0}"#, false),
        ("is_valid_double", #"{"_double":-1.5}"#, false),
        ("is_valid_duration", #"{"_duration":"1ms"}"#, true), ("is_valid_duration", #"{"_duration":"0s"}"#, false),
        ("is_valid_duration", #"{"_duration":"-1h"}"#, false),
        ("is_valid_timestamp", #"{"_timestamp":"2024-01-01T00:00:00Z"}"#, true),
        ("is_valid_timestamp", #"{"_timestamp":"2019-01-01T00:00:00Z"}"#, false),
        ("is_valid_timestamp", #"{"_timestamp":"2018-06-01T00:00:00Z"}"#, false),
        ("is_valid_ipaddress", #"{"_ipaddress":"192.0.0.2"}"#, true), ("is_valid_ipaddress", #"{"_ipaddress":"192.0.0.1"}"#, false),
        ("is_valid_ipaddress", #"{"_ipaddress":"::ffff:192.0.0.1"}"#, false),
        ("is_valid_list_string", #"{"_liststring":["1"]}"#, true),
        ("is_valid_list_string", #"{"_liststring":["1","2"]}"#, false),
        ("is_valid_list_string", #"{"_liststring":["2"]}"#, false),
        ("is_valid_map_string", #"{"_mapstring":{"key":"v"}}"#, true),
        ("is_valid_map_string", #"{"_mapstring":{"key":""}}"#, false),
        ("is_valid_map_string", #"{"_mapstring":{"other":"v"}}"#, false),
    ])
    func conditionDataTypes(_ name: String, _ context: String, _ expected: Bool) throws {
        let conditions = try Self.transformerConditions("102-conditions-data-types")
        #expect(conditions.count == 9)
        #expect(try Self.evaluate(conditions, name, context) == expected, "\(name) \(context)")
    }

    /// Every model of OpenFGA's ABAC suite compiles, and evaluating its conditions on the
    /// suite's contexts ends in a value or a `ConditionError`.
    @Test func abacSuiteConditionsCompileAndEvaluate() throws {
        // The suite was written by Python's json module, which spells infinities `Infinity`.
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let suite = try decoder.decode(JSONValue.self, from: SharedData.data("openfga-abac.json"))
        guard case .array(let tests)? = suite.objectValue?["tests"] else {
            Issue.record("openfga-abac.json has no tests")
            return
        }
        #expect(tests.count == 23)
        var compiledCount = 0
        var evaluations = 0
        for test in tests {
            guard case .array(let stages)? = test.objectValue?["stages"] else { continue }
            for stage in stages {
                let model = try #require(stage.objectValue?["model_json"])
                var compiled: [String: CompiledCondition] = [:]
                for (name, condition) in try Self.conditions(inModel: model) {
                    compiled[name] = try CompiledCondition(name: name, expression: condition.expression, parameters: condition.parameters)
                    compiledCount += 1
                }
                guard case .array(let tuples)? = stage.objectValue?["tuples"],
                      case .array(let checks)? = stage.objectValue?["checkAssertions"] else { continue }
                for check in checks {
                    let requestContext = check.objectValue?["context"]?.objectValue ?? [:]
                    for tuple in tuples {
                        guard let reference = tuple.objectValue?["condition"]?.objectValue,
                              let name = reference["name"]?.stringValue, let condition = compiled[name] else { continue }
                        // Tuple context wins over request context.
                        let merged = requestContext.merging(reference["context"]?.objectValue ?? [:]) { $1 }
                        do {
                            _ = try condition.evaluate(context: merged)
                        } catch {
                            #expect([.missingParameters, .invalidContext, .evaluation].contains(error.code))
                        }
                        evaluations += 1
                    }
                }
            }
        }
        #expect(compiledCount > 20)
        #expect(evaluations > 40)
    }

    @Test func abacDirectRelationWithCondition() throws {
        let condition = try CompiledCondition(name: "x_less_than", expression: "x < 100", parameters: ["x": .int])
        #expect(try condition.evaluate(context: ["x": .number(10)]))
        #expect(try !condition.evaluate(context: ["x": .number(101)]))
        #expect(throws: ConditionError.self) { try condition.evaluate(context: [:]) }
        let ts = try CompiledCondition(name: "ts_less_than", expression: #"ts < timestamp("2023-10-11T10:00:00.000Z")"#, parameters: ["ts": .timestamp])
        #expect(try ts.evaluate(context: ["ts": .string("2023-10-11T09:00:00.000Z")]))
        #expect(try !ts.evaluate(context: ["ts": .string("2023-10-11T10:00:00.000Z")]))
    }
}
