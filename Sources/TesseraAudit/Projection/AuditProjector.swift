public import Foundation
import Logging
import Synchronization
import TesseraConditions
public import TesseraStore

/// Copies the store's journal into the audit log: every committed mutation becomes one
/// entry per request, in commit order.
///
/// The last projected journal position is stored in the same SQLite transaction as the
/// entries, so after a crash at any point projection resumes exactly where it stopped:
/// nothing acknowledged is missing, nothing appears twice. `run()` polls every
/// `pollInterval` (a journal read of nothing new costs microseconds) and applies retention.
public final class AuditProjector<Store: Datastore>: Sendable {
    private let datastore: Store
    private let log: AuditLog
    private let configuration: AuditConfiguration
    /// The store's revision when it was opened, before any write of this process.
    private let startRevision: UInt64?
    private let rewindChecked = Mutex(false)

    /// - Parameter startRevision: the datastore's revision at open. When the log has
    ///   projected past it, the journal lost commits (an OS crash under relaxed durability)
    ///   and new commits will reuse those revisions: projection continues after it.
    public init(datastore: Store, log: AuditLog, configuration: AuditConfiguration = AuditConfiguration(), startRevision: UInt64? = nil) {
        self.datastore = datastore
        self.log = log
        self.configuration = configuration
        self.startRevision = startRevision
    }

    /// Projects everything committed so far; returns the number of entries appended.
    @discardableResult
    public func catchUp() async throws -> Int {
        let checkRewind = rewindChecked.withLock { checked in
            defer { checked = true }
            return !checked
        }
        let datastore = self.datastore
        let batchSize = max(1, configuration.batchSize)
        let startRevision = checkRewind ? self.startRevision : nil
        return try await log.withWriter { writer in
            var appended = 0
            if let startRevision, let position = writer.position, position.revision > startRevision {
                let record = AuditRecord(
                    time: Date(), kind: .journalRewound,
                    detail: ["projected_revision": .number(Double(position.revision)), "journal_revision": .number(Double(startRevision))])
                try writer.append([record], through: JournalPosition(revision: startRevision, sequence: .max))
                appended += 1
            }
            return appended + (try Self.project(datastore, into: writer, batchSize: batchSize))
        }
    }

    /// On the log's queue: reads the journal after the writer's position and appends it.
    private static func project(_ datastore: Store, into writer: AuditWriter, batchSize: Int) throws -> Int {
        var appended = 0
        var readPosition = writer.position
        var carried: [JournalEntry] = []
        while true {
            let entries = try datastore.readJournal(after: readPosition, limit: batchSize)
            readPosition = entries.last?.position ?? readPosition
            // A commit is visible whole: at the end of the journal the last request is complete;
            // a full batch may have cut it, so it waits for the next read.
            let exhausted = entries.count < batchSize
            var groups = JournalGrouping.groups(carried + entries)
            carried = exhausted ? [] : groups.popLast() ?? []
            if let last = groups.last?.last {
                let records = groups.compactMap(AuditRecord.init(journalGroup:))
                try writer.append(records, through: last.position)
                appended += records.count
            }
            if exhausted { return appended }
        }
    }

    /// Projects and prunes until the task is cancelled, then catches up one last time (the
    /// server stops accepting requests first, so every acknowledged write is in).
    public func run() async {
        if configuration.projectionDelay > .zero {
            try? await Task.sleep(for: configuration.projectionDelay)
        }
        let clock = ContinuousClock()
        var nextPrune = clock.now
        var lastError: String?
        while !Task.isCancelled {
            do {
                try await catchUp()
                if clock.now >= nextPrune {
                    nextPrune = clock.now + configuration.pruneInterval
                    try await prune()
                }
                if lastError != nil { log.logger.notice("audit projection recovered") }
                lastError = nil
            } catch {
                // Once per distinct failure, not every poll.
                let text = "\(error)"
                if text != lastError { log.logger.error("audit projection failed; retrying", metadata: ["error": "\(text)"]) }
                lastError = text
            }
            try? await Task.sleep(for: configuration.pollInterval)
        }
        do {
            try await catchUp()
        } catch {
            log.logger.error("audit projection failed at shutdown; it resumes at the next start", metadata: ["error": "\(error)"])
        }
    }

    /// Applies retention once.
    @discardableResult
    public func prune(now: Date = Date()) async throws -> AuditPruneResult? {
        let retention = configuration.retention.components
        let seconds = Double(retention.seconds) + Double(retention.attoseconds) / 1e18
        return try await log.prune(olderThan: now.addingTimeInterval(-seconds), now: now)
    }
}
