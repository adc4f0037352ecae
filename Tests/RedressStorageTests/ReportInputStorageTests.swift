import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

@Suite("Storage: report inputs")
struct ReportInputStorageTests {
    @Test(
        "context measures: saved, changed from the value seen, a stale or duplicate save refused and nothing written",
        arguments: TestDatabase.engines)
    func contextMeasures(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ReportInputStore(database: database)
            let referrals = ContextMeasure(
                year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 5_435)
            try await store.setContextMeasure(referrals, previous: nil)
            await #expect(throws: DatabaseError.self, "a second new entry for the same year, area and measure") {
                try await store.setContextMeasure(
                    ContextMeasure(year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 1),
                    previous: nil)
            }
            try await store.setContextMeasure(
                ContextMeasure(year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 5_500),
                previous: 5_435)
            await #expect(throws: DatabaseError.self, "changed from a value that is no longer there") {
                try await store.setContextMeasure(
                    ContextMeasure(year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 9),
                    previous: 5_435)
            }
            try await store.setContextMeasure(
                ContextMeasure(year: 2022, serviceArea: .adultSocialCare, measure: "Referrals", value: 7), previous: nil
            )
            #expect(
                try await store.contextMeasures() == [
                    ContextMeasure(year: 2022, serviceArea: .adultSocialCare, measure: "Referrals", value: 7),
                    ContextMeasure(year: 2022, serviceArea: .childrensSocialCare, measure: "Referrals", value: 5_500),
                ])
        }
    }

    @Test(
        "recommendations: added, progress recorded from the version seen, a stale version refused",
        arguments: TestDatabase.engines)
    func recommendations(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let store = ReportInputStore(database: database)
            let made = ReportRecommendation(
                id: "r1", year: 2022, serviceArea: .childrensSocialCare, title: "Stage 2 recovery",
                detail: "Clear the waiting list.", dueOn: CalendarDate(iso: "2024-03-31"))
            try await store.add(made)
            try await store.add(
                ReportRecommendation(id: "r2", year: 2022, serviceArea: nil, title: "Learning", detail: "", dueOn: nil))
            try await store.updateProgress(
                id: "r1", status: .partlyCompleted, progress: "Half cleared.", expectedVersion: 1)
            await #expect(
                throws: DatabaseError.conflict(reference: "The recommendation \u{201C}Stage 2 recovery\u{201D}")
            ) {
                try await store.updateProgress(
                    id: "r1", status: .completed, progress: "Overwrites?", expectedVersion: 1)
            }
            await #expect(throws: DatabaseError.notFound) {
                try await store.updateProgress(id: "nope", status: .completed, progress: "", expectedVersion: 1)
            }
            let stored = try await store.recommendations()
            #expect(stored.map(\.id) == ["r2", "r1"], "by year, then title")
            var expected = made
            expected.status = .partlyCompleted
            expected.progress = "Half cleared."
            expected.version = 2
            #expect(stored.last == expected)
        }
    }

    @Test(
        "equality answers are kept in their own table, replaced whole, and the equality lists are seeded",
        arguments: TestDatabase.engines)
    func equality(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let command = NewComplaint(
                serviceArea: .adultSocialCare, procedure: BuiltInProcedures.adultsStatutory,
                receivedOn: CalendarDate(iso: "2023-11-20")!,
                methodOfReceipt: "email", complainant: Complainant(relationship: "self"), serviceCategory: "assessment",
                summary: "s")
            let r = try await RepresentationStore(database: database).record(
                command, engine: ClockEngine(calendar: .englandAndWales))
            let store = ReportInputStore(database: database)
            try await store.setEquality([
                r.id: EqualityMonitoring(
                    disability: "yes", gender: "female", ageBand: "65-and-over", ethnicity: "white-irish")
            ])
            try await store.setEquality([r.id: EqualityMonitoring(disability: "no")])
            #expect(try await store.equality() == [r.id: EqualityMonitoring(disability: "no")])
            let reference = try await ReferenceStore(database: database).load()
            #expect(
                reference.active(.ethnicity).count == 20 && reference.active(.ageBand).map(\.code).first == "under-16")
            #expect(
                reference.active(.service).count == ReferenceData.defaults.active(.service).count,
                "the first lists are not seeded twice")
            let inputs = try await store.inputs()
            #expect(inputs.equality.count == 1 && inputs.contextMeasures.isEmpty && inputs.recommendations.isEmpty)
        }
    }
}
