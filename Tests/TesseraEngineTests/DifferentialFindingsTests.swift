import Testing
import TesseraEngine
import TesseraModel
import TesseraStore

/// Minimal reproductions of disagreements with OpenFGA that the differential test found,
/// each with the answer `fga model test` (OpenFGA's embedded engine) gives.
struct DifferentialFindingsTests {
    // MARK: Wildcard users and OpenFGA's path pruning

    /// `doc#member: [user, doc#member, team#member]` and a chain of 26 nested
    /// `doc:N#member` usersets. `user:*` can never be a member (no restriction admits it).
    static let memberChain: (TypeSystem, TupleSet) = {
        let model = AuthorizationModel(typeDefinitions: [
            TypeDefinition(name: "user"),
            TypeDefinition(name: "team", relations: [RelationDefinition(name: "member", rewrite: .direct(), directlyRelatedTypes: [TypeRestriction(type: "user")])]),
            TypeDefinition(
                name: "doc",
                relations: [
                    RelationDefinition(
                        name: "member", rewrite: .direct(),
                        directlyRelatedTypes: [
                            TypeRestriction(type: "user"), TypeRestriction(type: "doc", relation: "member"), TypeRestriction(type: "team", relation: "member"),
                        ])
                ]),
        ])
        let tuples = (1...26).map { TupleKey(object: "doc:\($0)", relation: "member", user: "doc:\($0 - 1)#member") }
        return (TypeSystem(model: model), TupleSet(tuples))
    }()

    /// OpenFGA prunes with the user's *type* (`TypeSystem.PathExists`: a path from `user`
    /// or from `user:*`), so a `user:*` check walks the chain like a check for any user
    /// and fails at the depth limit: `authorization_model_resolution_too_complex`.
    @Test func wildcardUserCheckWalksUsersetsAsAUserOfItsTypeWould() {
        let (typeSystem, store) = Self.memberChain
        let error = #expect(throws: EngineError.self) {
            try Engine().check(CheckRequest(object: "doc:26", relation: "member", user: "user:*"), typeSystem: typeSystem, reader: store)
        }
        #expect(error?.code == .resolutionTooComplex)
    }

    /// The same check within the depth limit is false, in both engines.
    @Test func wildcardUserCheckWithinTheDepthLimitIsFalse() throws {
        let (typeSystem, store) = Self.memberChain
        #expect(try Engine().check(CheckRequest(object: "doc:20", relation: "member", user: "user:*"), typeSystem: typeSystem, reader: store) == false)
    }

    // MARK: A cycle next to a plain false in an intersection

    /// `reader: [team] but not (member and viewer)`, `member: [user, team] or member from
    /// org_of`, `viewer: [user]`; `team:t1` is its own reader and its own `org_of`.
    ///
    /// Checking `team:t1` as a reader, `member` meets the cycle `team:t1#member@team:t1`
    /// while `viewer` is plainly false (no `team` is ever a viewer), so the intersection is
    /// false and the exclusion keeps the reader. OpenFGA answers true (differential seed
    /// 100650); Tessera answered false when it evaluated `member` first and let the cycle
    /// end the intersection.
    @Test func plainFalseInAnIntersectionOutweighsACycleInAnotherChild() throws {
        let relations = [
            RelationDefinition(name: "org_of", rewrite: .direct(), directlyRelatedTypes: [TypeRestriction(type: "team")]),
            RelationDefinition(name: "viewer", rewrite: .direct(), directlyRelatedTypes: [TypeRestriction(type: "user")]),
            RelationDefinition(
                name: "member", rewrite: .union([.direct(), .tupleToUserset(tupleset: "org_of", computedRelation: "member")]),
                directlyRelatedTypes: [TypeRestriction(type: "user"), TypeRestriction(type: "team")]),
            RelationDefinition(
                name: "reader",
                rewrite: .exclusion(base: .direct(), subtract: .intersection([.computedUserset(relation: "member"), .computedUserset(relation: "viewer")])),
                directlyRelatedTypes: [TypeRestriction(type: "team")]),
        ]
        let typeSystem = TypeSystem(model: AuthorizationModel(typeDefinitions: [TypeDefinition(name: "user"), TypeDefinition(name: "team", relations: relations)]))
        let store = TupleSet([
            TupleKey(object: "team:t1", relation: "reader", user: "team:t1"),
            TupleKey(object: "team:t1", relation: "org_of", user: "team:t1"),
        ])
        #expect(try Engine().check(CheckRequest(object: "team:t1", relation: "reader", user: "team:t1"), typeSystem: typeSystem, reader: store))
    }

    // MARK: List users through a double exclusion

    /// `owner: [user:*] but not viewer`, `viewer: [user] but not reader`, `reader: [user]`;
    /// anne is a viewer and a reader (so not a viewer), bob a viewer.
    ///
    /// OpenFGA lists `user:*` and also anne: its list users surfaces a user excluded from
    /// the subtracted relation as a user of the result
    /// (`pkg/server/commands/listusers/list_users_rpc.go`, `expandExclusion`). Check agrees
    /// anne is an owner; Tessera's list users lists only `user:*`, which covers anne.
    @Test func listUsersNamesAUserExcludedFromTheSubtractedRelation() throws {
        let reader = RelationDefinition(name: "reader", rewrite: .direct(), directlyRelatedTypes: [TypeRestriction(type: "user")])
        let viewer = RelationDefinition(
            name: "viewer", rewrite: .exclusion(base: .direct(), subtract: .computedUserset(relation: "reader")),
            directlyRelatedTypes: [TypeRestriction(type: "user")])
        let owner = RelationDefinition(
            name: "owner", rewrite: .exclusion(base: .direct(), subtract: .computedUserset(relation: "viewer")),
            directlyRelatedTypes: [TypeRestriction(type: "user", wildcard: true)])
        let typeSystem = TypeSystem(
            model: AuthorizationModel(typeDefinitions: [
                TypeDefinition(name: "user"), TypeDefinition(name: "folder", relations: [reader, viewer, owner]),
            ]))
        let store = TupleSet([
            TupleKey(object: "folder:f", relation: "owner", user: "user:*"),
            TupleKey(object: "folder:f", relation: "viewer", user: "user:anne"),
            TupleKey(object: "folder:f", relation: "reader", user: "user:anne"),
            TupleKey(object: "folder:f", relation: "viewer", user: "user:bob"),
        ])
        let request = ListUsersRequest(object: ObjectReference(type: "folder", id: "f"), relation: "owner", filter: .init(type: "user"))
        let users = try Engine().listUsers(request, typeSystem: typeSystem, reader: store).users.map(\.description)
        #expect(Set(users) == ["user:*", "user:anne"])
    }
}
