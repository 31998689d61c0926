public import Foundation

/// A modular model: an `fga.mod` manifest and the module files it names, combined into one
/// model of schema 1.2 the way OpenFGA's tools combine them (`transformModuleFilesToModel`).
///
/// Each file must be a module (`module name`). Types are collected in the manifest's order;
/// `extend type T` adds relations to a `T` that some module defines; conditions are shared.
/// Every type, extending relation and condition records its module and file
/// (``ModuleSource``), so the combined model can be written back with annotations and its
/// diagnostics point into the right file.
///
/// ```swift
/// let modular = ModularModel(modFileAt: URL(fileURLWithPath: "models/fga.mod"))
/// let model = try modular.combined()        // throws ModelError with every problem
/// ```
public struct ModularModel: Sendable {
    /// The module files read, by the path the manifest gives (`team/project.fga`), in
    /// manifest order.
    public let sources: [(file: String, text: String)]
    private var combination: (model: AuthorizationModel, problems: [ModelDiagnostic])

    /// Reads the manifest at `url` and the module files next to it.
    public init(modFileAt url: URL) {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            let range = SourceRange(line: 0, column: 0, length: 0, file: name)
            self.init(problems: [ModelDiagnostic(kind: .invalidModFile, message: "cannot read \(url.path)", range: range)])
            return
        }
        self.init(modFile: text, named: name, directory: url.deletingLastPathComponent())
    }

    private init(
        sources: [(file: String, text: String)] = [],
        model: AuthorizationModel = AuthorizationModel(schemaVersion: "1.2"),
        problems: [ModelDiagnostic]
    ) {
        self.sources = sources
        combination = (model, problems)
    }

    /// Combines manifest `text` (named `name` in diagnostics) with the module files in
    /// `directory`.
    public init(modFile text: String, named name: String = "fga.mod", directory: URL) {
        self.init(modFile: text, named: name) { path in
            FileManager.default.contents(atPath: directory.appendingPathComponent(path).path).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    /// Combines manifest `text` with module texts given by path (no file system).
    public init(modFile text: String, named name: String = "fga.mod", modules: [String: String]) {
        self.init(modFile: text, named: name) { modules[$0] }
    }

    private init(modFile text: String, named name: String, read: (String) -> String?) {
        let manifest: ModFile
        do {
            manifest = try ModFile(text: text, file: name)
        } catch {
            self.init(problems: error.diagnostics)
            return
        }
        var sources: [(file: String, text: String)] = []
        var unreadable: [ModelDiagnostic] = []
        for entry in manifest.contents {
            if let module = read(entry.value) {
                sources.append((entry.value, module))
            } else {
                unreadable.append(
                    ModelDiagnostic(kind: .invalidModule, message: "cannot read module file \(entry.value)", range: entry.range, symbol: entry.value))
            }
        }
        var combiner = ModuleCombiner(schemaVersion: manifest.schema.value)
        for (file, module) in sources { combiner.add(DSLParser.parse(module, file: file)) }
        let (model, problems) = combiner.finish()
        self.init(sources: sources, model: model, problems: unreadable + problems)
    }

    /// The combined model.
    ///
    /// - Throws: ``ModelError`` with the manifest's problems, unreadable or non-module files,
    ///   syntax errors, and conflicts between modules (a type defined twice, a relation an
    ///   extension adds twice, a condition defined twice, an extension of an unknown type).
    ///   Validation is separate: see ``diagnostics(level:limits:)``.
    public func combined() throws(ModelError) -> AuthorizationModel {
        guard combination.problems.isEmpty else { throw ModelError(combination.problems) }
        return combination.model
    }

    /// Everything wrong with the modular model: the combination problems of ``combined()``,
    /// then the validation findings of the combined model at `level` (run even when the
    /// combination had problems, on what could be combined, as OpenFGA's tools do).
    public func diagnostics(level: ModelValidator.Level, limits: ModelLimits = .default) -> [ModelDiagnostic] {
        guard combination.problems.allSatisfy({ $0.kind != .invalidModFile }) else { return combination.problems }
        return combination.problems + ModelValidator.validate(combination.model, level: level, limits: limits)
    }
}

extension AuthorizationModel {
    /// Combines the modules an `fga.mod` manifest names, read from `modules` (path → text).
    ///
    /// - Throws: ``ModelError``, as ``ModularModel/combined()``.
    public init(modFile text: String, modules: [String: String]) throws(ModelError) {
        self = try ModularModel(modFile: text, modules: modules).combined()
    }

    /// The modules a modular model's declarations come from, sorted.
    public var moduleNames: [String] {
        var names: Set<String> = []
        for type in typeDefinitions {
            if let module = type.module?.module { names.insert(module) }
            for relation in type.relations { if let module = relation.module?.module { names.insert(module) } }
        }
        for condition in conditions { if let module = condition.module?.module { names.insert(module) } }
        return names.sorted()
    }
}
