import Foundation
import Testing
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// One test per published OpenFGA and SpiceDB advisory about evaluation semantics
/// (`reference/security.md` §4.5), named after it. Each states the attack in its terms and
/// shows Tessera refuses it.
struct AdvisoryRegressionTests {
    typealias S = AdvisoryScenario

    static let folderParent = """
        model
          schema 1.1
        type user
        type folder
          relations
            define viewer: [user]
        type doc
          relations
            define parent: [folder]
            define viewer: viewer from parent
        """

    // MARK: OpenFGA

    /// CVE-2022-39341: a typed wildcard written to a tupleset relation granted access.
    @Test func GHSA_vj4m_83m8_xpw5_wildcardOnTuplesetIsRefusedAndIgnored() throws {
        let scenario = try S(Self.folderParent, tuples: [S.tuple("doc:1#parent@folder:*"), S.tuple("folder:x#viewer@user:anne")])
        #expect(scenario.refusesWrite(S.tuple("doc:1#parent@folder:*")))
        #expect(try scenario.check("doc:1#viewer@user:anne") == false)
    }

    /// CVE-2022-39342: a tupleset relation defined with a rewrite was followed.
    @Test func GHSA_f4mm_2r69_mg5f_tuplesetWithRewriteIsRefused() throws {
        let model = try AuthorizationModel(dsl: """
            model
              schema 1.1
            type user
            type folder
              relations
                define viewer: [user]
            type doc
              relations
                define owner: [folder]
                define parent: owner
                define viewer: viewer from parent
            """)
        #expect(!ModelValidator.validate(model, level: .server).isEmpty)
        let typeSystem = TypeSystem(model: model)
        #expect(!typeSystem.isValidStoredTuple(S.tuple("doc:1#parent@folder:x")))
    }

    /// CVE-2022-39352: a userset written to a tupleset relation granted access.
    @Test func GHSA_3gfj_fxx4_f22w_usersetOnTuplesetIsRefusedAndIgnored() throws {
        let scenario = try S(
            Self.folderParent, tuples: [S.tuple("doc:1#parent@folder:x#viewer"), S.tuple("folder:x#viewer@user:anne")])
        #expect(scenario.refusesWrite(S.tuple("doc:1#parent@folder:x#viewer")))
        #expect(try scenario.check("doc:1#viewer@user:anne") == false)
    }

    /// CVE-2022-23542: tuples allowed by an older model kept granting access after the type
    /// restriction changed.
    @Test func GHSA_m3q4_7qmj_657m_tuplesFromAnOlderModelAreIgnored() throws {
        let tuples = [S.tuple("doc:1#viewer@user:anne")]
        let before = try S("model\n  schema 1.1\ntype user\ntype group\n  relations\n    define member: [user]\ntype doc\n  relations\n    define viewer: [user]\n", tuples: tuples)
        let after = try S(
            "model\n  schema 1.1\ntype user\ntype group\n  relations\n    define member: [user]\ntype doc\n  relations\n    define viewer: [group#member]\n",
            tuples: tuples)
        #expect(try before.check("doc:1#viewer@user:anne"))
        #expect(try after.check("doc:1#viewer@user:anne") == false)
        #expect(try after.listObjects(type: "doc", relation: "viewer", user: "user:anne").isEmpty)
    }

    static let nestedGroups = """
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user, group#member]
        """

