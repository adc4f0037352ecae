/// A financial year: 1 April to 31 March by default (the year every statutory report uses),
/// with a configurable first month for councils that report differently.
public struct FinancialYear: Sendable, Hashable, CustomStringConvertible {
    /// The calendar year the financial year starts in (2021 → 2021/22).
    public var startYear: Int
    public var startMonth: Int

    public init(startYear: Int, startMonth: Int = 4) {
        self.startYear = startYear
        self.startMonth = startMonth
    }

    /// The financial year containing `date`.
    public init(containing date: CalendarDate, startMonth: Int = 4) {
        self.init(startYear: date.month >= startMonth ? date.year : date.year - 1, startMonth: startMonth)
    }

    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: startMonth, day: 1)! }
    public var lastDay: CalendarDate { firstDay.lastDayOfMonth(monthsLater: 11) }

    public func contains(_ date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }

    /// "2021/22".
    public var description: String {
        startMonth == 1 ? "\(startYear)" : "\(startYear)/\(String(format2: (startYear + 1) % 100))"
    }

    /// "1 April 2021 to 31 March 2022".
    public var longDescription: String { "\(firstDay.longDisplay) to \(lastDay.longDisplay)" }
}

/// A quarter of a financial year (Q1 = its first three months), the period of the quarterly
/// performance report.
public struct FinancialQuarter: Sendable, Hashable, CustomStringConvertible {
    public var year: FinancialYear
    /// 1 to 4.
    public var number: Int

    public init(year: FinancialYear, number: Int) {
        self.year = year
        self.number = min(4, max(1, number))
    }

    /// The quarter containing `date`.
    public init(containing date: CalendarDate, startMonth: Int = 4) {
        let year = FinancialYear(containing: date, startMonth: startMonth)
        let months = (date.month - startMonth + 12) % 12
        self.init(year: year, number: months / 3 + 1)
    }

    /// Parses "2025-Q2" (the financial year's start year, then the quarter).
    public init?(_ text: String, startMonth: Int = 4) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, let start = Int(parts[0]), (1900...2999).contains(start), parts[1].count == 2,
            parts[1].first == "Q",
            let n = Int(parts[1].dropFirst()), (1...4).contains(n)
        else { return nil }
        self.init(year: FinancialYear(startYear: start, startMonth: startMonth), number: n)
    }

    public var firstDay: CalendarDate {
        number == 1 ? year.firstDay : year.firstDay.lastDayOfMonth(monthsLater: 3 * (number - 1) - 1).adding(days: 1)
    }
    public var lastDay: CalendarDate { year.firstDay.lastDayOfMonth(monthsLater: 3 * number - 1) }
    public func contains(_ date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }

    /// The quarter before this one (Q4 of the previous year before Q1).
    public var previous: FinancialQuarter {
        number > 1
            ? FinancialQuarter(year: year, number: number - 1)
            : FinancialQuarter(
                year: FinancialYear(startYear: year.startYear - 1, startMonth: year.startMonth), number: 4)
    }

    /// "2025-Q2", the form the command line and web address use.
    public var code: String { "\(year.startYear)-Q\(number)" }

    /// "Q2 2025/26".
    public var description: String { "Q\(number) \(year)" }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}

/// How a figure's records were chosen (`statutory-rules.md` STAT-00): every figure states it.
public enum CountingBasis: String, Sendable, Hashable, Codable {
    case receivedInPeriod = "received"
    case closedInPeriod = "closed"
    case openAtPeriodEnd = "open"
    /// Ombudsman decisions dated in the period, whenever the complaint was made.
    case decidedInPeriod = "decided"
    /// A figure the council entered for the period from another system (a context measure).
    case enteredForPeriod = "entered"
    /// Steps counted on the date each happened in the period: review panels requested on the
    /// date requested, held on the date they met.
    case happenedInPeriod = "happened"
    /// The council's own answers for the year (the Complaint Handling Code self-assessment).
    case assessedByCouncil = "assessed"

