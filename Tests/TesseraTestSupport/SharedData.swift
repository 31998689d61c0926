public import Foundation

/// Locates `../shared` (OpenFGA's conformance data) next to the repository. CI clones the
/// repository beside it; `TESSERA_SHARED_DIR` overrides the search.
public enum SharedData {
    public static let directory: URL = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TESSERA_SHARED_DIR"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        // Tests/TesseraTestSupport/SharedData.swift → repository root → ../shared
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.deletingLastPathComponent().appendingPathComponent("shared"))
        candidates.append(URL(fileURLWithPath: "/work/shared"))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("conformance").path) {
            return candidate
        }
        return candidates[0]
    }()

    public static var conformance: URL { directory.appendingPathComponent("conformance") }
    public static var language: URL { conformance.appendingPathComponent("language") }

    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: conformance.appendingPathComponent(relativePath))
    }
}
