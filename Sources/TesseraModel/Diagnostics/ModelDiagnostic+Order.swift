extension ModelDiagnostic {
    /// `diagnostics` with DSL ranges ordered by file, line and column, then those without a
    /// range in the order they came; equal positions keep their order.
    static func inSourceOrder(_ diagnostics: [ModelDiagnostic]) -> [ModelDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            switch (lhs.element.range, rhs.element.range) {
            case (let left?, let right?):
                return (left.file ?? "", left.line, left.column, lhs.offset) < (right.file ?? "", right.line, right.column, rhs.offset)
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
