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

    /// Runs `/usr/bin/env ARGUMENTS` with output discarded; true when it exits with 0.
    /// posix_spawn rather than Foundation's Process: Process started from several test
    /// threads at once crashed swift-corelibs-foundation in CI.
    private static func run(_ arguments: [String]) -> Bool {
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return false }
        }
        // Exited normally (no signal) with status 0.
        return status & 0x7f == 0 && (status >> 8) & 0xff == 0
    }

    struct MountError: Error {
        let command: String
    }
}
