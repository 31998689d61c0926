import Foundation
import Testing
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// Differential test against OpenFGA's own engine: every query of the corpus (random
/// models, tuples and queries answered by `fga model test`, see
/// `scripts/differential/generate.py`) is replayed through `Engine` with the case's tuples
/// stored in a `TupleSet`, and must get OpenFGA's answer: the same boolean, the same set
/// of objects or users (compared as sets), or an `EngineError` with the same code.
///
/// Deliberate differences, each counted in the printed summary:
/// - list users: two OpenFGA behaviours Tessera does not copy, see
///   `withoutDeliberateDifferences`, and which concrete users each engine names next to
///   a listed `type:*` that covers them, see `withoutUsersAWildcardCovers`;
/// - check: for a typed-wildcard user (`user:*`) Tessera skips every userset and
///   tuple-to-userset branch that can never grant `user:*` (no restriction on the way
///   admits it), while OpenFGA walks such branches as it would for a user of that type and
///   may fail there at the depth limit (`authorization_model_resolution_too_complex`) where
///   Tessera answers false; see `DifferentialFindingsTests`;
/// - a query OpenFGA answered differently in different runs (its concurrent evaluation
///   races on some cyclic models; `generate.py --recheck` records every answer it gave)
///   agrees when Tessera gives any of those answers.
///
/// fga sends a case's tuples as contextual tuples while this test stores them; OpenFGA
/// documents both paths as equivalent, and `CrossAPIPropertyTests` holds Tessera's two
/// paths to the same answers.
///
/// A failure prints each disagreeing query with its case as a `.fga.yaml` file that
/// `fga model test --tests FILE` replays.
struct DifferentialTests {
    /// The corpus, decoded and prepared once for all tests of this suite.
    static let corpus: Result<[PreparedCase], any Error> = Result {
        try DifferentialCorpus.load().cases.map(PreparedCase.init)
    }

    /// How many reproductions to print in full; the rest are counted.
    static let printedMismatches = 20

    @Test(.enabled(if: !DifferentialCorpus.isOverridden, "an on-demand corpus may be any size"))
    func bundledCorpusHoldsAtLeastAThousandAnswers() throws {
        let cases = try Self.corpus.get()
        let checks = cases.reduce(0) { $0 + $1.source.checks.count }
        let listObjects = cases.reduce(0) { $0 + $1.source.listObjects.count }
        let listUsers = cases.reduce(0) { $0 + $1.source.listUsers.count }
        // A corpus that silently shrank would make the other tests pass vacuously.
        #expect(checks + listObjects + listUsers >= 1000)
        #expect(checks > 0 && listObjects > 0 && listUsers > 0)
    }

    @Test func checksAgreeWithOpenFGA() throws {
        let outcome = try Self.compare(kind: "check") { prepared in
            prepared.source.checks.map { (query) -> Comparison in
                let request = CheckRequest(object: query.object, relation: query.relation, user: query.user, context: query.context ?? [:])
                let actual: DifferentialAnswer
                do throws(EngineError) {
                    actual = .allowed(try Engine.unhurried.check(request, typeSystem: prepared.typeSystem, reader: prepared.store))
                } catch {
                    actual = .error(error.code.rawValue)
                }
                let expected = DifferentialAnswer(got: query.got, error: query.error, errorText: query.errorText)
                var alternatives = (query.alternatives ?? []).map { DifferentialAnswer(got: $0.got, error: $0.error, errorText: nil) }
                if UserReference(query.user)?.isWildcard == true, expected == .error("authorization_model_resolution_too_complex") {
                    alternatives.append(.allowed(false))
                }
                let yaml = """
                    check:
                      - user: '\(query.user)'
                        object: '\(query.object)'\(Self.contextLine(query.context))
                        assertions:
                          \(query.relation): \(query.got.map { "\($0)" } ?? "false  # OpenFGA: \(expected)")
                    """
                let label = "check \(query.object)#\(query.relation)@\(query.user)" + (query.derivedFrom.map { " (derived from \($0))" } ?? "")
                return Comparison(
                    expected: [expected] + alternatives, actual: actual, label: label, yaml: yaml, key: ["checks", query.object, query.relation, query.user])
            }
        }
        let agreed = outcome.mismatches.isEmpty
        #expect(agreed, Comment(rawValue: outcome.summary))
    }

