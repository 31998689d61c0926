import Testing
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// List objects only reads the relations that can lead to the requested one, as OpenFGA's
/// reverse expansion does (found by `tessera test Fixtures/banking.fga.yaml`, which `fga
/// model test` passes).
struct ListObjectsPruningTests {
    static let model = """
        model
          schema 1.1
        type user
        type account
          relations
            define delegate: [user]
            define grant: [user with under_limit]
            define viewer: [user] or delegate
        condition under_limit(amount: double, limit: double) {
          amount <= limit
        }
        """

    static func fixture() throws -> (TypeSystem, TupleSet) {
        let model = try AuthorizationModel(dsl: Self.model)
        let tuples = [
            TupleKey(object: "account:a", relation: "delegate", user: "user:acct"),
            TupleKey(
                object: "account:a", relation: "grant", user: "user:acct",
                condition: RelationshipCondition(name: "under_limit", context: ["limit": .number(100)])),
        ]
        return (TypeSystem(model: model), TupleSet(tuples))
    }

    /// `grant`'s condition lacks `amount`, but `grant` cannot lead to `viewer`: no error.
    @Test func aConditionOnAnUnrelatedRelationIsNotEvaluated() throws {
        let (typeSystem, store) = try Self.fixture()
        let result = try Engine().listObjects(ListObjectsRequest(type: "account", relation: "viewer", user: "user:acct"), typeSystem: typeSystem, reader: store)
        #expect(result.objects == ["account:a"])
    }

    /// The same condition on the requested relation's own path still fails the request.
    @Test func aConditionOnThePathStillFailsWithoutItsParameters() throws {
        let (typeSystem, store) = try Self.fixture()
        #expect(throws: EngineError.self) {
            try Engine().listObjects(ListObjectsRequest(type: "account", relation: "grant", user: "user:acct"), typeSystem: typeSystem, reader: store)
        }
    }
}
