import Foundation
import RedressCore
import SQLKit

/// Bank holidays imported from newer GOV.UK feeds, overlaid on the shipped list.
///
/// An import is also a change to running statutory deadlines: a holiday added or removed inside
/// a running response period moves that stage's deadline (`CalendarChange`), as a recorded step
/// on the case, in the same transaction as the import.
public struct CalendarStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// What an import stored and what it moved.
    public struct Imported: Sendable, Equatable {
        /// Holidays stored.
        public var holidays: Int
        /// The references of the cases whose response deadline moved, in reference order.
        public var moved: [String]
    }

    /// What was imported, as a feed (empty when nothing was).
    public func importedFeed() async throws -> BankHolidayFeed {
        try await database.read { try await Self.importedFeed(on: $0) }
    }

    static func importedFeed(on sql: any SQLDatabase) async throws -> BankHolidayFeed {
        let rows = try await sql.raw(
            "SELECT division, holiday_on, title, notes, bunting FROM bank_holiday_import ORDER BY holiday_on"
        ).all()
        var events: [Division: [BankHoliday]] = [:]
        for row in rows {
            let divisionText = try row.decode(column: "division", as: String.self)
            let dateText = try row.decode(column: "holiday_on", as: String.self)
            guard let division = Division(rawValue: divisionText) else {
                throw DatabaseError.corruptRow(table: "bank_holiday_import", column: "division", value: divisionText)
            }
            guard let date = CalendarDate(iso: dateText) else {
                throw DatabaseError.corruptRow(table: "bank_holiday_import", column: "holiday_on", value: dateText)
            }
            events[division, default: []].append(
                BankHoliday(
                    date: date, title: try row.decode(column: "title", as: String.self),
                    notes: try row.decode(column: "notes", as: String.self),
                    bunting: try row.decode(column: "bunting", as: Bool.self)))
        }
        return BankHolidayFeed(events: events)
    }

    /// The shipped feed overlaid with every import: what statutory clocks use.
    public func effectiveFeed() async throws -> BankHolidayFeed {
        try await database.read { try await Self.effectiveFeed(on: $0) }
    }

    static func effectiveFeed(on sql: any SQLDatabase) async throws -> BankHolidayFeed {
        BankHolidayFeed.shipped.overlaid(with: try await importedFeed(on: sql))
    }

    /// Stores a validated feed. For each division it replaces earlier imports for the years
    /// the new file covers; then every open case whose response deadline, counted on the
    /// `clocks` division's calendar, gains or loses a holiday is moved by a recorded step
    /// (`recordedBy`, checked as of `today`). All in one transaction: the calendar and the
    /// deadlines never disagree.
    @discardableResult
    public func importFeed(
        _ feed: BankHolidayFeed, clocks division: Division = .englandAndWales, today: CalendarDate,
        recordedBy: String = "calendar import"
    ) async throws -> Imported {
        try await database.transaction { sql in
            let before = try await Self.effectiveFeed(on: sql)
            let holidays = try await Self.store(feed, on: sql)
            let after = try await Self.effectiveFeed(on: sql)
            let change = CalendarChange(
                before: WorkingDayCalendar(division: division, feed: before),
                after: WorkingDayCalendar(division: division, feed: after))
            let moved = try await Self.moveDeadlines(
                change, years: feed.years(of: division), today: today, recordedBy: recordedBy, on: sql)
            try await ConfigurationStamp.bump(on: sql)
            return Imported(holidays: holidays, moved: moved)
        }
    }

    static func store(_ feed: BankHolidayFeed, on sql: any SQLDatabase) async throws -> Int {
        var count = 0
        let now = Timestamp.now()
        for (division, events) in feed.events.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let years = feed.years(of: division) else { continue }
            try await sql.raw(
                """
                DELETE FROM bank_holiday_import WHERE division = \(bind: division.rawValue)
                AND holiday_on >= \(bind: "\(years.lowerBound)-01-01") AND holiday_on <= \
                \(bind: "\(years.upperBound)-12-31")
                """
            ).run()
            for chunk in events.chunked(into: 200) {
                let insert = sql.insert(into: "bank_holiday_import").columns(
                    "division", "holiday_on", "title", "notes", "bunting", "imported_at")
                for e in chunk {
                    insert.values(
                        SQLBind(division.rawValue), SQLBind(e.date.iso), SQLBind(e.title), SQLBind(e.notes),
                        SQLBind(e.bunting), SQLBind(now))
                }
                try await insert.run()
                count += chunk.count
            }
        }
        return count
    }

    /// Moves the deadlines the change reaches. Only cases with an open stage due on or after
    /// the first changed day, opened on or before the last, can move; they are the ones read.
    static func moveDeadlines(
        _ change: CalendarChange, years: ClosedRange<Int>?, today: CalendarDate, recordedBy: String,
        on sql: any SQLDatabase
    ) async throws -> [String] {
        guard let years, let first = CalendarDate(year: years.lowerBound, month: 1, day: 1),
            let last = CalendarDate(year: years.upperBound, month: 12, day: 31)
        else { return [] }
        let changed = change.changedDays(in: first...last)
        guard let earliest = changed.first, let latest = changed.last else { return [] }
        let candidates = try await RepresentationStore.load(
            where: """
                is_open = \(bind: true) AND id IN (SELECT representation_id FROM stage WHERE closed_on IS NULL \
                AND due_on >= \(bind: earliest.iso) AND opened_on <= \(bind: latest.iso))
                """, on: sql)
        let procedures = Dictionary(
            try await ProcedureStore.load(on: sql).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var moved: [String] = []
        for r in candidates.sorted(by: { $0.reference < $1.reference }) {
            guard let procedure = r.procedureID.flatMap({ procedures[$0] }),
                let step = change.step(for: r, procedure: procedure)
            else { continue }
            let lifecycle = Lifecycle(procedure: procedure, calendar: change.after, today: today)
            _ = try await RepresentationStore.apply(
                step, to: r.id, expectedVersion: r.version, lifecycle: lifecycle, recordedBy: recordedBy,
                audit: nil, on: sql)
            moved.append(r.reference)
        }
        return moved
    }
}
