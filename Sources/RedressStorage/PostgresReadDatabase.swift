import Logging
import NIOConcurrencyHelpers
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
        // The statement's columns, worked out from its first row and shared by the rest.
        let columns = NIOLockedValueBox<PostgresColumns?>(nil)
        _ = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: connection.logger) {
            row in
            let cells = row.makeRandomAccess()
            let described = columns.withLockedValue { known in
                if let known { return known }
                known = PostgresColumns(cells)
                return known!
            }
            onRow(PostgresReadRow(row: row, cells: cells, columns: described))
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

/// A statement's columns as PostgreSQL described them: their names, and which go to PostgresKit.
final class PostgresColumns: Sendable {
    let names: ColumnNames
    /// A user-defined type (an enum): PostgresKit reads it as text, so it answers these.
    let userDefined: [Bool]
    /// A `numeric`: PostgresKit reads a binary one as a real its own way.
    let numeric: [Bool]

    init(_ cells: PostgresRandomAccessRow) {
        names = ColumnNames(cells.map(\.columnName), lastOfTwo: true)
        userDefined = cells.map(\.dataType.isUserDefined)
        numeric = cells.map { $0.dataType == .numeric }
    }
}

/// A row of `PostgresReadDatabase`: the common types by PostgresNIO's typed decoding, the rest by
/// PostgresKit's row, so every answer is the one PostgresKit gives.
struct PostgresReadRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow
    let columns: PostgresColumns

    init(row: PostgresRow, cells: PostgresRandomAccessRow? = nil, columns: PostgresColumns? = nil) {
        self.row = row
        let cells = cells ?? row.makeRandomAccess()
        self.cells = cells
        self.columns = columns ?? PostgresColumns(cells)
    }

    var allColumns: [String] { columns.names.names }
    func contains(column: String) -> Bool { columns.names.offset(of: column) != nil }
    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.names.offset(of: column) else { return true }
        return cells[index].bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        // User-defined types and unknown columns go to PostgresKit.
        guard let index = columns.names.offset(of: column), !columns.userDefined[index] else {
            return try row.sql().decode(column: column, as: D.self)
        }
        let cell = cells[index]
        if D.self == String.self { return unsafeBitCast(try cell.decode(String.self), to: D.self) }
        if D.self == String?.self { return unsafeBitCast(try cell.decode(String?.self), to: D.self) }
        if D.self == Int.self { return unsafeBitCast(try cell.decode(Int.self), to: D.self) }
        if D.self == Bool.self { return unsafeBitCast(try cell.decode(Bool.self), to: D.self) }
        if D.self == Double.self, !columns.numeric[index] {
            return unsafeBitCast(try cell.decode(Double.self), to: D.self)
        }
        return try row.sql().decode(column: column, as: D.self)
    }
}
