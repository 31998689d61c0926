public import Foundation
public import TesseraModel

/// A model file: its form, judged from its name, and its text. The CLI's model commands,
/// `tessera test` (`model_file`), `tessera model write` and `tessera model diff` all read
/// models through it.
public struct ModelSourceFile: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        /// OpenFGA's DSL (`.fga`).
        case fga
        /// OpenFGA's JSON form.
        case json
        /// An `fga.mod` manifest naming module files.
        case mod
    }

    /// The name as given (`-` is standard input).
    public var name: String
    public var text: String

    /// A model whose text is already in memory (an inline fixture model, a test).
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads `name`, or standard input for `-`.
    public init(reading name: String) throws(ModelSourceError) {
        self.name = name
        let data: Data
        if name == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: name) else {
                throw ModelSourceError("\(name): error: cannot read the file")
            }
            data = contents
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ModelSourceError("\(name): error: the file is not UTF-8 text") }
        self.text = text
    }

    /// `.json` is JSON, `fga.mod` (or any `.mod`) a module manifest, `.fga` DSL; any other
    /// name (standard input included) is JSON when its text starts with `{`, which DSL never
    /// does, and DSL otherwise.
    public var inferredFormat: Format {
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".mod") { return .mod }
        if !name.hasSuffix(".fga"), text.first(where: { !$0.isWhitespace }) == "{" { return .json }
        return .fga
    }

    /// The directory module paths of an `fga.mod` are relative to.
    public var directory: URL {
        URL(fileURLWithPath: name == "-" ? "." : name).deletingLastPathComponent()
    }

    /// How to print the name of a module file the manifest lists: joined to the manifest's
    /// directory as given on the command line.
    public func shownName(ofModule module: String) -> String {
        guard name != "-", let slash = name.lastIndex(of: "/") else { return module }
        return String(name[...slash]) + module
    }

    /// The model, parsed (and for `fga.mod`, combined) but not validated.
    ///
    /// - Parameter readModule: reads a module file named by an `fga.mod` manifest (its path
    ///   relative to the manifest); `nil` reads it from the manifest's directory.
    /// - Throws: ``ModelError`` with the syntax errors.
    public func parsed(readModule: ((String) -> String?)? = nil) throws(ModelError) -> AuthorizationModel {
        switch inferredFormat {
        case .fga:
            return try AuthorizationModel(dsl: text, file: name)
        case .json:
            return try AuthorizationModel(json: Data(text.utf8))
        case .mod:
            if let readModule {
                let manifest = (try? ModFile(text: text, file: name))?.contents.map(\.value) ?? []
                var modules: [String: String] = [:]
                for path in manifest { if let module = readModule(path) { modules[path] = module } }
                return try ModularModel(modFile: text, named: name, modules: modules).combined()
            }
            return try ModularModel(modFile: text, named: name, directory: directory).combined()
        }
    }

    /// The model as a model write accepts it: parsed, then checked with the API's rules
    /// (`ModelValidator` at server level and the conditions' type checks) — not the lint
    /// rules of `model validate`.
    ///
    /// - Throws: ``ModelError`` with every syntax or validation problem.
    public func acceptedModel(readModule: ((String) -> String?)? = nil) throws(ModelError) -> AuthorizationModel {
        let model = try parsed(readModule: readModule)
        try Self.checkAccepted(model)
        return model
    }

    /// Throws the problems a model write would refuse `model` for.
    public static func checkAccepted(_ model: AuthorizationModel) throws(ModelError) {
        let problems = ModelValidator.validate(model, level: .server) + TypeSystem.conditionDiagnostics(for: model)
        guard problems.isEmpty else { throw ModelError(problems) }
    }
}

/// A model file that cannot be read: the message names the file.
public struct ModelSourceError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