    /// CVE-2023-35933 and CVE-2023-43645: circular definitions and mutually recursive
    /// unions made checks run away. A ring of groups is answered promptly: within the depth
    /// limit a cycle is false, beyond it the answer is an error, never a hang.
    @Test func GHSA_hr9r_8phq_5x8j_and_GHSA_2hm9_h873_pgqh_cyclesAreBounded() throws {
        func ring(_ size: Int) throws -> S {
            var tuples = (0..<size).map { S.tuple("group:g\($0)#member@group:g\(($0 + 1) % size)#member") }
            tuples.append(S.tuple("group:g5#member@user:anne"))
            return try S(Self.nestedGroups, tuples: tuples)
        }
        let started = ContinuousClock.now
        let small = try ring(10)
        #expect(try small.check("group:g3#member@user:anne"))
        #expect(try small.check("group:g0#member@user:bob") == false)
        let large = try ring(200)
        #expect(try large.check("group:g3#member@user:anne"))
        let error = #expect(throws: EngineError.self) { try large.check("group:g100#member@user:anne") }
        #expect(error?.code == .resolutionTooComplex)
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// CVE-2023-40579: list objects returned extra objects for `X from Y` models.
    @Test func GHSA_jcf2_mxr2_gmqp_listObjectsThroughTupleToUsersetMatchesCheck() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type folder
              relations
                define viewer: [user]
            type team
              relations
                define member: [user]
            type doc
              relations
                define parent: [folder, team]
                define viewer: viewer from parent
            """,
            tuples: [
                S.tuple("doc:1#parent@folder:f"), S.tuple("folder:f#viewer@user:anne"),
                S.tuple("doc:2#parent@team:t"), S.tuple("team:t#member@user:anne"),
                S.tuple("doc:3#parent@folder:g"), S.tuple("folder:g#viewer@user:bob"),
            ])
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne") == ["doc:1"])
        #expect(try scenario.objectsCheckingTrue(type: "doc", relation: "viewer", user: "user:anne") == ["doc:1"])
    }

    static let cyclicExclusion = """
        model
          schema 1.1
        type user
        type document
          relations
            define restricted: [user, document#viewer]
            define viewer: [user] but not restricted
        """

    /// CVE-2024-31452: exclusion and intersection combined with cyclic tuples gave wrong
    /// answers. A cycle on the subtracted side makes the exclusion false.
    @Test func GHSA_8cph_m685_6v6r_cycleThroughExclusionIsFalse() throws {
        let scenario = try S(
            Self.cyclicExclusion, tuples: [S.tuple("document:1#viewer@user:jon"), S.tuple("document:1#restricted@document:1#viewer")])
        #expect(try scenario.check("document:1#viewer@user:jon") == false)
        #expect(try scenario.listObjects(type: "document", relation: "viewer", user: "user:jon").isEmpty)
    }

    /// CVE-2024-42473: `but not` combined with `from` and a userset let an excluded user in.
    @Test func GHSA_3f6g_m4hr_59h8_exclusionThroughTupleToUsersetWithUsersetHolds() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user]
            type folder
              relations
                define viewer: [user]
                define blocked: [user, group#member]
            type doc
              relations
                define parent: [folder]
                define viewer: viewer from parent but not blocked from parent
            """,
            tuples: [
                S.tuple("doc:1#parent@folder:f"), S.tuple("folder:f#viewer@user:anne"), S.tuple("folder:f#viewer@user:bob"),
                S.tuple("folder:f#blocked@group:g#member"), S.tuple("group:g#member@user:anne"),
            ])
        #expect(try scenario.check("doc:1#viewer@user:anne") == false)
        #expect(try scenario.check("doc:1#viewer@user:bob"))
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne").isEmpty)
    }

    static let conditionalViewer = """
        model
          schema 1.1
        type user
        type doc
          relations
            define viewer: [user with in_region]
        condition in_region(region: string, allowed: list<string>) {
          region in allowed
        }
        """

    /// CVE-2024-56323: conditions in contextual tuples combined with a check cache let one
    /// request's answer leak into another's. Answers depend on each request's own tuples.
    @Test func GHSA_32q6_rr98_cjqv_contextualConditionsNeverShareAnswers() throws {
        let scenario = try S(Self.conditionalViewer)
        let allowed = S.tuple("doc:1#viewer@user:anne", condition: "in_region", context: ["allowed": .array([.string("eu")])])
        let refused = S.tuple("doc:1#viewer@user:anne", condition: "in_region", context: ["allowed": .array([.string("us")])])
        #expect(try scenario.check("doc:1#viewer@user:anne", context: ["region": .string("eu")], contextual: [allowed]))
        #expect(try scenario.check("doc:1#viewer@user:anne", context: ["region": .string("eu")], contextual: [refused]) == false)
        let batch = try scenario.batchCheck([
            "a": CheckRequest(object: "doc:1", relation: "viewer", user: "user:anne", contextualTuples: [allowed], context: ["region": .string("eu")]),
            "b": CheckRequest(object: "doc:1", relation: "viewer", user: "user:anne", contextualTuples: [refused], context: ["region": .string("eu")]),
        ])
        #expect(try batch["a"]?.get() == true)
        #expect(try batch["b"]?.get() == false)
    }

