import Dispatch
import Foundation

/// Pure work over many records spread across the machine's cores. A report decodes and counts
/// tens of thousands of cases; done one after another it used one core of two. The answers come
/// back in the order asked for, so what is built from them is the same however the work was
/// shared out (the reports are compared byte for byte in the tests and benchmarks).
public enum Parallel {
    /// How many pieces of work run at once: the machine's active cores.
    public static var width: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body(0)`, …, `body(count - 1)`, run on up to `width` threads, returned in that order.
    /// The first error thrown (by index) is rethrown once every piece has finished.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 1, width > 1 else { return try (0..<count).map(body) }
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try body(index) })
        }
        return try results.values()
    }

    /// `map` for work that cannot fail.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        // The throwing form only rethrows what `body` throws, and this `body` throws nothing.
        try! map(count) { (index: Int) throws -> T in body(index) }
    }

    /// Counts pieces of work as they finish (for "3 of 16 done" messages), from any thread.
    public final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        public init() {}
        /// One more finished; the count so far.
        public func increment() -> Int {
            lock.withLock {
                count += 1; return count
            }
        }
    }

    /// `items` cut into at most `width` runs of neighbours, each run given to `body` on its own
    /// thread; the runs' answers joined in the items' order. For a few thousand items or fewer it
    /// is one run on the calling thread, where starting threads would cost more than it saves.
    public static func chunked<Item: Sendable, T: Sendable>(
        _ items: [Item], atLeast minimum: Int = 2_000, _ body: @Sendable (ArraySlice<Item>) throws -> [T]
    ) throws -> [T] {
        let pieces = min(width, items.count / max(1, minimum))
        guard pieces > 1 else { return try body(items[...]) }
        let size = (items.count + pieces - 1) / pieces
        let runs = try map(pieces) { piece in
            try body(items[(piece * size)..<min(items.count, (piece + 1) * size)])
        }
        return runs.flatMap { $0 }
    }

    /// Answers written from several threads, each to its own place, behind one lock.
    private final class Results<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<T, any Error>?]

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<T, any Error>) { lock.withLock { slots[index] = result } }

        func values() throws -> [T] {
            try lock.withLock { slots }.map { slot in
                guard let slot else { preconditionFailure("concurrentPerform ran every index") }
                return try slot.get()
            }
        }
    }
}
