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

    /// A started harness whose standard output is collected.
    final class Child: @unchecked Sendable {
        let process = Process()
        private let pipe = Pipe()
        private let lock = NSLock()
        private var buffer = Data()

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            guard let executable = Harness.executable else { throw HarnessError.missing }
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                lock.lock()
                buffer.append(data)
                lock.unlock()
            }
            try process.run()
        }

        /// Lines printed so far.
        var lines: [String] {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
        }

        /// Waits for the process to end and for its output to drain.
        func finish() -> [String] {
            process.waitUntilExit()
            pipe.fileHandleForReading.readabilityHandler = nil
            let rest = pipe.fileHandleForReading.readDataToEndOfFile()
            lock.lock()
            buffer.append(rest)
            lock.unlock()
            return lines
        }
    }

    enum HarnessError: Error, CustomStringConvertible {
        case missing
        var description: String { "TesseraStoreHarness not found next to the test binary (build with --build-tests)" }
    }
}