    @Test func listObjectsAgreeWithOpenFGA() throws {
        let outcome = try Self.compare(kind: "list-objects") { prepared in
            prepared.source.listObjects.map { (query) -> Comparison in
                let request = ListObjectsRequest(type: query.type, relation: query.relation, user: query.user, context: query.context ?? [:])
                let actual: DifferentialAnswer
                do throws(EngineError) {
                    actual = .set(Set(try Engine.unhurried.listObjects(request, typeSystem: prepared.typeSystem, reader: prepared.store).objects))
                } catch {
                    actual = .error(error.code.rawValue)
                }
                let expected = DifferentialAnswer(got: query.got, error: query.error, errorText: query.errorText)
                let alternatives = (query.alternatives ?? []).map { DifferentialAnswer(got: $0.got, error: $0.error, errorText: nil) }
                let yaml = """
                    list_objects:
                      - user: '\(query.user)'
                        type: \(query.type)\(Self.contextLine(query.context))
                        assertions:
                          \(query.relation): \(Self.yamlList(query.got))\(query.error.map { "  # OpenFGA: error \($0)" } ?? "")
                    """
                return Comparison(
                    expected: [expected] + alternatives, actual: actual, label: "list-objects \(query.type)#\(query.relation)@\(query.user)", yaml: yaml,
                    key: ["list_objects", query.user, query.type, query.relation])
            }
        }
        let agreed = outcome.mismatches.isEmpty
        #expect(agreed, Comment(rawValue: outcome.summary))
    }

    @Test func listUsersAgreeWithOpenFGA() throws {
        let outcome = try Self.compare(kind: "list-users") { prepared in
            prepared.source.listUsers.map { (query) -> Comparison in
                let parts = query.filter.split(separator: "#", maxSplits: 1).map(String.init)
                let filter = ListUsersRequest.Filter(type: parts[0], relation: parts.count > 1 ? parts[1] : nil)
                var actual: DifferentialAnswer
                if let object = ObjectReference(query.object) {
                    let request = ListUsersRequest(object: object, relation: query.relation, filter: filter, context: query.context ?? [:])
                    do throws(EngineError) {
                        let users = try Engine.unhurried.listUsers(request, typeSystem: prepared.typeSystem, reader: prepared.store).users
                        actual = .set(Set(users.map(\.description)))
                    } catch {
                        actual = .error(error.code.rawValue)
                    }
                } else {
                    actual = .error("validation_error")  // the API refuses a malformed object before the engine sees it
                }
                var adjustments: [String] = []
                let expected = [DifferentialAnswer(got: query.got, error: query.error, errorText: query.errorText)]
                    + (query.alternatives ?? []).map { DifferentialAnswer(got: $0.got, error: $0.error, errorText: nil) }
                let comparable = expected.map {
                    Self.withoutUsersAWildcardCovers(Self.withoutDeliberateDifferences($0, query, prepared, &adjustments), query, prepared, &adjustments)
                }
                var ignored: [String] = []  // Tessera's side is normalised the same way, not counted twice
                actual = Self.withoutUsersAWildcardCovers(actual, query, prepared, &ignored)
                let userFilter = filter.relation.map { "{type: \(filter.type), relation: \($0)}" } ?? "{type: \(filter.type)}"
                let yaml = """
                    list_users:
                      - object: '\(query.object)'
                        user_filter: [\(userFilter)]\(Self.contextLine(query.context))
                        assertions:
                          \(query.relation): {users: \(Self.yamlList(query.got))}\(query.error.map { "  # OpenFGA: error \($0)" } ?? "")
                    """
                return Comparison(
                    expected: comparable, actual: actual, label: "list-users \(query.object)#\(query.relation) filter \(query.filter)", yaml: yaml,
                    key: ["list_users", query.object, query.relation, query.filter], adjustments: adjustments)
            }
        }
        let agreed = outcome.mismatches.isEmpty
        #expect(agreed, Comment(rawValue: outcome.summary))
    }

    // MARK: Running and reporting

    struct Outcome {
        var kind: String
        var total = 0
        /// Queries OpenFGA answered differently in different runs (any of its answers is accepted).
        var unstable = 0
        /// Queries compared after removing a documented deliberate difference, by reason.
        var adjusted: [String: Int] = [:]
        var mismatches: [String] = []
        /// `seed<TAB>kind<TAB>field<TAB>field<TAB>field` per disagreement, for `generate.py --recheck`.
        var mismatchKeys: [String] = []

        var summary: String {
            var text = "differential \(kind): \(total) queries, \(total - mismatches.count) agree with OpenFGA, \(mismatches.count) disagree"
            if unstable > 0 { text += " (\(unstable) with more than one OpenFGA answer)" }
            for (reason, count) in adjusted.sorted(by: { $0.key < $1.key }) { text += " [\(count) compared without \(reason)]" }
            return text + (mismatches.isEmpty ? "" : "; first: \(mismatches[0])")
        }
    }

    /// One query's comparison: OpenFGA's answers (more than one when OpenFGA varied),
    /// Tessera's, a one-line label, the query as a `.fga.yaml` test entry, and the
    /// deliberate differences taken out of OpenFGA's answer.
    struct Comparison {
        var expected: [DifferentialAnswer]
        var actual: DifferentialAnswer
        var label: String
        var yaml: String
        /// The query as `generate.py --recheck` names it: kind, then its three fields.
        var key: [String]
        var adjustments: [String] = []
    }

    // MARK: Deliberate differences

