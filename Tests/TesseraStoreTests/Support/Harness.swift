import Foundation

/// Runs the `TesseraStoreHarness` executable that `swift build --build-tests` puts next to
/// the test binary.
enum Harness {
    static var executable: URL? {
        var candidates: [URL] = []
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("TesseraStoreHarness"))
        // An .xctest bundle directory (macOS layout): its parent holds the products.
        candidates.append(testBinary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("TesseraStoreHarness"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("TesseraStoreHarness"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("TesseraStoreHarness"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// A started harness whose standard output is collected in a temporary file. (A pipe
    /// with a `readabilityHandler` raced in swift-corelibs-foundation: clearing the handler
    /// while a read event was pending crashed libdispatch's manager thread in CI.)
    final class Child: @unchecked Sendable {
        let process = Process()
        private let outputURL: URL

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            guard let executable = Harness.executable else { throw HarnessError.missing }
            outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("harness-\(UUID().uuidString).out")
            guard FileManager.default.createFile(atPath: outputURL.path, contents: nil) else {
                throw HarnessError.output(outputURL.path)
            }
            let output = try FileHandle(forWritingTo: outputURL)
            defer { try? output.close() }
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        deinit {
            try? FileManager.default.removeItem(at: outputURL)
        }

        /// Lines printed so far.
        var lines: [String] {
            let data = (try? Data(contentsOf: outputURL)) ?? Data()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }

        /// Waits for the process to end, then returns everything it printed.
        func finish() -> [String] {
            process.waitUntilExit()
            return lines
        }
    }

    enum HarnessError: Error, CustomStringConvertible {
        case missing
        case output(String)
        var description: String {
            switch self {
            case .missing: "TesseraStoreHarness not found next to the test binary (build with --build-tests)"
            case .output(let path): "cannot create the harness output file \(path)"
            }
        }
    }
}
