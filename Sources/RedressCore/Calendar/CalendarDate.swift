/// A day in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Statutory clocks count whole days ("within 10 working days of receipt"), so Redress never
/// stores instants for them: a `CalendarDate` cannot drift across midnight or summer time.
/// Dates are stored and exchanged as ISO 8601 text (`2022-06-01`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before). The single source of truth; year, month and
    /// day are derived, which makes arithmetic and comparison trivial.
    public let dayNumber: Int

    /// Creates a date from a day number (days since 1970-01-01).
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// Creates a date, or returns `nil` for an impossible one (31 April, 29 February 2023).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.dayNumber = CalendarDate.dayNumber(year: year, month: month, day: day)
    }

    /// Parses strict ISO 8601 `YYYY-MM-DD`; returns `nil` for anything else or an impossible date.
    /// Reads the UTF-8 bytes directly: every stored date passes through here.
    public init?(iso text: some StringProtocol) {
        var y = 0, m = 0, d = 0, position = 0
        for byte in text.utf8 {
            guard position < 10 else { return nil }
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 {
                    y = y * 10 + digit
                } else if position < 7 {
                    m = m * 10 + digit
                } else {
                    d = d * 10 + digit
                }
            }
            position += 1
        }
        guard position == 10 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let index = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// The date `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The same day of the month `months` months later, or `nil` when that month is too short
    /// (31 August + 6 months). Callers decide what a missing corresponding date means.
    public func correspondingDate(monthsLater months: Int) -> CalendarDate? {
        let (y, m, d) = components
        let total = (y * 12 + (m - 1)) + months
        return CalendarDate(year: total / 12, month: total % 12 + 1, day: d)
    }

    /// The last day of the month `months` months later.
    public func lastDayOfMonth(monthsLater months: Int) -> CalendarDate {
        let (y, m, _) = components
        let total = (y * 12 + (m - 1)) + months
        let year = total / 12, month = total % 12 + 1
        return CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))!
    }

    /// ISO 8601 text, `YYYY-MM-DD`.
    public var iso: String {
        let (y, m, d) = components
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    public var description: String { iso }

    /// "Wed 1 Jun 2022": short, unambiguous, as GOV.UK styles dates in tables.
    public var shortDisplay: String {
        let (y, m, d) = components
        return "\(weekday.shortName) \(d) \(CalendarDate.shortMonthNames[m - 1]) \(y)"
    }

    /// "1 June 2022", the GOV.UK long date style.
    public var longDisplay: String {
        let (y, m, d) = components
        return "\(d) \(CalendarDate.monthNames[m - 1]) \(y)"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a real date in the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    /// Whether `year` is a Gregorian leap year.
    /// The earliest date a representation can have been received: 1 January 1990, before the
    /// Children Act 1989 procedures began. Anything earlier is a typing mistake (1899 for 1999).
    public static let earliestRecordable = CalendarDate(year: 1990, month: 1, day: 1)!

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in a month.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    static let shortMonthNames = monthNames.map { String($0.prefix(3)) }

    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// ISO weekday numbering: Monday is 1.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var shortName: String {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][rawValue - 1]
    }
}
