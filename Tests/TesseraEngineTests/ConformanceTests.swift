import Testing
import TesseraEngine
import TesseraStore

struct ConformanceTests {
    @Test func consolidatedSuiteInMemory() throws {
        let outcome = try ConformanceSuite(file: "openfga-consolidated.json").run { TupleSet($0) }
        for failure in outcome.failures.prefix(60) { print("FAIL", failure) }
        print("passed:", outcome.passed, "failed:", outcome.failures.count)
        #expect(outcome.failures.isEmpty)
    }

    @Test func abacSuiteInMemory() throws {
        let outcome = try ConformanceSuite(file: "openfga-abac.json").run { TupleSet($0) }
        for failure in outcome.failures.prefix(60) { print("FAIL", failure) }
        print("passed:", outcome.passed, "failed:", outcome.failures.count)
        #expect(outcome.failures.isEmpty)
    }
}
