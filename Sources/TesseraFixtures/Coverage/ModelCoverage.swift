public import TesseraConditions
public import TesseraModel

/// What the assertions of the fixtures sharing one model exercised: each relation, and
/// each branch of each relation's rewrite.
///
/// A relation is *exercised* when an assertion queries it or an exercised branch leads to
/// it (`editor` from `viewer: [user] or editor`, `member` of a group in `[group#member]`).
/// A branch is *exercised* when, for some query an assertion makes or one it leads to, the
/// branch alone holds: it granted (or, under `but not`, excluded, or under `and`, agreed).
/// A branch that never held is one no assertion shows to matter.
public struct ModelCoverage: Sendable {
    public struct Relation: Sendable {
        public var key: RelationKey
        /// Assertions that query the relation itself.
        public var asserted: Int
        public var exercised: Bool
        public var branches: [Branch]
    }

    public struct Branch: Sendable {
        public var branch: RewriteBranch
        public var exercised: Bool
    }

    /// The fixture files that use the model.
    public var files: [String]
    public var relations: [Relation]

    public var exercisedRelations: Int { relations.count(where: \.exercised) }
    public var branchCount: Int { relations.reduce(0) { $0 + $1.branches.count } }
    public var exercisedBranches: Int { relations.reduce(0) { $0 + $1.branches.count(where: \.exercised) } }

    /// The text block `tessera test --coverage` prints.
    public var text: String {
        var lines = ["model of \(files.joined(separator: ", "))"]
        let asserted = relations.count(where: { $0.asserted > 0 })
        lines.append(
            "  relations \(exercisedRelations)/\(relations.count) exercised (\(asserted) asserted directly), "
                + "branches \(exercisedBranches)/\(branchCount) exercised")
        var missing: [String] = []
        for relation in relations {
            if !relation.exercised {
                missing.append("    \(relation.key)  (relation never exercised)")
                continue
            }
            for branch in relation.branches where !branch.exercised {
                missing.append("    \(relation.key)  branch \(branch.branch.label)")
            }
        }
        if missing.isEmpty {
            lines.append("  every relation and branch exercised")
        } else {
            lines.append("  never exercised:")
            lines += missing
        }
        return lines.joined(separator: "\n")
    }

    public var jsonValue: JSONValue {
        .object([
            "files": .array(files.map(JSONValue.string)),
            "relations": .array(
                relations.map { relation in
                    .object([
                        "type": .string(relation.key.type),
                        "relation": .string(relation.key.relation),
                        "asserted": .number(Double(relation.asserted)),
                        "exercised": .bool(relation.exercised),
                        "branches": .array(
                            relation.branches.map { .object(["branch": .string($0.branch.label), "exercised": .bool($0.exercised)]) }),
                    ])
                }),
            "summary": .object([
                "relations": .number(Double(relations.count)),
                "exercised_relations": .number(Double(exercisedRelations)),
                "branches": .number(Double(branchCount)),
                "exercised_branches": .number(Double(exercisedBranches)),
            ]),
        ])
    }
}
