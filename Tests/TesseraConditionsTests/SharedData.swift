import Foundation

/// Locates `../shared` (OpenFGA's conformance data) next to the repository. CI clones the
/// repository beside it; `TESSERA_SHARED_DIR` overrides the search.
enum SharedData {
    static let directory: URL = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TESSERA_SHARED_DIR"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        // Tests/TesseraConditionsTests/SharedData.swift → repository root → ../shared
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(repository.deletingLastPathComponent().appendingPathComponent("shared"))
        candidates.append(URL(fileURLWithPath: "/work/shared"))
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("conformance").path) {
            return candidate
        }
        return candidates[0]
    }()

    static var conformance: URL { directory.appendingPathComponent("conformance") }
    static var language: URL { conformance.appendingPathComponent("language") }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: conformance.appendingPathComponent(relativePath))
    }
}
