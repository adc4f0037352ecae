import Foundation
import RedressCore
import SQLKit

/// The council's code lists (methods, relationships, services…), editable without code.
public struct ReferenceStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Every entry, active or retired, in list order.
    public func load() async throws -> ReferenceData {
        try await database.read { sql in
            let rows = try await sql.raw(
                "SELECT list, group_key, code, label, is_active FROM category ORDER BY list, group_key, position"
            ).all()
            return ReferenceData(
                try rows.map { row in
                    let listText = try row.decode(column: "list", as: String.self)
                    guard let list = CategoryList(rawValue: listText) else {
                        throw DatabaseError.corruptRow(table: "category", column: "list", value: listText)
                    }
                    let group = try row.decode(column: "group_key", as: String.self)
                    return Category(
                        list: list, code: try row.decode(column: "code", as: String.self),
                        label: try row.decode(column: "label", as: String.self),
                        group: group.isEmpty ? nil : group, isActive: try row.decode(column: "is_active", as: Bool.self)
                    )
                })
        }
    }

    /// Adds an entry at the end of its list, or reactivates and relabels an existing code.
    public func add(_ category: Category) async throws {
        try await database.transaction { sql in
            let existing =
                try await sql.raw(
                    """
                    SELECT COUNT(*) AS n FROM category WHERE list = \(bind: category.list.rawValue)
                    AND group_key = \(bind: category.group ?? "") AND code = \(bind: category.code)
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if existing > 0 {
                try await sql.raw(
                    """
                    UPDATE category SET label = \(bind: category.label), is_active = \(bind: true)
                    WHERE list = \(bind: category.list.rawValue) AND group_key = \(bind: category.group ?? "") AND \
                    code = \(bind: category.code)
                    """
                ).run()
            } else {
                try await Self.insert([category], on: sql)
            }
            try await ConfigurationStamp.bump(on: sql)
        }
    }

    /// Retires a code: kept for the records that use it, no longer offered. Returns false when absent.
    @discardableResult
    public func retire(list: CategoryList, code: String, group: String?) async throws -> Bool {
        try await database.transaction { sql in
            let rows = try await sql.raw(
                """
                UPDATE category SET is_active = \(bind: false)
                WHERE list = \(bind: list.rawValue) AND group_key = \(bind: group ?? "") AND code = \(bind: code)
                RETURNING code
                """
            ).all()
            try await ConfigurationStamp.bump(on: sql)
            return !rows.isEmpty
        }
    }

    static func insert(_ categories: [Category], on sql: any SQLDatabase) async throws {
        var next: [String: Int] = [:]
        let rows = try await sql.raw(
            "SELECT list, group_key, MAX(position) AS p FROM category GROUP BY list, group_key"
        ).all()
        for row in rows {
            let key =
                try row.decode(column: "list", as: String.self) + "/" + row.decode(column: "group_key", as: String.self)
            next[key] = try row.decode(column: "p", as: Int.self) + 1
        }
        for chunk in categories.chunked(into: 200) {
            let insert = sql.insert(into: "category").columns(
                "list", "group_key", "code", "label", "position", "is_active")
            for c in chunk {
                let key = c.list.rawValue + "/" + (c.group ?? "")
                let position = next[key, default: 0]
                next[key] = position + 1
                insert.values(
                    SQLBind(c.list.rawValue), SQLBind(c.group ?? ""), SQLBind(c.code), SQLBind(c.label),
                    SQLBind(position), SQLBind(c.isActive))
            }
            try await insert.run()
        }
    }
}

/// Procedure definitions (stages, clocks, timescales) stored as JSON documents, so a council's
/// timescale change is a data change.
public struct ProcedureStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func load() async throws -> [ProcedureDefinition] {
        try await database.read { sql in
            try await sql.raw("SELECT id, definition FROM procedure_definition ORDER BY id").all().map { row in
                let text = try row.decode(column: "definition", as: String.self)
                do {
                    return try JSONDecoder().decode(ProcedureDefinition.self, from: Data(text.utf8))
                } catch {
                    throw DatabaseError.corruptRow(
                        table: "procedure_definition", column: "definition", value: String(text.prefix(80)))
                }
            }
        }
    }

    /// Replaces a procedure's definition. Cases already open keep the deadlines fixed when
    /// their stage opened.
    public func save(_ procedure: ProcedureDefinition) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM procedure_definition WHERE id = \(bind: procedure.id)").run()
            try await Self.insert([procedure], on: sql)
            try await ConfigurationStamp.bump(on: sql)
        }
    }

    static func insert(_ procedures: [ProcedureDefinition], on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for p in procedures {
            let json = String(decoding: try encoder.encode(p), as: UTF8.self)
            try await sql.insert(into: "procedure_definition").columns("id", "definition", "updated_at")
                .values(SQLBind(p.id), SQLBind(json), SQLBind(Timestamp.now())).run()
        }
    }
}

/// Bank holidays imported from newer GOV.UK feeds, overlaid on the shipped list.
public struct CalendarStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// What was imported, as a feed (empty when nothing was).
    public func importedFeed() async throws -> BankHolidayFeed {
        try await database.read { sql in
            let rows = try await sql.raw(
                "SELECT division, holiday_on, title, notes, bunting FROM bank_holiday_import ORDER BY holiday_on"
            ).all()
            var events: [Division: [BankHoliday]] = [:]
            for row in rows {
                let divisionText = try row.decode(column: "division", as: String.self)
                let dateText = try row.decode(column: "holiday_on", as: String.self)
                guard let division = Division(rawValue: divisionText) else {
                    throw DatabaseError.corruptRow(
                        table: "bank_holiday_import", column: "division", value: divisionText)
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
    }

    /// The shipped feed overlaid with every import: what statutory clocks use.
    public func effectiveFeed() async throws -> BankHolidayFeed {
        BankHolidayFeed.shipped.overlaid(with: try await importedFeed())
    }

    /// Stores a validated feed. For each division it replaces earlier imports for the years
    /// the new file covers, in one transaction. Returns the number of holidays stored.
    @discardableResult
    public func importFeed(_ feed: BankHolidayFeed) async throws -> Int {
        try await database.transaction { sql in
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
            try await ConfigurationStamp.bump(on: sql)
            return count
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