    /// An answer that lists `type:*` for a plain `type` filter, without the concrete users
    /// of that type that OpenFGA's own Check (stably) allows: `type:*` already stands for
    /// them. Which of them each engine also names one by one is an artefact of how it
    /// walks exclusions and intersections under a wildcard (OpenFGA names a user excluded
    /// from a subtracted relation, Tessera a user met under an intersection), and both
    /// answers agree with Check. Applied to both sides; a wildcard listed on one side
    /// only, or a named user Check denies, still disagrees.
    static func withoutUsersAWildcardCovers(
        _ answer: DifferentialAnswer, _ query: DifferentialCorpus.ListUsers, _ prepared: PreparedCase, _ adjustments: inout [String]
    ) -> DifferentialAnswer {
        guard case .set(let users) = answer, !query.filter.contains("#"), users.contains("\(query.filter):*") else { return answer }
        let covered = users.filter { !$0.hasSuffix(":*") && prepared.openFGACheck(query.object, query.relation, $0) == true }
        if !covered.isEmpty { adjustments.append("concrete users a listed wildcard covers") }
        return .set(users.subtracting(covered))
    }

    /// OpenFGA's list-users answer without the two things Tessera deliberately does not
    /// return, noted in `adjustments`:
    ///
    /// 1. For a `type#relation` filter, OpenFGA also returns plain objects and the
    ///    wildcard of `type` met as direct users anywhere in the expansion: its
    ///    `expandDirect` matches a filter on the type alone, ignoring the relation
    ///    (`pkg/server/commands/listusers/list_users_rpc.go`). Those are not usersets, and
    ///    Check does not relate them as the filter asks (`check folder:f1#parent@folder:f1`
    ///    is false where list users returns `folder:f1` for filter `folder#parent`).
    ///    Tessera returns usersets only, as the API documents.
    /// 2. A user (not a wildcard) that OpenFGA's own Check denies: OpenFGA's list users
    ///    walks exclusions and cycles differently from its Check and sometimes lists
    ///    users Check refuses (seen with `blocked: [user] but not viewer` where `viewer`
    ///    leads back to `blocked` through usersets). Tessera's list users agrees with Check
    ///    (`CrossAPIPropertyTests`), never granting more than Check does. Only a stable
    ///    OpenFGA check answer in the corpus (the generator asks for every listed user)
    ///    removes a user.
    ///
    /// Everything else OpenFGA returns must be in Tessera's answer, and nothing more
    /// (but see `withoutUsersAWildcardCovers`).
    static func withoutDeliberateDifferences(
        _ answer: DifferentialAnswer, _ query: DifferentialCorpus.ListUsers, _ prepared: PreparedCase, _ adjustments: inout [String]
    ) -> DifferentialAnswer {
        guard case .set(let users) = answer else { return answer }
        var kept: Set<String> = []
        for user in users {
            if query.filter.contains("#"), !user.contains("#") {
                adjustments.append("objects and wildcards returned for a userset filter")
            } else if !user.hasSuffix(":*"), prepared.openFGACheck(query.object, query.relation, user) == false {
                adjustments.append("users OpenFGA's own check denies")
            } else {
                kept.insert(user)
            }
        }
        return .set(kept)
    }

    /// Runs `queries` over every case, prints the agreement figures and the first
    /// disagreements with their reproductions.
    static func compare(kind: String, _ queries: (PreparedCase) -> [Comparison]) throws -> Outcome {
        var outcome = Outcome(kind: kind)
        for prepared in try corpus.get() {
            for comparison in queries(prepared) {
                outcome.total += 1
                outcome.unstable += comparison.expected.count > 1 ? 1 : 0
                for reason in Set(comparison.adjustments) { outcome.adjusted[reason, default: 0] += 1 }
                guard !comparison.expected.contains(where: { comparison.actual.agrees(with: $0) }) else { continue }
                let openFGA = comparison.expected.map(\.description).joined(separator: " or ")
                let line = "seed \(prepared.source.seed): \(comparison.label): OpenFGA \(openFGA), Tessera \(comparison.actual)"
                // Every disagreement on one line; the first ones with their case.
                print("MISMATCH \(line)")
                if outcome.mismatches.count < printedMismatches {
                    print("--- reproduction (.fga.yaml) ---\n\(prepared.reproduction(query: comparison.yaml))\n---")
                }
                outcome.mismatches.append(line)
                outcome.mismatchKeys.append(([String(prepared.source.seed)] + comparison.key).joined(separator: "\t"))
            }
        }
        print(outcome.summary.split(separator: ";")[0], "(corpus: \(DifferentialCorpus.location?.path ?? "?"))")
        // For `run.sh`: the cases to re-run against OpenFGA, to tell its races from real disagreements.
        if let path = ProcessInfo.processInfo.environment["TESSERA_DIFFERENTIAL_MISMATCHES"], !path.isEmpty {
            let text = outcome.mismatchKeys.map { "\($0)\n" }.joined()
            try text.write(toFile: "\(path).\(kind)", atomically: true, encoding: .utf8)
        }
        return outcome
    }

    static func contextLine(_ context: JSONObject?) -> String {
        guard let context else { return "" }
        return "\n    context: \(JSONValue.object(context).canonicalText)"
    }

    static func yamlList(_ values: [String]?) -> String {
        "[" + (values ?? []).sorted().map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
