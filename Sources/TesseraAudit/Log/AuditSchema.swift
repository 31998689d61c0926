/// The SQLite schema of the audit log (`DATA_DIR/audit.sqlite`).
///
/// - `audit_entries`: one row per entry, `seq` from 1 in chain order, the hash chain in
///   `prev_hash`/`hash` (hex SHA-256, see `AuditChain`).
/// - `audit_tuples`: the tuples a `write` entry changed, `(seq, ordinal)`.
/// - `audit_anchor`: one row: the entries up to `through_seq` were pruned (`pruned_count`
///   of them); `hash` is the hash of the last pruned entry, which the chain continues from.
/// - `audit_state`: one row: the chain head (`head_seq`, `head_hash`) and the last store
///   journal position projected (`journal_revision`, `journal_sequence`), updated in the
///   same transaction as the entries, so a crash can neither lose nor repeat an entry.
///
/// Triggers make the tables append-only: entries and tuples are never updated, and deleted
/// only once the anchor covers them (retention pruning moves the anchor first); the anchor
/// and the head only move forward. They guard against accidents; tampering with the
/// triggers themselves is what the hash chain and `tessera audit verify` detect.
enum AuditSchema {
    static let version: Int64 = 1

    /// Run outside a transaction: WAL lets `audit verify` and `audit query` read while the
    /// server writes. `synchronous = NORMAL` can lose the last commits on power loss, never
    /// corrupt the file; lost mutations are projected again from the store's journal.
    static let connectionSettings = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        """

    static let creation = """
        CREATE TABLE IF NOT EXISTS audit_entries (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            store_id TEXT,
            model_id TEXT,
            identity TEXT,
            subject TEXT,
            client_id TEXT,
            issuer TEXT,
            token_sha256 TEXT,
            source_address TEXT,
            request_id TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            revision INTEGER,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_entries_store_at ON audit_entries (store_id, at);
        CREATE INDEX IF NOT EXISTS audit_entries_at ON audit_entries (at);
        CREATE INDEX IF NOT EXISTS audit_entries_subject ON audit_entries (subject);
        CREATE INDEX IF NOT EXISTS audit_entries_client ON audit_entries (client_id);

        CREATE TABLE IF NOT EXISTS audit_tuples (
            seq INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            operation TEXT NOT NULL,
            object TEXT NOT NULL,
            relation TEXT NOT NULL,
            user TEXT NOT NULL,
            condition_name TEXT,
            condition_context TEXT,
            PRIMARY KEY (seq, ordinal)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS audit_tuples_object ON audit_tuples (object);
        CREATE INDEX IF NOT EXISTS audit_tuples_user ON audit_tuples (user);

        CREATE TABLE IF NOT EXISTS audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            through_seq INTEGER NOT NULL,
            pruned_count INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT OR IGNORE INTO audit_anchor (id, through_seq, pruned_count, hash) VALUES (1, 0, 0, '\(AuditChain.genesis)');

        CREATE TABLE IF NOT EXISTS audit_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            head_seq INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            journal_revision INTEGER,
            journal_sequence INTEGER
        );
        INSERT OR IGNORE INTO audit_state (id, head_seq, head_hash) VALUES (1, 0, '\(AuditChain.genesis)');

        CREATE TRIGGER IF NOT EXISTS audit_entries_append_only BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_prune_only BEFORE DELETE ON audit_entries
        WHEN OLD.seq > (SELECT through_seq FROM audit_anchor WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'audit entries are removed only by retention pruning'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_at_head BEFORE INSERT ON audit_entries
        WHEN NEW.seq <= (SELECT head_seq FROM audit_state WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'audit entries are only appended after the head'); END;

        CREATE TRIGGER IF NOT EXISTS audit_tuples_append_only BEFORE UPDATE ON audit_tuples
        BEGIN SELECT RAISE(ABORT, 'audit tuples cannot be changed'); END;
        CREATE TRIGGER IF NOT EXISTS audit_tuples_prune_only BEFORE DELETE ON audit_tuples
        WHEN OLD.seq > (SELECT through_seq FROM audit_anchor WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'audit tuples are removed only by retention pruning'); END;
        CREATE TRIGGER IF NOT EXISTS audit_tuples_with_new_entry BEFORE INSERT ON audit_tuples
        WHEN NEW.seq <= (SELECT head_seq FROM audit_state WHERE id = 1)
            OR NOT EXISTS (SELECT 1 FROM audit_entries WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'audit tuples are only added with their new entry'); END;

        CREATE TRIGGER IF NOT EXISTS audit_anchor_forward BEFORE UPDATE ON audit_anchor
        WHEN NEW.through_seq < OLD.through_seq OR NEW.pruned_count < OLD.pruned_count
        BEGIN SELECT RAISE(ABORT, 'the pruning anchor only moves forward'); END;
        CREATE TRIGGER IF NOT EXISTS audit_anchor_kept BEFORE DELETE ON audit_anchor
        BEGIN SELECT RAISE(ABORT, 'the pruning anchor cannot be removed'); END;
        CREATE TRIGGER IF NOT EXISTS audit_state_forward BEFORE UPDATE ON audit_state
        WHEN NEW.head_seq < OLD.head_seq
        BEGIN SELECT RAISE(ABORT, 'the audit head only moves forward'); END;
        CREATE TRIGGER IF NOT EXISTS audit_state_kept BEFORE DELETE ON audit_state
        BEGIN SELECT RAISE(ABORT, 'the audit state cannot be removed'); END;

        PRAGMA user_version = \(version);
        """

    /// The columns of `audit_entries` in the order `AuditRow` reads them.
    static let entryColumns =
        "seq, at, kind, store_id, model_id, identity, subject, client_id, issuer, token_sha256, source_address, request_id, outcome, reason, revision, detail, prev_hash, hash"

    static let tupleColumns = "seq, ordinal, operation, object, relation, user, condition_name, condition_context"
}
