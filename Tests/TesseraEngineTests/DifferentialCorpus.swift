import Foundation
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore

/// A corpus written by `scripts/differential/generate.py`: random models, tuples and
/// queries, each query with the answer OpenFGA's own engine gave (`got`) or the error it
/// raised (`error`, OpenFGA's error code name; `error_text`, fga's raw text).
///
/// The bundled corpus (`Resources/differential-corpus.json`) runs in CI;
/// `TESSERA_DIFFERENTIAL_CORPUS=path` replaces it (`scripts/differential/run.sh`).
struct DifferentialCorpus: Decodable, Sendable {
    struct Condition: Decodable, Sendable {
        var name: String
        var context: JSONObject?
    }

    struct Tuple: Decodable, Sendable {
        var user: String
        var relation: String
        var object: String
        var condition: Condition?

        var key: TupleKey {
            TupleKey(
                object: object, relation: relation, user: user,
                condition: condition.map { RelationshipCondition(name: $0.name, context: $0.context ?? [:]) })
        }
    }

    /// Another answer OpenFGA gave to the same query in another run (its evaluation of
    /// some cyclic models races), recorded by `generate.py --repeat` or `--recheck`.
    struct Alternative<Value: Decodable & Sendable>: Decodable, Sendable {
        var got: Value?
        var error: String?
    }

    struct Check: Decodable, Sendable {
        var object: String
        var relation: String
        var user: String
        var context: JSONObject?
        var got: Bool?
        var error: String?
        var errorText: String?
        var alternatives: [Alternative<Bool>]?
        /// Set on the checks the generator derived from a list answer, to hold OpenFGA's
        /// lists to its own Check.
        var derivedFrom: String?

        enum CodingKeys: String, CodingKey {
            case object, relation, user, context, got, error, alternatives
            case errorText = "error_text"
            case derivedFrom = "derived_from"
        }
    }

    struct ListObjects: Decodable, Sendable {
        var user: String
        var type: String
        var relation: String
        var context: JSONObject?
        var got: [String]?
        var error: String?
        var errorText: String?
        var alternatives: [Alternative<[String]>]?

        enum CodingKeys: String, CodingKey {
            case user, type, relation, context, got, error, alternatives
            case errorText = "error_text"
        }
    }

    struct ListUsers: Decodable, Sendable {
        var object: String
        var relation: String
        /// `type` or `type#relation`.
        var filter: String
        var context: JSONObject?
        var got: [String]?
        var error: String?
        var errorText: String?
        var alternatives: [Alternative<[String]>]?

        enum CodingKeys: String, CodingKey {
            case object, relation, filter, context, got, error, alternatives
            case errorText = "error_text"
        }
    }

    struct Case: Decodable, Sendable {
        var seed: Int
        var modelDSL: String
        var modelJSON: JSONValue
        var tuples: [Tuple]
        var checks: [Check]
        var listObjects: [ListObjects]
        var listUsers: [ListUsers]

        enum CodingKeys: String, CodingKey {
            case seed, tuples, checks
            case modelDSL = "model_dsl"
            case modelJSON = "model_json"
            case listObjects = "list_objects"
            case listUsers = "list_users"
        }
    }

    var cases: [Case]

    /// Where the corpus is read from: the override, or the test bundle's resource.
    static var location: URL? {
        if let path = ProcessInfo.processInfo.environment["TESSERA_DIFFERENTIAL_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        // `.copy("Resources")` keeps the folder; Foundation on Linux already treats a
        // bundle's `Resources` folder as its resource folder, so try both.
        return Bundle.module.url(forResource: "differential-corpus", withExtension: "json")
            ?? Bundle.module.url(forResource: "differential-corpus", withExtension: "json", subdirectory: "Resources")
    }

    static var isOverridden: Bool {
        !(ProcessInfo.processInfo.environment["TESSERA_DIFFERENTIAL_CORPUS"] ?? "").isEmpty
    }

    static func load() throws -> DifferentialCorpus {
        guard let location else { throw LoadError("no corpus location (test bundle without resources?)") }
        return try JSONDecoder().decode(DifferentialCorpus.self, from: Data(contentsOf: location))
    }

    struct LoadError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// A case ready to query: its model indexed, its tuples stored.
struct PreparedCase: Sendable {
    var source: DifferentialCorpus.Case
    var typeSystem: TypeSystem
    var store: TupleSet

    /// OpenFGA's check answers, by `object#relation@user`.
    var openFGAChecks: [String: DifferentialCorpus.Check]

    init(_ source: DifferentialCorpus.Case) throws {
        self.source = source
        typeSystem = TypeSystem(model: try AuthorizationModel(jsonValue: source.modelJSON))
        store = TupleSet(source.tuples.map(\.key))
        openFGAChecks = Dictionary(source.checks.map { ("\($0.object)#\($0.relation)@\($0.user)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// OpenFGA's stable check answer for `object#relation@user`, if the corpus has one.
    func openFGACheck(_ object: String, _ relation: String, _ user: String) -> Bool? {
        guard let check = openFGAChecks["\(object)#\(relation)@\(user)"], check.error == nil, (check.alternatives ?? []).isEmpty else { return nil }
        return check.got
    }

    /// The case as a `.fga.yaml` file asserting OpenFGA's answer to one query, so a
    /// mismatch can be replayed with `fga model test --tests FILE` (and, once Tessera's
    /// runner exists, with Tessera's).
    func reproduction(query: String) -> String {
        var lines = ["name: differential seed \(source.seed)", "model: |"]
        lines += source.modelDSL.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }
        lines.append("tuples:")
        for tuple in source.tuples {
            var line = "  - {user: '\(tuple.user)', relation: \(tuple.relation), object: '\(tuple.object)'"
            if let condition = tuple.condition {
                line += ", condition: {name: \(condition.name), context: \(JSONValue.object(condition.context ?? [:]).canonicalText)}"
            }
            lines.append(line + "}")
        }
        lines += ["tests:", "  - name: mismatch"]
        lines += query.split(separator: "\n").map { "    \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// One query's answer, OpenFGA's or Tessera's, in a comparable form.
enum DifferentialAnswer: Equatable, CustomStringConvertible {
    case allowed(Bool)
    case set(Set<String>)
    /// An error with OpenFGA's error code name.
    case error(String)
    /// fga reported an error whose code could not be recognised: any Tessera error matches.
    case unrecognisedError(String)

    var description: String {
        switch self {
        case .allowed(let value): "\(value)"
        case .set(let values): "[\(values.sorted().joined(separator: ", "))]"
        case .error(let code): "error \(code)"
        case .unrecognisedError(let text): "error (unrecognised: \(text))"
        }
    }

    /// OpenFGA's answer as the corpus records it.
    init(got: Bool?, error: String?, errorText: String?) {
        if let error { self = Self.error(error, errorText) } else { self = .allowed(got ?? false) }
    }

    init(got: [String]?, error: String?, errorText: String?) {
        if let error { self = Self.error(error, errorText) } else { self = .set(Set(got ?? [])) }
    }

    private static func error(_ code: String, _ text: String?) -> DifferentialAnswer {
        code == "unknown" || code.hasPrefix("code_") ? .unrecognisedError(text ?? code) : .error(code)
    }

    /// True when Tessera's answer (`self`) agrees with OpenFGA's (`expected`).
    func agrees(with expected: DifferentialAnswer) -> Bool {
        switch (expected, self) {
        case (.unrecognisedError, .error): true
        default: self == expected
        }
    }
}
