/// The size limits a model must keep, OpenFGA's by default (`openfga-api.md` §3: server flags
/// and the API's validation rules).
public struct ModelLimits: Sendable, Hashable {
    /// Type definitions per model (`--max-types-per-authorization-model`).
    public var maxTypes: Int
    /// Bytes of the model's protobuf encoding (`--max-authorization-model-size-in-bytes`).
    public var maxSizeBytes: Int
    /// Conditions per model (API rule).
    public var maxConditions: Int
    /// Parameters per condition (API rule).
    public var maxConditionParameters: Int
    /// UTF-8 bytes of one condition expression (API rule).
    public var maxExpressionBytes: Int

    /// Limits with OpenFGA's defaults for every value not given.
    public init(
        maxTypes: Int = 100,
        maxSizeBytes: Int = 256 * 1024,
        maxConditions: Int = 25,
        maxConditionParameters: Int = 25,
        maxExpressionBytes: Int = 512
    ) {
        self.maxTypes = maxTypes
        self.maxSizeBytes = maxSizeBytes
        self.maxConditions = maxConditions
        self.maxConditionParameters = maxConditionParameters
        self.maxExpressionBytes = maxExpressionBytes
    }

    /// OpenFGA's defaults: 100 types, 256 KiB, 25 conditions, 25 parameters, 512-byte expressions.
    public static let `default` = ModelLimits()
}
