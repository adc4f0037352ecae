import Dispatch
import Foundation
import RedressCore
import SQLKit

/// Cases decoded while their statement is still producing rows. A report's read was two steps
/// one after the other: every row fetched on one thread (SQLite stepping, or PostgreSQL's rows
/// arriving), then the documents decoded on every core. Here each batch of whole cases is handed
/// to a decoding thread as soon as its last row has arrived, so fetching and decoding overlap.
/// The answer is the same cases in the same order as decoding them afterwards: batches are put
/// back in the order their rows came, and a case's rows (one per stage) are never split.
///
/// Rows come one at a time (`add`, from whichever thread runs the statement); `finish` is called
/// once, after the statement has ended. A read of fewer rows than one batch (a case page, a work
/// queue) is decoded on the calling thread, with no thread hop.
final class CaseRowPipeline: @unchecked Sendable {
    typealias Decode = @Sendable (_ rows: [any SQLRow], _ runs: [Range<Int>]) throws -> [Representation]

    private let lock = NSLock()
    private let group = DispatchGroup()
    private let batchRows: Int
    private let decode: Decode
    // Everything below is behind `lock`.
    private var rows: [any SQLRow] = []
    private var runs: [Range<Int>] = []
    private var runStart = 0
    private var lastID: String?
    private var batches: [Result<[Representation], any Error>?] = []
    private var failure: (any Error)?

    /// `batchRows`: rows gathered before a batch is decoded on another thread (whole cases only).
    init(batchRows: Int = 1_000, decode: @escaping Decode) {
        self.batchRows = batchRows
        self.decode = decode
    }

    /// One more row of the statement, in its order.
    func add(_ row: any SQLRow) {
        let id: String
        do { id = try row.decode(column: "id", as: String.self) } catch {
            lock.withLock { if failure == nil { failure = error } }
            return
        }
        lock.withLock {
            guard failure == nil else { return }
            if id != lastID, lastID != nil {
                runs.append(runStart..<rows.count)
                runStart = rows.count
                if rows.count >= batchRows { submitLocked() }
            }
            rows.append(row)
            lastID = id
        }
    }

    /// The cases of every row added, in order, once every batch is decoded; the first error of a
    /// row or a batch, in the rows' order, is thrown.
    func finish() async throws -> [Representation] {
        let (last, lastRuns, submitted): ([any SQLRow], [Range<Int>], Int) = lock.withLock {
            if !rows.isEmpty { runs.append(runStart..<rows.count) }
            return (rows, runs, batches.count)
        }
        if submitted > 0 {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                group.notify(queue: .global()) { done.resume() }
            }
        }
        if let failure = lock.withLock({ failure }) { throw failure }
        var cases: [Representation] = []
        for batch in lock.withLock({ batches }) {
            guard let batch else { preconditionFailure("every batch submitted has finished") }
            cases += try batch.get()
        }
        return cases + (last.isEmpty ? [] : try decode(last, lastRuns))
    }

    /// Hands the rows gathered so far (whole cases) to a decoding thread. Called holding `lock`.
    private func submitLocked() {
        let (batch, batchRuns, index) = (rows, runs, batches.count)
        rows = []
        runs = []
        runStart = 0
        batches.append(nil)
        group.enter()
        DispatchQueue.global().async { [self] in
            let result = Result { try decode(batch, batchRuns) }
            lock.withLock { batches[index] = result }
            group.leave()
        }
    }
}
