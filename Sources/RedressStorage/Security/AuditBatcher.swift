import Foundation

/// Group commit for the audit trail. Every page that shows a case writes an audit row before it
/// answers; written one by one, under load those rows were a write each, queued behind one another
/// (SQLite has one writer). Here an entry waits while the batch before it is written, then goes
/// with everything that arrived meanwhile in one statement and one commit. Each `append` still
/// returns only once its own entry is committed, and throws if that write failed, so nothing is
/// answered before its audit row is kept.
///
/// The state is under a lock, so `append` never waits for an actor's turn to join a batch; the
/// writer is a detached task at the caller's priority.
final class AuditBatcher: @unchecked Sendable {
    /// At most this many entries a statement (8 values each, well inside either engine's limits).
    static let batchLimit = 256

    private let lock = NSLock()
    private var pending: [(entry: AuditEntry, done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    func append(_ entry: AuditEntry, to database: Database) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let start = lock.withLock {
                pending.append((entry, done))
                if writing { return false }
                writing = true
                return true
            }
            // Detached: the writer is no part of the caller's unit of work or its cancellation.
            if start { Task.detached(priority: Task.currentPriority) { await self.drain(into: database) } }
        }
    }

    private func nextBatch() -> [(entry: AuditEntry, done: CheckedContinuation<Void, any Error>)] {
        lock.withLock {
            let batch = Array(pending.prefix(Self.batchLimit))
            pending.removeFirst(batch.count)
            if batch.isEmpty { writing = false }
            return batch
        }
    }

    private func drain(into database: Database) async {
        while case let batch = nextBatch(), !batch.isEmpty {
            do {
                try await database.withSQL { sql in try await AuditLog.append(batch.map(\.entry), on: sql) }
                for item in batch { item.done.resume() }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
    }
}
