/// Lint: in a modular model each source file holds one module, or the model cannot be written
/// back as module files (OpenFGA's `multiple-modules-in-file`).
struct ModuleRule: ModelRule {
    func check(_ context: ValidationContext) -> [ModelDiagnostic] {
        context.model.modulesByFile.filter { $0.modules.count > 1 }.map { file, modules in
            context.diagnostic(
                .multipleModulesInFile,
                "file \(file) would contain multiple module definitions (\(modules.joined(separator: ", "))) when transforming to DSL. "
                    + "Only one module can be defined per file.",
                range: nil, path: "type_definitions", symbol: file)
        }
    }
}