    public var explanation: String {
        switch self {
        case .receivedInPeriod: "Counted on the date received: records received in the period."
        case .closedInPeriod:
            "Counted on the date responded: responses sent in the period, whenever the complaint was received."
        case .openAtPeriodEnd: "Records still open on the last day of the period."
        case .decidedInPeriod:
            """
            Counted on the date of the Ombudsman's decision: decisions dated in the period, whenever the \
            complaint was made.
            """
        case .happenedInPeriod: "Counted on the date each step happened: steps dated in the period."
        case .assessedByCouncil:
            """
            The council's own assessment for the year, with the figures Redress counted from the records \
            beside each provision.
            """
        case .enteredForPeriod:
            """
            Entered by the council for the period from its other systems (context measures); complaints are \
            counted on the date received.
            """
        }
    }
}

/// Rounding rules for displayed figures (`statutory-rules.md` STAT-R1–R3), stated under every
/// table so a reader can check the arithmetic.
public struct Rounding: Sendable, Hashable {
    /// Decimal places for percentages: 0 (the default, as most councils publish) or 1
    /// (Hampshire's executive summary, Leicestershire's changes). [R]: configurable.
    public var percentDecimals: Int
    /// Shares that make up one whole are rounded so they total 100% (largest remainder), as some
    /// councils publish them; otherwise each share is rounded on its own.
    public var sharesTotal100: Bool

    public init(percentDecimals: Int = 0, sharesTotal100: Bool = false) {
        self.percentDecimals = max(0, min(1, percentDecimals))
        self.sharesTotal100 = sharesTotal100
    }

    /// Percentages half rounded up, to `percentDecimals` places; a non-zero share that would
    /// show as 0 is "<1%" (or "<0.1%"), never "0%".
    public func percentage(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let scale = percentDecimals == 0 ? 1 : 10
        let rounded = (200 * scale * part + whole) / (2 * whole)  // round half up, integers only
        if rounded == 0 && part > 0 { return percentDecimals == 0 ? "<1%" : "<0.1%" }
        return percentDecimals == 0 ? "\(rounded.grouped)%" : "\((rounded / 10).grouped).\(rounded % 10)%"
    }

    /// The shares of `parts` in `whole`, shown. Where the parts make up the whole and shares are
    /// to total 100%, by largest remainder: each share is rounded down, then the points left are
    /// given one each to the shares with the largest remainders (the earlier row on a tie).
    /// Otherwise each share is rounded on its own, halves upwards.
    public func percentages(_ parts: [Int], of whole: Int) -> [String] {
        guard sharesTotal100, whole > 0, parts.allSatisfy({ $0 >= 0 }), parts.reduce(0, +) == whole else {
            return parts.map { percentage($0, of: whole) }
        }
        let scale = percentDecimals == 0 ? 100 : 1000
        var units = parts.map { $0 * scale / whole }
        let order = parts.indices.sorted { a, b in
            let (ra, rb) = (parts[a] * scale % whole, parts[b] * scale % whole)
            return ra != rb ? ra > rb : a < b
        }
        for i in order.prefix(scale - units.reduce(0, +)) { units[i] += 1 }
        return zip(parts, units).map { part, u in
            if u == 0 && part > 0 { return percentDecimals == 0 ? "<1%" : "<0.1%" }
            return percentDecimals == 0 ? "\(u)%" : "\(u / 10).\(u % 10)%"
        }
    }

    /// Mean to one decimal place, half rounded up: "9.6". `nil` when there is nothing to average.
    public func average(sum: Int, count: Int) -> String? {
        guard count > 0 else { return nil }
        let tenths = (20 * sum + count) / (2 * count)
        return "\((tenths / 10).grouped).\(tenths % 10)"
    }

    /// The rule in words, for table notes.
    public var statement: String {
        let places = percentDecimals == 0 ? "whole numbers" : "one decimal place"
        let small = percentDecimals == 0 ? "<1%" : "<0.1%"
        return
            """
            Percentages are rounded to \(places), halves upwards, and may not total 100; a share above 0 that \
            rounds to 0 is shown as \(small). Averages are to one decimal place.
            """
                + (sharesTotal100
                    ? """
                     Shares that make up one whole (closed by stage, outcomes, response-time bands) are rounded to \
                    total 100% instead: each is rounded down and the points left go to the largest remainders.
                    """ : "")
    }
}
