/// The relations of a type that can reach a cycle of computed relations (`x: [user] or y`,
/// `y: x`): OpenFGA's server refuses them (`HasCycle` → `ErrCycle`) even when they have entry
/// points, because checking them would loop.
///
/// `HasCycle` follows computed relations through unions, intersections and exclusions (not
/// through `from` or direct assignments) and reports a relation on its own path. That is
/// exactly "the relation reaches a cycle" in the graph of computed-relation edges, which this
/// finds without recursion: peel off relations whose computed relations are all peeled; what
/// remains reaches a cycle.
struct ComputedRelationCycles {
    /// Relation name → the relations it names as computed relations.
    private let edges: [String: Set<String>]

    init(relations: [String: RelationDefinition]) {
        var edges: [String: Set<String>] = [:]
        for (name, relation) in relations {
            var targets: Set<String> = []
            relation.rewrite.forEach { node in
                if case .computedUserset(let target, _) = node, relations[target] != nil { targets.insert(target) }
            }
            edges[name] = targets
        }
        self.edges = edges
    }

    /// The names of the relations that reach a cycle.
    var cyclicRelations: Set<String> {
        var remainingOut: [String: Int] = edges.mapValues(\.count)
        var incoming: [String: [String]] = [:]
        for (source, targets) in edges {
            for target in targets { incoming[target, default: []].append(source) }
        }
        var peelable = remainingOut.filter { $0.value == 0 }.map(\.key)
        var remaining = Set(edges.keys)
        while let name = peelable.popLast() {
            remaining.remove(name)
            for source in incoming[name] ?? [] {
                let left = (remainingOut[source] ?? 1) - 1
                remainingOut[source] = left
                if left == 0 { peelable.append(source) }
            }
        }
        return remaining
    }
}
