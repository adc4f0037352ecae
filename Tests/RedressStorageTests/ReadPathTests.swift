import Foundation
import RedressCore
@testable import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

/// The read path added for speed must never show a stale case or stale configuration.
@Suite("Storage: cached reads, read-only connections and the configuration stamp")
struct ReadPathTests {
    let lifecycle = Lifecycle(
        procedure: BuiltInProcedures.childrenStatutory, calendar: .englandAndWales, today: day("2023-12-01"))

    func record(_ store: RepresentationStore, on received: String) async throws -> Representation {
        try await store.record(
            NewComplaint(
                serviceArea: .childrensSocialCare, procedure: BuiltInProcedures.childrenStatutory,
                receivedOn: day(received),
                methodOfReceipt: "email", complainant: Complainant(relationship: "parent"),
                serviceCategory: "child-in-need", summary: "s"),
            engine: ClockEngine(calendar: .englandAndWales))
    }

    @Test(
        "a cached case is replaced as soon as a step, a restriction or a purge changes its version",
        arguments: TestDatabase.engines)
    func cacheFollowsVersions(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let first = try await record(store, on: "2022-06-01"), second = try await record(store, on: "2022-06-02")
            #expect(try await store.openComplaints().map(\.version) == [1, 1])
            #expect(await database.representationCache.count == 2)
            let stepped = try await store.apply(
                .respond(on: day("2022-06-10"), outcome: "upheld"), to: first.id, expectedVersion: 1,
                lifecycle: lifecycle, recordedBy: "t")
            // The work queue no longer lists the closed case; the all-cases read shows its new stage.
            #expect(try await store.openComplaints().map(\.id) == [second.id])
            let all = try await store.all()
            #expect(all.map(\.id) == [first.id, second.id])
            #expect(all[0] == stepped && all[0].stages[0].outcome == "upheld")
            let restricted = try await store.restrict(
                second.id, to: ["someone"], expectedVersion: 1,
                audit: AuditEntry(userID: nil, username: "t", action: .restrictedCase))
            #expect(try await store.representation(id: second.id)?.restrictedTo == ["someone"])
            #expect(try await store.all()[1] == restricted)
        }
    }

    @Test(
        "reads on the read-only connections see every committed write, and cannot write",
        arguments: TestDatabase.engines)
    func readersSeeCommits(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            for i in 1...5 { _ = try await record(store, on: "2022-06-0\(i)") }
            // Many reads at once, interleaved with a write: each sees a whole number of cases.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 { group.addTask { try await store.all().count } }
                group.addTask {
                    _ = try await record(store, on: "2022-06-09"); return 6
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(counts.allSatisfy { $0 == 5 || $0 == 6 })
            #expect(try await store.count() == 6)
            if engine == .sqlite {
                await #expect(throws: (any Error).self) {
                    try await database.read { sql in try await sql.raw("DELETE FROM representation").run() }
                }
                #expect(try await store.count() == 6)
            }
        }
    }

    @Test(
        """
        every configuration change moves the stamp, so cached code lists, procedures, calendars, people and \
        settings reload
        """,
        arguments: TestDatabase.engines)
    func stampMoves(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            var seen: Set<String> = [try await ConfigurationStamp.current(in: database)]
            func changed() async throws -> Bool {
                seen.insert(try await ConfigurationStamp.current(in: database)).inserted
            }
            try await ReferenceStore(database: database).add(
                Category(list: .method, code: "carrier-pigeon", label: "Carrier pigeon"))
            #expect(try await changed())
            try await ReferenceStore(database: database).retire(list: .method, code: "carrier-pigeon", group: nil)
            #expect(try await changed())
            try await ProcedureStore(database: database).save(BuiltInProcedures.adultsStatutory)
            #expect(try await changed())
            let feed = BankHolidayFeed(events: [
                .englandAndWales: [BankHoliday(date: day("2031-06-02"), title: "Extra")]
            ])
            try await CalendarStore(database: database).importFeed(feed, today: day("2026-12-01"))
            #expect(try await changed())
            try await PeopleStore(database: database).save([
                Person(id: "io-9", name: "Ivy Officer", roles: [.investigatingOfficer], isCouncilOfficerOrMember: false)
            ])
            #expect(try await changed())
            try await SettingsStore(database: database).save(SettingsStore.councilNameKey, "Anytown")
            #expect(try await changed())
            _ = try await RepresentationStore(database: database).all()
            #expect(try await !changed())  // reading and casework do not move it
        }
    }

    @Test(
        "the work queue's stamp moves when a case joins, changes on or leaves the queue, and only then",
        arguments: TestDatabase.engines)
    func workQueueStamp(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let empty = try await store.workQueueStamp()
            let first = try await record(store, on: "2022-06-01")
            let one = try await store.workQueueStamp()
            #expect(one != empty)
            let second = try await record(store, on: "2022-06-02")
            let two = try await store.workQueueStamp()
            #expect(![empty, one].contains(two))
            // A compliment is closed on receipt: never on the queue, so the stamp stays.
            var compliment = second
            (compliment.id, compliment.reference, compliment.kind, compliment.stages) = (
                "c-1", "CMP-1", .compliment, []
            )
            try await store.insertAll([compliment])
            #expect(try await store.workQueueStamp() == two)
            _ = try await store.restrict(
                second.id, to: ["someone"], expectedVersion: 1,
                audit: AuditEntry(userID: nil, username: "t", action: .restrictedCase))
            let restricted = try await store.workQueueStamp()
            #expect(![empty, one, two].contains(restricted))
            // Readings taken while the first case closes are the stamp before or after, nothing else.
            let readings = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<12 { group.addTask { try await store.workQueueStamp() } }
                group.addTask {
                    _ = try await store.apply(
                        .respond(on: day("2022-06-10"), outcome: "upheld"), to: first.id, expectedVersion: 1,
                        lifecycle: lifecycle, recordedBy: "t")
                    return restricted
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let closed = try await store.workQueueStamp()
            #expect(![empty, one, two, restricted].contains(closed))
            #expect(readings.allSatisfy { $0 == restricted || $0 == closed })
            // One case left and another joined: as many cases as before and the same sum of
            // versions (2 + 1), but not the same cases.
            _ = try await record(store, on: "2022-06-03")
            #expect(![empty, one, two, restricted, closed].contains(try await store.workQueueStamp()))
        }
    }

    @Test("stored times are UTC seconds in the ISO 8601 form a formatter gives")
    func timestamps() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        for seconds in [0, 59, 86_399, 86_400, 951_782_400, 1_700_000_000, 1_795_000_123, -1, -86_401] {
            #expect(
                Timestamp.text(unixSeconds: seconds)
                    == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }
}
