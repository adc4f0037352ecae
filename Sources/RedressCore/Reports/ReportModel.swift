/// One figure of a report, with everything needed to check it: what it counts, out of what,
/// on which basis, and how it is shown. Every figure in every output is one of these, derived
/// from records, never typed in.
public struct Figure: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case count, share, average, change, money
        /// Complaints per 100 of a context measure (referrals, open cases), to one decimal place.
        case per100 = "per-100"
        /// Per 100,000 of a population (the Ombudsman's upheld decisions per 100,000 residents),
        /// to one decimal place.
        case per100000 = "per-100000"
        /// Per 10,000 of a population (complaints per 10,000 children), to one decimal place.
        case per10000 = "per-10000"
        /// A figure typed in from another body's publication (a similar authority's rate), shown as
        /// published; never counted by Redress.
        case entered
        /// A count hidden because it is under the small-numbers threshold (equality profile).
        case suppressed
        /// The council's own words in a table cell (a self-assessment's answer, evidence and
        /// action): not a figure, shown as written and never counted.
        case text
    }

    /// Stable identifier, e.g. `received.complaint.2021`.
    public var id: String
    public var label: String
    public var kind: Kind
    /// The unrounded value: a count, a share (0–1), an average, a change (−1…), or pence.
    public var value: Double?
    public var numerator: Int?
    public var denominator: Int?
    public var basis: CountingBasis
    /// As shown in tables and text, rounded by the report's rule.
    public var display: String

    public static func count(_ id: String, _ label: String, _ n: Int, basis: CountingBasis) -> Figure {
        Figure(
            id: id, label: label, kind: .count, value: Double(n), numerator: n, denominator: nil, basis: basis,
            display: n.grouped)
    }

    public static func share(
        _ id: String, _ label: String, _ part: Int, of whole: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .share, value: whole == 0 ? nil : Double(part) / Double(whole), numerator: part,
            denominator: whole,
            basis: basis, display: rounding.percentage(part, of: whole))
    }

    /// Shares of one whole, shown by `rounding.percentages`, so that they total 100% where the
    /// council's convention says so.
    public static func shares(
        _ parts: [(id: String, label: String, part: Int)], of whole: Int, basis: CountingBasis, rounding: Rounding
    ) -> [Figure] {
        let shown = rounding.percentages(parts.map(\.part), of: whole)
        return zip(parts, shown).map { p, display in
            var figure = Figure.share(p.id, p.label, p.part, of: whole, basis: basis, rounding: rounding)
            figure.display = display
            return figure
        }
    }

    public static func average(
        _ id: String, _ label: String, sum: Int, count: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .average, value: count == 0 ? nil : Double(sum) / Double(count), numerator: sum,
            denominator: count,
            basis: basis, display: rounding.average(sum: sum, count: count) ?? "–")
    }

    /// Change from `before` to `now` as a share of `before` (STAT-02).
    public static func change(
        _ id: String, _ label: String, from before: Int, to now: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .change, value: before == 0 ? nil : Double(now - before) / Double(before),
            numerator: now - before,
            denominator: before, basis: basis, display: rounding.change(from: before, to: now))
    }

    /// `part` per 100 of `whole` (STAT-11), one decimal place, halves upwards.
    public static func per100(
        _ id: String, _ label: String, _ part: Int, of whole: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .per100, value: whole == 0 ? nil : 100 * Double(part) / Double(whole),
            numerator: part, denominator: whole,
            basis: basis, display: rounding.average(sum: 100 * part, count: whole) ?? "–")
    }

    /// `part` per 100,000 of `whole`, one decimal place, halves upwards.
    public static func per100000(
        _ id: String, _ label: String, _ part: Int, of whole: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .per100000, value: whole == 0 ? nil : 100_000 * Double(part) / Double(whole),
            numerator: part, denominator: whole,
            basis: basis, display: rounding.average(sum: 100_000 * part, count: whole) ?? "–")
    }

    /// `part` per 10,000 of `whole`, one decimal place, halves upwards.
    public static func per10000(
        _ id: String, _ label: String, _ part: Int, of whole: Int, basis: CountingBasis, rounding: Rounding
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .per10000, value: whole == 0 ? nil : 10_000 * Double(part) / Double(whole),
            numerator: part, denominator: whole,
            basis: basis, display: rounding.average(sum: 10_000 * part, count: whole) ?? "–")
    }

    /// A value published elsewhere and typed in, in tenths (9 → "0.9"), with its unit (`%` or none).
    public static func entered(_ id: String, _ label: String, tenths: Int, unit: String = "") -> Figure {
        Figure(
            id: id, label: label, kind: .entered, value: Double(tenths) / 10, numerator: nil, denominator: nil,
            basis: .enteredForPeriod, display: OmbudsmanLetter.display(tenths: tenths) + unit)
    }

    /// A small count withheld so no one can be identified: neither the value nor the share is given.
    public static func suppressed(
        _ id: String, _ label: String, below threshold: Int, basis: CountingBasis, display: String? = nil
    ) -> Figure {
        Figure(
            id: id, label: label, kind: .suppressed, value: nil, numerator: nil, denominator: nil, basis: basis,
            display: display ?? "<\(threshold)")
    }

    /// The council's words for a table cell.
    public static func text(_ id: String, _ label: String, _ words: String) -> Figure {
        Figure(
            id: id, label: label, kind: .text, value: nil, numerator: nil, denominator: nil, basis: .assessedByCouncil,
            display: words)
    }

    public static func money(_ id: String, _ label: String, pence: Int, basis: CountingBasis) -> Figure {
        Figure(
            id: id, label: label, kind: .money, value: Double(pence), numerator: pence, denominator: nil, basis: basis,
            display: Money.display(pence: pence))
    }
}

