import TesseraConditions
public import TesseraEngine
import TesseraModel
import TesseraStore

/// Measures which relations and rewrite branches a set of fixtures exercises
/// (``ModelCoverage``), with the engine itself.
///
/// Every branch of every relation becomes an extra relation of a copy of the model (its
/// *alias*: `viewer`'s `[group#member]` alone, `viewer`'s `editor` alone, …); direct
/// branches read the original relation's tuples through ``BranchAliasReader``. For each
/// query an assertion makes, each branch of the queried relation is checked alone; a branch
/// that holds is exercised and leads on: a computed relation to the same object, a
/// tuple-to-userset to the parents whose relation holds, a userset restriction to the
/// groups whose relation holds. Those queries are explored the same way, so coverage
/// reaches relations no assertion names. The walk per assertion is bounded.
public struct CoverageAnalyzer: Sendable {
    /// How many queries one assertion's walk explores at most.
    public var maxQueriesPerAssertion = 2_000
    var engine: Engine
    private var models: [String: ModelState] = [:]
    private var order: [String] = []

    public init(engine: Engine = Engine()) {
        self.engine = engine
    }

    /// The coverage of every model seen, in the order first seen.
    public var coverage: [ModelCoverage] {
        order.compactMap { models[$0]?.coverage }
    }

    /// Explores the assertions of `fixture` (a fixture without a model is skipped).
    public mutating func add(_ fixture: LoadedFixture) {
        guard let typeSystem = fixture.typeSystem else { return }
        let identity = typeSystem.model.jsonText()
        var state = models[identity] ?? ModelState(original: typeSystem)
        if models[identity] == nil { order.append(identity) }
        state.files.append(fixture.fixture.path)
        let base = TupleSet(fixture.tuples.map(\.key))
        for (index, test) in fixture.fixture.tests.enumerated() {
            let own = fixture.testTuples[index].map(\.key)
            let stored: any TupleReader = own.isEmpty ? base : OverlayTupleReader(contextual: TupleSet(own), base: base)
            for entry in test.checks {
                let reader = Self.reader(stored, contextual: entry.contextualTuples)
                for user in entry.users {
                    for object in entry.objects {
                        for assertion in entry.assertions {
                            state.noteAsserted(object: object, relation: assertion.relation)
                            explore([Query(object: object, relation: assertion.relation, user: user)], context: entry.context ?? [:], reader: reader, state: &state)
                        }
                    }
                }
            }
            for entry in test.listObjects {
                let reader = Self.reader(stored, contextual: entry.contextualTuples)
                for assertion in entry.assertions {
                    state.asserted[RelationKey(entry.type, assertion.relation), default: 0] += 1
                    let request = ListObjectsRequest(type: entry.type, relation: assertion.relation, user: entry.user, context: entry.context ?? [:])
                    let found = (try? engine.listObjects(request, typeSystem: state.original, reader: reader).objects) ?? []
                    let seeds = Set(found + assertion.expected).sorted().map { Query(object: $0, relation: assertion.relation, user: entry.user) }
                    explore(seeds, context: entry.context ?? [:], reader: reader, state: &state)
                }
            }
            for entry in test.listUsers {
                let reader = Self.reader(stored, contextual: entry.contextualTuples)
                guard let object = ObjectReference(entry.object), let filter = entry.filters.first else { continue }
                for assertion in entry.assertions {
                    state.asserted[RelationKey(object.type, assertion.relation), default: 0] += 1
                    let request = ListUsersRequest(object: object, relation: assertion.relation, filter: filter, context: entry.context ?? [:])
                    let found = (try? engine.listUsers(request, typeSystem: state.original, reader: reader).users.map(\.description)) ?? []
                    let seeds = Set(found + assertion.expected).sorted().map { Query(object: entry.object, relation: assertion.relation, user: $0) }
                    explore(seeds, context: entry.context ?? [:], reader: reader, state: &state)
                }
            }
        }
        models[identity] = state
    }

    static func reader(_ stored: any TupleReader, contextual: [TupleKey]) -> any TupleReader {
        contextual.isEmpty ? stored : OverlayTupleReader(contextual: TupleSet(contextual), base: stored)
    }

    struct Query: Hashable {
        var object: String
        var relation: String
        var user: String
    }

