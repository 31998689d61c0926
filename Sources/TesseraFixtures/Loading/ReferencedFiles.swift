import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the files a fixture names (`model_file`, `tuple_file`, `tuple_files`, module files
/// of an `fga.mod`), relative to the fixture's folder.
///
/// Unless external files are allowed, a reference must stay inside that folder once `..`,
/// absolute paths and symbolic links are resolved (as `fga model test` refuses them without
/// `--allow-external-files`): a fixture from an untrusted branch cannot read `~/.ssh`. The
/// target must be a regular file, so a FIFO or `/dev/zero` cannot hang or exhaust the run.
struct ReferencedFiles {
    /// The fixture's folder as the fixture path gives it ("" for the current directory).
    let folder: String
    let allowExternal: Bool

    init(fixturePath: String, allowExternal: Bool) {
        folder = (fixturePath as NSString).deletingLastPathComponent
        self.allowExternal = allowExternal
    }

    /// The path to show for `reference`: joined to the fixture's folder as given.
    func shownPath(_ reference: String) -> String {
        if reference.hasPrefix("/") || folder.isEmpty { return reference }
        return (folder as NSString).appendingPathComponent(reference)
    }

    /// The text of the referenced file.
    func read(_ reference: FileReference) throws(FixtureError) -> String {
        let shown = shownPath(reference.path)
        let fail = { (message: String) in FixtureError(reference.location, message) }
        if !allowExternal {
            guard !reference.path.hasPrefix("/") else {
                throw fail("file reference \"\(reference.path)\" is outside the fixture's folder (absolute path); pass --allow-external-files to allow it")
            }
            guard let base = Self.realPath(folder.isEmpty ? "." : folder) else {
                throw fail("cannot resolve the fixture's folder \"\(folder)\"")
            }
            guard let target = Self.realPath(shown) else { throw fail("cannot read \"\(shown)\": no such file") }
            guard target.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
                throw fail("file reference \"\(reference.path)\" is outside the fixture's folder; pass --allow-external-files to allow it")
            }
        }
        var status = stat()
        guard stat(shown, &status) == 0 else { throw fail("cannot read \"\(shown)\": no such file") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw fail("\"\(shown)\" is not a regular file") }
        guard let data = FileManager.default.contents(atPath: shown) else { throw fail("cannot read \"\(shown)\"") }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("\"\(shown)\" is not UTF-8 text") }
        return text
    }

    /// The path with every symbolic link, `.` and `..` resolved; `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
