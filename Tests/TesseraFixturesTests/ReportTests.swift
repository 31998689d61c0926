import Foundation
import Testing
import TesseraConditions
import TesseraFixtures

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Failing assertions with expected and actual values in every report format.
struct ReportTests {
    /// One passing check, one failing check, one failing list_objects (`<&>` in a test
    /// name to exercise XML escaping).
    static func results() async throws -> [FixtureResult] {
        let folder = try FixtureFolder()
        let result = try await folder.run("a.fga.yaml", inlineDocumentsModel + """
            tuples:
              - {user: user:anne, relation: viewer, object: doc:1}
            tests:
              - name: "views <&> lists"
                check:
                  - {user: user:anne, object: doc:1, assertions: {viewer: true}}
                  - {user: user:bob, object: doc:1, assertions: {viewer: true}}
                list_objects:
                  - {user: user:anne, type: doc, assertions: {viewer: [doc:1, doc:9]}}
            """)
        return [result]
    }

    @Test func textReportNamesEachFailureWithExpectedAndActual() async throws {
        let text = TextReport(results: try await Self.results()).text
        #expect(text.contains("# Test Summary #\nTests 0/1 passing\nChecks 1/2 passing\nListObjects 0/1 passing\n"))
        #expect(text.contains("a.fga.yaml:22:"))
        #expect(text.contains("[views <&> lists] Check(user=user:bob,relation=viewer,object=doc:1): expected true, got false"))
        #expect(text.contains("ListObjects(user=user:anne,relation=viewer,type=doc): expected [doc:1, doc:9], got [doc:1]; missing doc:9"))
        #expect(!text.contains("PASS"))
    }

    @Test func verboseTextListsPassingAssertionsToo() async throws {
        let text = TextReport(results: try await Self.results(), verbose: true).text
        #expect(text.contains("PASS "))
        #expect(text.contains("Check(user=user:anne,relation=viewer,object=doc:1): expected true, got true"))
    }

    @Test func jsonReportCarriesExpectedAndActual() async throws {
        let report = JSONReport(results: try await Self.results()).value
        guard case .array(let files) = report.objectValue?["files"], case .array(let tests) = files.first?.objectValue?["tests"],
            case .array(let assertions) = tests.first?.objectValue?["assertions"]
        else {
            Issue.record("the report lacks files[0].tests[0].assertions")
            return
        }
        #expect(assertions.count == 3)
        let failing = try #require(assertions.first { $0.objectValue?["query"]?.objectValue?["user"]?.stringValue == "user:bob" }?.objectValue)
        #expect(failing["passed"] == JSONValue.bool(false))
        #expect(failing["expected"] == JSONValue.bool(true))
        #expect(failing["actual"] == JSONValue.bool(false))
        #expect(report.objectValue?["summary"]?.objectValue?["passed"] == JSONValue.bool(false))
    }

    @Test func junitReportIsWellFormedXMLWithOneFailurePerFailingAssertion() async throws {
        let xml = JUnitReport(results: try await Self.results()).text
        let counter = XMLElementCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(counter.counts["testsuites"] == 1)
        #expect(counter.counts["testsuite"] == 1)
        #expect(counter.counts["testcase"] == 3)
        #expect(counter.counts["failure"] == 2)
        #expect(counter.failureMessages.contains("expected true, got false"))
        #expect(counter.testcaseNames.contains { $0.hasPrefix("views <&> lists: Check(") })
    }

    @Test func junitReportsAFileThatCannotRunAsAnError() async throws {
        let folder = try FixtureFolder()
        let result = try await folder.run("bad.fga.yaml", "name: [\n")
        let xml = JUnitReport(results: [result]).text
        let counter = XMLElementCounter()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.counts["error"] == 1)
        #expect(counter.counts["failure"] == nil)
    }

    @Test func countsFollowFgasSummaryLines() async throws {
        let counts = ResultCounts(try await Self.results())
        #expect(counts.summaryLines == ["Tests 0/1 passing", "Checks 1/2 passing", "ListObjects 0/1 passing"])
        #expect(!counts.allPassed)
    }
}

/// Counts elements and collects the attributes the JUnit tests look at.
final class XMLElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var failureMessages: [String] = []
    var testcaseNames: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        counts[elementName, default: 0] += 1
        if elementName == "failure", let message = attributes["message"] { failureMessages.append(message) }
        if elementName == "testcase", let name = attributes["name"] { testcaseNames.append(name) }
    }
}
