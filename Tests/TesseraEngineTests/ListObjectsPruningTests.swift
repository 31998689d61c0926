import Testing
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// List objects follows only the relations that can lead to the one asked about, as
/// OpenFGA's reverse expansion does (found by the `fga` CLI script against the server and
/// by `tessera test Fixtures/banking.fga.yaml`).
struct ListObjectsPruningTests {
    /// `viewer: [user]`, and a `user:*` grant of `denied` whose condition needs `ip`, which
    /// the requests do not send. `denied` cannot lead to `viewer`, only to `can_view`.
    static func typeSystem() throws -> TypeSystem {
        try TypeSystem(
            model: AuthorizationModel(
                dsl: """
                    model
                      schema 1.1
                    type user
                    type dashboard
                      relations
                        define viewer: [user]
                        define denied: [user:* with from_ip]
                        define can_view: viewer but not denied
                    condition from_ip(ip: string) {
                      ip == "10.0.0.1"
                    }
                    """))
    }

    static let tuples = TupleSet([
        TupleKey(object: "dashboard:sales", relation: "viewer", user: "user:carol"),
        TupleKey(object: "dashboard:sales", relation: "denied", user: "user:*", condition: RelationshipCondition(name: "from_ip")),
    ])

    @Test func anUnrelatedConditionalTupleIsNotEvaluated() throws {
        let result = try Engine().listObjects(
            ListObjectsRequest(type: "dashboard", relation: "viewer", user: "user:carol"), typeSystem: Self.typeSystem(), reader: Self.tuples)
        #expect(result.objects == ["dashboard:sales"])
    }

    /// Through the exclusion, the condition does matter: without its parameter the request fails.
    @Test func theSubtractedConditionalTupleStillNeedsItsContext() throws {
        let typeSystem = try Self.typeSystem()
        #expect(throws: EngineError.self) {
            try Engine().listObjects(
                ListObjectsRequest(type: "dashboard", relation: "can_view", user: "user:carol"), typeSystem: typeSystem, reader: Self.tuples)
        }
    }

    /// `grant: [user with under_limit]` stored without `amount`, and `viewer: [user] or delegate`.
    static let banking = """
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

    static func bankingFixture() throws -> (TypeSystem, TupleSet) {
        let tuples = [
            TupleKey(object: "account:a", relation: "delegate", user: "user:acct"),
            TupleKey(
                object: "account:a", relation: "grant", user: "user:acct",
                condition: RelationshipCondition(name: "under_limit", context: ["limit": .number(100)])),
        ]
        return (TypeSystem(model: try AuthorizationModel(dsl: Self.banking)), TupleSet(tuples))
    }

    /// `grant`'s condition lacks `amount`, but `grant` cannot lead to `viewer`: no error.
    @Test func aConditionOnAnUnrelatedRelationOfTheSameUserIsNotEvaluated() throws {
        let (typeSystem, store) = try Self.bankingFixture()
        let result = try Engine().listObjects(ListObjectsRequest(type: "account", relation: "viewer", user: "user:acct"), typeSystem: typeSystem, reader: store)
        #expect(result.objects == ["account:a"])
    }

    /// The same condition on the requested relation's own path still fails the request.
    @Test func aConditionOnThePathStillFailsWithoutItsParameters() throws {
        let (typeSystem, store) = try Self.bankingFixture()
        #expect(throws: EngineError.self) {
            try Engine().listObjects(ListObjectsRequest(type: "account", relation: "grant", user: "user:acct"), typeSystem: typeSystem, reader: store)
        }
    }
}
