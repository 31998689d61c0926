import Foundation
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// A model (OpenFGA DSL) and stored tuples (`object#relation@user`, optionally
/// `... with condition`), for regression tests that read like the advisories they cover.
struct AdvisoryScenario {
    let typeSystem: TypeSystem
    let store: TupleSet
    var engine = Engine()

    init(_ dsl: String, tuples: [TupleKey] = []) throws {
        let model = try AuthorizationModel(dsl: dsl)
        typeSystem = TypeSystem(model: model)
        store = TupleSet(tuples)
    }

    /// `object#relation@user` as a tuple key.
    static func tuple(_ text: String, condition: String? = nil, context: JSONObject = [:]) -> TupleKey {
        let at = text.lastIndex(of: "@") ?? text.endIndex
        let hash = text[..<at].lastIndex(of: "#") ?? at
        return TupleKey(
            object: String(text[..<hash]), relation: String(text[text.index(after: hash)..<at]),
            user: at < text.endIndex ? String(text[text.index(after: at)...]) : "",
            condition: condition.map { RelationshipCondition(name: $0, context: context) })
    }

    /// The check `object#relation@user`.
    func check(_ text: String, context: JSONObject = [:], contextual: [TupleKey] = []) throws(EngineError) -> Bool {
        let key = Self.tuple(text)
        return try engine.check(
            CheckRequest(object: key.object, relation: key.relation, user: key.user, contextualTuples: contextual, context: context),
            typeSystem: typeSystem, reader: store)
    }

    /// A batch check of `checks`, each under its correlation id, over the scenario's tuples.
    func batchCheck(_ checks: KeyValuePairs<String, CheckRequest>) throws(EngineError) -> [String: Result<Bool, EngineError>] {
        try engine.batchCheck(checks.map { BatchCheckItem(correlationID: $0.key, check: $0.value) }, typeSystem: typeSystem, reader: store)
    }

    func listObjects(type: String, relation: String, user: String, context: JSONObject = [:]) throws(EngineError) -> [String] {
        try engine.listObjects(
            ListObjectsRequest(type: type, relation: relation, user: user, context: context), typeSystem: typeSystem, reader: store
        ).objects
    }

    /// The users of `filter` (`type` or `type#relation`) with `relation` on `object`, in wire form.
    func listUsers(object: String, relation: String, filter: String, context: JSONObject = [:]) throws -> [String] {
        guard let objectReference = ObjectReference(object) else { throw EngineError(.validationError, "bad object \(object)") }
        let parts = filter.split(separator: "#", maxSplits: 1).map(String.init)
        let request = ListUsersRequest(
            object: objectReference, relation: relation,
            filter: .init(type: parts[0], relation: parts.count > 1 ? parts[1] : nil), context: context)
        return try engine.listUsers(request, typeSystem: typeSystem, reader: store).users.map(\.description)
    }

    /// Whether a write of this tuple is refused by the model.
    func refusesWrite(_ tuple: TupleKey) -> Bool {
        (try? typeSystem.validateForWrite(tuple)) == nil
    }

    /// The objects of `type` among those mentioned in the store whose check is true.
    func objectsCheckingTrue(type: String, relation: String, user: String, context: JSONObject = [:]) throws -> [String] {
        let objects = Set(store.tuples.flatMap { [$0.object, $0.user] }.compactMap { text -> String? in
            guard let object = ObjectReference(text.split(separator: "#").first ?? ""), object.type == type, !object.isWildcard else { return nil }
            return object.description
        })
        return try objects.sorted().filter { try check("\($0)#\(relation)@\(user)", context: context) }
    }
}