    /// CVE-2025-25196: a relation assignable to both `type:*` and a userset of that type let
    /// the wildcard grant usersets.
    @Test func GHSA_g4v5_6f5p_m38j_wildcardDoesNotGrantUsersetsOfItsType() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
              relations
                define friend: [user]
            type doc
              relations
                define viewer: [user:*, user#friend]
            """,
            tuples: [S.tuple("doc:1#viewer@user:*")])
        #expect(try scenario.check("doc:1#viewer@user:anne"))
        #expect(try scenario.check("doc:1#viewer@user:bob#friend") == false)
    }

    /// CVE-2025-46331: a result decided by a cycle was cached and reused where the walk
    /// came from elsewhere. List objects (one shared resolver) agrees with single checks.
    @Test func GHSA_w222_m46c_mgh6_cycleOutcomesAreNotReused() throws {
        let scenario = try S(
            Self.cyclicExclusion,
            tuples: [
                S.tuple("document:1#viewer@user:jon"), S.tuple("document:1#restricted@document:2#viewer"),
                S.tuple("document:2#viewer@user:jon"), S.tuple("document:2#restricted@document:1#viewer"),
                S.tuple("document:3#viewer@user:jon"),
            ])
        let listed = try scenario.listObjects(type: "document", relation: "viewer", user: "user:jon")
        #expect(listed == (try scenario.objectsCheckingTrue(type: "document", relation: "viewer", user: "user:jon")))
        #expect(listed.contains("document:3"))
    }

    /// CVE-2025-48371: contextual tuples were not held to the type restrictions.
    @Test func GHSA_c72g_53hw_82q7_contextualTuplesFollowTypeRestrictions() throws {
        let scenario = try S(Self.folderParent)
        for invalid in ["doc:1#parent@folder:*", "doc:1#parent@folder:f#viewer", "folder:f#viewer@user:*"] {
            let error = #expect(throws: EngineError.self) {
                try scenario.check("doc:1#viewer@user:anne", contextual: [S.tuple(invalid), S.tuple("folder:f#viewer@user:anne")])
            }
            #expect(error?.code == .invalidTuple, "\(invalid)")
        }
    }

    /// CVE-2025-55213: a relation assignable from more than one userset mixed them up.
    @Test func GHSA_mgh9_4mwp_fg55_severalUsersetRestrictionsStayApart() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user]
                define owner: [user]
            type team
              relations
                define member: [user]
            type doc
              relations
                define viewer: [group#member, team#member]
            """,
            tuples: [S.tuple("doc:1#viewer@team:t#member"), S.tuple("group:t#member@user:anne"), S.tuple("team:t#member@user:bob")])
        #expect(try scenario.check("doc:1#viewer@user:anne") == false)
        #expect(try scenario.check("doc:1#viewer@user:bob"))
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne").isEmpty)
    }

    static let conditionalWildcard = """
        model
          schema 1.1
        type user
        type doc
          relations
            define viewer: [user, user:* with office_hours]
        condition office_hours(hour: int) {
          hour >= 9 && hour < 17
        }
        """

    /// CVE-2025-64751: an unconditional `type:*` tuple was honoured where only
    /// `type:* with condition` is allowed.
    @Test func GHSA_2c64_vmv2_hgfc_unconditionalWildcardIsRefusedAndIgnored() throws {
        let scenario = try S(Self.conditionalWildcard, tuples: [S.tuple("doc:1#viewer@user:*")])
        #expect(scenario.refusesWrite(S.tuple("doc:1#viewer@user:*")))
        #expect(try scenario.check("doc:1#viewer@user:anne", context: ["hour": .number(10)]) == false)
    }

    /// CVE-2026-24851: a relation open to both a type and its public wildcard enforced the
    /// wrong restriction. Each tuple is held to its own restriction and condition.
    @Test func GHSA_jq9f_gm9w_rwm9_publicAndDirectAccessAreEnforcedSeparately() throws {
        let scenario = try S(
            Self.conditionalWildcard,
            tuples: [S.tuple("doc:1#viewer@user:*", condition: "office_hours"), S.tuple("doc:1#viewer@user:anne")])
        #expect(try scenario.check("doc:1#viewer@user:bob", context: ["hour": .number(10)]))
        #expect(try scenario.check("doc:1#viewer@user:bob", context: ["hour": .number(20)]) == false)
        #expect(try scenario.check("doc:1#viewer@user:anne", context: ["hour": .number(20)]))
        #expect(scenario.refusesWrite(S.tuple("doc:1#viewer@user:anne", condition: "office_hours")))
    }

    /// CVE-2026-33729 and CVE-2026-41131: conditions with caching returned answers computed
    /// for another context. Equal checks with different contexts are separate answers.
    @Test func GHSA_h6c8_cww8_35hf_and_GHSA_57j5_qwp2_vqp6_contextIsPartOfTheAnswer() throws {
        let scenario = try S(Self.conditionalViewer, tuples: [
            S.tuple("doc:1#viewer@user:anne", condition: "in_region", context: ["allowed": .array([.string("eu")])])
        ])
        func inRegion(_ region: String) -> CheckRequest {
            CheckRequest(object: "doc:1", relation: "viewer", user: "user:anne", context: ["region": .string(region)])
        }
        let results = try scenario.batchCheck(["c0": inRegion("eu"), "c1": inRegion("us"), "c2": inRegion("eu")])
        #expect(try results["c0"]?.get() == true)
        #expect(try results["c1"]?.get() == false)
        #expect(try results["c2"]?.get() == true)
    }

    /// CVE-2026-34972: batch check de-duplication merged checks whose list-valued contexts
    /// printed alike. Contexts are compared as values, not as text.
    @Test func GHSA_jwvj_g8pc_cx45_listContextsAreNotConfused() throws {
        let scenario = try S(Self.conditionalViewer, tuples: [S.tuple("doc:1#viewer@user:anne", condition: "in_region")])
        let split = CheckRequest(
            object: "doc:1", relation: "viewer", user: "user:anne",
            context: ["region": .string("a,b"), "allowed": .array([.string("a"), .string("b")])])
        let joined = CheckRequest(
            object: "doc:1", relation: "viewer", user: "user:anne", context: ["region": .string("a,b"), "allowed": .array([.string("a,b")])])
        let results = try scenario.batchCheck(["split": split, "joined": joined])
        #expect(try results["split"]?.get() == false)
        #expect(try results["joined"]?.get() == true)
    }

    /// CVE-2026-48096: cache keys joined identifiers with delimiters a caller could embed.
    /// Identifiers that would collide when concatenated are separate checks.
    @Test func GHSA_8396_jffm_qx4w_delimitersInIdentifiersDoNotCollide() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type doc
              relations
                define viewer: [user]
            """,
            tuples: [S.tuple("doc:a|viewer|user#viewer@user:b")])
        let results = try scenario.batchCheck([
            "one": CheckRequest(object: "doc:a|viewer|user", relation: "viewer", user: "user:b"),
            "two": CheckRequest(object: "doc:a", relation: "viewer", user: "user:b"),
        ])
        #expect(try results["one"]?.get() == true)
        #expect(try results["two"]?.get() == false)
    }

    /// CVE-2026-55170: a case-insensitive store made distinct users equal. Identifiers are
    /// compared byte for byte, in the LMDB store too.
    @Test func GHSA_cf98_j28v_49v6_identifiersAreCaseSensitive() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tessera-case-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let datastore = try LMDBDatastore(path: directory.path)
        defer { datastore.close() }
        let model = try AuthorizationModel(dsl: "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n")
        let store = try await datastore.createStore(name: "case", caller: CallerContext())
        _ = try await datastore.write(
            storeID: store.id, writes: [S.tuple("doc:1#viewer@user:Anne")], deletes: [], options: WriteOptions(), caller: CallerContext())
        let typeSystem = TypeSystem(model: model)
        for (user, expected) in [("user:Anne", true), ("user:anne", false), ("user:ANNE", false)] {
            let allowed = try datastore.withSnapshot(storeID: store.id) { snapshot in
                try Engine().check(CheckRequest(object: "doc:1", relation: "viewer", user: user), typeSystem: typeSystem, reader: snapshot)
            }
            #expect(allowed == expected, "\(user)")
        }
    }

    // MARK: SpiceDB

    /// CVE-2022-21646: lookups ignored wildcards. List objects includes public objects.
    @Test func GHSA_7p8f_8hjm_wm92_listObjectsIncludesWildcardGrants() throws {
        let scenario = try S(
            "model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user, user:*]\n",
            tuples: [S.tuple("doc:public#viewer@user:*"), S.tuple("doc:private#viewer@user:bob")])
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne") == ["doc:public"])
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:bob") == ["doc:private", "doc:public"])
    }

    /// CVE-2023-35930 and CVE-2025-65111: lookups returned partial results
    /// when objects were reachable through several entry points and nested usersets.
    @Test func GHSA_m54h_5x5f_5m6r_and_GHSA_9m7r_g8hg_x3vr_listObjectsFindsEveryEntryPoint() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user, group#member]
            type folder
              relations
                define viewer: [user, group#member] or viewer from parent
                define parent: [folder]
            type doc
              relations
                define parent: [folder]
                define owner: [user]
                define viewer: [group#member] or owner or viewer from parent
            """,
            tuples: [
                S.tuple("group:inner#member@user:anne"), S.tuple("group:outer#member@group:inner#member"),
                S.tuple("folder:root#viewer@group:outer#member"), S.tuple("folder:sub#parent@folder:root"),
                S.tuple("doc:1#parent@folder:sub"), S.tuple("doc:2#owner@user:anne"), S.tuple("doc:3#viewer@group:inner#member"),
                S.tuple("doc:4#parent@folder:other"),
            ])
        let listed = try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne")
        #expect(listed == ["doc:1", "doc:2", "doc:3"])
        #expect(listed == (try scenario.objectsCheckingTrue(type: "doc", relation: "viewer", user: "user:anne")))
    }

    /// CVE-2024-32001: LookupSubjects returned partial results when the subjects asked for
    /// were usersets of one relation, reached both directly and through nested groups.
    @Test func GHSA_j85q_46hg_36p2_listUsersOfAUsersetKindIsComplete() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type group
              relations
                define member: [user, group#member]
            type doc
              relations
                define editor: [group#member]
                define viewer: [user, group#member] or editor
            """,
            tuples: [
                S.tuple("doc:1#viewer@group:a#member"), S.tuple("doc:1#editor@group:b#member"),
                S.tuple("group:b#member@group:c#member"), S.tuple("group:c#member@user:anne"),
                S.tuple("doc:1#viewer@user:bob"),
            ])
        #expect(try scenario.listUsers(object: "doc:1", relation: "viewer", filter: "group#member")
            == ["group:a#member", "group:b#member", "group:c#member"])
        #expect(try scenario.listUsers(object: "doc:1", relation: "viewer", filter: "user") == ["user:anne", "user:bob"])
    }

    /// CVE-2024-48909: a lookup over caveated relations reported missing context although
    /// every parameter was stored with the tuples.
    @Test func GHSA_3c32_4hq9_6wgj_storedContextIsEnoughForLookups() throws {
        let scenario = try S(
            Self.twoConditions,
            tuples: [
                S.tuple("doc:a#viewer@user:anne", condition: "small", context: ["amount": .number(5)]),
                S.tuple("doc:b#viewer@user:anne", condition: "large", context: ["amount": .number(5)]),
            ])
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne") == ["doc:a"])
        #expect(try scenario.listUsers(object: "doc:a", relation: "viewer", filter: "user") == ["user:anne"])
        #expect(try scenario.listUsers(object: "doc:b", relation: "viewer", filter: "user") == [])
    }

    /// CVE-2024-38361: exclusions answered "no permission" where permission was expected.
    @Test func GHSA_grjv_gjgr_66g2_exclusionGrantsWhenTheSubtractedSetMisses() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type doc
              relations
                define banned: [user]
                define editor: [user]
                define viewer: ([user] or editor) but not banned
            """,
            tuples: [S.tuple("doc:1#editor@user:anne"), S.tuple("doc:1#banned@user:bob"), S.tuple("doc:1#viewer@user:bob")])
        #expect(try scenario.check("doc:1#viewer@user:anne"))
        #expect(try scenario.check("doc:1#viewer@user:bob") == false)
    }

    static let twoConditions = """
        model
          schema 1.1
        type user
        type doc
          relations
            define viewer: [user with small, user with large]
        condition small(amount: int) {
          amount < 100
        }
        condition large(amount: int) {
          amount >= 100
        }
        """

    /// CVE-2024-46989 and CVE-2025-49011: several conditions on objects of
    /// one type gave "no permission" or "context missing" where permission was expected.
    @Test func GHSA_jhg6_6qrx_38mr_and_GHSA_cwwm_hr97_qfxm_eachTupleUsesItsOwnCondition() throws {
        let scenario = try S(
            Self.twoConditions,
            tuples: [S.tuple("doc:a#viewer@user:anne", condition: "small"), S.tuple("doc:b#viewer@user:anne", condition: "large")])
        #expect(try scenario.check("doc:a#viewer@user:anne", context: ["amount": .number(5)]))
        #expect(try scenario.check("doc:b#viewer@user:anne", context: ["amount": .number(500)]))
        #expect(try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne", context: ["amount": .number(500)]) == ["doc:b"])
    }

    /// CVE-2026-55866: a conditional relation answered as unconditional. Without the
    /// parameter the check is an error, never true.
    @Test func GHSA_4vrg_r928_h5vv_conditionalIsNeverUnconditional() throws {
        let scenario = try S(Self.twoConditions, tuples: [S.tuple("doc:a#viewer@user:anne", condition: "small")])
        let error = #expect(throws: EngineError.self) { try scenario.check("doc:a#viewer@user:anne") }
        #expect(error?.code == .validationError)
        #expect(try scenario.check("doc:a#viewer@user:anne", context: ["amount": .number(500)]) == false)
    }

    /// CVE-2026-46668: caveats with nested lists reused answers computed for other lists.
    @Test func GHSA_mqcf_gqvg_rmhm_nestedListContextsAreDistinct() throws {
        let scenario = try S("""
            model
              schema 1.1
            type user
            type doc
              relations
                define viewer: [user with tagged]
            condition tagged(tags: map<string>, wanted: string) {
              wanted in tags
            }
            """,
            tuples: [S.tuple("doc:1#viewer@user:anne", condition: "tagged")])
        let first = CheckRequest(
            object: "doc:1", relation: "viewer", user: "user:anne", context: ["tags": .object(["a": .string("x")]), "wanted": .string("a")])
        let second = CheckRequest(
            object: "doc:1", relation: "viewer", user: "user:anne", context: ["tags": .object(["b": .string("x")]), "wanted": .string("a")])
        let results = try scenario.batchCheck(["first": first, "second": second])
        #expect(try results["first"]?.get() == true)
        #expect(try results["second"]?.get() == false)
    }

    /// CVE-2024-27101: an overflow in chunking made dispatch skip elements. List objects over
    /// thousands of candidates returns each exactly once and stops exactly at the limit.
    @Test func GHSA_h3m7_rqc4_7h9p_largeCandidateSetsAreComplete() throws {
        let tuples = (0..<3000).map { S.tuple("doc:\($0)#viewer@user:anne") }
        var scenario = try S("model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user]\n", tuples: tuples)
        scenario.engine.configuration.listObjectsMaxResults = 0
        let all = try scenario.listObjects(type: "doc", relation: "viewer", user: "user:anne")
        #expect(all.count == 3000)
        #expect(Set(all).count == 3000)
        scenario.engine.configuration.listObjectsMaxResults = 1000
        let limited = try scenario.engine.listObjects(
            ListObjectsRequest(type: "doc", relation: "viewer", user: "user:anne"), typeSystem: scenario.typeSystem, reader: scenario.store)
        #expect(limited.objects.count == 1000)
        #expect(limited.truncated)
    }
}
