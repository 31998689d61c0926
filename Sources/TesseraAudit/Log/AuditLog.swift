import Dispatch
public import Foundation
public import Logging
import Synchronization
import TesseraConditions
public import TesseraStore

/// The audit log of a data directory (`DATA_DIR/audit.sqlite`), open for writing.
///
/// All writing happens on one serial queue, off Swift's cooperative threads: entries
/// projected from the store's journal (`AuditProjector`) and records handed in directly
/// (refusals and check decisions, through `record(_:)`) join one linear hash chain. Direct
/// records are buffered — `record(_:)` never waits on disk — and written within
/// milliseconds; when more than `bufferCapacity` are waiting, the surplus is counted and
/// recorded as one `dropped` entry instead.
public final class AuditLog: Sendable {
    /// The file name inside the data directory.
    public static let fileName = "audit.sqlite"

    public let path: String
    private let queue = DispatchQueue(label: "tessera.audit.writer")
    private let writer: WriterBox
    private let pending: Mutex<Pending>
    private let bufferCapacity: Int
    let logger: Logger

    private struct Pending {
        var records: [AuditRecord] = []
        var dropped = 0
        var flushScheduled = false
    }

    /// Opens (creating if needed) the audit log at `path`.
    public init(path: String, bufferCapacity: Int = 10_000, logger: Logger = Logger(label: "tessera.audit")) throws(AuditLogError) {
        self.path = path
        self.bufferCapacity = max(1, bufferCapacity)
        self.logger = logger
        writer = WriterBox(try AuditWriter(path: path))
        pending = Mutex(Pending())
    }

    /// The audit log file of a data directory.
    public static func path(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path
    }

    /// Appends `record` soon, without waiting (refusals and decisions, from request paths).
    public func record(_ record: AuditRecord) {
        let schedule = pending.withLock { state -> Bool in
            guard state.records.count < bufferCapacity else {
                state.dropped += 1
                return false
            }
            state.records.append(record)
            guard !state.flushScheduled else { return false }
            state.flushScheduled = true
            return true
        }
        if schedule { queue.async { [self] in writeBuffered() } }
    }

    /// Writes the buffered records now.
    public func flush() async throws {
        try await withWriter { _ in }
    }

    /// Runs `body` with the writer on the log's queue, after writing the buffered records.
    func withWriter<T: Sendable>(_ body: @escaping @Sendable (AuditWriter) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [self] in
                writeBuffered()
                guard let writer = writer.writer else {
                    continuation.resume(throwing: AuditLogError.closed)
                    return
                }
                continuation.resume(with: Result { try body(writer) })
            }
        }
    }

    /// The last journal position projected into the log; nil when none yet.
    public func projectedPosition() async throws -> JournalPosition? {
        try await withWriter { $0.position }
    }

    /// Removes the entries older than `cutoff` (see `AuditWriter.prune`).
    @discardableResult
    public func prune(olderThan cutoff: Date, now: Date = Date()) async throws -> AuditPruneResult? {
        let micros = AuditTime.microseconds(cutoff)
        return try await withWriter { try $0.prune(before: micros, now: now) }
    }

    /// Writes what is buffered and closes the file; later records are dropped.
    public func close() {
        queue.sync {
            writeBuffered()
            writer.writer = nil
        }
    }

    /// On the queue: writes the buffered records (and a `dropped` entry for any surplus) in
    /// one transaction. On failure they stay buffered for the next attempt.
    private func writeBuffered() {
        let (records, dropped) = pending.withLock { state in
            defer {
                state.records = []
                state.dropped = 0
                state.flushScheduled = false
            }
            return (state.records, state.dropped)
        }
        guard !records.isEmpty || dropped > 0, let writer = writer.writer else { return }
        var batch = records
        if dropped > 0 {
            batch.append(AuditRecord(time: Date(), kind: .dropped, detail: ["count": .number(Double(dropped))]))
        }
        do {
            try writer.append(batch)
        } catch {
            logger.error("audit log write failed; will retry", metadata: ["error": "\(error)", "records": "\(records.count)"])
            pending.withLock { state in
                state.records = records + state.records
                state.dropped += dropped
            }
        }
    }
}

/// The writer, reachable only on the log's queue (which is what makes this safe).
private final class WriterBox: @unchecked Sendable {
    var writer: AuditWriter?

    init(_ writer: AuditWriter) {
        self.writer = writer
    }
}
