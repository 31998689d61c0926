import Foundation
import TesseraConditions
import TesseraModel

/// The conditions of a model file, for `tessera condition eval --model`.
struct ModelConditions {
    struct Definition {
        var expression: String
        var parameters: [String: ConditionType]
    }

    let conditions: [String: Definition]

    /// Reads a model file: OpenFGA's JSON form when the first non-space character is `{`,
    /// otherwise the DSL (through `loadDSL`).
    static func load(path: String) throws(ConditionError) -> ModelConditions {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConditionError(code: .init("usage"), message: "cannot read model file '\(path)'")
        }
        let text = String(decoding: data, as: UTF8.self)
        let model: AuthorizationModel
        if text.first(where: { !$0.isWhitespace }) == "{" {
            do {
                model = try AuthorizationModel(json: data)
            } catch {
                throw ConditionError(code: .syntax, message: "invalid model file '\(path)': \(error)")
            }
        } else {
            model = try loadDSL(text, path: path)
        }
        var conditions: [String: Definition] = [:]
        for condition in model.conditions {
            var parameters: [String: ConditionType] = [:]
            for parameter in condition.parameters { parameters[parameter.name] = parameter.type }
            conditions[condition.name] = Definition(expression: condition.expression, parameters: parameters)
        }
        return ModelConditions(conditions: conditions)
    }

    /// The DSL form. The DSL parser lives in TesseraModel and is not merged yet; once it is,
    /// this is the one place to call it.
    static func loadDSL(_ text: String, path: String) throws(ConditionError) -> AuthorizationModel {
        throw ConditionError(code: .syntax, message: "DSL model files are not supported yet: '\(path)' is not JSON (give the model's JSON form, e.g. from `fga model transform`)")
    }

    func condition(named name: String) throws(ConditionError) -> Definition {
        guard let definition = conditions[name] else {
            let known = conditions.keys.sorted().joined(separator: ", ")
            throw ConditionError(code: .init("usage"), message: "the model has no condition '\(name)' (conditions: \(known.isEmpty ? "none" : known))")
        }
        return definition
    }
}
