/// Working days for statutory clocks: Monday to Friday, less the division's bank holidays
/// (which in the GOV.UK feed include Christmas Day, Good Friday, substitute and one-off days).
///
/// Counting follows `statutory-rules.md` §4.2: the day a clock starts is day zero and is never
/// counted (WD-03), so "within 10 working days of receipt" ends on the 10th working day after
/// the receipt date, even when receipt falls on a weekend or holiday.
public struct WorkingDayCalendar: Sendable {
    public let division: Division
    /// Closure days that fall on weekdays, by day number (weekend holidays change nothing).
    private let closures: Set<Int>
    private let names: [Int: String]
    /// Years for which the calendar has holiday data; outside them only weekends are known.
    public let coveredYears: ClosedRange<Int>?

    /// A calendar for `division` from a feed (the shipped feed overlaid with any imports).
    public init(division: Division = .englandAndWales, feed: BankHolidayFeed = .shipped) {
        self.division = division
        let holidays = feed.events[division] ?? []
        var closures = Set<Int>()
        var names: [Int: String] = [:]
        for holiday in holidays where !holiday.date.isWeekend {
            closures.insert(holiday.date.dayNumber)
            names[holiday.date.dayNumber] = holiday.title
        }
        self.closures = closures
        self.names = names
        self.coveredYears = feed.years(of: division)
    }

    /// The E&W calendar from the shipped feed: the default for statutory clocks.
    public static let englandAndWales = WorkingDayCalendar()

    /// Whether `date` is a working day.
    public func isWorkingDay(_ date: CalendarDate) -> Bool {
        !date.isWeekend && !closures.contains(date.dayNumber)
    }

    /// The holiday's name when `date` is a weekday bank holiday.
    public func holidayName(on date: CalendarDate) -> String? { names[date.dayNumber] }

    /// The `count`-th working day after `start` (`start` itself is day zero and never counted).
    /// `count` of zero returns `start`; a negative count goes backwards.
    public func adding(workingDays count: Int, to start: CalendarDate) -> CalendarDate {
        var date = start
        var remaining = abs(count)
        let step = count >= 0 ? 1 : -1
        while remaining > 0 {
            date = date.adding(days: step)
            if isWorkingDay(date) { remaining -= 1 }
        }
        return date
    }

    /// Working days elapsed from `start` to `end`: the number of working days `d` with
    /// `start < d ≤ end` (WD-04). A response on its deadline day has taken exactly the limit.
    /// Negative when `end` is before `start` (a data-quality problem callers can report).
    public func workingDays(from start: CalendarDate, to end: CalendarDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        // Whole weeks contribute five weekdays each; closures are then subtracted.
        let span = start.days(until: end)
        var weekdays = (span / 7) * 5
        var date = start.adding(days: (span / 7) * 7)
        while date < end {
            date = date.adding(days: 1)
            if !date.isWeekend { weekdays += 1 }
        }
        let holidays = closures.lazy.filter { $0 > start.dayNumber && $0 <= end.dayNumber }.count
        return weekdays - holidays
    }

    /// The last day of the period of `months` months *beginning with* `start` (ASC-12: the
    /// adults' six-month "relevant period"). It is the day before the corresponding date
    /// `months` later (15 April → 14 October); when that month has no corresponding date
    /// (31 August → February) the period ends on the last day of that month.
    public func lastDayOfPeriod(months: Int, beginningWith start: CalendarDate) -> CalendarDate {
        if let corresponding = start.correspondingDate(monthsLater: months) {
            return corresponding.adding(days: -1)
        }
        return start.lastDayOfMonth(monthsLater: months)
    }
}
