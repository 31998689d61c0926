import Foundation
public import TesseraConditions

/// The JSON form of a model, as OpenFGA's API and `fga model transform` use it.
///
/// Reading accepts both spellings protojson accepts (`type_definitions` and
/// `typeDefinitions`, `computedUserset` and `computed_userset`, ...) and treats `null` as
/// unset. Writing produces the shape `fga model transform` prints: snake_case where the API
/// declares a JSON name, lowerCamelCase (`computedUserset`, `tupleToUserset`) where it does not.
extension AuthorizationModel {
    /// Decodes a model from JSON text (a write-model body or an `authorization_model` object).
    ///
    /// - Throws: `ModelError` with one diagnostic naming the JSON path of the problem.
    public init(json: some Collection<UInt8>) throws(ModelError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(json))
        } catch {
            throw ModelError([ModelDiagnostic(kind: .invalidJSON, message: "invalid JSON: \(Self.describe(error))")])
        }
        do {
            self = try ModelJSONReader().model(from: value)
        } catch let diagnostic {
            throw ModelError([diagnostic])
        }
    }

    /// Decodes a model from an already parsed JSON value.
    public init(jsonValue: JSONValue) throws(ModelError) {
        do {
            self = try ModelJSONReader().model(from: jsonValue)
        } catch let diagnostic {
            throw ModelError([diagnostic])
        }
    }

    /// The model as a JSON value in `fga model transform`'s shape.
    ///
    /// - Parameter emitUnpopulated: write empty and absent fields too (`"relations": {}`,
    ///   `"metadata": null`, `"conditions": {}`, the model `id`), as OpenFGA's HTTP API does.
    public func jsonValue(emitUnpopulated: Bool = false) -> JSONValue {
        ModelJSONWriter(emitUnpopulated: emitUnpopulated).value(of: self)
    }

    /// Compact JSON text with sorted keys.
    public func jsonText(emitUnpopulated: Bool = false) -> String {
        jsonValue(emitUnpopulated: emitUnpopulated).canonicalText
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        default:
            return "\(error)"
        }
    }
}

/// Reads the JSON form into the AST, tracking the JSON path for error messages.
struct ModelJSONReader {
    func model(from value: JSONValue) throws(ModelDiagnostic) -> AuthorizationModel {
        let root = try object(value, at: "")
        var model = AuthorizationModel()
        model.id = try string(root, ["id"], at: "")
        guard let schema = try string(root, ["schema_version", "schemaVersion"], at: "") else {
            throw ModelDiagnostic(kind: .schemaVersionRequired, message: "schema version required", symbol: "", path: "schema_version")
        }
        model.schemaVersion = schema
        let typesPath = "type_definitions"
        for (index, element) in try array(root, ["type_definitions", "typeDefinitions"], at: "").enumerated() {
            model.typeDefinitions.append(try typeDefinition(element, at: "\(typesPath)[\(index)]"))
        }
        if let conditions = try member(root, ["conditions"]) {
            let members = try object(conditions, at: "conditions")
            for key in members.keys.sorted() {
                model.conditions.append(try condition(members[key, default: .null], key: key, at: "conditions.\(key)"))
            }
        }
        return model
    }

    private func typeDefinition(_ value: JSONValue, at path: String) throws(ModelDiagnostic) -> TypeDefinition {
        let members = try object(value, at: path)
        guard let name = try string(members, ["type"], at: path) else {
            throw ModelDiagnostic(kind: .invalidType, message: "type definition has no type name", path: path)
        }
        var definition = TypeDefinition(name: name)
        let metadata = try member(members, ["metadata"]).map { (value) throws(ModelDiagnostic) in try object(value, at: "\(path).metadata") }
        let relationMetadata = try metadata.flatMap { (meta) throws(ModelDiagnostic) in
            try member(meta, ["relations"]).map { (value) throws(ModelDiagnostic) in try object(value, at: "\(path).metadata.relations") }
        } ?? [:]
        if let metadata {
            definition.module = try moduleSource(metadata, at: "\(path).metadata")
        }
        let relations = try member(members, ["relations"]).map { (value) throws(ModelDiagnostic) in try object(value, at: "\(path).relations") } ?? [:]
        for relationName in relations.keys.sorted() {
            let relationPath = "\(path).relations.\(relationName)"
            var relation = RelationDefinition(name: relationName, rewrite: try rewrite(relations[relationName, default: .null], at: relationPath))
            if let meta = relationMetadata[relationName] {
                let metaPath = "\(path).metadata.relations.\(relationName)"
                let metaMembers = try object(meta, at: metaPath)
                let restrictions = try array(metaMembers, ["directly_related_user_types", "directlyRelatedUserTypes"], at: metaPath)
                for (index, restriction) in restrictions.enumerated() {
                    relation.directlyRelatedTypes.append(
                        try typeRestriction(restriction, at: "\(metaPath).directly_related_user_types[\(index)]"))
                }
                relation.module = try moduleSource(metaMembers, at: metaPath)
            }
            definition.relations.append(relation)
        }
        return definition
    }

