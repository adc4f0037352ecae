import CRedressSQLite
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// A read-only connection to the SQLite file used through SQLite's own C API, in the calling task.
/// sqlite-nio sends every statement to its thread pool and back (two thread switches a statement,
/// about ten statements a case page) and prepares each statement afresh; here a page's reads run
/// where the page is being made, and each statement is prepared once on the connection and kept.
/// Reads from SQLite's page cache are short; a long read (a report) takes the calling thread as
/// decoding its rows would. Used only by one unit of work at a time (`SQLiteReaderPool`).
final class SQLiteReadConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: Prepared] = [:]

    /// At most this many statements are kept; past it all are let go and prepared again as used.
    static let keptStatements = 128

    /// A statement kept prepared, with its columns' names.
    private final class Prepared {
        let statement: OpaquePointer
        var columns: SQLiteReadRow.Columns
        init(_ statement: OpaquePointer) {
            self.statement = statement
            columns = Self.columns(of: statement)
        }

        static func columns(of statement: OpaquePointer) -> SQLiteReadRow.Columns {
            let count = sqlite_nio_sqlite3_column_count(statement)
            return SQLiteReadRow.Columns(
                (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) })
        }

        /// The columns again if SQLite prepared the statement again since last asked (only after
        /// the schema changed: `SELECT *` then has the new table's columns).
        func columnsAfterStep() -> SQLiteReadRow.Columns {
            if sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 1) > 0 {
                columns = Self.columns(of: statement)
            }
            return columns
        }
    }

    /// Opens `path` (which must exist) with writes refused (`query_only`).
    init(path: String) throws {
        // No mutex of SQLite's own: one unit of work at a time holds the connection (the pool's
        // gate), and SQLite's serialised mode took and gave back a lock on every column of every
        // row read (3% of a report).
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            let why = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            close()
            throw DatabaseError.cannotOpen("\(path) (\(why))")
        }
        // Statements are kept prepared; without the planner's stability guarantee SQLite would
        // prepare many of them again whenever a new value is bound (a case page's every read).
        var enabled: Int32 = 0
        guard redress_sqlite_enable_qpsg(handle, &enabled) == SQLITE_OK, enabled == 1 else {
            close()
            throw DatabaseError.cannotOpen("\(path) (SQLite would not keep its query plans)")
        }
        // Pages read through a memory map rather than a read() call each, and a larger page
        // cache: the work queue and the case list touch a thousand rows a page.
        for pragma in [
            "PRAGMA query_only = ON", "PRAGMA busy_timeout = 5000", "PRAGMA mmap_size = 268435456",
            "PRAGMA cache_size = -16384",
        ] {
            try run(pragma, []) { _ in }
        }
    }

    deinit { close() }

    /// Answers kept by `kept(_:_:)`, each with the `data_version` it was read at.
    private var answers: [String: (dataVersion: Int, answer: any Sendable)] = [:]

    /// What `read` answers for `key`, read again only when something has been committed to the
    /// file since it was last read on this connection. SQLite's `data_version` changes for this
    /// connection with every commit made through any other — the writer, or another process such
    /// as the command line — and these connections never write. For the reads of every request
    /// (the session, the work queue's stamp): one `PRAGMA` instead of the query, while nobody writes.
    func kept<T: Sendable>(_ key: String, _ read: () throws -> T) throws -> T {
        var dataVersion = 0
        try run("PRAGMA data_version", []) { dataVersion = try $0.decode(column: "data_version", as: Int.self) }
        if let kept = answers[key], kept.dataVersion == dataVersion, let answer = kept.answer as? T { return answer }
        let answer = try read()
        if answers.count >= Self.keptAnswers { answers = [:] }
        answers[key] = (dataVersion, answer)
        return answer
    }

    /// At most this many answers are kept (a session's is one); past it all are let go.
    static let keptAnswers = 512

    func close() {
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements = [:]
        sqlite_nio_sqlite3_close_v2(handle)
        handle = nil
    }

    /// Runs `sql` with `binds`, handing each row to `onRow`.
    func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteReadRow) throws -> Void) throws {
        guard handle != nil else { throw SQLiteReadError(code: SQLITE_MISUSE, message: "the connection is closed") }
        let prepared = try statement(sql)
        let statement = prepared.statement
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), on: statement))
        }
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else { try check(step); return }
            let columns = prepared.columnsAfterStep()
            var values: [SQLiteData] = []
            values.reserveCapacity(columns.names.count)
            for column in 0..<Int32(columns.names.count) { values.append(value(of: statement, at: column)) }
            try onRow(SQLiteReadRow(columns: columns, values: values))
        }
    }

    private func statement(_ sql: String) throws -> Prepared {
        if let kept = statements[sql] { return kept }
        if statements.count >= Self.keptStatements {
            for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteReadError(code: SQLITE_MISUSE, message: "an empty statement") }
        let prepared = Prepared(statement)
        statements[sql] = prepared
        return prepared
    }

    private func bind(_ value: SQLiteData, at index: Int32, on statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): return sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            return sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), SQLiteReadConnection.transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            return bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(
                    statement, index, $0.baseAddress, UInt64($0.count), SQLiteReadConnection.transient)
            }
        }
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies what is bound.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// A column's value as sqlite-nio reads it, so SQLiteKit's decoder sees the same.
    private func value(of statement: OpaquePointer, at column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK, code != SQLITE_ROW, code != SQLITE_DONE else { return }
        throw SQLiteReadError(code: code, message: handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "")
    }
}

