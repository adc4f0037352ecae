import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@Suite("Storage: the report's commentary")
struct ReportNarrativeStoreTests {
    @Test(
        "saves keep every version; a stale save and all but one of ten saves at once are refused",
        arguments: TestDatabase.engines)
    func versions(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ReportNarrativeStore(database: database)
            let outcomes = try await withTaskGroup(of: Bool.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        do {
                            try await store.save(
                                year: 2025, scope: .all, chapter: "adults", text: "Draft \(i)", quoted: [:],
                                expectedVersion: 0, by: "writer-\(i)")
                            return true
                        } catch DatabaseError.conflict {
                            return false
                        } catch {
                            Issue.record("a save at once failed with \(error), not a conflict")
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "exactly one of ten saves from version 0 wins")
            let first = try #require(try await store.narratives(year: 2025, scope: .all)["adults"])
            #expect(first.version == 1)
            try await store.save(
                year: 2025, scope: .all, chapter: "adults", text: "Adult social care complaints: {closed.adults}.",
                quoted: ["closed.adults": "469"], expectedVersion: 1, by: "manager")
            await #expect(throws: DatabaseError.self) {
                try await store.save(
                    year: 2025, scope: .all, chapter: "adults", text: "An old copy", quoted: [:], expectedVersion: 1,
                    by: "someone")
            }
            let now = try #require(try await store.narratives(year: 2025, scope: .all)["adults"])
            #expect(now.version == 2 && now.quoted == ["closed.adults": "469"] && now.savedBy == "manager")
            let history = try await store.history(year: 2025, scope: .all, chapter: "adults")
            #expect(history.map(\.version) == [2, 1])
            #expect(history.last?.text == first.text)
            #expect(try await store.narratives(year: 2025, scope: .adults).isEmpty, "each scope has its own text")
        }
    }
}
