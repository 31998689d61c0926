import Foundation

/// A small tmpfs mounted for one test (root only), unmounted and removed afterwards.
struct TmpfsMount {
    let path: String

    /// True when this process may mount tmpfs (root, and the kernel lets it): the tests
    /// that need a real full or read-only filesystem run only then.
    static let isAvailable: Bool = {
        guard getuid() == 0 else { return false }
        guard let probe = try? TmpfsMount(sizeMiB: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(sizeMiB: Int) throws {
        path = temporaryDirectory("tmpfs")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.run(["mount", "-t", "tmpfs", "-o", "size=\(sizeMiB)m", "tmpfs", path]) else {
            try? FileManager.default.removeItem(atPath: path)
            throw MountError(command: "mount tmpfs at \(path)")
        }
    }

    func remountReadOnly() throws {
        guard Self.run(["mount", "-o", "remount,ro", path]) else { throw MountError(command: "remount \(path) read-only") }
    }

    func unmount() {
        _ = Self.run(["umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    struct MountError: Error {
        let command: String
    }
}
