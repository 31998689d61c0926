/// Every relation can be reached by some concrete user, and none loops through computed
/// relations: OpenFGA's `hasEntrypoints` (`ErrNoEntrypoints`, `ErrNoEntryPointsLoop`) and
/// `HasCycle` (`ErrCycle`), applied to each relation.
///
/// The entry-point search replays OpenFGA's algorithm exactly, including how it shares its
/// "visited" marks (a map of per-type maps, cloned shallowly, so marks made under a type that
/// was already visited are seen by later siblings), because that sharing decides some
/// borderline models. It runs on an explicit stack, so long chains of relations cannot exhaust
/// the thread's stack, and within a step budget, so a hostile model cannot make it run for
/// long: past the budget the model is refused as too complex.
struct EntrypointRule: ModelRule {
    /// Search steps allowed per model; real models need a few thousand.
    static let stepBudget = 1_000_000

    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        var analysis = EntrypointAnalysis(relations: context.relations, budget: Self.stepBudget)
        var cycles: [String: Set<String>] = [:]
        var findings: [ModelDiagnostic] = []
        for site in context.relationSites {
            let type = site.type.name
            let relation = site.relation
            guard let (hasEntrypoint, loop) = analysis.hasEntrypoints(type: type, relation: relation.name) else {
                return findings + [
                    context.diagnostic(
                        .limitExceeded, "the model is too complex to check for entry points (more than \(Self.stepBudget) steps)",
                        range: relation.range, path: site.path, symbol: relation.name)
                ]
            }
            if !hasEntrypoint {
                let reason = loop ? "potential loop" : "no entrypoint"
                findings.append(
                    context.diagnostic(
                        .noEntryPoint, "`\(relation.name)` is an impossible relation for `\(type)` (\(reason)).", range: relation.range,
                        path: site.path, symbol: relation.name))
                continue
            }
            let cyclic = cycles[type] ?? ComputedRelationCycles(relations: context.relations[type] ?? [:]).cyclicRelations
            cycles[type] = cyclic
            if cyclic.contains(relation.name) {
                findings.append(
                    context.diagnostic(
                        .cycle,
                        "`\(relation.name)` is an impossible relation for `\(type)`: its computed relations lead back to it (a cycle).",
                        range: relation.range, path: site.path, symbol: relation.name))
            }
        }
        return findings
    }
}

/// OpenFGA's `hasEntrypoints` on an explicit stack.
struct EntrypointAnalysis {
    /// The per-type map of visited relations: a reference, as Go's inner maps are.
    final class VisitedRelations {
        /// Relation → whether it is known to have an entry point (set when it is directly
        /// assignable to a plain type or wildcard).
        var hasEntrypoint: [String: Bool]

        init(_ hasEntrypoint: [String: Bool]) {
            self.hasEntrypoint = hasEntrypoint
        }
    }

    /// Type → its visited relations. Copying the dictionary is Go's `maps.Clone`: shallow.
    typealias Visited = [String: VisitedRelations]

    /// Where a suspended call resumes.
    private enum Pending {
        case direct(restrictions: [TypeRestriction], next: Int)
        case computed(relation: String, called: Bool)
        case tupleToUserset(restrictions: [TypeRestriction], next: Int, computed: String)
        case union(children: [Rewrite], next: Int, loop: Bool)
        case intersection(children: [Rewrite], next: Int)
        case exclusion(base: Rewrite, subtract: Rewrite, next: Int)
    }

    private struct Frame {
        var type: String
        var relation: String
        /// `v` in OpenFGA: the incoming map cloned, with this relation marked.
        var visited: Visited
        /// `visitedRelations` in OpenFGA: what operator children receive.
        var incoming: Visited
        var pending: Pending
    }

    private enum Outcome {
        case result(hasEntrypoint: Bool, loop: Bool)
        case call(type: String, relation: String, rewrite: Rewrite, incoming: Visited)
    }

    private let relations: [String: [String: RelationDefinition]]
    private var stepsLeft: Int

    init(relations: [String: [String: RelationDefinition]], budget: Int) {
        self.relations = relations
        stepsLeft = budget
    }

    /// Whether `type#relation` has an entry point and, if not, whether a loop was seen;
    /// `nil` when the step budget ran out.
    mutating func hasEntrypoints(type: String, relation: String) -> (hasEntrypoint: Bool, loop: Bool)? {
        guard let definition = relations[type]?[relation] else { return (false, false) }
        var stack = [frame(type: type, relation: relation, rewrite: definition.rewrite, incoming: [:])]
        var returned: (hasEntrypoint: Bool, loop: Bool)?
        while var current = stack.popLast() {
            switch resume(&current, returned: returned) {
            case .result(let hasEntrypoint, let loop):
                returned = (hasEntrypoint, loop)
            case .call(let type, let relation, let rewrite, let incoming):
                stepsLeft -= 1
                guard stepsLeft >= 0 else { return nil }
                returned = nil
                stack.append(current)
                stack.append(frame(type: type, relation: relation, rewrite: rewrite, incoming: incoming))
            }
        }
        return returned
    }

