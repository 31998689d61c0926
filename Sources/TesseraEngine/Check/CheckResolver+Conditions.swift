import TesseraModel

extension CheckResolver {
    /// Whether a tuple's condition holds in this request: allowed for an unconditional
    /// tuple, otherwise the condition evaluated over the request context overlaid by the
    /// tuple's stored context.
    func conditionHolds(_ tuple: TupleKey) -> CheckDecision {
        guard tuple.condition != nil else { return .allowed }
        return .failed(EngineError(.validationError, "condition evaluation is not wired yet"))
    }
}
