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
            let described = columns.withLockedValue { known in
                if let known { return known }
                known = PostgresColumns(row)
                return known!
            }
            onRow(PostgresReadRow(row: row, columns: described))
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
    let types: [PostgresDataType]

    init(_ row: PostgresRow) {
        names = ColumnNames(row.map(\.columnName), lastOfTwo: true)
        types = row.map(\.dataType)
    }

    /// Text as PostgresNIO reads these types as a `String`: the bytes as they are, in either format.
    func isText(_ index: Int) -> Bool {
        switch types[index] {
        case .text, .varchar, .bpchar, .name: true
        default: false
        }
    }
}

/// A row of `PostgresReadDatabase`: the common types by PostgresNIO's typed decoding, the rest by
/// PostgresKit's row, so every answer is the one PostgresKit gives. Text, most of what is read,
/// is taken straight from the row's bytes as PostgresNIO's decoding of a `String` takes it.
struct PostgresReadRow: SQLRow {
    let row: PostgresRow
    /// The row's cells by position: one copy of the row's buffers, made as the row arrives (going
    /// through `PostgresRow` itself walks the row for each cell).
    let cells: PostgresRandomAccessRow
    let columns: PostgresColumns

    init(row: PostgresRow, columns: PostgresColumns) {
        self.row = row
        cells = row.makeRandomAccess()
        self.columns = columns
    }

    var allColumns: [String] { columns.names.names }
    func contains(column: String) -> Bool { columns.names.offset(of: column) != nil }
    func decodeNil(column: String) throws -> Bool {
        guard let index = columns.names.offset(of: column) else { return true }
        return cells[index].bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        // User-defined types (PostgresKit reads an enum as text) and unknown columns go to PostgresKit.
        guard let index = columns.names.offset(of: column), !columns.types[index].isUserDefined else {
            return try row.sql().decode(column: column, as: D.self)
        }
        if D.self == String.self || D.self == String?.self, columns.isText(index) {
            let cell = cells[index]
            guard let buffer = cell.bytes else {
                if D.self == String?.self { return unsafeBitCast(String?.none, to: D.self) }
                return unsafeBitCast(try cell.decode(String.self), to: D.self)  // PostgresNIO's error
            }
            let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) ?? ""
            return D.self == String.self
                ? unsafeBitCast(text, to: D.self) : unsafeBitCast(String?.some(text), to: D.self)
        }
        let cell = cells[index]
        if D.self == String.self { return unsafeBitCast(try cell.decode(String.self), to: D.self) }
        if D.self == String?.self { return unsafeBitCast(try cell.decode(String?.self), to: D.self) }
        if D.self == Int.self { return unsafeBitCast(try cell.decode(Int.self), to: D.self) }
        if D.self == Bool.self { return unsafeBitCast(try cell.decode(Bool.self), to: D.self) }
        // PostgresKit reads a binary `numeric` as a real its own way.
        if D.self == Double.self, columns.types[index] != .numeric {
            return unsafeBitCast(try cell.decode(Double.self), to: D.self)
        }
        return try row.sql().decode(column: column, as: D.self)
    }
}
