import Foundation
public import TesseraModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixture with everything it references read and checked: the model accepted by the
/// API's rules, every tuple valid for a write under it, no tuple written twice.
public struct LoadedFixture: Sendable {
    public var fixture: Fixture
    /// The model's type system, built once: the loader checks the tuples with it and the
    /// in-process backend answers with it. `nil` when the file names no model (only a server
    /// run can use such a file).
    public var typeSystem: TypeSystem?
    /// `tuples`, `tuple_file` and `tuple_files`, in that order.
    public var tuples: [FixtureTuple]
    /// Each test's own tuples (`tuples`, then `tuple_file`), by test index.
    public var testTuples: [[FixtureTuple]]

    public init(fixture: Fixture, typeSystem: TypeSystem?, tuples: [FixtureTuple], testTuples: [[FixtureTuple]]) {
        self.fixture = fixture
        self.typeSystem = typeSystem
        self.tuples = tuples
        self.testTuples = testTuples
    }

    /// The model, accepted by the API's rules.
    public var model: AuthorizationModel? { typeSystem?.model }
}

/// Reads a fixture and the files it references, and checks it the way `fga model test`'s
/// embedded server would before running a single assertion: the model as a model write
/// accepts it, the tuples as a tuple write accepts them.
public struct FixtureLoader: Sendable {
    /// Allow references outside the fixture's folder (`--allow-external-files`).
    public var allowExternalFiles: Bool

    public init(allowExternalFiles: Bool = false) {
        self.allowExternalFiles = allowExternalFiles
    }

    /// Reads and checks the fixture at `path`.
    public func load(path: String) throws(FixtureError) -> LoadedFixture {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FixtureError(SourceLocation(file: path), "cannot read the file: no such file") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw FixtureError(SourceLocation(file: path), "not a regular file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError(SourceLocation(file: path), "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw FixtureError(SourceLocation(file: path), "the file is not UTF-8 text") }
        return try load(text: text, path: path)
    }

    /// Checks the fixture text `text` of the file `path` (references resolve next to `path`).
    public func load(text: String, path: String) throws(FixtureError) -> LoadedFixture {
        let fixture = try FixtureParser.parse(text, path: path)
        let files = ReferencedFiles(fixturePath: path, allowExternal: allowExternalFiles)

        let model = try fixture.model.map { (reference) throws(FixtureError) in try loadModel(reference, fixtureText: text, files: files) }

        var tuples = fixture.tuples
        for reference in fixture.tupleFiles {
            tuples += try TupleFileParser.parse(try files.read(reference), path: files.shownPath(reference.path))
        }
        var testTuples: [[FixtureTuple]] = []
        for test in fixture.tests {
            var own = test.tuples
            if let reference = test.tupleFile {
                own += try TupleFileParser.parse(try files.read(reference), path: files.shownPath(reference.path))
            }
            testTuples.append(own)
        }

        let typeSystem = model.map(TypeSystem.init(model:))
        if let typeSystem {
            var seen: [TupleKey: SourceLocation] = [:]
            for tuple in tuples { try Self.check(tuple, typeSystem: typeSystem, seen: &seen) }
            for (index, own) in testTuples.enumerated() {
                var seenInTest = seen
                for tuple in own { try Self.check(tuple, typeSystem: typeSystem, seen: &seenInTest, test: fixture.tests[index].name) }
            }
        }
        return LoadedFixture(fixture: fixture, typeSystem: typeSystem, tuples: tuples, testTuples: testTuples)
    }

    /// A tuple write's checks: valid under the model, and not written before (fga's
    /// embedded server refuses duplicates in a write and existing tuples).
    static func check(_ tuple: FixtureTuple, typeSystem: TypeSystem, seen: inout [TupleKey: SourceLocation], test: String? = nil) throws(FixtureError) {
        do {
            try typeSystem.validateForWrite(tuple.key)
        } catch {
            throw FixtureError(tuple.location, error.description)
        }
        let key = tuple.key.withoutCondition
        if let first = seen[key] {
            let scope = test.map { " (test '\($0)' adds its tuples to the fixture's)" } ?? ""
            throw FixtureError(tuple.location, "duplicate tuple '\(key)': already written at \(first)\(scope)")
        }
        seen[key] = tuple.location
    }

    // MARK: The model

    func loadModel(_ reference: ModelReference, fixtureText: String, files: ReferencedFiles) throws(FixtureError) -> AuthorizationModel {
        switch reference {
        case .inline(let text, let location):
            let source = ModelSourceFile(name: location.file, text: text)
            do {
                return try source.acceptedModel()
            } catch {
                // Diagnostics count lines from the model text; the text starts at `location`
                // in the fixture, indented as the block scalar is.
                let indent = Self.indentation(ofLine: location.line, in: fixtureText)
                throw Self.fixtureError(error, fallback: location) { range in
                    SourceLocation(file: location.file, line: location.line + range.line, column: indent + range.column + 1)
                }
            }
        case .file(let file):
            let shown = files.shownPath(file.path)
            let text = try files.read(file)
            let source = ModelSourceFile(name: shown, text: text)
            let manifestFolder = (file.path as NSString).deletingLastPathComponent
            var moduleError: FixtureError?
            let readModule = { (module: String) -> String? in
                let path = manifestFolder.isEmpty ? module : (manifestFolder as NSString).appendingPathComponent(module)
                do throws(FixtureError) {
                    return try files.read(FileReference(path: path, location: file.location))
                } catch {
                    moduleError = moduleError ?? error
                    return nil
                }
            }
            do throws(ModelError) {
                return try source.acceptedModel(readModule: readModule)
            } catch {
                if let moduleError { throw moduleError }
                let json = source.inferredFormat == .json ? JSONSourceLocator(text: text) : nil
                throw Self.fixtureError(error, fallback: SourceLocation(file: shown)) { range in
                    let name = range.file.map { module in source.inferredFormat == .mod ? source.shownName(ofModule: module) : shown } ?? shown
                    return SourceLocation(file: name, line: range.line + 1, column: range.column + 1)
                } locateJSON: { path in json?.range(of: path) }
            }
        }
    }

    /// One error for a refused model: the first problem at its place, the others listed
    /// after it, each with its own place.
    static func fixtureError(
        _ error: ModelError, fallback: SourceLocation, place: (SourceRange) -> SourceLocation,
        locateJSON: (String) -> SourceRange? = { _ in nil }
    ) -> FixtureError {
        let located = error.diagnostics.map { diagnostic -> (SourceLocation, String) in
            let range = diagnostic.range ?? diagnostic.path.flatMap(locateJSON)
            return (range.map(place) ?? fallback, diagnostic.message)
        }
        guard let (location, message) = located.first else { return FixtureError(fallback, "the model is refused") }
        let others = located.dropFirst().map { "\n\($0.0): error: \($0.1)" }.joined()
        return FixtureError(location, "the model is refused: \(message)\(others)")
    }

    /// The number of leading spaces on 1-based `line` of `text`.
    static func indentation(ofLine line: Int, in text: String) -> Int {
        guard line > 0 else { return 0 }
        var current = 1
        var count = 0
        for scalar in text.unicodeScalars {
            if current == line {
                if scalar == " " {
                    count += 1
                    continue
                }
                return count
            }
            if scalar == "\n" { current += 1 }
        }
        return count
    }
}
