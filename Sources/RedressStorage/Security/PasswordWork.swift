import Foundation

/// Password hashing, away from Swift's cooperative thread pool.
///
/// A scrypt hash deliberately costs 128 MiB and a noticeable fraction of a second. Run inline, a
/// handful of sign-ins in flight would hold every thread of the cooperative pool (two, on a
/// two-core server) and stall every other request. Here hashes run on a few dedicated threads
/// with a bounded queue: when more arrive than the queue holds, `run` refuses at once with
/// `Busy` (the sign-in page answers 503), so the server never stalls and never queues without
/// limit. Printing a report or letter with Chromium (a child process waited on for up to a
/// minute) uses the same machinery, as `printing`.
public final class PasswordWork: @unchecked Sendable {
    /// More work was asked for than the queue holds; try again shortly.
    public struct Busy: Error, Sendable {
        /// What the server is busy with, for the page that says so: "signing in or changing
        /// passwords", "printing reports and letters".
        public var purpose: String
    }

    /// The server's hashing threads, shared by every request.
    public static let shared = PasswordWork()

    /// The server's printing thread: one Chromium at a time, two more waiting at most.
    public static let printing = PasswordWork(
        workers: 1, queueLimit: 2, purpose: "printing reports and letters", threadName: "redress-printing")

    /// What this pool's work is, in words (`Busy.purpose`).
    public let purpose: String

    /// Threads that hash.
    public let workers: Int
    /// Hashes that may wait for a thread, beyond those running.
    public let queueLimit: Int
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var admitted = 0
    /// Run before each job on its worker thread (tests hold the workers here).
    private let beforeEachJob: (@Sendable () -> Void)?

    public init(
        workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1), queueLimit: Int = 16,
        purpose: String = "signing in or changing passwords", threadName: String = "redress-password",
        beforeEachJob: (@Sendable () -> Void)? = nil
    ) {
        self.purpose = purpose
        self.workers = max(1, workers)
        self.queueLimit = max(0, queueLimit)
        self.beforeEachJob = beforeEachJob
        for i in 0..<self.workers {
            let thread = Thread { [self] in self.loop() }
            thread.name = "\(threadName)-\(i)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// How many hashes are running or waiting now.
    public var inFlight: Int { condition.withLock { admitted } }

    /// Runs `work` on a hashing thread and returns its result, or throws `Busy` at once when
    /// the queue is full.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard admit() else { throw Busy(purpose: purpose) }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            condition.lock()
            jobs.append { [beforeEachJob] in
                beforeEachJob?()
                continuation.resume(with: Result { try work() })
            }
            condition.signal()
            condition.unlock()
        }
    }

    private func admit() -> Bool {
        condition.withLock {
            guard admitted < workers + queueLimit else { return false }
            admitted += 1
            return true
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
            admitted -= 1
            condition.unlock()
        }
    }
}
