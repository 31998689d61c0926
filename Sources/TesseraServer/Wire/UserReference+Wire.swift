import TesseraConditions
import TesseraModel

extension UserReference {
    /// OpenFGA's list-users `User`: `{"object": {type, id}}`, `{"userset": {type, id,
    /// relation}}` or `{"wildcard": {type}}`.
    var wireValue: JSONValue {
        switch self {
        case .object(let object):
            return .object(["object": .object(["type": .string(object.type), "id": .string(object.id)])])
        case .userset(let object, let relation):
            return .object(["userset": .object(["type": .string(object.type), "id": .string(object.id), "relation": .string(relation)])])
        case .wildcard(let type):
            return .object(["wildcard": .object(["type": .string(type)])])
        }
    }
}
