import TesseraConditions
import TesseraStore

extension AuditRecord {
    /// The audit record of one request's journal entries (see `JournalGrouping`); nil for
    /// an empty group.
    init?(journalGroup entries: [JournalEntry]) {
        guard let first = entries.first else { return nil }
        let context = first.caller
        var kind = AuditEventKind.write
        var modelID = context.modelID
        var detail: JSONObject = [:]
        var tuples: [AuditTupleChange] = []
        switch first.operation {
        case .tupleWritten, .tupleDeleted:
            for entry in entries {
                switch entry.operation {
                case .tupleWritten(let key): tuples.append(AuditTupleChange(.write, key))
                case .tupleDeleted(let key): tuples.append(AuditTupleChange(.delete, key))
                default: break
                }
            }
        case .storeCreated(let name):
            kind = .createStore
            detail["name"] = .string(name)
        case .storeDeleted:
            kind = .deleteStore
        case .modelWritten(let id):
            kind = .writeModel
            modelID = id
        case .assertionsWritten(let id):
            kind = .writeAssertions
            modelID = id
        }
        self.init(
            time: first.timestamp,
            kind: kind,
            storeID: first.storeID,
            modelID: modelID,
            caller: AuditCaller(context),
            requestID: context.requestID.isEmpty ? nil : context.requestID,
            outcome: .success,
            revision: first.position.revision,
            detail: detail,
            tuples: tuples)
    }
}
