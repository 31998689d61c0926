public import TesseraConditions

/// The per-model indexes the engine needs, built once when a model is loaded.
///
/// - relations by `type#relation`, with their rewrites and direct type restrictions;
/// - which relations are tuplesets (the `parent` of `viewer from parent`);
/// - reachability: which user shapes can ever be related to `type#relation`, so the engine
///   can answer `false` without reading when no path exists;
/// - reverse edges, for list objects: from a relation a user holds to the relations that
///   relation can lead to.
///
/// A `TypeSystem` is immutable and shared by concurrent requests.
public final class TypeSystem: Sendable {
    public let model: AuthorizationModel
    private let typeNames: Set<String>
    private let relations: [RelationKey: RelationInfo]
    private let reachableUserKinds: [RelationKey: Set<UserKind>]
    /// `userset edges`: relations whose direct restrictions accept the userset `key`.
    private let usersetEdges: [RelationKey: [RelationKey]]
    /// Relations whose direct restrictions accept objects (or the wildcard) of a type.
    private let directEdges: [UserKind: [RelationKey]]
    /// Relations on the same type that include `key` through a computed userset.
    private let computedEdges: [RelationKey: [RelationKey]]
    /// For `X from T` on type P (result relation R): keyed by the target `S#X` for every
    /// tupleset type S, the pairs (tupleset relation `P#T`, result relation `P#R`).
    private let tupleToUsersetEdges: [RelationKey: [TupleToUsersetEdge]]
    /// The model's conditions, compiled once (a condition that does not compile keeps its error).
    private let conditions: [String: Result<CompiledCondition, ConditionError>]

    /// One `computed from tupleset` edge, seen from the computed relation's side.
    public struct TupleToUsersetEdge: Sendable, Hashable {
        public var tupleset: RelationKey
        public var result: RelationKey
    }

    public init(model: AuthorizationModel) {
        self.model = model
        var typeNames: Set<String> = []
        var relations: [RelationKey: RelationInfo] = [:]
        for definition in model.typeDefinitions {
            typeNames.insert(definition.name)
            for relation in definition.relations {
                let key = RelationKey(definition.name, relation.name)
                if relations[key] == nil {
                    relations[key] = RelationInfo(
                        key: key, rewrite: relation.rewrite, directlyRelatedTypes: relation.directlyRelatedTypes, isTupleset: false)
                }
            }
        }
        // Mark tuplesets.
        for (key, info) in relations {
            info.rewrite.forEach { rule in
                if case .tupleToUserset(let tupleset, _, _) = rule {
                    relations[RelationKey(key.type, tupleset)]?.isTupleset = true
                }
            }
        }
        self.typeNames = typeNames
        self.relations = relations

        var usersetEdges: [RelationKey: [RelationKey]] = [:]
        var directEdges: [UserKind: [RelationKey]] = [:]
        var computedEdges: [RelationKey: [RelationKey]] = [:]
        var tupleToUsersetEdges: [RelationKey: [TupleToUsersetEdge]] = [:]
        for key in relations.keys.sorted() {
            guard let info = relations[key] else { continue }
            for restriction in info.directlyRelatedTypes {
                if let relation = restriction.relation {
                    usersetEdges[RelationKey(restriction.type, relation), default: []].appendIfAbsent(key)
                } else if restriction.wildcard {
                    directEdges[.wildcard(type: restriction.type), default: []].appendIfAbsent(key)
                } else {
                    directEdges[.object(type: restriction.type), default: []].appendIfAbsent(key)
                }
            }
            info.rewrite.forEachPositiveLeaf { rule in
                switch rule {
                case .computedUserset(let relation, _):
                    computedEdges[RelationKey(key.type, relation), default: []].appendIfAbsent(key)
                case .tupleToUserset(let tupleset, let computed, _):
                    let tuplesetKey = RelationKey(key.type, tupleset)
                    for restriction in relations[tuplesetKey]?.directlyRelatedTypes ?? [] {
                        let target = RelationKey(restriction.type, computed)
                        guard relations[target] != nil else { continue }
                        tupleToUsersetEdges[target, default: []].appendIfAbsent(TupleToUsersetEdge(tupleset: tuplesetKey, result: key))
                    }
                default:
                    break
                }
            }
        }
        self.usersetEdges = usersetEdges
        self.directEdges = directEdges
        self.computedEdges = computedEdges
        self.tupleToUsersetEdges = tupleToUsersetEdges
        self.reachableUserKinds = Self.reachability(relations: relations)
        self.conditions = Self.compileConditions(of: model)
    }

