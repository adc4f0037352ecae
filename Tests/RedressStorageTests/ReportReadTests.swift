import Foundation
import RedressCore
@testable import RedressStorage
import RedressTestSupport
import Testing

@Suite("Counting: what a year's report reads")
struct ReportReadTests {
    @Test(
        "a complaint received before the comparison years and withdrawn in the year is counted as closed in it",
        arguments: TestDatabase.engines)
    func withdrawnLongAfter(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            let old = try await store.record(
                NewComplaint(
                    serviceArea: .adultSocialCare, procedure: BuiltInProcedures.defaultProcedure(for: .adultSocialCare),
                    receivedOn: CalendarDate(iso: "2019-05-01")!, methodOfReceipt: "email",
                    complainant: Complainant(relationship: "self", name: "Old Case"), serviceCategory: "assessment",
                    summary: "s"),
                engine: ClockEngine(calendar: .englandAndWales))
            let withdrawnOn = CalendarDate(iso: "2024-06-03")!
            _ = try await store.apply(
                .withdraw(on: withdrawnOn), to: old.id, expectedVersion: 1,
                lifecycle: Lifecycle(
                    procedure: BuiltInProcedures.defaultProcedure(for: .adultSocialCare), calendar: .englandAndWales,
                    today: withdrawnOn),
                recordedBy: "officer")
            let year = FinancialYear(startYear: 2024)
            let read = try await store.representations(relevantTo: year.firstDay, year.lastDay)
            #expect(read.map(\.id) == [old.id])
            let report = try await ReportSource(database: database).annual(year: year, scope: .adults)
            let closed = report.figures.first { $0.id == "closed.\(old.procedureID ?? "")" }
            #expect(closed?.value == 1, "closed in 2024/25")
        }
    }
}

extension ReportReadTests {
    @Test(
        "a stored complaint with no service, method or relationship reads back and is counted 'Not recorded'",
        arguments: TestDatabase.engines)
    func emptyCodesStored(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let received = CalendarDate(iso: "2024-05-07")!
            var r = Representation(
                id: "empty-1", reference: "ASC-2024-09999", kind: .complaint, serviceArea: .adultSocialCare,
                procedureID: BuiltInProcedures.defaultProcedure(for: .adultSocialCare).id, receivedOn: received,
                methodOfReceipt: "", complainant: Complainant(relationship: ""), serviceCategory: "", summary: "s")
            r.stages = [Stage(key: "response", openedOn: received, milestones: [.requested: received])]
            try await RepresentationStore(database: database).insertAll([r])
            let report = try await ReportSource(database: database).annual(
                year: FinancialYear(startYear: 2024), scope: .adults)
            for table in ["service.adults", "method.adults", "relationship.adults"] {
                #expect(!report.figures.contains { $0.id == "\(table):retired" }, "\(table): no retired codes")
                #expect(report.figures.first { $0.id == "\(table):uncoded" }?.value == 1, "\(table): not recorded")
            }
        }
    }
}

@Suite("Upgrading a database an older Redress left")
struct UpgradeTests {
    @Test(
        "a database at schema 6 (before the search index), holding cases, upgrades to the newest and finds them",
        arguments: TestDatabase.engines)
    func fromSchemaSix(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine, schemaVersion: 6) { database in
            var old = Representation(
                id: "old-1", reference: "ASC-2019-00001", kind: .complaint, serviceArea: .adultSocialCare,
                procedureID: BuiltInProcedures.defaultProcedure(for: .adultSocialCare).id,
                receivedOn: CalendarDate(iso: "2019-05-01")!, methodOfReceipt: "email",
                complainant: Complainant(relationship: "self", name: "Orla Oldcase"), serviceCategory: "assessment",
                summary: "Home care visits missed")
            old.stages = [
                Stage(
                    key: "response", openedOn: old.receivedOn,
                    milestones: [.requested: old.receivedOn, .responded: CalendarDate(iso: "2019-06-03")!],
                    outcome: "upheld")
            ]
            // The row as schema 6 had it: no owner, merge or closing columns yet.
            let r = old
            let detail = String(decoding: try JSONEncoder().encode(r.records), as: UTF8.self)
            try await database.transaction { sql in
                try await sql.raw(
                    """
                    INSERT INTO representation (id, reference, kind, service_area, procedure_id, received_on, method, \
                    relationship, is_child, advocate, service_category, summary, is_open, has_follow_up, detail, \
                    version, created_at, updated_at, complainant_name, complainant_contact, subject_name, \
                    restricted_to, purged_on) VALUES (\(bind: r.id), \(bind: r.reference), 'complaint', 'adults', \
                    \(bind: r.procedureID), '2019-05-01', 'email', 'self', \(bind: false), NULL, 'assessment', \
                    \(bind: r.summary), \(bind: false), \(bind: false), \(bind: detail), 1, '2019-05-01T09:00:00Z', \
                    '2019-06-03T09:00:00Z', 'Orla Oldcase', NULL, NULL, NULL, NULL)
                    """
                ).run()
                try await RepresentationStore.insertStages(of: [r], on: sql)
            }
            let applied = try await Migrator(database: database).migrate()
            #expect(applied.count == Migrator.latestVersion - 6)
            let store = RepresentationStore(database: database)
            #expect(try await store.representation(id: r.id)?.closedOn == CalendarDate(iso: "2019-06-03")!)
            let found = try await store.search(try #require(SearchQuery("oldcase")), scope: .everything, limit: 5)
            #expect(found.map(\.reference) == [r.reference], "indexed by the upgrade, with its date received")
        }
    }
}

extension ReportReadTests {
    @Test(
        "a year's cases read back whole and in receipt order, cold and cached, when enough to be decoded side by side",
        arguments: TestDatabase.engines)
    func largeReadInOrder(engine: DatabaseEngine) async throws {
        let demo = DemoCouncil(seed: 11, today: CalendarDate(iso: "2026-11-30")!, completeYears: 1, scale: 2)
        let stored = demo.representations()
        try await TestDatabase.with(engine) { database in
            try await RepresentationStore(database: database).insertAll(stored)
            let year = FinancialYear(startYear: 2025), store = RepresentationStore(database: database)
            let expected = stored.filter { $0.receivedOn >= year.firstDay && $0.receivedOn <= year.lastDay }
            // More rows than one run of the decoder takes, so several threads decode them on 2 cores.
            #expect(expected.count > 4_000)
            #expect(await database.representationCache.count == 0)
            let cold = try await store.representations(relevantTo: year.firstDay, year.lastDay)
            let wanted = Set(expected.map(\.id))
            let read = Dictionary(uniqueKeysWithValues: cold.filter { wanted.contains($0.id) }.map { ($0.id, $0) })
            #expect(read.count == expected.count)
            #expect(expected.allSatisfy { read[$0.id]?.stages == $0.stages && read[$0.id]?.records == $0.records })
            #expect(cold.map(\.receivedOn) == cold.map(\.receivedOn).sorted())
            #expect(cold.contains { !$0.stages.isEmpty })
            // The same cases read 500 at a time, each batch decoded on the calling thread alone.
            let oneByOne = try await database.read { sql in
                try await RepresentationStore.load(ids: cold.map(\.id), on: sql)
            }
            #expect(oneByOne == cold, "decoded side by side as one after another")
            // The cold read filled the cache; read again, every case comes from it, the same.
            #expect(await database.representationCache.count == cold.count)
            #expect(try await store.representations(relevantTo: year.firstDay, year.lastDay) == cold)
        }
    }
}
