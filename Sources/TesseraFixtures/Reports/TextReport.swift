/// The plain-text report of `tessera test`.
///
/// First `fga model test`'s summary: with several files a `# file: PATH` block of counts
/// for each, then `# Test Summary #` and the totals (the same lines `fga` prints). Then every
/// file that could not be run, with its line, and every failing assertion with its file,
/// line, test, query, expected and actual values; `verbose` lists the passing ones too.
public struct TextReport: Sendable {
    public var results: [FixtureResult]
    public var verbose: Bool

    public init(results: [FixtureResult], verbose: Bool = false) {
        self.results = results
        self.verbose = verbose
    }

    public var text: String {
        var lines: [String] = []
        if results.count > 1 {
            for result in results {
                lines.append("# file: \(result.path)")
                if let error = result.error, result.tests.isEmpty {
                    lines.append("Error: \(error.message.prefix { $0 != "\n" })")
                } else {
                    lines += result.counts.summaryLines
                }
            }
        }
        lines.append("# Test Summary #")
        let counts = ResultCounts(results)
        lines += counts.summaryLines
        if counts.errors > 0 { lines.append("Errors \(counts.errors) file(s) could not be run") }

        var details: [String] = []
        for result in results {
            if let error = result.error { details.append("ERROR \(error)") }
            for test in result.tests {
                for assertion in test.assertions where verbose || !assertion.passed {
                    details.append(Self.line(for: assertion, test: test.name))
                }
            }
        }
        if !details.isEmpty {
            lines.append("---")
            lines += details
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `FAIL file:line [test] Check(...): expected true, got false`.
    static func line(for assertion: AssertionResult, test: String) -> String {
        "\(assertion.passed ? "PASS" : "FAIL") \(assertion.location) [\(test)] \(assertion.query): \(outcome(of: assertion))"
    }

    /// `expected true, got false`; for lists, what is missing and what is unexpected.
    static func outcome(of assertion: AssertionResult) -> String {
        var text = "expected \(assertion.expected)"
        if let actual = assertion.actual {
            text += ", got \(actual)"
        } else if let error = assertion.error {
            text += ", got error \(error)"
        }
        if !assertion.passed, case .list(let want) = assertion.expected, case .list(let got) = assertion.actual {
            let missing = Set(want).subtracting(got).sorted()
            let extra = Set(got).subtracting(want).sorted()
            if !missing.isEmpty { text += "; missing \(missing.joined(separator: ", "))" }
            if !extra.isEmpty { text += "; unexpected \(extra.joined(separator: ", "))" }
        }
        return text
    }
}
