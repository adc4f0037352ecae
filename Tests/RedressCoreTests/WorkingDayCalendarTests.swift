import Foundation
import Testing
@testable import RedressCore

/// Every England and Wales weekday bank holiday 2018–2028, transcribed from
/// `statutory-rules.md` §4.3 (an oracle independent of the shipped GOV.UK feed).
let englandAndWalesWeekdayHolidays2018to2028 = """
    2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26 2019-01-01 \
    2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26 2020-01-01 2020-04-10 \
    2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28 2021-01-01 2021-04-02 2021-04-05 \
    2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28 2022-01-03 2022-04-15 2022-04-18 2022-05-02 \
    2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27 2023-01-02 2023-04-07 2023-04-10 \
    2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26 2024-01-01 2024-03-29 2024-04-01 \
    2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26 2025-01-01 2025-04-18 2025-04-21 2025-05-05 \
    2025-05-26 2025-08-25 2025-12-25 2025-12-26 2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 \
    2026-08-31 2026-12-25 2026-12-28 2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 \
    2027-12-27 2027-12-28 2028-01-03 2028-04-14 2028-04-17 2028-05-01 2028-05-29 2028-08-28 2028-12-25 \
    2028-12-26
    """.split(separator: " ").map { CalendarDate(iso: $0)! }

func date(_ text: String) -> CalendarDate {
    guard let d = CalendarDate(iso: text) else { fatalError("bad test date \(text)") }
    return d
}

