import Foundation
import Testing
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore
import TesseraTestSupport

/// Cross-API properties: check, batch check, list objects and list users must tell one
/// story about the same model and tuples, stored or contextual. Each test runs over
/// `TESSERA_PROPERTY_SEEDS` random scenarios (default 300, a few seconds), starting at
/// `TESSERA_PROPERTY_FIRST_SEED` (default 1); a failure prints the seed, the model and
/// the tuples.
///
/// Queries that end in an error (resolution too deep) or a truncated list say nothing
/// about the property; they are skipped and counted, and a test fails if most are.
struct CrossAPIPropertyTests {
    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["TESSERA_PROPERTY_SEEDS"].flatMap { Int($0) } ?? 300
        let first = environment["TESSERA_PROPERTY_FIRST_SEED"].flatMap { UInt64($0) } ?? 1
        return (0..<UInt64(max(count, 1))).map { first + $0 }
    }()

    /// One scenario per seed, generated once for all tests.
    static let scenarios: [PropertyScenario] = seeds.map { PropertyScenario(seed: $0) }

    static let printedFailures = 10

    @Test func listObjectsReturnsExactlyTheObjectsWhoseCheckIsTrue() {
        var report = Report("list objects == objects whose check is true")
        for scenario in Self.scenarios {
            var rng = SplitMix64(seed: scenario.seed &* 31 &+ 1)
            for (type, relation, user) in Self.listObjectsQueries(scenario, using: &rng) {
                guard case .set(let listed) = Self.listObjects(scenario, type, relation, user) else {
                    report.skipped += 1
                    continue
                }
                let candidates = Set(scenario.candidateObjects(of: type))
                var allowed: Set<String> = []
                var unknown: Set<String> = []
                for object in candidates {
                    switch Self.check(scenario, object, relation, user) {
                    case .allowed(true): allowed.insert(object)
                    case .allowed(false): break
                    default: unknown.insert(object)  // an error: the object may be listed or not
                    }
                }
                report.checked += 1
                report.nonTrivial += allowed.isEmpty ? 0 : 1
                let listedKnown = listed.subtracting(unknown)
                if listedKnown != allowed {
                    report.fail(
                        scenario,
                        "list-objects \(type)#\(relation)@\(user): listed \(listed.sorted()), check true for \(allowed.sorted())"
                            + (unknown.isEmpty ? "" : ", check failed for \(unknown.sorted())"))
                }
            }
        }
        report.expectHeld()
    }

    @Test func everyListedUserChecksTrue() {
        var report = Report("every concrete user and userset list users returns checks true")
        for scenario in Self.scenarios {
            var rng = SplitMix64(seed: scenario.seed &* 31 &+ 2)
            for (object, relation, filter) in Self.listUsersQueries(scenario, using: &rng) {
                guard case .set(let listed) = Self.listUsers(scenario, object, relation, filter) else {
                    report.skipped += 1
                    continue
                }
                report.checked += 1
                report.nonTrivial += listed.isEmpty ? 0 : 1
                // `type:*` is listed when public access reaches the relation even if some
                // users are excluded (OpenFGA), so it has no check counterpart to hold to.
                for user in listed.sorted() where !user.hasSuffix(":*") {
                    let answer = Self.check(scenario, object, relation, user)
                    if answer != .allowed(true) {
                        report.fail(scenario, "list-users \(object)#\(relation) filter \(filter) lists \(user), but check says \(answer)")
                    }
                }
            }
        }
        report.expectHeld()
    }

    @Test func everyUserThatChecksTrueIsListedOrCoveredByAWildcard() {
        var report = Report("every concrete user that checks true is listed, or `type:*` is")
        for scenario in Self.scenarios {
            var rng = SplitMix64(seed: scenario.seed &* 31 &+ 3)
            for (object, relation, filter) in Self.listUsersQueries(scenario, using: &rng) where !filter.contains("#") {
                guard case .set(let listed) = Self.listUsers(scenario, object, relation, filter) else {
                    report.skipped += 1
                    continue
                }
                report.checked += 1
                let candidates = filter == "user" ? (PropertyScenario.userIDs + [PropertyScenario.unmentionedID]).map { "user:\($0)" } : scenario.candidateObjects(of: filter)
                for user in candidates where Self.check(scenario, object, relation, user) == .allowed(true) {
                    report.nonTrivial += 1
                    if !listed.contains(user) && !listed.contains("\(filter):*") {
                        report.fail(scenario, "check \(object)#\(relation)@\(user) is true, but list-users with filter \(filter) gives \(listed.sorted())")
                    }
                }
            }
        }
        report.expectHeld()
    }

    @Test func batchCheckAnswersEachItemAsASingleCheckDoes() throws {
        var report = Report("batch check == single checks")
        for scenario in Self.scenarios {
            var rng = SplitMix64(seed: scenario.seed &* 31 &+ 4)
            let checks = Self.checkQueries(scenario, count: 25, using: &rng)
            let items = checks.enumerated().map { index, query in
                BatchCheckItem(correlationID: "c\(index)", check: CheckRequest(object: query.object, relation: query.relation, user: query.user))
            }
            let results = try Engine.unhurried.batchCheck(items, typeSystem: scenario.typeSystem, reader: TupleSet(scenario.tuples))
            for (index, query) in checks.enumerated() {
                report.checked += 1
                let batched: DifferentialAnswer
                switch results["c\(index)"] {
                case .success(let allowed)?: batched = .allowed(allowed)
                case .failure(let error)?: batched = .error(error.code.rawValue)
                case nil: batched = .error("missing from the batch result")
                }
                let single = Self.check(scenario, query.object, query.relation, query.user)
                report.nonTrivial += single == .allowed(true) ? 1 : 0
                if batched != single {
                    report.fail(scenario, "check \(query.object)#\(query.relation)@\(query.user): single \(single), batched \(batched)")
                }
            }
        }
        report.expectHeld()
    }

    @Test func contextualTuplesGiveTheAnswersStoredTuplesGive() {
        var report = Report("contextual tuples == stored tuples, for every API")
        for scenario in Self.scenarios {
            var rng = SplitMix64(seed: scenario.seed &* 31 &+ 5)
            func compare(_ label: String, _ stored: DifferentialAnswer, _ contextual: DifferentialAnswer) {
                report.checked += 1
                report.nonTrivial += (stored == .allowed(true) || stored.isNonEmptySet) ? 1 : 0
                if stored != contextual { report.fail(scenario, "\(label): stored \(stored), contextual \(contextual)") }
            }
            for query in Self.checkQueries(scenario, count: 12, using: &rng) {
                compare(
                    "check \(query.object)#\(query.relation)@\(query.user)",
                    Self.check(scenario, query.object, query.relation, query.user),
                    Self.check(scenario, query.object, query.relation, query.user, contextual: true))
            }
            for (type, relation, user) in Self.listObjectsQueries(scenario, using: &rng) {
                compare(
                    "list-objects \(type)#\(relation)@\(user)", Self.listObjects(scenario, type, relation, user),
                    Self.listObjects(scenario, type, relation, user, contextual: true))
            }
            for (object, relation, filter) in Self.listUsersQueries(scenario, using: &rng) {
                compare(
                    "list-users \(object)#\(relation) filter \(filter)", Self.listUsers(scenario, object, relation, filter),
                    Self.listUsers(scenario, object, relation, filter, contextual: true))
            }
        }
        report.expectHeld()
    }

    // MARK: Queries

    /// `count` checks over candidate objects, their relations and the query users (half
    /// of them users that tuples mention).
    static func checkQueries(
        _ scenario: PropertyScenario, count: Int, using rng: inout SplitMix64
    ) -> [(object: String, relation: String, user: String)] {
        let users = scenario.queryUsers
        let mentioned = scenario.tuples.map(\.user)
        return (0..<count).map { _ in
            let type = scenario.objectTypes.randomElement(using: &rng)!
            let user = Bool.random(using: &rng) ? mentioned.randomElement(using: &rng) : nil
            return (
                scenario.candidateObjects(of: type).randomElement(using: &rng)!, scenario.relations(of: type).randomElement(using: &rng)!,
                user ?? users.randomElement(using: &rng)!
            )
        }
    }

    /// List-objects queries; half of them for users that tuples mention, which are far
    /// more likely to have objects.
    static func listObjectsQueries(_ scenario: PropertyScenario, using rng: inout SplitMix64) -> [(type: String, relation: String, user: String)] {
        let users = scenario.queryUsers
        let mentioned = scenario.tuples.map(\.user)
        return (0..<6).map { _ in
            let type = scenario.objectTypes.randomElement(using: &rng)!
            let user = Bool.random(using: &rng) ? mentioned.randomElement(using: &rng) : nil
            return (type, scenario.relations(of: type).randomElement(using: &rng)!, user ?? users.randomElement(using: &rng)!)
        }
    }

    /// List-users queries; filters are `user`, an object type, or `type#relation`.
    static func listUsersQueries(_ scenario: PropertyScenario, using rng: inout SplitMix64) -> [(object: String, relation: String, filter: String)] {
        (0..<6).map { _ in
            let type = scenario.objectTypes.randomElement(using: &rng)!
            var filter = Bool.random(using: &rng) ? "user" : scenario.objectTypes.randomElement(using: &rng)!
            if filter != "user", Bool.random(using: &rng) {
                filter += "#" + scenario.relations(of: filter).randomElement(using: &rng)!
            }
            return (scenario.candidateObjects(of: type).randomElement(using: &rng)!, scenario.relations(of: type).randomElement(using: &rng)!, filter)
        }
    }

    // MARK: Running queries

    /// The stored tuples, or an empty store when the tuples go as contextual tuples.
    static func reader(_ scenario: PropertyScenario, contextual: Bool) -> (TupleSet, [TupleKey]) {
        contextual ? (TupleSet(), scenario.tuples) : (TupleSet(scenario.tuples), [])
    }

    static func check(_ scenario: PropertyScenario, _ object: String, _ relation: String, _ user: String, contextual: Bool = false) -> DifferentialAnswer {
        let (store, extra) = reader(scenario, contextual: contextual)
        let request = CheckRequest(object: object, relation: relation, user: user, contextualTuples: extra)
        do throws(EngineError) {
            return .allowed(try Engine.unhurried.check(request, typeSystem: scenario.typeSystem, reader: store))
        } catch {
            return .error(error.code.rawValue)
        }
    }

    /// The objects listed; an error, or `truncated`, as `.error`.
    static func listObjects(_ scenario: PropertyScenario, _ type: String, _ relation: String, _ user: String, contextual: Bool = false) -> DifferentialAnswer {
        let (store, extra) = reader(scenario, contextual: contextual)
        let request = ListObjectsRequest(type: type, relation: relation, user: user, contextualTuples: extra)
        do throws(EngineError) {
            let result = try Engine.unhurried.listObjects(request, typeSystem: scenario.typeSystem, reader: store)
            return result.truncated ? .error("truncated") : .set(Set(result.objects))
        } catch {
            return .error(error.code.rawValue)
        }
    }

    /// The users listed (wire form); an error, or `truncated`, as `.error`.
    static func listUsers(_ scenario: PropertyScenario, _ object: String, _ relation: String, _ filter: String, contextual: Bool = false) -> DifferentialAnswer {
        let (store, extra) = reader(scenario, contextual: contextual)
        let parts = filter.split(separator: "#", maxSplits: 1).map(String.init)
        guard let reference = ObjectReference(object) else { return .error("malformed object \(object)") }
        let request = ListUsersRequest(
            object: reference, relation: relation, filter: .init(type: parts[0], relation: parts.count > 1 ? parts[1] : nil), contextualTuples: extra)
        do throws(EngineError) {
            let result = try Engine.unhurried.listUsers(request, typeSystem: scenario.typeSystem, reader: store)
            return result.truncated ? .error("truncated") : .set(Set(result.users.map(\.description)))
        } catch {
            return .error(error.code.rawValue)
        }
    }

    // MARK: Reporting

    /// Counts for one property over all seeds, and its first failures in full.
    struct Report {
        var property: String
        var checked = 0
        var skipped = 0
        /// Queries whose answer was not empty or false: a property over only empty answers proves little.
        var nonTrivial = 0
        var failures: [String] = []
        var failedSeeds: Set<UInt64> = []

        init(_ property: String) { self.property = property }

        mutating func fail(_ scenario: PropertyScenario, _ message: String) {
            if failedSeeds.insert(scenario.seed).inserted, failedSeeds.count <= CrossAPIPropertyTests.printedFailures {
                print("PROPERTY FAILED (\(property)): \(message)\n\(scenario.description)\n---")
            }
            failures.append("seed \(scenario.seed): \(message)")
        }

        func expectHeld() {
            print("property '\(property)': \(checked) queries over \(CrossAPIPropertyTests.seeds.count) seeds, \(nonTrivial) non-trivial, \(skipped) skipped, \(failures.count) failures")
            let held = failures.isEmpty
            #expect(held, Comment(rawValue: "\(failures.count) failures over seeds \(failedSeeds.sorted().prefix(20)); first: \(failures.first ?? "")"))
            #expect(nonTrivial > 0, "every answer was empty or false: the generator no longer exercises the property")
            #expect(skipped <= checked, "most queries ended in an error or a truncated result")
        }
    }
}

extension DifferentialAnswer {
    var isNonEmptySet: Bool {
        if case .set(let values) = self { return !values.isEmpty }
        return false
    }
}
