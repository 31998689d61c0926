import ArgumentParser
import Foundation
import TesseraConditions

/// `tessera condition eval`: evaluates a model's condition or an ad-hoc expression and prints
/// one JSON object: `{"type":"int","value":3}`, or `{"error":…,"code":…,"position":N}` with
/// exit status 1 for an evaluation error and 2 for a parse, type-check or input error.
struct ConditionEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a condition from a model, or an expression, with a JSON context.",
        discussion: """
            Either --model FILE --condition NAME, or --expression EXPR with one --param name:type per \
            parameter (types as in the DSL: int, string, list<ipaddress>, map<string>, ...). Options \
            also accept the --name=value form, and values may start with '-'.

            Output: {"type":"<DSL type>","value":<JSON>} on success (exit 0); otherwise \
            {"error":"...","code":"...","position":N} where position is a 0-based offset in code \
            points into the expression (null when unknown): exit 1 for an evaluation error \
            (including missing parameters and a context that does not convert), 2 for a parse or \
            type-check error or unusable input.
            """
    )

    @Option(help: "An authorization model file (OpenFGA JSON, DSL or fga.mod).")
    var model: String?

    @Option(help: "The name of the condition in the model.")
    var condition: String?

    @Option(parsing: .unconditional, help: "A CEL expression to evaluate instead of a model's condition.")
    var expression: String?

    @Option(name: .customLong("param"), parsing: .unconditionalSingleValue, help: "A parameter of --expression, as name:type.")
    var parameters: [String] = []

    @Option(parsing: .unconditional, help: "The context: a JSON object with the parameters' values.")
    var context: String = "{}"

    @Option(help: "The evaluation cost budget (OpenFGA's default is 100).")
    var costBudget: Int = 100

    func run() async throws {
        let compiled: CompiledExpression
        do {
            compiled = try compile()
        } catch {
            try fail(error, status: 2)
        }
        let contextObject: JSONObject
        do {
            contextObject = try Self.parseContext(context)
        } catch {
            try fail(error, status: 2)
        }
        do {
            print(try compiled.evaluate(context: contextObject, costBudget: costBudget).jsonText)
        } catch {
            try fail(error, status: error.isCompilationError ? 2 : 1)
        }
    }

    private func compile() throws(ConditionError) -> CompiledExpression {
        switch (model, expression) {
        case (let modelPath?, nil):
            guard parameters.isEmpty else { throw Self.usage("--param applies to --expression only") }
            guard let name = condition else { throw Self.usage("--model needs --condition NAME") }
            let definition = try ModelConditions.load(path: modelPath).condition(named: name)
            return try CompiledExpression(expression: definition.expression, parameters: definition.parameters)
        case (nil, let text?):
            guard condition == nil else { throw Self.usage("--condition applies to --model only") }
            return try CompiledExpression(expression: text, parameters: try Self.parseParameters(parameters))
        default:
            throw Self.usage("give either --model FILE --condition NAME, or --expression EXPR")
        }
    }

    static func usage(_ message: String) -> ConditionError {
        ConditionError(code: .init("usage"), message: message)
    }

    /// `name:type` pairs, types in DSL spelling (`any` allowed, as in the JSON form).
    static func parseParameters(_ specifications: [String]) throws(ConditionError) -> [String: ConditionType] {
        var result: [String: ConditionType] = [:]
        for specification in specifications {
            guard let colon = specification.firstIndex(of: ":") else {
                throw ConditionError(code: .invalidParameter, message: "--param '\(specification)' is not name:type")
            }
            let name = String(specification[..<colon]).trimmingCharacters(in: .whitespaces)
            let typeName = String(specification[specification.index(after: colon)...])
            guard !name.isEmpty else {
                throw ConditionError(code: .invalidParameter, message: "--param '\(specification)' has no name")
            }
            guard let type = ConditionType(dslName: typeName, allowAny: true) else {
                throw ConditionError(code: .invalidParameter, message: "--param '\(specification)': unknown type '\(typeName)'")
            }
            guard result.updateValue(type, forKey: name) == nil else {
                throw ConditionError(code: .invalidParameter, message: "--param '\(name)' is declared twice")
            }
        }
        return result
    }

    static func parseContext(_ text: String) throws(ConditionError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw ConditionError(code: .invalidContext, message: "--context is not valid JSON")
        }
        guard let object = value.objectValue else {
            throw ConditionError(code: .invalidContext, message: "--context must be a JSON object")
        }
        return object
    }

    /// Prints the error as JSON and exits with `status`.
    private func fail(_ error: ConditionError, status: Int32) throws -> Never {
        var out = "{\"error\":"
        JSONValue.writeString(error.message, to: &out)
        out += ",\"code\":"
        JSONValue.writeString(error.code.rawValue, to: &out)
        out += ",\"position\":" + (error.position.map(String.init) ?? "null")
        if !error.missingParameters.isEmpty {
            out += ",\"missing_parameters\":[" + error.missingParameters.map { name in
                var quoted = ""
                JSONValue.writeString(name, to: &quoted)
                return quoted
            }.joined(separator: ",") + "]"
        }
        print(out + "}")
        throw ExitCode(status)
    }
}
