import Foundation
import Logging
import NIOSSL
import PostgresKit
import SQLKit
import SQLiteKit

/// Which SQL engine a database runs on.
public enum DatabaseEngine: String, Sendable, CaseIterable {
    case sqlite
    case postgres
}

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresSettings)

    /// Parses a database URL: `sqlite:PATH` / `sqlite://PATH`, or
    /// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`, with
    /// `target_session_attrs` and `prepared_statements=on|off` as further options.
    public init(url text: String) throws {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw DatabaseError.badURL("an SQLite URL needs a file path, e.g. sqlite:data/redress.sqlite")
            }
            self = .sqlite(path: path)
            return
        }
        // libpq's multi-host form, postgres://user:password@host1:port1,host2:port2/database:
        // URLComponents reads one host, so the list is taken out and the first put back.
        let (single, servers) = try PostgresSettings.splitServers(text)
        guard let components = URLComponents(string: single), let scheme = components.scheme,
            ["postgres", "postgresql"].contains(scheme)
        else { throw DatabaseError.badURL("the database URL must start with postgres:// or sqlite:") }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseError.badURL("the PostgreSQL URL has no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DatabaseError.badURL("the PostgreSQL URL has no user name")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard let tls = PostgresSettings.TLSMode(rawValue: mode) else {
            throw DatabaseError.badURL("sslmode must be disable, prefer or require, not \"\(mode)\"")
        }
        let attributes = components.queryItems?.first { $0.name == "target_session_attrs" }?.value ?? "any"
        guard ["any", "read-write", "primary"].contains(attributes) else {
            throw DatabaseError.badURL("target_session_attrs must be any, read-write or primary, not \"\(attributes)\"")
        }
        var settings = PostgresSettings(
            host: host, port: components.port ?? 5432, user: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding, database: database ?? user, tls: tls)
        settings.moreServers = Array(servers.dropFirst())
        settings.readWriteOnly = attributes != "any"
        let prepared = components.queryItems?.first { $0.name == "prepared_statements" }?.value ?? "on"
        guard ["on", "off"].contains(prepared) else {
            throw DatabaseError.badURL("prepared_statements must be on or off, not \"\(prepared)\"")
        }
        settings.preparedStatements = prepared == "on"
        self = .postgres(settings)
    }

    /// A description without the password, safe for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite file \(path)"
        case .postgres(let s):
            "PostgreSQL \(s.user)@\(s.servers.map(\.description).joined(separator: ","))/\(s.database)"
        }
    }
}

/// Connection settings for PostgreSQL.
public struct PostgresSettings: Sendable, Equatable {
    public enum TLSMode: String, Sendable { case disable, prefer, require }
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The most connections this process keeps open to the server (a node's pool). Tests, which
    /// open many databases at once on one server, use fewer.
    public var poolSize = 16
    /// Further servers named in the URL, tried in order when the first cannot be used: a
    /// standby that may be promoted (see `PostgresServers`).
    public var moreServers: [Server] = []
    /// Use only a server that accepts writes (`target_session_attrs=read-write`, as libpq):
    /// a standby still in recovery is passed over.
    public var readWriteOnly = false
    /// Keep the statements every request runs prepared on each connection (`RepeatedRead`).
    /// `prepared_statements=off` in the URL is for a PgBouncer in transaction mode before 1.21,
    /// which does not carry prepared statements from one transaction to the next.
    public var preparedStatements = true
    /// How often a serving node checks that its server is there and still the one to write to;
    /// `nil` (commands that run and stop, tests) does not watch.
    public var watchInterval: Duration?

    /// One PostgreSQL server's address.
    public struct Server: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// Every server, in the order the URL lists them.
    public var servers: [Server] { [Server(host: host, port: port)] + moreServers }

    /// Takes the host list out of a URL: the URL with only its first host, and every server.
    static func splitServers(_ text: String) throws -> (String, [Server]) {
        guard let schemeEnd = text.range(of: "://") else { return (text, []) }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let hostsStart = authority.lastIndex(of: "@").map { authority.index(after: $0) } ?? authority.startIndex
        let list = authority[hostsStart...]
        guard list.contains(",") else { return (text, []) }
        var servers: [Server] = []
        for entry in list.split(separator: ",", omittingEmptySubsequences: false) {
            var host = Substring(entry)
            var port = 5432
            if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
                let after = host[host.index(after: close)...]
                if after.hasPrefix(":") { port = Int(after.dropFirst()) ?? -1 }
                host = host[host.index(after: host.startIndex)..<close]
            } else if let colon = host.lastIndex(of: ":") {
                port = Int(host[host.index(after: colon)...]) ?? -1
                host = host[..<colon]
            }
            guard !host.isEmpty, (1...65535).contains(port) else {
                throw DatabaseError.badURL("\"\(entry)\" in the host list is not host or host:port")
            }
            servers.append(Server(host: String(host), port: port))
        }
        let single = text[..<list.startIndex] + servers[0].description + text[authorityEnd...]
        return (String(single), servers)
    }

