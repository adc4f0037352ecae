import Logging
import NIOCore
import PostgresKit
import SQLKit

/// PostgreSQL reads with rows that answer the common column types directly. PostgresKit decodes
/// every column through its general translation (a coding path, dynamic casts, a conformance
/// check per value): a fifth of a report's time on PostgreSQL went there, twenty columns a case.
/// Here text, optional text, integers, flags and reals are decoded by PostgresNIO's own typed
/// decoding — what that translation calls for these types — and anything else is handed to
/// PostgresKit's row as before. A statement with a bind of another type runs through PostgresKit
/// unchanged. Used for `Database.read` only; writes keep PostgresKit's path.
struct PostgresReadDatabase: SQLDatabase {
    let connection: PostgresConnection
    /// PostgresKit's database on the same connection: the dialect, and every statement this
    /// one does not run itself.
    let base: any SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { nil }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let bindings = Self.bindings(binds) else { return try await base.execute(sql: query, onRow) }
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: connection.logger) {
            onRow(PostgresReadRow(row: $0))
        }.get()
    }

    /// The binds as PostgreSQL parameters, encoded as PostgresKit encodes these types; `nil` when
    /// one is of another type (or a null), for PostgresKit to encode.
    static func bindings(_ binds: [any Encodable & Sendable]) -> PostgresBindings? {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case let text as String: bindings.append(text)
            case let number as Int: bindings.append(number)
            case let flag as Bool: bindings.append(flag)
            case let real as Double: bindings.append(real)
            default: return nil
            }
        }
        return bindings
    }
}

/// A row of `PostgresReadDatabase`: the common types by PostgresNIO's typed decoding, the rest by
/// PostgresKit's row, so every answer is the one PostgresKit gives.
struct PostgresReadRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(row: PostgresRow) {
        self.row = row
        cells = row.makeRandomAccess()
    }

    var allColumns: [String] { cells.map(\.columnName) }
    func contains(column: String) -> Bool { cells.contains(column) }
    func decodeNil(column: String) throws -> Bool { !cells.contains(column) || cells[column].bytes == nil }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        // PostgresKit reads a user-defined type (an enum) as text; those go to it, as do unknown columns.
        guard cells.contains(column), case let cell = cells[column], !cell.dataType.isUserDefined else {
            return try row.sql().decode(column: column, as: D.self)
        }
        if D.self == String.self { return unsafeBitCast(try cell.decode(String.self), to: D.self) }
        if D.self == String?.self { return unsafeBitCast(try cell.decode(String?.self), to: D.self) }
        if D.self == Int.self { return unsafeBitCast(try cell.decode(Int.self), to: D.self) }
        if D.self == Bool.self { return unsafeBitCast(try cell.decode(Bool.self), to: D.self) }
        // PostgresKit reads a binary `numeric` as a real its own way.
        if D.self == Double.self, cell.dataType != .numeric {
            return unsafeBitCast(try cell.decode(Double.self), to: D.self)
        }
        return try row.sql().decode(column: column, as: D.self)
    }
}