    private func rewrite(_ value: JSONValue, at path: String, depth: Int = 0) throws(ModelDiagnostic) -> Rewrite {
        // Bounded like the DSL's parentheses, so later recursive walks stay shallow.
        guard depth < Rewrite.maximumNestingDepth else {
            throw ModelDiagnostic(
                kind: .invalidRelationType, message: "the relation rewrite nests more than \(Rewrite.maximumNestingDepth) levels deep", path: path)
        }
        let members = try object(value, at: path)
        var found: [(String, JSONValue)] = []
        for (key, spellings) in [
            ("this", ["this"]), ("computedUserset", ["computedUserset", "computed_userset"]),
            ("tupleToUserset", ["tupleToUserset", "tuple_to_userset"]), ("union", ["union"]),
            ("intersection", ["intersection"]), ("difference", ["difference"]),
        ] {
            if let child = try member(members, spellings) { found.append((key, child)) }
        }
        guard found.count == 1, let (key, child) = found.first else {
            let message = found.isEmpty
                ? "a relation rewrite needs one of this, computedUserset, tupleToUserset, union, intersection or difference"
                : "a relation rewrite may have only one of \(found.map(\.0).joined(separator: ", "))"
            throw ModelDiagnostic(kind: .invalidRelationType, message: message, path: path)
        }
        let childPath = "\(path).\(key)"
        switch key {
        case "this":
            _ = try object(child, at: childPath)
            return .direct()
        case "computedUserset":
            return .computedUserset(relation: try objectRelation(child, at: childPath))
        case "tupleToUserset":
            let ttu = try object(child, at: childPath)
            guard let tupleset = try member(ttu, ["tupleset"]) else {
                throw ModelDiagnostic(kind: .invalidRelationType, message: "tupleToUserset needs a tupleset", path: childPath)
            }
            guard let computed = try member(ttu, ["computedUserset", "computed_userset"]) else {
                throw ModelDiagnostic(kind: .invalidRelationType, message: "tupleToUserset needs a computedUserset", path: childPath)
            }
            return .tupleToUserset(
                tupleset: try objectRelation(tupleset, at: "\(childPath).tupleset"),
                computedRelation: try objectRelation(computed, at: "\(childPath).computedUserset"))
        case "union", "intersection":
            let container = try object(child, at: childPath)
            var children: [Rewrite] = []
            for (index, element) in try array(container, ["child"], at: childPath).enumerated() {
                children.append(try rewrite(element, at: "\(childPath).child[\(index)]", depth: depth + 1))
            }
            guard !children.isEmpty else {
                throw ModelDiagnostic(kind: .invalidRelationType, message: "\(key) needs at least one child", path: childPath)
            }
            return key == "union" ? .union(children) : .intersection(children)
        default:
            let difference = try object(child, at: childPath)
            guard let base = try member(difference, ["base"]) else {
                throw ModelDiagnostic(kind: .invalidRelationType, message: "difference needs a base", path: childPath)
            }
            guard let subtract = try member(difference, ["subtract"]) else {
                throw ModelDiagnostic(kind: .invalidRelationType, message: "difference needs a subtract", path: childPath)
            }
            return .exclusion(
                base: try rewrite(base, at: "\(childPath).base", depth: depth + 1),
                subtract: try rewrite(subtract, at: "\(childPath).subtract", depth: depth + 1))
        }
    }

    /// `{object, relation}`: the relation name; `object` is always empty in models.
    private func objectRelation(_ value: JSONValue, at path: String) throws(ModelDiagnostic) -> String {
        let members = try object(value, at: path)
        guard let relation = try string(members, ["relation"], at: path), !relation.isEmpty else {
            throw ModelDiagnostic(kind: .invalidRelationType, message: "relation name required", path: "\(path).relation")
        }
        return relation
    }

