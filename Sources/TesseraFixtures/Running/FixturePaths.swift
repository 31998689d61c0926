import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fixture files named on a command line: files as they are, directories searched
/// recursively for `*.fga.yaml` (hidden folders skipped), and glob patterns (`*`, `?`,
/// `[...]`) expanded, for patterns quoted past the shell as `fga model test --tests` takes
/// them. A directory without fixtures, like a pattern without matches, is an error.
public enum FixturePaths {
    /// The files, each once, in argument order (directory and glob matches sorted).
    public static func expand(_ arguments: [String]) throws(FixtureError) -> [String] {
        var files: [String] = []
        var seen: Set<String> = []
        func add(_ path: String) {
            if seen.insert(path).inserted { files.append(path) }
        }
        for argument in arguments {
            if argument.contains(where: { "*?[".contains($0) }), !FileManager.default.fileExists(atPath: argument) {
                let matches = glob(argument)
                guard !matches.isEmpty else { throw FixtureError(SourceLocation(file: argument), "no file matches the pattern") }
                for match in matches {
                    if isDirectory(match) { searchDirectory(match).forEach(add) } else { add(match) }
                }
            } else if isDirectory(argument) {
                let found = searchDirectory(argument)
                // A run that finds nothing to run must not pass as if everything did.
                guard !found.isEmpty else { throw FixtureError(SourceLocation(file: argument), "no *.fga.yaml file in the directory") }
                found.forEach(add)
            } else if FileManager.default.fileExists(atPath: argument) {
                add(argument)
            } else {
                throw FixtureError(SourceLocation(file: argument), "no such file or directory")
            }
        }
        return files
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// `*.fga.yaml` files under `directory`, sorted, as paths joined to `directory`.
    static func searchDirectory(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix("."), isDirectory((directory as NSString).appendingPathComponent(relative)) {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".fga.yaml") || name.hasSuffix(".fga.yml") {
                let path = directory == "." ? relative : (directory as NSString).appendingPathComponent(relative)
                if !isDirectory(path) { found.append(path) }
            }
        }
        return found.sorted()
    }

    /// The paths matching a glob pattern, sorted.
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
