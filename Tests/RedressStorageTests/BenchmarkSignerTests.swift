import Foundation
import RedressCore
import RedressTestSupport
import Testing

@testable import RedressStorage

@Suite("Storage: benchmark files signed with the council's key")
struct BenchmarkSignerTests {
    @Test(
        "the council's key is made once and signs its files; a changed file no longer checks",
        arguments: TestDatabase.engines)
    func signing(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let file = BenchmarkFile(
                council: "Anyshire County Council", year: 2025, residents: 1_000_000, children: 200_000,
                figures: [.count("adults.received", "Adults' complaints", 400, basis: .receivedInPeriod)])
            let signer = BenchmarkSigner(database: database)
            let (first, second) = try await (signer.sign(file), signer.sign(file))
            #expect(first.publicKey == second.publicKey, "one key for the council")
            #expect(BenchmarkSigner.check(first).contains("signature checked"))
            var changed = first
            changed.figures[0] = .count("adults.received", "Adults' complaints", 300, basis: .receivedInPeriod)
            #expect(BenchmarkSigner.check(changed).contains("the file was changed after it was signed"))
            #expect(BenchmarkSigner.check(file) == "Anyshire County Council: not signed")
            let other = try BenchmarkSigner.signedWithNewKey(file)
            #expect(other.publicKey != first.publicKey && BenchmarkSigner.check(other).contains("signature checked"))
        }
    }
}
