import TesseraConditions
public import TesseraModel

/// What changes from one model to the next: types, relations and conditions added, removed
/// or changed (`tessera model diff`). Relations and conditions compare by their meaning in
/// OpenFGA's JSON form, so formatting, comments and source positions do not count.
public struct ModelDiff: Sendable, Equatable {
    public enum Change: String, Sendable, Equatable {
        case added = "+"
        case removed = "-"
        case changed = "~"
    }

    /// One difference: `type user`, `relation doc#viewer`, `condition in_range`.
    public struct Entry: Sendable, Equatable, CustomStringConvertible {
        public var change: Change
        public var kind: String
        public var name: String

        public var description: String { "\(change.rawValue) \(kind) \(name)" }
    }

    public var entries: [Entry]

    public init(from old: AuthorizationModel, to new: AuthorizationModel) {
        var entries: [Entry] = []
        let oldTypes = Dictionary(old.typeDefinitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newTypes = Dictionary(new.typeDefinitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for type in old.typeDefinitions where newTypes[type.name] == nil {
            entries.append(Entry(change: .removed, kind: "type", name: type.name))
        }
        for type in new.typeDefinitions {
            guard let before = oldTypes[type.name] else {
                entries.append(Entry(change: .added, kind: "type", name: type.name))
                continue
            }
            let oldRelations = Dictionary(before.relations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let newRelations = Set(type.relations.map(\.name))
            for relation in before.relations where !newRelations.contains(relation.name) {
                entries.append(Entry(change: .removed, kind: "relation", name: "\(type.name)#\(relation.name)"))
            }
            for relation in type.relations {
                guard let previous = oldRelations[relation.name] else {
                    entries.append(Entry(change: .added, kind: "relation", name: "\(type.name)#\(relation.name)"))
                    continue
                }
                if Self.meaning(of: previous, in: type.name) != Self.meaning(of: relation, in: type.name) {
                    entries.append(Entry(change: .changed, kind: "relation", name: "\(type.name)#\(relation.name)"))
                }
            }
        }
        let oldConditions = Dictionary(old.conditions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newConditions = Set(new.conditions.map(\.name))
        for condition in old.conditions where !newConditions.contains(condition.name) {
            entries.append(Entry(change: .removed, kind: "condition", name: condition.name))
        }
        for condition in new.conditions {
            guard let previous = oldConditions[condition.name] else {
                entries.append(Entry(change: .added, kind: "condition", name: condition.name))
                continue
            }
            if Self.meaning(of: previous) != Self.meaning(of: condition) {
                entries.append(Entry(change: .changed, kind: "condition", name: condition.name))
            }
        }
        self.entries = entries
    }

    /// The relation in OpenFGA's JSON form: rewrite and type restrictions, without positions.
    static func meaning(of relation: RelationDefinition, in type: String) -> String {
        let model = AuthorizationModel(typeDefinitions: [TypeDefinition(name: type, relations: [relation])])
        return model.jsonValue().canonicalText
    }

    static func meaning(of condition: ConditionDefinition) -> String {
        var model = AuthorizationModel(typeDefinitions: [])
        model.conditions = [condition]
        return model.jsonValue().canonicalText
    }
}
