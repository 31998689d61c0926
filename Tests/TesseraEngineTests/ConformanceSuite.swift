import Foundation
import TesseraConditions
import TesseraEngine
import TesseraModel
import TesseraStore
import TesseraTestSupport

/// OpenFGA's semantic test suites (`openfga-consolidated.json`, `openfga-abac.json`) run
/// in process, as OpenFGA runs them: every test once with its tuples stored and, for
/// single-stage tests with at most 100 tuples, once with the same tuples sent as
/// contextual tuples.
struct ConformanceSuite {
    struct Failure: CustomStringConvertible {
        var test: String
        var detail: String
        var description: String { "\(test): \(detail)" }
    }

    struct Outcome {
        var passed: [String: Int] = [:]
        var failures: [Failure] = []
    }

    static let errorNames: [Int: EngineError.Code] = [
        2000: .validationError, 2002: .resolutionTooComplex, 2021: .typeNotFound, 2022: .relationNotFound, 2027: .invalidTuple,
    ]

    let tests: [JSONValue]

    init(file: String) throws {
        // The ABAC suite carries `Infinity` literals, which only JSON5 mode reads.
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        let root = try decoder.decode(JSONValue.self, from: try SharedData.data(file))
        guard case .array(let tests)? = root.objectValue?["tests"] else { throw SuiteError("no tests in \(file)") }
        self.tests = tests
    }

    struct SuiteError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs every assertion; `store` turns a stage's tuples into the stored read view.
    func run(engine: Engine = .unhurried, store: ([TupleKey]) throws -> any TupleReader) throws -> Outcome {
        var outcome = Outcome()
        for test in tests {
            let name = test.objectValue?["name"]?.stringValue ?? "?"
            guard case .array(let stages)? = test.objectValue?["stages"] else { continue }
            for contextual in [false, true] {
                if contextual && stages.count > 1 { continue }
                var stored: [TupleKey] = []
                for (index, stage) in stages.enumerated() {
                    let label = "\(name)\(contextual ? "[ctx]" : "")/\(index)"
                    guard let stageObject = stage.objectValue, let modelJSON = stageObject["model_json"] else { continue }
                    let typeSystem = TypeSystem(model: try AuthorizationModel(jsonValue: modelJSON))
                    let tuples = try Self.tuples(stageObject["tuples"])
                    if contextual && tuples.count > 100 { continue }
                    if !contextual { stored += tuples }
                    let reader = try store(contextual ? [] : stored)
                    let base = contextual ? tuples : []
                    try runChecks(stageObject, label, engine, typeSystem, reader, base, &outcome)
                    try runListObjects(stageObject, label, engine, typeSystem, reader, base, &outcome)
                    try runListUsers(stageObject, label, engine, typeSystem, reader, base, &outcome)
                }
            }
        }
        return outcome
    }

    private func runChecks(
        _ stage: JSONObject, _ label: String, _ engine: Engine, _ typeSystem: TypeSystem, _ reader: any TupleReader,
        _ base: [TupleKey], _ outcome: inout Outcome
    ) throws {
        guard case .array(let assertions)? = stage["checkAssertions"] else { return }
        for assertion in assertions {
            guard let object = assertion.objectValue, let tuple = try Self.tuple(object["tuple"]) else { continue }
            let request = CheckRequest(
                object: tuple.object, relation: tuple.relation, user: tuple.user,
                contextualTuples: try Self.tuples(object["contextualTuples"]) + base,
                context: object["context"]?.objectValue ?? [:])
            let expected = Self.expectation(object)
            let actual: String
            do {
                actual = try engine.check(request, typeSystem: typeSystem, reader: reader) ? "true" : "false"
            } catch {
                actual = error.code.rawValue
            }
            record(&outcome, kind: "check", label: "\(label) check \(tuple) ctx=\(request.context)", expected: expected, actual: actual)
        }
    }

