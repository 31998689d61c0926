import TesseraModel

/// Applies tuple writes and deletes inside a write transaction: both indexes, the journal
/// and the change indexes, with OpenFGA's duplicate and missing-tuple rules.
struct TupleMutation {
    let store: UInt32
    let storeID: String
    let options: WriteOptions
    let caller: CallerContext
    let context: WriteContext

    private static let invalidInputSuffix = "tuple to be written already existed or the tuple to be deleted did not exist"

    /// Deletes, then writes (OpenFGA's order; a key cannot be in both).
    func apply(writes: [TupleKey], deletes: [TupleKey]) throws {
        for tuple in deletes { try delete(tuple) }
        for tuple in writes { try write(tuple) }
    }

    func delete(_ tuple: TupleKey) throws {
        let txn = context.txn
        let databases = context.databases
        guard let object = try context.existingID(tuple.object),
            let relation = try context.existingID(tuple.relation),
            let user = try context.existingID(tuple.user),
            let objectType = try context.existingID(String(TupleRules.objectType(of: tuple.object))),
            try txn.delete(databases.tuples, KeyLayout.forward(store: store, object: object, relation: relation, kind: UserKind(user: tuple.user), user: user))
        else {
            guard options.onMissing == .ignore else {
                throw StoreError(
                    .writeFailedDueToInvalidInput,
                    "cannot delete a tuple which does not exist: user: '\(tuple.user)', relation: '\(tuple.relation)', object: '\(tuple.object)': \(Self.invalidInputSuffix)"
                )
            }
            return
        }
        try txn.delete(databases.reverse, KeyLayout.reverse(store: store, user: user, relation: relation, objectType: objectType, object: object))
        try recordChange(.tupleDeleted(tuple.withoutCondition), objectType: objectType)
    }

    func write(_ tuple: TupleKey) throws {
        let txn = context.txn
        let databases = context.databases
        let object = try context.intern(tuple.object)
        let relation = try context.intern(tuple.relation)
        let user = try context.intern(tuple.user)
        let objectType = try context.intern(String(TupleRules.objectType(of: tuple.object)))
        let forwardKey = KeyLayout.forward(store: store, object: object, relation: relation, kind: UserKind(user: tuple.user), user: user)
        let existing = try txn.withValue(databases.tuples, forwardKey) { value in
            try value.map { try TupleValue(decoding: $0) }
        }
        if let existing {
            if existing.condition == tuple.condition, options.onDuplicate == .ignore { return }
            guard options.onDuplicate == .ignore else {
                throw StoreError(
                    .writeFailedDueToInvalidInput,
                    "cannot write a tuple which already exists: user: '\(tuple.user)', relation: '\(tuple.relation)', object: '\(tuple.object)': \(Self.invalidInputSuffix)"
                )
            }
            throw StoreError(
                .conflict,
                "cannot write a tuple which already exists with a different condition: user: '\(tuple.user)', relation: '\(tuple.relation)', object: '\(tuple.object)'"
            )
        }
        let value = TupleValue(timestampMicros: context.timestampMicros, condition: tuple.condition).encoded()
        try txn.put(databases.tuples, forwardKey, value)
        try txn.put(databases.reverse, KeyLayout.reverse(store: store, user: user, relation: relation, objectType: objectType, object: object), value)
        try recordChange(.tupleWritten(tuple), objectType: objectType)
    }

    private func recordChange(_ operation: JournalEntry.Operation, objectType: UInt32) throws {
        let seq = try context.journal(storeID: storeID, caller: caller, operation)
        let txn = context.txn
        try txn.put(context.databases.changes, KeyLayout.change(store: store, revision: context.revision, seq: seq), [])
        try txn.put(
            context.databases.changesByType,
            KeyLayout.change(store: store, objectType: objectType, revision: context.revision, seq: seq),
            []
        )
    }
}
