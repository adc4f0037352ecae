import Foundation
import RedressCore
import RedressStorage
import RedressTestSupport
import Testing

private func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

/// A calendar import moves the running deadlines whose period gains or loses a holiday, as a
/// recorded step in the import's own transaction, and leaves every other case alone.
@Suite("Calendar imports move running deadlines")
struct CalendarFollowingTests {
    /// England and Wales for 2022, with or without the State Funeral of 19 September.
    static func feed2022(withFuneral: Bool) -> BankHolidayFeed {
        let days = (BankHolidayFeed.shipped.events[.englandAndWales] ?? []).filter {
            $0.date.year == 2022 && (withFuneral || $0.date != day("2022-09-19"))
        }
        return BankHolidayFeed(events: [.englandAndWales: days])
    }

    @Test(
        "The funeral added by an import moves a stage 1 from 26 to 27 September; others stay",
        arguments: TestDatabase.engines)
    func funeral(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let calendars = CalendarStore(database: database)
            try await calendars.importFeed(Self.feed2022(withFuneral: false), today: day("2022-09-12"))
            let before = WorkingDayCalendar(feed: try await calendars.effectiveFeed())
            #expect(before.isWorkingDay(day("2022-09-19")))
            let spanning = try await TestCases.complaint(
                in: database, name: "Ann Parent", area: .childrensSocialCare, service: "fostering",
                received: "2022-09-12", calendar: before)
            let after = try await TestCases.complaint(
                in: database, name: "Bob Parent", area: .childrensSocialCare, service: "fostering",
                received: "2022-09-20", calendar: before)
            #expect(spanning.stages[0].dueOn == day("2022-09-26"))
            #expect(after.stages[0].dueOn == day("2022-10-04"))

            let imported = try await calendars.importFeed(Self.feed2022(withFuneral: true), today: day("2022-09-16"))
            #expect(imported.moved == [spanning.reference])
            let store = RepresentationStore(database: database)
            let moved = try #require(try await store.representation(id: spanning.id))
            #expect(moved.stages[0].dueOn == day("2022-09-27"))
            #expect(moved.version == spanning.version + 1)
            let unchanged = try #require(try await store.representation(id: after.id))
            #expect(unchanged.stages[0].dueOn == day("2022-10-04") && unchanged.version == after.version)
            let last = try #require(try await CaseEventLog.events(of: spanning.id, in: database).last)
            #expect(last.recordedBy == "calendar import")
            #expect(
                last.summary
                    == """
                        Stage 1: local resolution: Response due date moved from 26 September 2022 to 27 September \
                        2022: the bank-holiday calendar now has 19 September 2022 as a bank holiday (Bank Holiday \
                        for the State Funeral of Queen Elizabeth II)
                        """)
            // The same file again changes nothing.
            let again = try await calendars.importFeed(Self.feed2022(withFuneral: true), today: day("2022-09-16"))
            #expect(again.moved == [])
        }
    }
}
