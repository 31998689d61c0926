import Foundation
import Testing
import Yams
import TesseraTestSupport

/// One case of OpenFGA's language test data (`conformance/language/*-validation-cases.yaml`).
struct LanguageCase: CustomTestStringConvertible, Sendable {
    struct ExpectedError: Sendable {
        var message: String
        /// 0-based, as the files count lines.
        var line: Int?
        var symbol: String?
        var errorType: String?
    }

    var name: String
    /// The DSL or JSON text of the case.
    var source: String
    var expectedErrors: [ExpectedError]
    var skip: Bool
    /// `valid:` and `error_message:` of the JSON → DSL transformer cases.
    var valid: Bool?
    var errorMessage: String?
    var testDescription: String { name }

    /// Loads `language/<file>`; `sourceKey` is `dsl` or `json`. Unreadable data gives no
    /// cases, which the `...ArePresent` tests catch.
    static func load(_ file: String, sourceKey: String) -> [LanguageCase] {
        guard let data = try? SharedData.data("language/\(file)"), let text = String(data: data, encoding: .utf8),
            let entries = (try? Yams.load(yaml: text)) as? [[String: Any]]
        else { return [] }
        return entries.compactMap { entry in
            guard let name = entry["name"] as? String, let source = entry[sourceKey] as? String else { return nil }
            let errors = (entry["expected_errors"] as? [[String: Any]] ?? []).map { error in
                let metadata = error["metadata"] as? [String: Any]
                return ExpectedError(
                    message: error["msg"] as? String ?? "",
                    line: (error["line"] as? [String: Any])?["start"] as? Int,
                    symbol: metadata?["symbol"] as? String,
                    errorType: metadata?["errorType"] as? String)
            }
            return LanguageCase(
                name: name, source: source, expectedErrors: errors, skip: entry["skip"] as? Bool ?? false, valid: entry["valid"] as? Bool,
                errorMessage: entry["error_message"] as? String)
        }
    }
}
