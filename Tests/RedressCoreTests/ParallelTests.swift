import RedressCore
import Testing

/// Work shared over the cores must come back whole and in order, whatever the threads did.
@Suite("Parallel: work shared over the cores")
struct ParallelTests {
    struct Refused: Error, Equatable { let index: Int }

    @Test("answers come back in the order asked for, each computed once")
    func inOrder() {
        let ran = Parallel.Counter()
        // Uneven work, so later pieces often finish before earlier ones.
        let answers = Parallel.map(500) { index -> (Int, Int) in
            _ = ran.increment()
            let spin = (0..<((500 - index) * 50)).reduce(0) { $0 &+ $1 }
            return (index * 2, spin)
        }
        #expect(answers.map(\.0) == (0..<500).map { $0 * 2 })
        #expect(ran.increment() == 501)
    }

    @Test("the first failure by position is thrown, after every piece has run")
    func failure() {
        let ran = Parallel.Counter()
        #expect(throws: Refused(index: 3)) {
            _ = try Parallel.map(40) { (index: Int) throws -> Int in
                _ = ran.increment()
                if index == 3 || index == 17 { throw Refused(index: index) }
                return index
            }
        }
        #expect(ran.increment() == 41)
    }

    @Test(
        "runs of neighbours cover every item once, in order, at sizes around the run boundaries",
        arguments: [0, 1, 9, 10, 11, 19, 20, 21, 99, 1_001])
    func chunks(count: Int) throws {
        let items = Array(0..<count)
        let runs = Parallel.Counter()
        let out = try Parallel.chunked(items, atLeast: 10) { run -> [String] in
            _ = runs.increment()
            return run.map { "item \($0)" }
        }
        #expect(out == items.map { "item \($0)" })
        // One run below twice the minimum; never more runs than cores.
        let used = runs.increment() - 1
        #expect(used == max(1, min(Parallel.width, count / 10)))
    }

    @Test("a counter counts every increment made from many threads at once, each number once")
    func counter() {
        let counter = Parallel.Counter()
        let seen = Parallel.map(2_000) { _ in counter.increment() }
        #expect(Set(seen) == Set(1...2_000))
    }
}
