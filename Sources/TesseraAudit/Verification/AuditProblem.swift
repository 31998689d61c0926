/// The first inconsistency `audit verify` found, naming the entry.
public struct AuditProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The entry's content (or its tuples) no longer matches its hash, or it was
        /// re-hashed so that the next entry no longer links to it.
        case edited
        /// The entry is gone (deleted outside retention pruning).
        case missing
        /// The entry sits at another place in the chain than where it was written.
        case reordered
        /// The entry is not part of the chain Tessera wrote (added outside Tessera).
        case unexpected
        /// The pruning anchor does not agree with the log.
        case anchor
    }

    public var sequence: Int64
    public var kind: Kind
    public var message: String

    public init(sequence: Int64, kind: Kind, message: String) {
        self.sequence = sequence
        self.kind = kind
        self.message = message
    }

    public var description: String { "entry \(sequence) \(kind.rawValue): \(message)" }
}
