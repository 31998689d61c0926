import Testing
import TesseraConditions

/// The surface the engine uses: compile once, evaluate many times, from many tasks.
struct CompiledConditionTests {
    static let condition: CompiledCondition? = try? CompiledCondition(
        name: "non_expired_grant",
        expression: "current_time < grant_time + grant_duration",
        parameters: ["current_time": .timestamp, "grant_time": .timestamp, "grant_duration": .duration]
    )

    static func context(minutesAfterGrant: Int) -> JSONObject {
        [
            "current_time": .string("2024-01-01T00:\(minutesAfterGrant < 10 ? "0" : "")\(minutesAfterGrant):00Z"),
            "grant_time": .string("2024-01-01T00:00:00Z"),
            "grant_duration": .string("30m"),
        ]
    }

    @Test func exposesNameAndParameters() throws {
        let condition = try #require(Self.condition)
        #expect(condition.name == "non_expired_grant")
        #expect(condition.parameters == ["current_time": .timestamp, "grant_time": .timestamp, "grant_duration": .duration])
        #expect(condition.expression == "current_time < grant_time + grant_duration")
    }

    @Test func evaluatesConcurrentlyFromManyTasks() async throws {
        let condition = try #require(Self.condition)
        let results = await withTaskGroup(of: (Int, Bool?).self) { group in
            for minute in 0..<60 {
                group.addTask { (minute, try? condition.evaluate(context: Self.context(minutesAfterGrant: minute))) }
            }
            var results: [Int: Bool?] = [:]
            for await (minute, result) in group { results[minute] = result }
            return results
        }
        for minute in 0..<60 {
            #expect(results[minute] == .some(minute < 30), "minute \(minute)")
        }
    }

    @Test func errorsDescribeThemselves() {
        let error = ConditionError(code: .evaluation, message: "division by zero", position: 2)
        #expect(error.description == "evaluation error at position 2: division by zero")
        #expect(!error.isCompilationError)
        #expect(ConditionError(code: .type, message: "x").isCompilationError)
        #expect(ConditionError.Code.missingParameters.rawValue == "missing_parameters")
    }

    @Test func compileErrorsCarryCodeAndPosition() {
        #expect(throws: ConditionError(code: .syntax, message: "expected an expression, found end of expression", position: 4)) {
            try CompiledCondition(name: "c", expression: "x < ", parameters: ["x": .int])
        }
        #expect(throws: ConditionError(code: .type, message: "found no matching overload for '<' applied to '(string, int)'", position: 2)) {
            try CompiledCondition(name: "c", expression: "x < 1", parameters: ["x": .string])
        }
    }
}
