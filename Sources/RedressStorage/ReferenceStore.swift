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
        try await database.read { try await Self.load(on: $0) }
    }

    static func load(on sql: any SQLDatabase) async throws -> [ProcedureDefinition] {
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

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