    public init(host: String, port: Int, user: String, password: String?, database: String, tls: TLSMode = .disable) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }
}

/// Storage failures, each with a message a person can act on.
public enum DatabaseError: Error, CustomStringConvertible, Equatable {
    case badURL(String)
    case cannotOpen(String)
    case corruptRow(table: String, column: String, value: String)
    case conflict(reference: String)
    case notFound
    /// The database cannot be reached (reserved for a node that loses its server).
    case unavailable

    public var description: String {
        switch self {
        case .badURL(let why): "Bad database URL: \(why)."
        case .cannotOpen(let why): "Cannot open the database: \(why)."
        case .corruptRow(let table, let column, let value):
            "Stored value \"\(value)\" in \(table).\(column) cannot be read."
        case .conflict(let reference):
            "\(reference) was changed by someone else since you opened it. Reload it and make your change again."
        case .notFound: "Not found."
        case .unavailable: "The database cannot be reached just now."
        }
    }
}

/// One database, whichever engine: every store is written once against `SQLDatabase` and runs
/// its units of work through `withSQL` or `transaction`.
///
/// SQLite has one writing connection, whose units of work are serialised (two requests'
/// transactions must never interleave on one connection), and a few read-only connections for
/// `read`, which in WAL mode see the last commit without waiting for the writer. PostgreSQL
/// leases a pooled connection per unit of work from the client of the server in use
/// (`PostgresServers`, whose `run()` must be running: see `Database.with`).
public final class Database: Sendable {
    public let engine: DatabaseEngine
    public let location: DatabaseLocation
    private let sqlite: SQLiteConnection?
    private let readers: SQLiteReaderPool?
    private let gate = SerialGate()
    private let postgres: PostgresServers?
    let logger: Logger
    /// Decoded cases kept between reads while their version is unchanged.
    public let representationCache = RepresentationCache(capacity: Database.cachedRepresentations)
    /// Audit entries waiting for the next group commit (`AuditLog.append`).
    let auditBatcher = AuditBatcher()

    /// How many decoded cases `representationCache` holds at most: a large council's open and
    /// recent cases several times over, a few hundred megabytes at most.
    public static let cachedRepresentations = 250_000

    /// How many read-only SQLite connections serve `read` (pages and reports read far more
    /// than they write).
    public static let sqliteReaders = 4

    private init(
        location: DatabaseLocation, sqlite: SQLiteConnection?, readers: SQLiteReaderPool?, postgres: PostgresServers?,
        logger: Logger
    ) {
        self.location = location
        self.engine = sqlite == nil ? .postgres : .sqlite
        self.sqlite = sqlite
        self.readers = readers
        self.postgres = postgres
        self.logger = logger
    }