    private func typeRestriction(_ value: JSONValue, at path: String) throws(ModelDiagnostic) -> TypeRestriction {
        let members = try object(value, at: path)
        guard let type = try string(members, ["type"], at: path), !type.isEmpty else {
            throw ModelDiagnostic(kind: .invalidType, message: "type restriction needs a type", path: "\(path).type")
        }
        var restriction = TypeRestriction(type: type)
        if let relation = try string(members, ["relation"], at: path), !relation.isEmpty {
            restriction.relation = relation
        }
        if let wildcard = try member(members, ["wildcard"]) {
            _ = try object(wildcard, at: "\(path).wildcard")
            restriction.wildcard = true
        }
        if restriction.wildcard, restriction.relation != nil {
            throw ModelDiagnostic(kind: .invalidRelationType, message: "a type restriction cannot be both a wildcard and a userset", path: path)
        }
        if let condition = try string(members, ["condition"], at: path), !condition.isEmpty {
            restriction.condition = condition
        }
        return restriction
    }

    private func condition(_ value: JSONValue, key: String, at path: String) throws(ModelDiagnostic) -> ConditionDefinition {
        let members = try object(value, at: path)
        let name = try string(members, ["name"], at: path) ?? ""
        if !name.isEmpty, name != key {
            throw ModelDiagnostic(
                kind: .differentNestedConditionName,
                message: "condition key is `\(key)` but nested name property is \(name)", symbol: name, path: "\(path).name")
        }
        var definition = ConditionDefinition(name: key, expression: try string(members, ["expression"], at: path) ?? "")
        if let parameters = try member(members, ["parameters"]) {
            let declared = try object(parameters, at: "\(path).parameters")
            for parameterName in declared.keys.sorted() {
                let type = try parameterType(declared[parameterName, default: .null], at: "\(path).parameters.\(parameterName)")
                definition.parameters.append(ConditionParameter(name: parameterName, type: type))
            }
        }
        if let metadata = try member(members, ["metadata"]) {
            definition.module = try moduleSource(try object(metadata, at: "\(path).metadata"), at: "\(path).metadata")
        }
        return definition
    }

    private func parameterType(_ value: JSONValue, at path: String) throws(ModelDiagnostic) -> ConditionType {
        let members = try object(value, at: path)
        let name = try string(members, ["type_name", "typeName"], at: path) ?? "TYPE_NAME_UNSPECIFIED"
        var generics: [ConditionType] = []
        for (index, element) in try array(members, ["generic_types", "genericTypes"], at: path).enumerated() {
            generics.append(try parameterType(element, at: "\(path).generic_types[\(index)]"))
        }
        guard let type = ConditionType(apiTypeName: name, genericArguments: generics) else {
            throw ModelDiagnostic(
                kind: .invalidCondition, message: "invalid parameter type \(name) with \(generics.count) generic type(s)", symbol: name, path: path)
        }
        return type
    }

    private func moduleSource(_ members: JSONObject, at path: String) throws(ModelDiagnostic) -> ModuleSource? {
        guard let module = try string(members, ["module"], at: path), !module.isEmpty else { return nil }
        var file: String?
        if let info = try member(members, ["source_info", "sourceInfo"]) {
            file = try string(try object(info, at: "\(path).source_info"), ["file"], at: "\(path).source_info")
        }
        return ModuleSource(module: module, file: file)
    }

    // MARK: JSON access with protojson's rules (null = unset, either spelling)

    private func member(_ members: JSONObject, _ spellings: [String]) throws(ModelDiagnostic) -> JSONValue? {
        for name in spellings {
            if let value = members[name], value != .null { return value }
        }
        return nil
    }

    private func object(_ value: JSONValue, at path: String) throws(ModelDiagnostic) -> JSONObject {
        guard case .object(let members) = value else {
            throw ModelDiagnostic(kind: .invalidJSON, message: "expected a JSON object", path: path.isEmpty ? "$" : path)
        }
        return members
    }

    private func string(_ members: JSONObject, _ spellings: [String], at path: String) throws(ModelDiagnostic) -> String? {
        guard let value = try member(members, spellings) else { return nil }
        guard case .string(let text) = value else {
            throw ModelDiagnostic(kind: .invalidJSON, message: "expected a string", path: Self.join(path, spellings[0]))
        }
        return text
    }