@Suite("Working-day calendar (England and Wales)")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar.englandAndWales

    @Test("every weekday bank holiday 2018–2028 is a non-working day, and no other weekday is")
    func everyBankHoliday() {
        #expect(englandAndWalesWeekdayHolidays2018to2028.count == 91)
        let holidays = Set(englandAndWalesWeekdayHolidays2018to2028)
        var day = date("2018-01-01")
        while day <= date("2028-12-31") {
            let expected = !day.isWeekend && !holidays.contains(day)
            #expect(calendar.isWorkingDay(day) == expected, "\(day.shortDisplay)")
            day = day.adding(days: 1)
        }
    }

    @Test(
        "moved and one-off days",
        arguments: [
            ("2020-05-08", true, "VE Day: early May holiday moved to Friday"),
            ("2020-05-04", false, "the Monday it moved from is a working day"),
            ("2022-06-02", true, "Platinum Jubilee: spring holiday moved"),
            ("2022-06-03", true, "Platinum Jubilee: one-off"),
            ("2022-05-30", false, "last Monday in May 2022 is a working day"),
            ("2022-09-19", true, "State Funeral of Queen Elizabeth II"),
            ("2023-05-08", true, "Coronation of King Charles III"),
            ("2021-12-27", true, "Christmas substitute"),
            ("2021-12-28", true, "Boxing Day substitute"),
            ("2022-01-03", true, "New Year substitute"),
        ])
    func movedAndOneOffDays(day: String, isHoliday: Bool, why: String) {
        #expect(calendar.isWorkingDay(date(day)) == !isHoliday, "\(why)")
    }

    @Test("a children's stage 1 complaint received Wed 2022-06-01 is due Fri 2022-06-17")
    func issueExample() {
        #expect(date("2022-06-01").weekday == .wednesday)
        #expect(calendar.adding(workingDays: 10, to: date("2022-06-01")) == date("2022-06-17"))
    }

    @Test(
        "worked examples from statutory-rules.md §4.5",
        arguments: [
            ("2022-05-27", 10, "2022-06-14"), ("2022-05-27", 20, "2022-06-28"),
            ("2022-09-09", 10, "2022-09-26"), ("2023-04-28", 10, "2023-05-16"),
            ("2021-12-20", 10, "2022-01-06"), ("2022-12-19", 3, "2022-12-22"),
            ("2023-05-05", 25, "2023-06-13"), ("2023-05-05", 65, "2023-08-08"),
        ])
    func workedExamples(start: String, days: Int, due: String) {
        #expect(calendar.adding(workingDays: days, to: date(start)) == date(due))
        #expect(calendar.workingDays(from: date(start), to: date(due)) == days)
    }

    @Test(
        "a weekend receipt counts from the next working day",
        arguments: [
            ("2022-06-04", "2022-06-17"),  // Saturday in Jubilee week
            ("2022-06-05", "2022-06-17"),  // Sunday
            ("2023-12-23", "2024-01-10"),  // Saturday before Christmas
        ])
    func weekendReceipt(received: String, due: String) {
        #expect(!calendar.isWorkingDay(date(received)))
        #expect(calendar.adding(workingDays: 10, to: date(received)) == date(due))
    }

    @Test(
        "Christmas crossings skip Christmas, Boxing Day, substitutes and New Year",
        arguments: [
            ("2020-12-18", 5, "2020-12-29"),  // Boxing Day Sat → Mon 28 substitute
            ("2021-12-24", 3, "2021-12-31"),  // 27, 28 substitutes
            ("2022-12-23", 1, "2022-12-28"),  // Christmas Sunday → Tue 27 substitute
            ("2026-12-24", 1, "2026-12-29"),  // Boxing Day Saturday → Mon 28
            ("2027-12-24", 1, "2027-12-29"),  // both on the weekend → 27, 28
        ])
    func christmasCrossings(start: String, days: Int, due: String) {
        #expect(calendar.adding(workingDays: days, to: date(start)) == date(due))
    }

    @Test("beyond the feed's last year only weekends are known, and the calendar says which years it covers")
    func beyondTheFeed() {
        #expect(calendar.coveredYears == 2012...2028)
        #expect(calendar.isWorkingDay(date("2029-01-01")))
        #expect(!calendar.isWorkingDay(date("2029-01-06")))
    }

    @Test(
        "working days per financial year match statutory-rules.md §4.3",
        arguments: [
            (2018, 253), (2019, 254), (2020, 253), (2021, 253), (2022, 251),
            (2023, 250), (2024, 254), (2025, 253), (2026, 251), (2027, 256),
        ])
    func workingDaysPerFinancialYear(startYear: Int, expected: Int) {
        let year = FinancialYear(startYear: startYear)
        #expect(calendar.workingDays(from: year.firstDay.adding(days: -1), to: year.lastDay) == expected)
    }

    @Test("elapsed working days: start not counted, end counted, negative when reversed")
    func elapsed() {
        #expect(calendar.workingDays(from: date("2022-06-01"), to: date("2022-06-01")) == 0)
        #expect(calendar.workingDays(from: date("2022-06-01"), to: date("2022-06-06")) == 1)
        #expect(calendar.workingDays(from: date("2022-06-06"), to: date("2022-06-01")) == -1)
        #expect(calendar.workingDays(from: date("2022-06-03"), to: date("2022-06-05")) == 0)
    }

    @Test("adding then measuring is the identity over many starts and lengths")
    func addAndMeasureAgree() {
        var start = date("2019-11-01")
        while start < date("2023-03-01") {
            for n in [0, 1, 3, 5, 10, 20, 25, 65] {
                let due = calendar.adding(workingDays: n, to: start)
                #expect(calendar.workingDays(from: start, to: due) == n)
                if n > 0 { #expect(calendar.isWorkingDay(due)) }
            }
            start = start.adding(days: 5)
        }
    }

    @Test(
        "six months beginning with a day (ASC-12)",
        arguments: [
            ("2022-04-15", "2022-10-14"), ("2022-01-01", "2022-06-30"), ("2022-03-01", "2022-08-31"),
            ("2022-08-31", "2023-02-28"), ("2023-08-31", "2024-02-29"), ("2023-08-29", "2024-02-28"),
            ("2022-08-29", "2023-02-28"), ("2022-10-31", "2023-04-30"), ("2022-12-25", "2023-06-24"),
        ])
    func sixMonths(start: String, last: String) {
        #expect(calendar.lastDayOfPeriod(months: 6, beginningWith: date(start)) == date(last))
    }

    @Test("Scotland and Northern Ireland differ from England where they should")
    func otherDivisions() {
        let scotland = WorkingDayCalendar(division: .scotland)
        let ni = WorkingDayCalendar(division: .northernIreland)
        #expect(!scotland.isWorkingDay(date("2023-01-02")))  // 2 January
        #expect(scotland.isWorkingDay(date("2023-04-10")))  // no Easter Monday
        #expect(!scotland.isWorkingDay(date("2023-08-07")))  // first Monday in August
        #expect(!ni.isWorkingDay(date("2023-03-17")))  // St Patrick's Day
        #expect(!ni.isWorkingDay(date("2023-07-12")))  // Battle of the Boyne
        #expect(calendar.isWorkingDay(date("2023-07-12")))
    }
}

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test("ISO parsing rejects impossible and malformed dates")
    func parsing() {
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        for bad in [
            "2023-02-29", "2022-13-01", "2022-04-31", "22-01-01", "2022-1-01", "2022/01/01", "", "2022-01-01x",
            "２０２２-01-01",
        ] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test("round-trips day numbers across centuries and knows its weekday")
    func roundTrip() {
        var day = CalendarDate(year: 1899, month: 12, day: 25)!
        let end = CalendarDate(year: 2101, month: 1, day: 1)!
        var weekday = day.weekday.rawValue
        while day < end {
            let (y, m, d) = day.components
            #expect(CalendarDate(year: y, month: m, day: d) == day)
            #expect(day.weekday.rawValue == weekday)
            weekday = weekday % 7 + 1
            day = day.adding(days: 1)
        }
        #expect(CalendarDate(iso: "1970-01-01")!.weekday == .thursday)
        #expect(CalendarDate(iso: "2022-06-01")!.shortDisplay == "Wed 1 Jun 2022")
    }
}
