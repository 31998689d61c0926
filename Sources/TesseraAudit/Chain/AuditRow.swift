import Foundation
import TesseraConditions
import TesseraModel

/// An entry exactly as its columns hold it: what is hashed when it is appended and
/// re-hashed when it is verified, so the hash covers the stored text, never a re-encoding.
struct AuditRow: Sendable, Hashable {
    struct Tuple: Sendable, Hashable {
        var operation: String
        var object: String
        var relation: String
        var user: String
        var conditionName: String?
        /// Canonical JSON text of the condition context.
        var conditionContext: String?
    }

    var sequence: Int64
    var microseconds: Int64
    var kind: String
    var storeID: String?
    var modelID: String?
    var identity: String?
    var subject: String?
    var clientID: String?
    var issuer: String?
    var tokenSHA256: String?
    var sourceAddress: String?
    var requestID: String?
    var outcome: String
    var reason: String?
    var revision: Int64?
    /// Canonical JSON text of the detail object; nil when it is empty.
    var detail: String?
    var previousHash: String
    var hash: String
    var tuples: [Tuple]

    /// The entry this row holds; a value Tessera never writes (a row edited outside it)
    /// is an error that points at `audit verify`.
    func entry() throws(AuditLogError) -> AuditEntry {
        guard let kind = AuditEventKind(rawValue: kind), let outcome = AuditOutcome(rawValue: outcome) else {
            throw .corrupt("entry \(sequence) has a kind or outcome Tessera does not write")
        }
        var changes: [AuditTupleChange] = []
        for row in tuples {
            guard let operation = AuditTupleChange.Operation(rawValue: row.operation) else {
                throw .corrupt("entry \(sequence) has a tuple operation Tessera does not write")
            }
            var condition: RelationshipCondition?
            if let name = row.conditionName {
                condition = RelationshipCondition(name: name, context: try Self.jsonObject(row.conditionContext, sequence: sequence))
            }
            changes.append(AuditTupleChange(operation, TupleKey(object: row.object, relation: row.relation, user: row.user, condition: condition)))
        }
        var record = AuditRecord(
            time: Date(timeIntervalSince1970: 0),
            kind: kind,
            storeID: storeID,
            modelID: modelID,
            caller: AuditCaller(
                identity: identity, subject: subject, clientID: clientID, issuer: issuer, tokenSHA256: tokenSHA256,
                sourceAddress: sourceAddress),
            requestID: requestID,
            outcome: outcome,
            reason: reason,
            revision: revision.map { UInt64(truncatingIfNeeded: $0) },
            detail: try Self.jsonObject(detail, sequence: sequence),
            tuples: changes
        )
        record.microseconds = microseconds
        return AuditEntry(sequence: sequence, record: record, previousHash: previousHash, hash: hash)
    }

    private static func jsonObject(_ text: String?, sequence: Int64) throws(AuditLogError) -> JSONObject {
        guard let text else { return [:] }
        guard let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.objectValue else {
            throw .corrupt("entry \(sequence) holds JSON that is not an object")
        }
        return object
    }
}

// In an extension, so the struct keeps its memberwise initializer (rows read back from the
// database).
extension AuditRow {
    /// The row for `record` at `sequence` after `previousHash`, hash included.
    init(record: AuditRecord, sequence: Int64, previousHash: String) {
        self.sequence = sequence
        microseconds = record.microseconds
        kind = record.kind.rawValue
        storeID = record.storeID
        modelID = record.modelID
        identity = record.caller.identity
        subject = record.caller.subject
        clientID = record.caller.clientID
        issuer = record.caller.issuer
        tokenSHA256 = record.caller.tokenSHA256
        sourceAddress = record.caller.sourceAddress
        requestID = record.requestID
        outcome = record.outcome.rawValue
        reason = record.reason
        revision = record.revision.map { Int64(truncatingIfNeeded: $0) }
        detail = record.detail.isEmpty ? nil : JSONValue.object(record.detail).canonicalText
        self.previousHash = previousHash
        hash = ""
        tuples = record.tuples.map { change in
            Tuple(
                operation: change.operation.rawValue,
                object: change.tuple.object,
                relation: change.tuple.relation,
                user: change.tuple.user,
                conditionName: change.tuple.condition?.name,
                conditionContext: change.tuple.condition.map { JSONValue.object($0.context).canonicalText }
            )
        }
        hash = AuditChain.hash(of: self)
    }
}