    // MARK: Lookup

    /// True when the model defines `type`.
    public func hasType(_ type: some StringProtocol) -> Bool {
        typeNames.contains(String(type))
    }

    /// The relation `type#relation`, if defined.
    public func relation(_ type: String, _ relation: String) -> RelationInfo? {
        relations[RelationKey(type, relation)]
    }

    /// The relation `key`, if defined.
    public func relation(_ key: RelationKey) -> RelationInfo? {
        relations[key]
    }

    /// Every relation, keyed by `type#relation`.
    public var allRelations: [RelationKey: RelationInfo] { relations }

    // MARK: Conditions

    /// The compiled condition `name`, or why it does not compile; `nil` if the model has no
    /// such condition.
    public func compiledCondition(named name: String) -> Result<CompiledCondition, ConditionError>? {
        conditions[name]
    }

    // MARK: Reachability

    /// True when a user of shape `kind` can ever be related to `target` under this model.
    /// A concrete object is also reached through its type's wildcard.
    public func pathExists(from kind: UserKind, to target: RelationKey) -> Bool {
        guard let kinds = reachableUserKinds[target] else { return false }
        if kinds.contains(kind) { return true }
        if case .object(let type) = kind { return kinds.contains(.wildcard(type: type)) }
        return false
    }

    /// The user shapes that can be related to `target` (for list users).
    public func reachableUserKinds(of target: RelationKey) -> Set<UserKind> {
        reachableUserKinds[target] ?? []
    }

    // MARK: Reverse edges (list objects)

    /// Relations a user of shape `kind` can be assigned to directly.
    public func relationsAssignable(to kind: UserKind) -> [RelationKey] {
        directEdges[kind] ?? []
    }

    /// Relations whose direct restrictions accept the userset `key` (`group#member`).
    public func relationsAssignable(toUserset key: RelationKey) -> [RelationKey] {
        usersetEdges[key] ?? []
    }

    /// Relations on the same type that include `key` through a computed userset (outside
    /// the subtracted side of an exclusion).
    public func relationsComputed(from key: RelationKey) -> [RelationKey] {
        computedEdges[key] ?? []
    }

    /// The `X from T` edges whose computed relation is `key`.
    public func tupleToUsersetEdges(from key: RelationKey) -> [TupleToUsersetEdge] {
        tupleToUsersetEdges[key] ?? []
    }

    // MARK: Building

    /// The least fixed point of "which user shapes reach `type#relation`": a relation
    /// reaches its own userset (`document:1#viewer` is a viewer of `document:1`), the shapes
    /// its direct restrictions name (and, for a userset restriction, everything that reaches
    /// that userset), and whatever its computed and tuple-to-userset leaves reach.
    static func reachability(relations: [RelationKey: RelationInfo]) -> [RelationKey: Set<UserKind>] {
        var result: [RelationKey: Set<UserKind>] = [:]
        for key in relations.keys { result[key] = [.userset(key)] }
        var changed = true
        while changed {
            changed = false
            for (key, info) in relations {
                var kinds = result[key] ?? []
                let before = kinds.count
                info.rewrite.forEachPositiveLeaf { rule in
                    switch rule {
                    case .direct:
                        for restriction in info.directlyRelatedTypes {
                            if let relation = restriction.relation {
                                let userset = RelationKey(restriction.type, relation)
                                kinds.insert(.userset(userset))
                                kinds.formUnion(result[userset] ?? [])
                            } else if restriction.wildcard {
                                kinds.insert(.wildcard(type: restriction.type))
                            } else {
                                kinds.insert(.object(type: restriction.type))
                            }
                        }
                    case .computedUserset(let relation, _):
                        kinds.formUnion(result[RelationKey(key.type, relation)] ?? [])
                    case .tupleToUserset(let tupleset, let computed, _):
                        for restriction in relations[RelationKey(key.type, tupleset)]?.directlyRelatedTypes ?? [] {
                            kinds.formUnion(result[RelationKey(restriction.type, computed)] ?? [])
                        }
                    default:
                        break
                    }
                }
                if kinds.count != before {
                    result[key] = kinds
                    changed = true
                }
            }
        }
        return result
    }
}

extension Array where Element: Equatable {
    mutating func appendIfAbsent(_ element: Element) {
        if !contains(element) { append(element) }
    }
}