    /// Checks each branch of each query's relation alone and follows the branches that hold.
    func explore(_ seeds: [Query], context: JSONObject, reader stored: any TupleReader, state: inout ModelState) {
        let reader = BranchAliasReader(base: stored, aliases: state.aliasTargets)
        var queue = seeds
        var visited: Set<Query> = []
        func holds(_ object: String, _ relation: String, _ user: String) -> Bool {
            let request = CheckRequest(object: object, relation: relation, user: user, context: context)
            return (try? engine.check(request, typeSystem: state.augmented, reader: reader)) ?? false
        }
        while let query = queue.popLast(), visited.count < maxQueriesPerAssertion {
            guard visited.insert(query).inserted, let object = ObjectReference(query.object) else { continue }
            let key = RelationKey(object.type, query.relation)
            guard let branches = state.branches[key] else { continue }
            state.exercisedRelations.insert(key)
            for (branch, alias) in branches where holds(query.object, alias, query.user) {
                state.exercisedAliases.insert(alias)
                switch branch.kind {
                case .computed(let relation):
                    queue.append(Query(object: query.object, relation: relation, user: query.user))
                case .tupleToUserset(let tupleset, let computed):
                    try? stored.forEachTuple(object: query.object, relation: tupleset) { tuple in
                        if UserReference(tuple.user).map({ if case .object = $0 { true } else { false } }) == true,
                            holds(tuple.user, computed, query.user)
                        {
                            queue.append(Query(object: tuple.user, relation: computed, user: query.user))
                        }
                        return true
                    }
                case .direct(let restriction):
                    guard let relation = restriction.relation else { break }
                    try? stored.forEachUsersetTuple(object: query.object, relation: query.relation) { tuple in
                        if case .userset(let group, let groupRelation) = UserReference(tuple.user), group.type == restriction.type,
                            groupRelation == relation, holds(group.description, relation, query.user)
                        {
                            queue.append(Query(object: group.description, relation: relation, user: query.user))
                        }
                        return true
                    }
                }
            }
        }
    }
}

/// The coverage state of one model: the model with a relation per branch, and what has
/// been exercised so far.
struct ModelState: Sendable {
    let original: TypeSystem
    let augmented: TypeSystem
    /// Each relation's branches, with the alias relation that is the branch alone.
    let branches: [RelationKey: [(branch: RewriteBranch, alias: String)]]
    /// Alias → the relation whose tuples a direct-branch alias reads.
    let aliasTargets: [String: String]
    let relationOrder: [RelationKey]
    var files: [String] = []
    var asserted: [RelationKey: Int] = [:]
    var exercisedRelations: Set<RelationKey> = []
    var exercisedAliases: Set<String> = []

    init(original: TypeSystem) {
        self.original = original
        let model = original.model
        var augmentedModel = model
        var branches: [RelationKey: [(branch: RewriteBranch, alias: String)]] = [:]
        var aliasTargets: [String: String] = [:]
        var relationOrder: [RelationKey] = []
        let taken = Set(model.typeDefinitions.flatMap { $0.relations.map(\.name) })
        var counter = 0
        func nextAlias() -> String {
            var name: String
            repeat {
                counter += 1
                name = "tessera_branch_\(counter)"
            } while taken.contains(name)
            return name
        }
        for (typeIndex, type) in model.typeDefinitions.enumerated() {
            for relation in type.relations {
                let key = RelationKey(type.name, relation.name)
                relationOrder.append(key)
                var list: [(branch: RewriteBranch, alias: String)] = []
                for branch in RewriteBranch.branches(of: relation) {
                    let alias = nextAlias()
                    let definition = branch.definition
                    augmentedModel.typeDefinitions[typeIndex].relations.append(
                        RelationDefinition(name: alias, rewrite: definition.rewrite, directlyRelatedTypes: definition.types))
                    if case .direct = branch.kind { aliasTargets[alias] = relation.name }
                    list.append((branch, alias))
                }
                branches[key] = list
            }
        }
        augmented = TypeSystem(model: augmentedModel)
        self.branches = branches
        self.aliasTargets = aliasTargets
        self.relationOrder = relationOrder
    }

    mutating func noteAsserted(object: String, relation: String) {
        guard let reference = ObjectReference(object) else { return }
        asserted[RelationKey(reference.type, relation), default: 0] += 1
    }

    var coverage: ModelCoverage {
        ModelCoverage(
            files: files,
            relations: relationOrder.map { key in
                ModelCoverage.Relation(
                    key: key, asserted: asserted[key] ?? 0, exercised: exercisedRelations.contains(key),
                    branches: (branches[key] ?? []).map { ModelCoverage.Branch(branch: $0.branch, exercised: exercisedAliases.contains($0.alias)) })
            })
    }
}