    private func array(_ members: JSONObject, _ spellings: [String], at path: String) throws(ModelDiagnostic) -> [JSONValue] {
        guard let value = try member(members, spellings) else { return [] }
        guard case .array(let elements) = value else {
            throw ModelDiagnostic(kind: .invalidJSON, message: "expected an array", path: Self.join(path, spellings[0]))
        }
        return elements
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

/// Writes the AST in `fga model transform`'s JSON shape.
struct ModelJSONWriter {
    var emitUnpopulated: Bool

    func value(of model: AuthorizationModel) -> JSONValue {
        var root: JSONObject = [
            "schema_version": .string(model.schemaVersion),
            "type_definitions": .array(model.typeDefinitions.map(typeDefinition)),
        ]
        if let id = model.id { root["id"] = .string(id) }
        if !model.conditions.isEmpty || emitUnpopulated {
            var conditions: JSONObject = [:]
            for condition in model.conditions { conditions[condition.name] = self.condition(condition) }
            root["conditions"] = .object(conditions)
        }
        return .object(root)
    }

    private func typeDefinition(_ definition: TypeDefinition) -> JSONValue {
        var members: JSONObject = ["type": .string(definition.name)]
        var metadata: JSONObject = [:]
        if !definition.relations.isEmpty {
            var relations: JSONObject = [:]
            var relationMetadata: JSONObject = [:]
            for relation in definition.relations {
                relations[relation.name] = rewrite(relation.rewrite)
                // fga omits the empty list of a relation that is not directly assignable.
                var meta: JSONObject = [:]
                if !relation.directlyRelatedTypes.isEmpty || emitUnpopulated {
                    meta["directly_related_user_types"] = .array(relation.directlyRelatedTypes.map(typeRestriction))
                }
                if let module = relation.module { add(module, to: &meta) }
                relationMetadata[relation.name] = .object(meta)
            }
            members["relations"] = .object(relations)
            metadata["relations"] = .object(relationMetadata)
        } else if emitUnpopulated {
            members["relations"] = .object([:])
        }
        if let module = definition.module { add(module, to: &metadata) }
        if !metadata.isEmpty {
            members["metadata"] = .object(metadata)
        } else if emitUnpopulated {
            members["metadata"] = .null
        }
        return .object(members)
    }

    private func rewrite(_ rewrite: Rewrite) -> JSONValue {
        switch rewrite {
        case .direct:
            return .object(["this": .object([:])])
        case .computedUserset(let relation, _):
            return .object(["computedUserset": objectRelation(relation)])
        case .tupleToUserset(let tupleset, let computed, _):
            return .object(["tupleToUserset": .object(["tupleset": objectRelation(tupleset), "computedUserset": objectRelation(computed)])])
        case .union(let children):
            return .object(["union": .object(["child": .array(children.map(self.rewrite))])])
        case .intersection(let children):
            return .object(["intersection": .object(["child": .array(children.map(self.rewrite))])])
        case .exclusion(let base, let subtract):
            return .object(["difference": .object(["base": self.rewrite(base), "subtract": self.rewrite(subtract)])])
        }
    }

    private func objectRelation(_ relation: String) -> JSONValue {
        emitUnpopulated ? .object(["object": .string(""), "relation": .string(relation)]) : .object(["relation": .string(relation)])
    }

    private func typeRestriction(_ restriction: TypeRestriction) -> JSONValue {
        var members: JSONObject = ["type": .string(restriction.type)]
        if let relation = restriction.relation { members["relation"] = .string(relation) }
        if restriction.wildcard { members["wildcard"] = .object([:]) }
        if let condition = restriction.condition {
            members["condition"] = .string(condition)
        } else if emitUnpopulated {
            members["condition"] = .string("")
        }
        return .object(members)
    }

    private func condition(_ condition: ConditionDefinition) -> JSONValue {
        var parameters: JSONObject = [:]
        for parameter in condition.parameters { parameters[parameter.name] = parameterType(parameter.type) }
        var members: JSONObject = [
            "name": .string(condition.name),
            "expression": .string(condition.expression),
            "parameters": .object(parameters),
        ]
        if let module = condition.module {
            var metadata: JSONObject = [:]
            add(module, to: &metadata)
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    private func parameterType(_ type: ConditionType) -> JSONValue {
        var members: JSONObject = ["type_name": .string(type.apiTypeName)]
        let generics = type.genericArguments
        if !generics.isEmpty || emitUnpopulated { members["generic_types"] = .array(generics.map(parameterType)) }
        return .object(members)
    }

    private func add(_ module: ModuleSource, to members: inout JSONObject) {
        members["module"] = .string(module.module)
        if let file = module.file { members["source_info"] = .object(["file": .string(file)]) }
    }
}
