import Foundation
import Testing
@testable import TesseraConditions

/// Test helpers: compile and evaluate in one call.
enum CEL {
    /// Evaluates `expression` with parameters typed as in the DSL (`"x": "int"`) and a JSON context.
    static func eval(_ expression: String, _ parameters: [String: String] = [:], context: String = "{}", budget: Int = 100_000) throws -> ConditionValue {
        let compiled = try CompiledExpression(expression: expression, parameters: try types(parameters))
        return try compiled.evaluate(context: try json(context), costBudget: budget)
    }

    /// The `{"type":…,"value":…}` text of the result, or the error's code and message.
    static func result(_ expression: String, _ parameters: [String: String] = [:], context: String = "{}", budget: Int = 100_000) -> String {
        do {
            return try eval(expression, parameters, context: context, budget: budget).jsonText
        } catch let error as ConditionError {
            return "\(error.code): \(error.message)"
        } catch {
            return "unexpected: \(error)"
        }
    }

    /// The error of compiling or evaluating, `nil` if there was none.
    static func error(_ expression: String, _ parameters: [String: String] = [:], context: String = "{}", budget: Int = 100_000) -> ConditionError? {
        do {
            _ = try eval(expression, parameters, context: context, budget: budget)
            return nil
        } catch let error as ConditionError {
            return error
        } catch {
            return ConditionError(code: .init("unexpected"), message: "\(error)")
        }
    }

    static func types(_ parameters: [String: String]) throws -> [String: ConditionType] {
        var result: [String: ConditionType] = [:]
        for (name, spelling) in parameters {
            result[name] = try #require(ConditionType(dslName: spelling, allowAny: true), "bad type \(spelling)")
        }
        return result
    }

    static func json(_ text: String) throws -> JSONObject {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        return try #require(value.objectValue, "context must be an object")
    }
}
