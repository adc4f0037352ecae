import Foundation
import RedressCore
@testable import RedressStorage
import RedressTestSupport
import SQLKit
import Testing

/// The facts kept in plain columns for reports must say what the case's documents say: reports
/// choose their cases by them.
@Suite("Report facts kept beside the documents")
struct ReportFactsTests {
    /// Each case's `ombudsman_referred` column beside what its records say.
    static func mismatches(on database: Database) async throws -> [String] {
        try await database.read { sql in
            let rows = try await sql.raw("SELECT id, ombudsman_referred FROM representation").all()
            let flags = try Dictionary(
                uniqueKeysWithValues: rows.map {
                    (
                        try $0.decode(column: "id", as: String.self),
                        try $0.decode(column: "ombudsman_referred", as: Bool.self)
                    )
                })
            let cases = try await RepresentationStore.load(where: "1 = 1", on: sql)
            #expect(cases.count == flags.count)
            return cases.filter { flags[$0.id] != $0.isReferredToOmbudsman }.map(\.reference)
        }
    }

    @Test(
        "the Ombudsman flag equals the records, as inserted, after a referral, and as the migration rebuilds it",
        arguments: TestDatabase.engines)
    func ombudsmanFlagEqualsRecords(engine: DatabaseEngine) async throws {
        let demo = DemoCouncil(seed: 5, today: CalendarDate(iso: "2026-11-30")!, completeYears: 1, scale: 1)
        let stored = demo.representations()
        try await TestDatabase.with(engine) { database in
            let store = RepresentationStore(database: database)
            try await store.insertAll(stored)
            #expect(stored.contains { $0.isReferredToOmbudsman })
            #expect(try await Self.mismatches(on: database).isEmpty, "as inserted")

            // A closed complaint taken to the Ombudsman now: the write that adds the referral sets the flag.
            let closed = try #require(
                stored.first { $0.kind == .complaint && !$0.isOpen && !$0.isReferredToOmbudsman && $0.closedOn != nil })
            let procedure = try #require(BuiltInProcedures.all.first { $0.id == closed.procedureID })
            let on = try #require(closed.closedOn).adding(days: 10)
            let referred = try await store.apply(
                .referToOmbudsman(
                    id: "facts-ref", reference: "26 000 001", councilNotifiedOn: on, receivedByOmbudsmanOn: nil),
                to: closed.id, expectedVersion: closed.version,
                lifecycle: Lifecycle(procedure: procedure, calendar: .englandAndWales, today: on), recordedBy: "officer"
            )
            #expect(referred.isReferredToOmbudsman)
            #expect(try await Self.mismatches(on: database).isEmpty, "after the referral")

            // Rows as they were before the column: all false until the migration's seed marks them.
            try await database.transaction { sql in
                try await sql.raw("UPDATE representation SET ombudsman_referred = \(bind: false)").run()
            }
            #expect(try await !Self.mismatches(on: database).isEmpty)
            let migration = try #require(Migrator.reportFacts.first { $0.version == 17 })
            try await database.transaction { sql in try await migration.seed?(sql) }
            #expect(try await Self.mismatches(on: database).isEmpty, "as the migration rebuilds it")
        }
    }

    @Test(
        "a report finds a case received and closed years before whose Ombudsman decision falls in its year",
        arguments: TestDatabase.engines)
    func oldCaseDecidedInYear(engine: DatabaseEngine) async throws {
        let demo = DemoCouncil(seed: 5, today: CalendarDate(iso: "2026-11-30")!, completeYears: 3, scale: 1)
        var stored = demo.representations()
        let year = FinancialYear(startYear: 2025), from = FinancialYear(startYear: 2024).firstDay
        // A complaint closed before both years, taken to the Ombudsman, who decided in the year.
        let old = try #require(
            stored.indices.first { i in
                stored[i].kind == .complaint && stored[i].closedOn.map { $0 < from } == true
                    && !stored[i].isReferredToOmbudsman
            })
        var referral = OmbudsmanReferral(
            id: "late-decision", reference: "24 000 002", councilNotifiedOn: from.adding(days: -10))
        referral.decision = .notUpheld
        referral.decidedOn = year.firstDay.adding(days: 40)
        stored[old].records.ombudsman = [referral]
        try await TestDatabase.with(engine) { [stored] database in
            let store = RepresentationStore(database: database)
            try await store.insertAll(stored)
            let byDates = Set(try await store.representations(relevantTo: from, year.lastDay).map(\.id))
            let read = try await store.representations(
                relevantTo: from, year.lastDay, includingOmbudsmanDecisions: true)
            // Cases no date of the two years finds, but whose Ombudsman decision falls in the year.
            let decidedOnly = stored.filter { r in
                !byDates.contains(r.id) && r.records.ombudsman.contains { $0.decidedOn.map(year.contains) ?? false }
            }
            #expect(decidedOnly.map(\.id).contains(stored[old].id))
            let ids = Set(read.map(\.id))
            #expect(decidedOnly.allSatisfy { ids.contains($0.id) })
            #expect(read.filter { !byDates.contains($0.id) }.allSatisfy { $0.isReferredToOmbudsman })
        }
    }
}
