import TesseraConditions

extension AuthorizationModel {
    /// The size in bytes of the model's protobuf encoding (OpenFGA's `authzmodel.proto`), which
    /// is what OpenFGA compares with its model size limit: `proto.Size` of the schema version,
    /// type definitions and conditions (the id is not counted).
    ///
    /// The AST does not record whether a JSON model spelled out the metadata of a relation
    /// without direct types; like `fga model transform`, this counts metadata for every relation
    /// of a type with relations, so a JSON model that omits it measures a few bytes more here.
    public var protobufSize: Int {
        var total = ProtobufSize.string(schemaVersion)
        for type in typeDefinitions { total += ProtobufSize.message(Self.size(of: type)) }
        for condition in conditions {
            total += ProtobufSize.mapEntry(key: condition.name, valueSize: Self.size(of: condition))
        }
        return total
    }

    private static func size(of type: TypeDefinition) -> Int {
        var total = ProtobufSize.string(type.name)
        var metadata = 0
        for relation in type.relations {
            total += ProtobufSize.mapEntry(key: relation.name, valueSize: size(of: relation.rewrite))
            var relationMetadata = 0
            for restriction in relation.directlyRelatedTypes { relationMetadata += ProtobufSize.message(size(of: restriction)) }
            relationMetadata += size(of: relation.module)
            metadata += ProtobufSize.mapEntry(key: relation.name, valueSize: relationMetadata)
        }
        metadata += size(of: type.module)
        if !type.relations.isEmpty || type.module != nil { total += ProtobufSize.message(metadata) }
        return total
    }

    /// `module` and `source_info { file }` of the metadata messages.
    private static func size(of module: ModuleSource?) -> Int {
        guard let module else { return 0 }
        var total = ProtobufSize.string(module.module)
        if let file = module.file { total += ProtobufSize.message(ProtobufSize.string(file)) }
        return total
    }

    private static func size(of restriction: TypeRestriction) -> Int {
        var total = ProtobufSize.string(restriction.type)
        if let relation = restriction.relation { total += ProtobufSize.string(relation) }
        if restriction.wildcard { total += ProtobufSize.message(0) }
        if let condition = restriction.condition { total += ProtobufSize.string(condition) }
        return total
    }

    /// A `Userset`: one field of the oneof, holding the operator's message.
    private static func size(of rewrite: Rewrite) -> Int {
        switch rewrite {
        case .direct:
            return ProtobufSize.message(0)
        case .computedUserset(let relation, _):
            return ProtobufSize.message(ProtobufSize.string(relation))
        case .tupleToUserset(let tupleset, let computed, _):
            return ProtobufSize.message(
                ProtobufSize.message(ProtobufSize.string(tupleset)) + ProtobufSize.message(ProtobufSize.string(computed)))
        case .union(let children), .intersection(let children):
            return ProtobufSize.message(children.reduce(0) { $0 + ProtobufSize.message(size(of: $1)) })
        case .exclusion(let base, let subtract):
            return ProtobufSize.message(ProtobufSize.message(size(of: base)) + ProtobufSize.message(size(of: subtract)))
        }
    }

    private static func size(of condition: ConditionDefinition) -> Int {
        var total = ProtobufSize.string(condition.name) + ProtobufSize.string(condition.expression)
        for parameter in condition.parameters {
            total += ProtobufSize.mapEntry(key: parameter.name, valueSize: size(of: parameter.type))
        }
        if condition.module != nil { total += ProtobufSize.message(size(of: condition.module)) }
        return total
    }

    /// A `ConditionParamTypeRef`: the enum value (every one is a one-byte varint) and generics.
    private static func size(of type: ConditionType) -> Int {
        2 + type.genericArguments.reduce(0) { $0 + ProtobufSize.message(size(of: $1)) }
    }
}

/// Sizes of protobuf wire-format fields. Every field number of the model messages is below
/// 16, so each tag is one byte.
enum ProtobufSize {
    static func varint(_ value: Int) -> Int {
        var size = 1
        var rest = UInt64(max(0, value)) >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// A length-delimited field holding `length` bytes.
    static func message(_ length: Int) -> Int {
        1 + varint(length) + length
    }

    /// A string field; proto3 omits empty strings.
    static func string(_ text: String) -> Int {
        text.isEmpty ? 0 : message(text.utf8.count)
    }

    /// A map entry: an embedded message whose key and value are always written.
    static func mapEntry(key: String, valueSize: Int) -> Int {
        message(message(key.utf8.count) + message(valueSize))
    }
}