    private func frame(type: String, relation: String, rewrite: Rewrite, incoming: Visited) -> Frame {
        var visited = incoming
        if let marks = visited[type] {
            marks.hasEntrypoint[relation] = false
        } else {
            visited[type] = VisitedRelations([relation: false])
        }
        let pending: Pending
        switch rewrite {
        case .direct:
            pending = .direct(restrictions: relations[type]?[relation]?.directlyRelatedTypes ?? [], next: 0)
        case .computedUserset(let computed, _):
            pending = .computed(relation: computed, called: false)
        case .tupleToUserset(let tupleset, let computed, _):
            pending = .tupleToUserset(restrictions: relations[type]?[tupleset]?.directlyRelatedTypes ?? [], next: 0, computed: computed)
        case .union(let children):
            pending = .union(children: children, next: 0, loop: false)
        case .intersection(let children):
            pending = .intersection(children: children, next: 0)
        case .exclusion(let base, let subtract):
            pending = .exclusion(base: base, subtract: subtract, next: 0)
        }
        return Frame(type: type, relation: relation, visited: visited, incoming: incoming, pending: pending)
    }

    /// Runs `frame` until it returns or calls; `returned` is the result of its last call.
    private func resume(_ frame: inout Frame, returned: (hasEntrypoint: Bool, loop: Bool)?) -> Outcome {
        switch frame.pending {
        case .direct(let restrictions, var next):
            if returned?.hasEntrypoint == true { return .result(hasEntrypoint: true, loop: false) }
            while next < restrictions.count {
                let restriction = restrictions[next]
                next += 1
                guard let target = restriction.relation, !restriction.wildcard else {
                    frame.visited[frame.type]?.hasEntrypoint[frame.relation] = true
                    return .result(hasEntrypoint: true, loop: false)
                }
                guard let definition = relations[restriction.type]?[target] else { return .result(hasEntrypoint: false, loop: false) }
                if frame.visited[restriction.type]?.hasEntrypoint[target] != nil { continue }
                frame.pending = .direct(restrictions: restrictions, next: next)
                return .call(type: restriction.type, relation: target, rewrite: definition.rewrite, incoming: frame.visited)
            }
            return .result(hasEntrypoint: false, loop: false)
        case .computed(let computed, let called):
            if called, let returned { return .result(hasEntrypoint: returned.hasEntrypoint, loop: returned.loop) }
            if let known = frame.visited[frame.type]?.hasEntrypoint[computed] { return .result(hasEntrypoint: known, loop: true) }
            guard let definition = relations[frame.type]?[computed] else { return .result(hasEntrypoint: false, loop: false) }
            frame.pending = .computed(relation: computed, called: true)
            return .call(type: frame.type, relation: computed, rewrite: definition.rewrite, incoming: frame.visited)
        case .tupleToUserset(let restrictions, var next, let computed):
            if returned?.hasEntrypoint == true { return .result(hasEntrypoint: true, loop: false) }
            while next < restrictions.count {
                let restriction = restrictions[next]
                next += 1
                guard let definition = relations[restriction.type]?[computed] else { continue }
                if let known = frame.visited[restriction.type]?.hasEntrypoint[computed] {
                    if known { return .result(hasEntrypoint: true, loop: false) }
                    continue
                }
                frame.pending = .tupleToUserset(restrictions: restrictions, next: next, computed: computed)
                return .call(type: restriction.type, relation: computed, rewrite: definition.rewrite, incoming: frame.visited)
            }
            return .result(hasEntrypoint: false, loop: false)
        case .union(let children, let next, var loop):
            if let returned {
                if returned.hasEntrypoint { return .result(hasEntrypoint: true, loop: false) }
                loop = loop || returned.loop
            }
            guard next < children.count else { return .result(hasEntrypoint: false, loop: loop) }
            frame.pending = .union(children: children, next: next + 1, loop: loop)
            return .call(type: frame.type, relation: frame.relation, rewrite: children[next], incoming: frame.incoming)
        case .intersection(let children, let next):
            if let returned, !returned.hasEntrypoint { return .result(hasEntrypoint: false, loop: returned.loop) }
            guard next < children.count else { return .result(hasEntrypoint: true, loop: false) }
            frame.pending = .intersection(children: children, next: next + 1)
            return .call(type: frame.type, relation: frame.relation, rewrite: children[next], incoming: frame.incoming)
        case .exclusion(let base, let subtract, let next):
            if let returned, !returned.hasEntrypoint { return .result(hasEntrypoint: false, loop: returned.loop) }
            guard next < 2 else { return .result(hasEntrypoint: true, loop: false) }
            frame.pending = .exclusion(base: base, subtract: subtract, next: next + 1)
            return .call(type: frame.type, relation: frame.relation, rewrite: next == 0 ? base : subtract, incoming: frame.incoming)
        }
    }
}
