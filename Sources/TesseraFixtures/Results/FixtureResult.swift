/// The results of one test of a fixture.
public struct TestResult: Sendable {
    public var name: String
    public var description: String
    public var location: SourceLocation
    public var assertions: [AssertionResult]

    public init(name: String, description: String, location: SourceLocation, assertions: [AssertionResult]) {
        self.name = name
        self.description = description
        self.location = location
        self.assertions = assertions
    }

    /// A test passes when all its assertions do (a test without assertions passes).
    public var passed: Bool { assertions.allSatisfy(\.passed) }
}

/// The results of one fixture file, or why it could not be run.
public struct FixtureResult: Sendable {
    public var path: String
    public var name: String
    public var tests: [TestResult]
    /// Set when the file could not be read, parsed or run; `tests` then holds what ran.
    public var error: FixtureError?

    public init(path: String, name: String = "", tests: [TestResult] = [], error: FixtureError? = nil) {
        self.path = path
        self.name = name
        self.tests = tests
        self.error = error
    }

    public var counts: ResultCounts { ResultCounts(self) }
}

/// Passing and total counts, as `fga model test`'s summary lines give them.
public struct ResultCounts: Sendable, Hashable {
    public struct Tally: Sendable, Hashable {
        public var passed = 0
        public var total = 0

        public var failed: Int { total - passed }

        mutating func add(_ passed: Bool) {
            total += 1
            if passed { self.passed += 1 }
        }

        static func + (lhs: Tally, rhs: Tally) -> Tally {
            var sum = lhs
            sum.passed += rhs.passed
            sum.total += rhs.total
            return sum
        }
    }

    public var tests = Tally()
    public var checks = Tally()
    public var listObjects = Tally()
    public var listUsers = Tally()
    /// Files that could not be run.
    public var errors = 0

    public init() {}

    public init(_ result: FixtureResult) {
        for test in result.tests {
            tests.add(test.passed)
            for assertion in test.assertions {
                switch assertion.query.kind {
                case .check: checks.add(assertion.passed)
                case .listObjects: listObjects.add(assertion.passed)
                case .listUsers: listUsers.add(assertion.passed)
                }
            }
        }
        errors = result.error == nil ? 0 : 1
    }

    public init(_ results: [FixtureResult]) {
        for result in results { self = self + ResultCounts(result) }
    }

    static func + (lhs: ResultCounts, rhs: ResultCounts) -> ResultCounts {
        var sum = ResultCounts()
        sum.tests = lhs.tests + rhs.tests
        sum.checks = lhs.checks + rhs.checks
        sum.listObjects = lhs.listObjects + rhs.listObjects
        sum.listUsers = lhs.listUsers + rhs.listUsers
        sum.errors = lhs.errors + rhs.errors
        return sum
    }

    /// Every assertion, whatever its kind.
    public var assertions: Tally { checks + listObjects + listUsers }

    /// True when every test passed and every file ran.
    public var allPassed: Bool { errors == 0 && tests.failed == 0 }

    /// `fga model test`'s summary lines (without the `# Test Summary #` header): `Tests`
    /// always, the others when there was at least one such assertion.
    public var summaryLines: [String] {
        var lines = ["Tests \(tests.passed)/\(tests.total) passing"]
        if checks.total > 0 { lines.append("Checks \(checks.passed)/\(checks.total) passing") }
        if listObjects.total > 0 { lines.append("ListObjects \(listObjects.passed)/\(listObjects.total) passing") }
        if listUsers.total > 0 { lines.append("ListUsers \(listUsers.passed)/\(listUsers.total) passing") }
        return lines
    }
}
