import Testing
import TesseraConditions
import TesseraFixtures

/// The `{error: CODE, message: TEXT}` extension: a check expected to fail with an error.
struct ExpectedErrorTests {
    /// One check of `doc:1` by anne, with `assertions` as given.
    func run(_ assertions: String) async throws -> FixtureResult {
        let folder = try FixtureFolder()
        return try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tests:
              - name: errors
                check:
                  - user: user:anne
                    object: doc:1
                    assertions: \(assertions)
            """)
    }

    @Test func theExpectedCodePasses() async throws {
        let result = try await run("{owner: {error: validation_error}}")
        #expect(result.error == nil)
        let assertion = try #require(result.assertions.first)
        #expect(assertion.passed)
        #expect(assertion.expected == .error(code: "validation_error", message: nil))
        #expect(assertion.error?.code == "validation_error")
    }

    @Test func anAnswerInsteadOfTheErrorFails() async throws {
        let result = try await run("{viewer: {error: validation_error}}")
        let assertion = try #require(result.assertions.first)
        #expect(!assertion.passed)
        #expect(assertion.actual == .allowed(false))
        let text = TextReport(results: [result]).text
        #expect(text.contains("Check(user=user:anne,relation=viewer,object=doc:1): expected error validation_error, got false"))
    }

    @Test func anotherCodeFails() async throws {
        let result = try await run("{owner: {error: invalid_tuple}}")
        let assertion = try #require(result.assertions.first)
        #expect(!assertion.passed)
        #expect(assertion.error?.code == "validation_error")
        let text = TextReport(results: [result]).text
        #expect(text.contains("relation=owner,object=doc:1): expected error invalid_tuple, got error validation_error: "))
    }

    @Test func aMessagePartMustOccurInTheErrorsMessage() async throws {
        let matching = try await run("{owner: {error: validation_error, message: owner}}")
        #expect(matching.assertions.map(\.passed) == [true])
        let other = try await run("{owner: {error: validation_error, message: no such words}}")
        #expect(other.assertions.map(\.passed) == [false])
        #expect(TextReport(results: [other]).text.contains("expected error validation_error 'no such words', got error validation_error: "))
    }

    @Test func aMessageAloneAcceptsAnyCode() async throws {
        let result = try await run("{owner: {message: owner}}")
        #expect(result.assertions.map(\.passed) == [true])
    }

    @Test func aBooleanExpectationFailsOnAnError() async throws {
        let result = try await run("{owner: false}")
        let assertion = try #require(result.assertions.first)
        #expect(!assertion.passed)
        #expect(assertion.actual == nil)
        #expect(TextReport(results: [result]).text.contains("expected false, got error validation_error: "))
    }

    @Test func theJSONReportCarriesTheExpectedAndTheActualError() async throws {
        let result = try await run("{owner: {error: invalid_tuple}}")
        let report = JSONReport(results: [result]).value
        guard case .array(let files) = report.objectValue?["files"], case .array(let tests) = files.first?.objectValue?["tests"],
            case .array(let assertions) = tests.first?.objectValue?["assertions"], let assertion = assertions.first?.objectValue
        else {
            Issue.record("the report lacks files[0].tests[0].assertions[0]")
            return
        }
        #expect(assertion["expected"] == JSONValue.object(["error": .string("invalid_tuple"), "message": .null]))
        #expect(assertion["actual"] == JSONValue.null)
        #expect(assertion["error"]?.objectValue?["code"] == JSONValue.string("validation_error"))
        #expect(assertion["passed"] == JSONValue.bool(false))
    }

    @Test func anEmptyExpectedErrorIsRefused() async throws {
        let result = try await run("{owner: {}}")
        let error = try #require(result.error)
        #expect(error.message.contains("an expected error needs 'error' (a code) or 'message'"))
        #expect(error.location.line == 21)
    }

    @Test func anUnknownFieldInAnExpectedErrorIsRefused() async throws {
        let result = try await run("{owner: {error: validation_error, status: 400}}")
        let error = try #require(result.error)
        #expect(error.message.contains("unknown field 'status'"))
    }

    @Test func anExpectationThatIsNeitherBooleanNorErrorIsRefused() async throws {
        let result = try await run("{viewer: maybe}")
        let error = try #require(result.error)
        #expect(error.message.contains("a check assertion must be true, false or {error: CODE}"))
        #expect(error.location.line == 21)
    }
}
