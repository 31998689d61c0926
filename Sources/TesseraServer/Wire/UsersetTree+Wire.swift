import TesseraConditions
import TesseraEngine

extension UsersetTree {
    /// OpenFGA's Expand node: `{"name": ..., "leaf"|"union"|"intersection"|"difference": ...}`.
    var wireValue: JSONValue {
        switch self {
        case .users(let name, let users):
            return .object(["name": .string(name), "leaf": .object(["users": .object(["users": .array(users.map(JSONValue.string))])])])
        case .computed(let name, let userset):
            return .object(["name": .string(name), "leaf": .object(["computed": .object(["userset": .string(userset)])])])
        case .tupleToUserset(let name, let tupleset, let computed):
            let computedValues = computed.map { JSONValue.object(["userset": .string($0)]) }
            return .object([
                "name": .string(name),
                "leaf": .object(["tupleToUserset": .object(["tupleset": .string(tupleset), "computed": .array(computedValues)])]),
            ])
        case .union(let name, let nodes):
            return .object(["name": .string(name), "union": .object(["nodes": .array(nodes.map(\.wireValue))])])
        case .intersection(let name, let nodes):
            return .object(["name": .string(name), "intersection": .object(["nodes": .array(nodes.map(\.wireValue))])])
        case .difference(let name, let base, let subtract):
            return .object(["name": .string(name), "difference": .object(["base": base.wireValue, "subtract": subtract.wireValue])])
        }
    }
}