    /// Opens the database at `location`, runs `body`, and closes it again, however `body` ends.
    /// For PostgreSQL the client's background task runs for the duration.
    public static func with<T: Sendable>(
        _ location: DatabaseLocation, logger: Logger, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw DatabaseError.cannotOpen("cannot create the folder for \(path)")
            }
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            } catch {
                throw DatabaseError.cannotOpen("\(path) (\(error))")
            }
            var readers: SQLiteReaderPool?
            do {
                let sql = connection.sql(queryLogLevel: nil)
                try await sql.raw("PRAGMA journal_mode = WAL").run()
                try await sql.raw("PRAGMA foreign_keys = ON").run()
                try await sql.raw("PRAGMA busy_timeout = 5000").run()
                // FULL: a change is on disk before it is acknowledged, even through a power cut (WAL
                // with NORMAL could lose the last commits). REDRESS_SQLITE_SYNCHRONOUS=normal trades
                // that away for speed, for throwaway databases such as benchmarks.
                let normal = ProcessInfo.processInfo.environment["REDRESS_SQLITE_SYNCHRONOUS"] == "normal"
                try await sql.raw(SQLQueryString("PRAGMA synchronous = \(normal ? "NORMAL" : "FULL")")).run()
                readers = try await SQLiteReaderPool.open(path: path, count: sqliteReaders, logger: logger)
                let database = Database(
                    location: location, sqlite: connection, readers: readers, postgres: nil, logger: logger)
                let result = try await body(database)
                await readers?.closeAll()
                try await connection.close()
                return result
            } catch {
                await readers?.closeAll()
                try? await connection.close()
                throw error
            }
        case .postgres(let settings):
            let servers: PostgresServers
            do { servers = try PostgresServers(settings: settings, logger: logger) } catch {
                throw DatabaseError.cannotOpen("\(location): its TLS settings cannot be made (\(error))")
            }
            let database = Database(location: location, sqlite: nil, readers: nil, postgres: servers, logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await servers.run() }
                defer { group.cancelAll() }
                do {
                    try await servers.open()
                    try await servers.client().withConnection { connection in
                        _ = try await connection.sql(queryLogLevel: nil).raw("SELECT 1").all()
                    }
                } catch let error as DatabaseError {
                    throw error
                } catch {
                    throw DatabaseError.cannotOpen("\(location) (\(String(reflecting: error).prefix(300)))")
                }
                return try await body(database)
            }
        }
    }

    /// Runs `body` with exclusive use of a connection.
    public func withSQL<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await oneUnit { try await self.unitWithSQL(body) }
    }

    /// The unit of work running in this task, if any. A unit started inside another on the same
    /// database waits for a second connection while holding the first: with every connection held
    /// that way, nothing moves. Debug builds (the tests) stop at once to show where.
    @TaskLocal static var unitInProgress: ObjectIdentifier?

    private func oneUnit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        #if DEBUG
            if Self.unitInProgress == ObjectIdentifier(self) {
                preconditionFailure("a unit of work was started inside another on the same database")
            }
        #endif
        return try await Self.$unitInProgress.withValue(ObjectIdentifier(self)) { try await body() }
    }

    private func unitWithSQL<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let sqlite {
            await gate.acquire()
            do {
                let result = try await body(sqlite.sql(queryLogLevel: nil))
                await gate.release()
                return result
            } catch {
                await gate.release()
                throw error
            }
        }
        return try await onPostgresConnection { connection in try await body(connection.sql(queryLogLevel: nil)) }
    }

    /// Whether `RepeatedRead`s are kept prepared: on PostgreSQL, unless the URL turned it off.
    var preparesStatements: Bool { postgres?.settings.preparedStatements ?? false }

    /// Runs `body` on a pooled PostgreSQL connection as one unit of work, for what SQLKit cannot
    /// say (a statement kept prepared). PostgreSQL only.
    func withPostgresConnection<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await oneUnit { try await self.onPostgresConnection(body) }
    }

    private func onPostgresConnection<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await postgres!.client().withConnection(body)
        } catch  where PostgresServers.meansUnavailable(error) {
            throw DatabaseError.unavailable
        }
    }

    /// Runs `body`, which only reads, as one consistent snapshot. On SQLite it runs on a
    /// read-only connection, alongside other reads and the writer; elsewhere it is `withSQL`.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readers else { return try await readWithoutReaders(body) }
        return try await oneUnit { try await self.readOnReader(readers, body) }
    }

    /// Runs `body`, which runs one statement that only reads. A statement is its own snapshot on
    /// both engines, so on SQLite this leaves out `read`'s `BEGIN` and `COMMIT` — two of the three
    /// statements of a one-query read, each prepared afresh: for the small reads of every request
    /// (the session, the configuration's stamp, the work queue's stamp).
    public func readStatement<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readers else { return try await readWithoutReaders(body) }
        return try await oneUnit { try await self.readOnReader(readers, transaction: false, body) }
    }

    /// A read on PostgreSQL, through `PostgresReadDatabase`'s rows; elsewhere `withSQL`.
    private func readWithoutReaders<T: Sendable>(
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        guard postgres != nil else { return try await withSQL(body) }
        return try await oneUnit {
            try await onPostgresConnection { connection in
                try await body(PostgresReadDatabase(connection: connection, base: connection.sql(queryLogLevel: nil)))
            }
        }
    }

    /// Runs `body` on a leased SQLite read-only connection, as one unit of work; `nil` on
    /// PostgreSQL. `body` runs there and then, with nothing awaited while it holds the connection.
    func onSQLiteReader<T: Sendable>(_ body: @Sendable (SQLiteReadConnection) throws -> T) async throws -> T? {
        guard let readers else { return nil }
        return try await oneUnit {
            let connection = await readers.lease()
            let result = Result { try body(connection) }
            await readers.giveBack(connection)
            return try result.get()
        }
    }

    /// `body` on a leased read-only connection, inside `BEGIN`…`COMMIT` when `transaction`.
    private func readOnReader<T: Sendable>(
        _ readers: SQLiteReaderPool, transaction: Bool = true, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        let connection = await readers.lease()
        let sql = SQLiteReadDatabase(connection: connection, logger: logger)
        do {
            if transaction { try await sql.raw("BEGIN").run() }
            let result = try await body(sql)
            if transaction { try await sql.raw("COMMIT").run() }
            await readers.giveBack(connection)
            return result
        } catch {
            if transaction { try? await sql.raw("ROLLBACK").run() }
            await readers.giveBack(connection)
            throw error
        }
    }

    /// Runs `body`, which only reads, in one snapshot that stays consistent however long it takes
    /// while others keep writing: a backup. SQLite reads on a read-only WAL connection;
    /// PostgreSQL in a REPEATABLE READ, READ ONLY transaction.
    public func snapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard engine == .postgres else { return try await read(body) }
        return try await withSQL { sql in
            try await sql.raw("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                // A connection the server has closed has no transaction left to roll back (and
                // PostgresNIO may never answer a statement sent on it).
                if !PostgresServers.connectionLost(error) { try? await sql.raw("ROLLBACK").run() }
                throw error
            }
        }
    }

    /// Runs `body` in one transaction: all of its writes happen, or none do.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = engine == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await withSQL { sql in
            try await sql.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                // A connection the server has closed has no transaction left to roll back (and
                // PostgresNIO may never answer a statement sent on it).
                if !PostgresServers.connectionLost(error) { try? await sql.raw("ROLLBACK").run() }
                throw error
            }
        }
    }
}

extension PostgresSettings.TLSMode {
    func clientTLS() throws -> PostgresClient.Configuration.TLS {
        switch self {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }
}

/// A first-come, first-served lock for async code: serialises SQLite units of work, which
/// actor isolation alone would not (an actor interleaves at every `await`).
final actor SerialGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
