import TesseraStore

/// Splits journal entries into requests: one audit entry per write request. The entries of
/// one request share revision, request index, store and caller (group commit puts several
/// requests in one revision); tuple changes of a request form one group, every other
/// mutation is a group of its own.
enum JournalGrouping {
    static func groups(_ entries: [JournalEntry]) -> [[JournalEntry]] {
        var groups: [[JournalEntry]] = []
        for entry in entries {
            if let last = groups.last?.last, sameRequest(last, entry), isTupleChange(last), isTupleChange(entry) {
                groups[groups.count - 1].append(entry)
            } else {
                groups.append([entry])
            }
        }
        return groups
    }

    static func sameRequest(_ a: JournalEntry, _ b: JournalEntry) -> Bool {
        a.position.revision == b.position.revision && a.request == b.request && a.storeID == b.storeID && a.caller == b.caller
    }

    static func isTupleChange(_ entry: JournalEntry) -> Bool {
        switch entry.operation {
        case .tupleWritten, .tupleDeleted: true
        default: false
        }
    }
}
