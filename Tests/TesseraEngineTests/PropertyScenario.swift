import Foundation
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore
import TesseraTestSupport

/// A random model, tuples valid under it, and the users and objects to query, for one seed.
///
/// Models use every operator (union, intersection, exclusion, nested), direct restrictions
/// of every shape (`user`, `user:*`, `group`, `group#member`), tuple-to-userset through
/// same-type and other-type parents, and cycles through tuples (`member: [group#member]`,
/// `viewer: ... or viewer from parent`). Computed usersets point only to relations defined
/// earlier in the type, since OpenFGA refuses a model with a cycle of computed usersets.
struct PropertyScenario: Sendable {
    var seed: UInt64
    var model: AuthorizationModel
    var typeSystem: TypeSystem
    var tuples: [TupleKey]
    /// Object ids per type, including some no tuple mentions.
    var ids: [String: [String]]

    static let userIDs = ["u0", "u1", "u2", "u3"]
    /// An id no tuple ever uses.
    static let unmentionedID = "zz"

    var objectTypes: [String] {
        model.typeDefinitions.map(\.name).filter { $0 != "user" }
    }

    func relations(of type: String) -> [String] {
        model.typeDefinition(named: type)?.relations.map(\.name) ?? []
    }

    /// Every object of `type` worth asking about: those tuples mention (as object or
    /// user), the type's id pool, and one no tuple mentions.
    func candidateObjects(of type: String) -> [String] {
        var objects = Set((ids[type] ?? []).map { "\(type):\($0)" })
        objects.insert("\(type):\(Self.unmentionedID)")
        for tuple in tuples {
            if tuple.object.hasPrefix("\(type):") { objects.insert(tuple.object) }
            if case .object(let object)? = UserReference(tuple.user), object.type == type { objects.insert(object.description) }
            if case .userset(let object, _)? = UserReference(tuple.user), object.type == type { objects.insert(object.description) }
        }
        return objects.sorted()
    }

    /// Users to query: concrete users and objects, typed wildcards and usersets.
    var queryUsers: [String] {
        var users = Self.userIDs.map { "user:\($0)" } + ["user:\(Self.unmentionedID)", "user:*"]
        for type in objectTypes {
            users.append("\(type):*")
            for object in candidateObjects(of: type).prefix(3) {
                users.append(object)
                for relation in relations(of: type) { users.append("\(object)#\(relation)") }
            }
        }
        for tuple in tuples where !users.contains(tuple.user) { users.append(tuple.user) }
        return users
    }

    /// The scenario as text: the model (JSON) and tuples, for failure reports.
    var description: String {
        "seed \(seed)\nmodel: \(model.jsonText())\ntuples:\n" + tuples.map { "  \($0)" }.joined(separator: "\n")
    }

