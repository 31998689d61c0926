extension AuthorizationModel {
    /// For each source file of a modular model, the modules its declarations name, in model
    /// order (each type, then its relations, then the conditions). A file may hold one module.
    var modulesByFile: [(file: String, modules: [String])] {
        var order: [String] = []
        var modules: [String: [String]] = [:]
        func note(_ source: ModuleSource?) {
            guard let source, let file = source.file else { return }
            if modules[file] == nil { order.append(file) }
            if !(modules[file] ?? []).contains(source.module) { modules[file, default: []].append(source.module) }
        }
        for type in typeDefinitions {
            note(type.module)
            for relation in type.relations { note(relation.module) }
        }
        for condition in conditions { note(condition.module) }
        return order.map { ($0, modules[$0] ?? []) }
    }
}
