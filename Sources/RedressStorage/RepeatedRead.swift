import Logging
import PostgresKit
import SQLKit

/// A one-statement read that nearly every request makes: the session, the work queue's stamp, a
/// case's version. PostgreSQL parses and plans a statement sent afresh each time — for these
/// small reads about as much of its time as running them — so on PostgreSQL each is prepared once
/// on a connection and afterwards only executed (`Database.readRepeated`); SQLite runs the same
/// text. The text numbers its parameters `$1`, `$2`… (each a text value) and has no `$` elsewhere.
/// Each names itself (`name`, unique, under PostgreSQL's 63 bytes): the default, the type's full
/// Swift name, can be longer, and PostgreSQL would cut two such names to the same one.
protocol RepeatedRead: PostgresPreparedStatement where Row == PostgresRow {
    /// The parameters: `$1` is the first.
    var values: [String] { get }
    /// The statement on SQLite, where it is written differently (otherwise `sql`).
    static var sqliteText: String { get }
}

extension RepeatedRead {
    static var sqliteText: String { sql }

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }

    /// The statement for SQLKit: its text for `engine` with each `$n` bound to `values[n - 1]`.
    func query(for engine: DatabaseEngine) -> SQLQueryString {
        let text = engine == .postgres ? Self.sql : Self.sqliteText
        var query: SQLQueryString = ""
        var literal = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            literal += rest[..<dollar]
            let digits = rest[rest.index(after: dollar)...].prefix(while: \.isASCII).prefix(while: \.isNumber)
            guard let number = Int(digits), values.indices.contains(number - 1) else {
                preconditionFailure("\(Self.self): $\(digits) names no parameter")
            }
            query.appendLiteral(literal)
            literal = ""
            query.appendInterpolation(bind: values[number - 1])
            rest = rest[digits.endIndex...]
        }
        query.appendLiteral(literal + rest)
        return query
    }
}

extension Database {
    /// Runs `read`, a statement that only reads, and decodes its first row with `decode` (`nil`
    /// when it finds none). On SQLite the answer is kept on each read-only connection and read
    /// again only after a commit (`SQLiteReadConnection.kept`). On PostgreSQL the statement is
    /// prepared on each pooled connection the first time it runs there and kept with it, unless
    /// the database URL says `prepared_statements=off` (a PgBouncer in transaction mode before
    /// 1.21 does not carry prepared statements between transactions).
    func readRepeated<R: RepeatedRead, T: Sendable>(
        _ read: R, _ decode: @escaping @Sendable (any SQLRow) throws -> T
    ) async throws -> T? {
        if engine == .sqlite {
            let key = ([R.name, String(reflecting: T.self)] + read.values).joined(separator: "\u{1F}")
            let logger = self.logger
            let answer = try await onSQLiteReader { connection in
                try connection.kept(key) { () throws -> T? in
                    // Written out only when the kept answer will not do (the text is parsed for `$n`).
                    var found: T?
                    try SQLiteReadDatabase(connection: connection, logger: logger).run(read.query(for: .sqlite)) {
                        row in
                        if found == nil { found = try decode(row) }
                    }
                    return found
                }
            }
            if let answer { return answer }
        }
        guard preparesStatements else {
            let query = read.query(for: engine)
            return try await readStatement { sql in try await sql.raw(query).first().map(decode) }
        }
        let logger = self.logger
        return try await withPostgresConnection { connection in
            var found: T?
            for try await row in try await connection.execute(read, logger: logger) where found == nil {
                found = try decode(row.sql())
            }
            return found
        }
    }
}