    // MARK: Generation

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        self.seed = seed
        let model = Self.makeModel(&rng)
        self.model = model
        typeSystem = TypeSystem(model: model)
        var ids: [String: [String]] = ["user": Self.userIDs]
        for definition in model.typeDefinitions where definition.name != "user" {
            ids[definition.name] = ["a", "b", "c"].prefix(Int.random(in: 2...3, using: &rng)).map { "\(definition.name.prefix(1))\($0)" }
        }
        self.ids = ids
        tuples = Self.makeTuples(model: model, typeSystem: typeSystem, ids: ids, using: &rng)
    }

    private static let typeNames = ["group", "folder", "doc", "team"]
    private static let relationNames = ["member", "viewer", "editor", "owner"]

    private static func makeModel(_ rng: inout SplitMix64) -> AuthorizationModel {
        let types = Array(typeNames.shuffled(using: &rng).prefix(Int.random(in: 2...4, using: &rng)))
        var plain: [String: [String]] = [:]
        var parents: [String: [String]] = [:]  // type -> tupleset targets
        for type in types {
            plain[type] = Array(relationNames.shuffled(using: &rng).prefix(Int.random(in: 1...4, using: &rng)))
            if Double.random(in: 0..<1, using: &rng) < 0.65 {
                var targets = [Bool.random(using: &rng) ? type : types.randomElement(using: &rng)!]
                if Double.random(in: 0..<1, using: &rng) < 0.3, let other = types.randomElement(using: &rng), other != targets[0] {
                    targets.append(other)
                }
                parents[type] = targets
            }
        }

        func restrictions(for type: String, _ relation: String) -> [TypeRestriction] {
            var candidates: [(TypeRestriction, Double)] = [(TypeRestriction(type: "user"), 6), (TypeRestriction(type: "user", wildcard: true), 1.5)]
            for other in types {
                candidates.append((TypeRestriction(type: other), 0.7))
                candidates.append((TypeRestriction(type: other, wildcard: true), 0.2))
                for name in plain[other] ?? [] {
                    candidates.append((TypeRestriction(type: other, relation: name), other == type && name == relation ? 2.5 : 0.6))
                }
            }
            var chosen: [TypeRestriction] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let total = candidates.reduce(0) { $0 + $1.1 }
                var roll = Double.random(in: 0..<total, using: &rng)
                for (candidate, weight) in candidates {
                    roll -= weight
                    if roll < 0 {
                        if !chosen.contains(candidate) { chosen.append(candidate) }
                        break
                    }
                }
            }
            return chosen
        }

        func term(_ type: String, _ relation: String, depth: Int) -> Rewrite {
            let names = plain[type] ?? []
            let earlier = Array(names[..<(names.firstIndex(of: relation) ?? 0)])
            let roll = Double.random(in: 0..<1, using: &rng)
            if depth < 2, roll < 0.2 {
                return expression(type, relation, depth: depth + 1)
            }
            if let targets = parents[type], roll < 0.55 || earlier.isEmpty {
                let computed = Set(targets.flatMap { plain[$0] ?? [] })
                // Recursion through the parent is the interesting case: prefer the relation itself.
                let name = computed.contains(relation) && Bool.random(using: &rng) ? relation : computed.sorted().randomElement(using: &rng) ?? relation
                return .tupleToUserset(tupleset: "parent", computedRelation: name)
            }
            if let name = earlier.randomElement(using: &rng) { return .computedUserset(relation: name) }
            return .direct()
        }

        func expression(_ type: String, _ relation: String, depth: Int) -> Rewrite {
            let first = term(type, relation, depth: depth)
            let second = term(type, relation, depth: depth)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .union([first, second])
            case 1: return .intersection([first, second])
            default: return .exclusion(base: first, subtract: second)
            }
        }

        var definitions: [TypeDefinition] = [TypeDefinition(name: "user")]
        for type in types {
            var relations: [RelationDefinition] = []
            if let targets = parents[type] {
                relations.append(RelationDefinition(name: "parent", rewrite: .direct(), directlyRelatedTypes: targets.map { TypeRestriction(type: $0) }))
            }
            for (index, name) in (plain[type] ?? []).enumerated() {
                let restricted = restrictions(for: type, name)
                let rewrite: Rewrite
                // The first relation always has a direct assignment: an entry point.
                if index == 0 && parents[type] == nil {
                    rewrite = .direct()  // nothing earlier to refer to
                } else if index == 0 || Double.random(in: 0..<1, using: &rng) < 0.75 {
                    switch Int.random(in: 0..<10, using: &rng) {
                    case 0..<3: rewrite = .direct()
                    case 3..<6: rewrite = .union([.direct(), term(type, name, depth: 0)])
                    case 6..<8: rewrite = .intersection([.direct(), term(type, name, depth: 0)])
                    default: rewrite = .exclusion(base: .direct(), subtract: term(type, name, depth: 0))
                    }
                } else {
                    rewrite = expression(type, name, depth: 0)
                }
                relations.append(RelationDefinition(name: name, rewrite: rewrite, directlyRelatedTypes: rewrite.containsDirect ? restricted : []))
            }
            definitions.append(TypeDefinition(name: type, relations: relations))
        }
        return AuthorizationModel(typeDefinitions: definitions)
    }

    private static func makeTuples(
        model: AuthorizationModel, typeSystem: TypeSystem, ids: [String: [String]], using rng: inout SplitMix64
    ) -> [TupleKey] {
        var assignable: [(type: String, relation: RelationDefinition)] = []
        for definition in model.typeDefinitions {
            for relation in definition.relations where !relation.directlyRelatedTypes.isEmpty {
                assignable.append((definition.name, relation))
            }
        }
        guard !assignable.isEmpty else { return [] }
        var tuples: [TupleKey] = []
        var seen: Set<TupleKey> = []
        let target = Int.random(in: 8...40, using: &rng)
        for _ in 0..<(target * 4) where tuples.count < target {
            let (type, relation) = assignable.randomElement(using: &rng)!
            let restriction = relation.directlyRelatedTypes.randomElement(using: &rng)!
            let object = "\(type):\(ids[type]!.randomElement(using: &rng)!)"
            let subject = ids[restriction.type]!.randomElement(using: &rng)!
            let user: String
            if restriction.wildcard {
                user = "\(restriction.type):*"
            } else if let userRelation = restriction.relation {
                user = "\(restriction.type):\(subject)#\(userRelation)"
            } else {
                user = "\(restriction.type):\(subject)"
            }
            guard user != "\(object)#\(relation.name)" else { continue }  // implicit: never written
            let tuple = TupleKey(object: object, relation: relation.name, user: user)
            // Only what a write would accept.
            guard (try? typeSystem.validateForWrite(tuple)) != nil, seen.insert(tuple).inserted else { continue }
            tuples.append(tuple)
        }
        return tuples
    }
}
