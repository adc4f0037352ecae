import Foundation
import RedressCore
import RedressStorage
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
