/// `tessera test --format junit`: JUnit XML, as CI systems (GitHub Actions reporters,
/// GitLab, Jenkins) display it. One `<testsuite>` per fixture file, one `<testcase>` per
/// assertion (named after its test and query, with the file and line), a `<failure>` for a
/// failing assertion and an `<error>` for a file that could not be run.
public struct JUnitReport: Sendable {
    public var results: [FixtureResult]

    public init(results: [FixtureResult]) {
        self.results = results
    }

    public var text: String {
        let total = ResultCounts(results)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"tessera test\" tests=\"\(total.assertions.total + total.errors)\" failures=\"\(total.assertions.failed)\""
        out += " errors=\"\(total.errors)\">\n"
        for result in results {
            let counts = result.counts
            out += "  <testsuite name=\"\(Self.escape(result.path))\" tests=\"\(counts.assertions.total + counts.errors)\""
            out += " failures=\"\(counts.assertions.failed)\" errors=\"\(counts.errors)\""
            out += " skipped=\"0\" file=\"\(Self.escape(result.path))\">\n"
            for test in result.tests {
                for assertion in test.assertions {
                    let name = "\(test.name): \(assertion.query)"
                    out += "    <testcase name=\"\(Self.escape(name))\" classname=\"\(Self.escape(Self.className(result.path, test.name)))\""
                    out += " file=\"\(Self.escape(assertion.location.file))\" line=\"\(assertion.location.line)\""
                    if assertion.passed {
                        out += "/>\n"
                        continue
                    }
                    let line = TextReport.line(for: assertion, test: test.name)
                    let message = TextReport.outcome(of: assertion)
                    out += ">\n      <failure message=\"\(Self.escape(message))\" type=\"AssertionFailure\">\(Self.escape(line))</failure>\n"
                    out += "    </testcase>\n"
                }
            }
            if let error = result.error {
                out += "    <testcase name=\"\(Self.escape(result.path))\" classname=\"\(Self.escape(Self.className(result.path, "load")))\""
                out += " file=\"\(Self.escape(error.location.file))\" line=\"\(error.location.line)\">\n"
                out += "      <error message=\"\(Self.escape(error.message))\" type=\"FixtureError\">\(Self.escape(error.description))</error>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// `Fixtures/gdrive.fga.yaml` + `sharing` → `Fixtures/gdrive.fga.yaml.sharing` (dots and
    /// slashes kept: reporters group by the part before the last dot).
    static func className(_ path: String, _ test: String) -> String {
        "\(path).\(test)"
    }

    /// Text for XML attributes and content: markup characters escaped, characters XML 1.0
    /// cannot carry (control characters other than tab, newline and carriage return)
    /// replaced by U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