    private func runListObjects(
        _ stage: JSONObject, _ label: String, _ engine: Engine, _ typeSystem: TypeSystem, _ reader: any TupleReader,
        _ base: [TupleKey], _ outcome: inout Outcome
    ) throws {
        guard case .array(let assertions)? = stage["listObjectsAssertions"] else { return }
        for assertion in assertions {
            guard let object = assertion.objectValue, let query = object["request"]?.objectValue else { continue }
            let request = ListObjectsRequest(
                type: query["type"]?.stringValue ?? "", relation: query["relation"]?.stringValue ?? "",
                user: query["user"]?.stringValue ?? "", contextualTuples: try Self.tuples(object["contextualTuples"]) + base,
                context: object["context"]?.objectValue ?? [:])
            let expected = Self.listExpectation(object)
            let actual: String
            do {
                actual = try engine.listObjects(request, typeSystem: typeSystem, reader: reader).objects.sorted().description
            } catch {
                actual = error.code.rawValue
            }
            record(&outcome, kind: "list-objects", label: "\(label) list-objects \(request.type)#\(request.relation)@\(request.user)", expected: expected, actual: actual)
        }
    }

    private func runListUsers(
        _ stage: JSONObject, _ label: String, _ engine: Engine, _ typeSystem: TypeSystem, _ reader: any TupleReader,
        _ base: [TupleKey], _ outcome: inout Outcome
    ) throws {
        guard case .array(let assertions)? = stage["listUsersAssertions"] else { return }
        for assertion in assertions {
            guard let object = assertion.objectValue, let query = object["request"]?.objectValue,
                let target = ObjectReference(query["object"]?.stringValue ?? ""),
                case .array(let filters)? = query["filters"], let filterText = filters.first?.stringValue
            else { continue }
            let parts = filterText.split(separator: "#", maxSplits: 1)
            let filter = ListUsersRequest.Filter(type: String(parts[0]), relation: parts.count > 1 ? String(parts[1]) : nil)
            let request = ListUsersRequest(
                object: target, relation: query["relation"]?.stringValue ?? "", filter: filter,
                contextualTuples: try Self.tuples(object["contextualTuples"]) + base, context: object["context"]?.objectValue ?? [:])
            let expected = Self.listExpectation(object)
            let actual: String
            do {
                actual = try engine.listUsers(request, typeSystem: typeSystem, reader: reader).users.map(\.description).sorted().description
            } catch {
                actual = error.code.rawValue
            }
            record(&outcome, kind: "list-users", label: "\(label) list-users \(target)#\(request.relation) filter \(filterText)", expected: expected, actual: actual)
        }
    }

    static func listExpectation(_ object: JSONObject) -> String {
        if case .number(let code)? = object["errorCode"], code != 0 {
            return errorNames[Int(code)]?.rawValue ?? "error \(Int(code))"
        }
        guard case .array(let values)? = object["expectation"] else { return "[]" }
        return values.compactMap(\.stringValue).sorted().description
    }

    private func record(_ outcome: inout Outcome, kind: String, label: String, expected: String, actual: String) {
        if expected == actual {
            outcome.passed[kind, default: 0] += 1
        } else {
            outcome.failures.append(Failure(test: label, detail: "expected \(expected), got \(actual)"))
        }
    }

    static func expectation(_ object: JSONObject) -> String {
        if case .number(let code)? = object["errorCode"], code != 0 {
            return errorNames[Int(code)]?.rawValue ?? "error \(Int(code))"
        }
        if case .bool(let value)? = object["expectation"] { return value ? "true" : "false" }
        return "false"
    }

    static func tuple(_ value: JSONValue?) throws -> TupleKey? {
        guard let object = value?.objectValue else { return nil }
        var condition: RelationshipCondition?
        if let conditionObject = object["condition"]?.objectValue, let name = conditionObject["name"]?.stringValue {
            condition = RelationshipCondition(name: name, context: conditionObject["context"]?.objectValue ?? [:])
        }
        return TupleKey(
            object: object["object"]?.stringValue ?? "", relation: object["relation"]?.stringValue ?? "",
            user: object["user"]?.stringValue ?? "", condition: condition)
    }

    static func tuples(_ value: JSONValue?) throws -> [TupleKey] {
        guard case .array(let elements)? = value else { return [] }
        return try elements.compactMap { try tuple($0) }
    }
}
