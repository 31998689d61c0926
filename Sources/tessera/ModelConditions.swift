import Foundation
import TesseraConditions
import TesseraFixtures
import TesseraModel

/// The conditions of a model file, for `tessera condition eval --model`.
struct ModelConditions {
    struct Definition {
        var expression: String
        var parameters: [String: ConditionType]
    }

    let conditions: [String: Definition]

    /// Reads a model file in any form ``ModelSourceFile`` reads: JSON, DSL or `fga.mod`.
    static func load(path: String) throws(ConditionError) -> ModelConditions {
        let source: ModelSourceFile
        do {
            source = try ModelSourceFile(reading: path)
        } catch {
            throw ConditionError(code: .init("usage"), message: "cannot read model file '\(path)'")
        }
        let model: AuthorizationModel
        do {
            model = try source.parsed()
        } catch {
            throw ConditionError(code: .syntax, message: "invalid model file '\(path)': \(error)")
        }
        var conditions: [String: Definition] = [:]
        for condition in model.conditions {
            var parameters: [String: ConditionType] = [:]
            for parameter in condition.parameters { parameters[parameter.name] = parameter.type }
            conditions[condition.name] = Definition(expression: condition.expression, parameters: parameters)
        }
        return ModelConditions(conditions: conditions)
    }

    func condition(named name: String) throws(ConditionError) -> Definition {
        guard let definition = conditions[name] else {
            let known = conditions.keys.sorted().joined(separator: ", ")
            throw ConditionError(code: .init("usage"), message: "the model has no condition '\(name)' (conditions: \(known.isEmpty ? "none" : known))")
        }
        return definition
    }
}
