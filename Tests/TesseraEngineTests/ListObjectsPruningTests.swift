import Testing
import TesseraEngine
import TesseraModel
import TesseraStore

/// List objects follows only the relations that can lead to the one asked about, as
/// OpenFGA's reverse expansion does (found by the `fga` CLI script against the server).
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
}
