public import TesseraConditions

/// `tessera test --format json`: every file, test and assertion with its outcome, the
/// totals, and (with `--coverage`) the coverage of each model.
///
/// ```json
/// {"files": [{"file": "...", "name": "...", "error": null, "counts": {...},
///             "tests": [{"name": "...", "line": 12, "passed": false,
///                        "assertions": [{"kind": "check", "line": 15, "passed": false,
///                                        "query": {"user": "...", "relation": "...", "object": "..."},
///                                        "expected": true, "actual": false, "error": null}]}]}],
///  "summary": {"tests": {"passed": 1, "total": 2}, "checks": {...}, "list_objects": {...},
///              "list_users": {...}, "errors": 0, "passed": false}}
/// ```
public struct JSONReport: Sendable {
    public var results: [FixtureResult]
    public var coverage: [ModelCoverage]?

    public init(results: [FixtureResult], coverage: [ModelCoverage]? = nil) {
        self.results = results
        self.coverage = coverage
    }

    public var value: JSONValue {
        var root: JSONObject = [
            "files": .array(results.map(Self.file)),
            "summary": Self.counts(ResultCounts(results)),
        ]
        if let coverage { root["coverage"] = .array(coverage.map(\.jsonValue)) }
        return .object(root)
    }

    public var text: String { value.prettyText + "\n" }

    static func file(_ result: FixtureResult) -> JSONValue {
        .object([
            "file": .string(result.path),
            "name": .string(result.name),
            "error": result.error.map(Self.error) ?? .null,
            "counts": counts(result.counts),
            "tests": .array(result.tests.map(test)),
        ])
    }

    static func error(_ error: FixtureError) -> JSONValue {
        .object([
            "file": .string(error.location.file),
            "line": .number(Double(error.location.line)),
            "column": .number(Double(error.location.column)),
            "message": .string(error.message),
        ])
    }

    static func test(_ test: TestResult) -> JSONValue {
        .object([
            "name": .string(test.name),
            "description": .string(test.description),
            "line": .number(Double(test.location.line)),
            "passed": .bool(test.passed),
            "assertions": .array(test.assertions.map(assertion)),
        ])
    }

    static func assertion(_ assertion: AssertionResult) -> JSONValue {
        let query = assertion.query
        var request: JSONObject = ["relation": .string(query.relation)]
        if let user = query.user { request["user"] = .string(user) }
        if let object = query.object { request["object"] = .string(object) }
        if let type = query.type { request["type"] = .string(type) }
        if let filter = query.userFilter { request["user_filter"] = .string(filter) }
        if let context = query.context { request["context"] = .object(context) }
        if query.contextualTupleCount > 0 { request["contextual_tuples"] = .number(Double(query.contextualTupleCount)) }
        return .object([
            "kind": .string(query.kind.rawValue),
            "file": .string(assertion.location.file),
            "line": .number(Double(assertion.location.line)),
            "passed": .bool(assertion.passed),
            "query": .object(request),
            "expected": value(assertion.expected),
            "actual": assertion.actual.map(value) ?? .null,
            "error": assertion.error.map { .object(["code": .string($0.code), "message": .string($0.message)]) } ?? .null,
        ])
    }

    static func value(_ value: AssertionResult.Value) -> JSONValue {
        switch value {
        case .allowed(let allowed): .bool(allowed)
        case .list(let items): .array(items.map(JSONValue.string))
        case .error(let code, let message): .object(["error": code.map(JSONValue.string) ?? .null, "message": message.map(JSONValue.string) ?? .null])
        }
    }

    static func counts(_ counts: ResultCounts) -> JSONValue {
        func tally(_ tally: ResultCounts.Tally) -> JSONValue {
            .object(["passed": .number(Double(tally.passed)), "total": .number(Double(tally.total))])
        }
        return .object([
            "tests": tally(counts.tests),
            "checks": tally(counts.checks),
            "list_objects": tally(counts.listObjects),
            "list_users": tally(counts.listUsers),
            "errors": .number(Double(counts.errors)),
            "passed": .bool(counts.allPassed),
        ])
    }
}