/// A table of figures: rows of cells under column headings, with its basis and notes.
public struct ReportTable: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var label: String
        public var cells: [Figure]

        public init(label: String, cells: [Figure]) {
            self.label = label
            self.cells = cells
        }
    }

    public var id: String
    public var title: String
    public var basis: CountingBasis
    public var columns: [String]
    public var rows: [Row]
    /// Notes printed under the table: the definition, any exclusions.
    public var notes: [String]

    public init(id: String, title: String, basis: CountingBasis, columns: [String], rows: [Row], notes: [String]) {
        self.id = id
        self.title = title
        self.basis = basis
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }
}

/// A section of the report: generated findings in words, then its tables.
public struct ReportSection: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var findings: [String]
    public var tables: [ReportTable]

    public init(id: String, title: String, findings: [String], tables: [ReportTable]) {
        self.id = id
        self.title = title
        self.findings = findings
        self.tables = tables
    }
}

/// Which service areas a report covers.
public enum ReportScope: String, Sendable, Hashable, Codable, CaseIterable {
    case all, adults, children, corporate

    public var areas: [ServiceArea] {
        switch self {
        case .all: ServiceArea.allCases
        case .adults: [.adultSocialCare]
        case .children: [.childrensSocialCare]
        case .corporate: [.corporate]
        }
    }

    public var displayName: String {
        switch self {
        case .all: "All services"
        case .adults: ServiceArea.adultSocialCare.displayName
        case .children: ServiceArea.childrensSocialCare.displayName
        case .corporate: ServiceArea.corporate.displayName
        }
    }
}

/// A complaints report — the statutory annual report or the quarterly performance report: its
/// period and scope, sections, and the rounding rule. Every output format renders this one value.
public struct ComplaintsReport: Sendable, Hashable, Codable {
    public var title: String
    public var period: String
    public var firstDay: CalendarDate
    public var lastDay: CalendarDate
    public var scope: ReportScope
    public var earlierYears: [String]
    public var sections: [ReportSection]
    public var rounding: String

    public init(
        title: String, period: String, firstDay: CalendarDate, lastDay: CalendarDate, scope: ReportScope,
        earlierYears: [String], sections: [ReportSection], rounding: String
    ) {
        self.title = title
        self.period = period
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.scope = scope
        self.earlierYears = earlierYears
        self.sections = sections
        self.rounding = rounding
    }

    /// Every figure in the report, in order.
    public var figures: [Figure] {
        sections.flatMap { $0.tables.flatMap { $0.rows.flatMap(\.cells) } }.filter { !$0.id.isEmpty }
    }
}

extension Rounding {
    /// A change in whole percentages with its sign: "+15%", "−17%", "0%"; "–" from nothing.
    public func change(from before: Int, to now: Int) -> String {
        guard before > 0 else { return "–" }
        let difference = now - before
        let magnitude = percentage(abs(difference), of: before)
        return difference > 0 ? "+" + magnitude : difference < 0 ? "−" + magnitude : "0%"
    }
}

/// One bar of a table's chart: a row's share.
public struct ChartBar: Sendable, Hashable {
    public var label: String
    /// The unrounded share, 0–1.
    public var value: Double
    /// The share as the table shows it.
    public var display: String
    /// The count a trend's bar stands for (`value` is then its fraction of the largest); `nil` for
    /// a share. A document's chart plots the count itself, not its display ("1,334").
    public var count: Int? = nil
}

extension ReportTable {
    /// The table's bar chart — each row's first share — or empty when there is nothing worth
    /// drawing (fewer than two shares, all zero, or more than `mostBars`). HTML and DOCX draw the
    /// same bars.
    public var chartBars: [ChartBar] { chart.bars }

    /// What the chart plots, in words for its caption: the column of the shares when it is not
    /// the table's only share column ("On time"), or the row of counts of a trend table.
    public var chartMeasure: String? { chart.measure }

    /// The most bars a chart draws.
    public static let mostBars = 30

    /// A trend table (its columns are periods, its first row counts) is drawn as one bar per
    /// period of that row, scaled to the largest; any other table as one bar per row of its first
    /// share.
    var chart: (bars: [ChartBar], measure: String?) {
        if id == "trends", let first = rows.first, first.cells.allSatisfy({ $0.kind == .count }),
            first.cells.count == columns.count, first.cells.count >= 2
        {
            let largest = first.cells.compactMap(\.numerator).max() ?? 0
            guard largest > 0 else { return ([], nil) }
            let bars = zip(columns, first.cells).map { column, cell in
                ChartBar(
                    label: column, value: Double(cell.numerator ?? 0) / Double(largest), display: cell.display,
                    count: cell.numerator ?? 0)
            }
            return (bars, first.label)
        }
        var column: Int?
        let bars = rows.compactMap { row -> ChartBar? in
            guard let index = row.cells.firstIndex(where: { $0.kind == .share }), let value = row.cells[index].value
            else { return nil }
            if column == nil { column = index }
            return ChartBar(label: row.label, value: value, display: row.cells[index].display)
        }
        // More bars than fit a page are not drawn: the table carries them, and a squeezed chart
        // drops its labels.
        guard bars.count >= 2 && bars.count <= Self.mostBars && bars.contains(where: { $0.value > 0 }) else {
            return ([], nil)
        }
        // Only a table whose shares are not simply "Share" says which column is drawn.
        let measure = column.flatMap { $0 < columns.count ? columns[$0] : nil }.flatMap { $0 == "Share" ? nil : $0 }
        return (bars, measure)
    }
}