/// What SQLite said when a read failed.
struct SQLiteReadError: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite error \(code): \(message)" }
}

/// A row read by `SQLiteReadConnection`, decoded by SQLiteKit's own decoder.
struct SQLiteReadRow: SQLRow {
    /// A statement's column names, shared by its rows.
    typealias Columns = ColumnNames

    let columns: Columns
    let values: [SQLiteData]
    private static let decoder = SQLiteDataDecoder()

    var allColumns: [String] { columns.names }
    func contains(column: String) -> Bool { columns.offset(of: column) != nil }
    func decodeNil(column: String) throws -> Bool { columns.offset(of: column).map { values[$0] == .null } ?? true }
    func decode<D: Decodable>(column: String, as: D.Type) throws -> D {
        guard let offset = columns.offset(of: column) else {
            throw SQLiteReadError(code: 0, message: "no column \(column)")
        }
        let value = values[offset]
        // The types the stores read most, answered as SQLiteKit's decoder answers them but without
        // its dynamic casts and conformance checks (a tenth of a large report's read).
        switch value {
        case .text(let text):
            if D.self == String.self { return unsafeBitCast(text, to: D.self) }
            if D.self == String?.self { return unsafeBitCast(String?.some(text), to: D.self) }
        case .integer(let number):
            if D.self == Int.self { return unsafeBitCast(Int(number), to: D.self) }
            if D.self == Bool.self, number == 0 || number == 1 { return unsafeBitCast(number == 1, to: D.self) }
        case .null:
            if D.self == String?.self { return unsafeBitCast(String?.none, to: D.self) }
        default: break
        }
        return try Self.decoder.decode(D.self, from: value)
    }
}

/// `SQLiteReadConnection` as SQLKit's database, so the stores' reads run on it unchanged.
struct SQLiteReadDatabase: SQLDatabase {
    let connection: SQLiteReadConnection
    let logger: Logger
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }
    private static let encoder = SQLiteDataEncoder()

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    /// Runs `query` here and now, handing each row to `onRow`.
    func run(_ query: any SQLExpression, _ onRow: (any SQLRow) throws -> Void) throws {
        let (sql, binds) = serialize(query)
        try connection.run(sql, try binds.map { try Self.encoder.encode($0) }) { try onRow($0) }
    }
}
