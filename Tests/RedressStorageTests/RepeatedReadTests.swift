import Foundation
import RedressCore
@testable import RedressStorage
import RedressTestSupport
import NIOCore
import SQLKit
import SQLiteKit
import Testing

/// Numbers its parameters out of order and uses one twice; counts cases so a change shows.
private struct Probe: RepeatedRead {
    static let sql = """
        SELECT $2 || '/' || $1 || '/' || $2 || '/' || (SELECT count(*) FROM representation WHERE id <> $1) AS answer
        """
    var values: [String]
}

/// Whether it runs as a statement prepared on its connection: PostgreSQL lists a session's
/// prepared statements, and one being executed is among them.
private struct PreparedHere: RepeatedRead {
    static let name = "redress_test_prepared_here"
    static let sql = "SELECT count(*) AS listed FROM pg_prepared_statements WHERE name = $1"
    var values: [String] { [Self.name] }
}

/// The reads every request makes are kept prepared on PostgreSQL; they must answer exactly as the
/// same statement sent afresh, on every connection, however many at once and after the tables
/// under them change.
@Suite("Storage: reads kept prepared")
struct RepeatedReadTests {
    @Test("a repeated read binds its numbered parameters and sees every change", arguments: TestDatabase.engines)
    func answers(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let answer: @Sendable (any SQLRow) throws -> String = { try $0.decode(column: "answer", as: String.self) }
            #expect(try await database.readRepeated(Probe(values: ["a", "b"]), answer) == "b/a/b/0")
            let store = RepresentationStore(database: database)
            let generated = DemoCouncil(today: CalendarDate(iso: "2026-11-21")!).representations()
            try await store.insertAll(Array(generated.prefix(60)))
            let count = 60
            // More reads at once than the pool has connections: each connection prepares it once.
            let answers = try await withThrowingTaskGroup(of: String?.self) { group in
                for i in 0..<40 {
                    group.addTask {
                        try await database.readRepeated(Probe(values: ["x\(i)", "y"]), answer)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(answers) == Set((0..<40).map { "y/x\($0)/y/\(count)" }))
            // The table under a kept statement changes (as a migration run by another node would),
            // and more cases arrive: every connection's statement sees both.
            try await database.withSQL { sql in
                try await sql.raw("ALTER TABLE representation ADD COLUMN probe_note TEXT").run()
            }
            try await store.insertAll(Array(generated.dropFirst(60).prefix(5)))
            for _ in 0..<12 {
                #expect(
                    try await database.readRepeated(Probe(values: ["none", "z"]), answer) == "z/none/z/\(count + 5)")
            }
        }
    }

    @Test("on SQLite a kept answer is read again after every commit, made here or through another connection")
    func keptUntilCommit() async throws {
        try await TestDatabase.with(.sqlite, test: "sqlite-only/keptUntilCommit") { database in
            guard case .sqlite(let path) = database.location else { return }
            let store = RepresentationStore(database: database)
            let open = DemoCouncil(today: CalendarDate(iso: "2026-11-21")!).representations().filter(\.isOpen)
            try await store.insertAll([open[0]])
            let first = try await store.workQueueStamp()
            #expect(first.hasPrefix("1:"))
            // Asked on every read-only connection at once, the answer stays the same while nobody writes.
            let stamps = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 { group.addTask { try await store.workQueueStamp() } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(stamps == [first])
            // A second connection to the file, as `redress import` run beside the server would be.
            try await Database.with(.sqlite(path: path), logger: TestDatabase.logger) { other in
                try await RepresentationStore(database: other).insertAll([open[1]])
            }
            for _ in 0..<8 { #expect(try await store.workQueueStamp().hasPrefix("2:")) }
            // And through this database's own writer: a case leaves the queue.
            try await store.insertAll([open[2]])
            let third = try await store.workQueueStamp()
            #expect(third.hasPrefix("3:") && third != first)
            #expect(try await store.representation(id: open[2].id)?.version == open[2].version)
        }
    }

    @Test("on PostgreSQL the reads are prepared, unless the database URL turns it off")
    func preparedOnPostgres() async throws {
        guard TestDatabase.engines.contains(.postgres) else { return }
        try await TestDatabase.with(.postgres, test: "postgres-only/preparedOnPostgres") { database in
            guard case .postgres(var settings) = database.location else { return }
            let listed: @Sendable (any SQLRow) throws -> Int = { try $0.decode(column: "listed", as: Int.self) }
            #expect(try await database.readRepeated(PreparedHere(), listed) == 1)
            settings.preparedStatements = false
            let unprepared = try await Database.with(.postgres(settings), logger: TestDatabase.logger) { database in
                try await database.readRepeated(PreparedHere(), listed)
            }
            #expect(unprepared == 0)
        }
    }
}

/// SQLite's read-only connections are used through its C API (`SQLiteReadConnection`): what they
/// read must be what sqlite-nio would have read, on both engines the same.
@Suite("Storage: what reads return, value by value")
struct ReadValuesTests {
    @Test(
        "values read back as written; a bad statement is an error; more statements than are kept; a changed table",
        arguments: TestDatabase.engines)
    func values(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let blob = engine == .postgres ? "BYTEA" : "BLOB", bytes = Data([0, 1, 255])
            try await database.withSQL { sql in
                try await sql.raw(
                    "CREATE TABLE probe (n BIGINT, r DOUBLE PRECISION, t TEXT, b \(unsafeRaw: blob), z TEXT)"
                ).run()
                try await sql.raw(
                    """
                    INSERT INTO probe (n, r, t, b, z) VALUES \
                    (\(bind: Int.max), \(bind: -0.125), \(bind: "Zoë — 学校 🏫 'quoted'"), \(bind: bytes), NULL)
                    """
                ).run()
            }
            let row = try await database.read { sql in try await sql.raw("SELECT * FROM probe").first() }
            #expect(try row?.decode(column: "n", as: Int.self) == Int.max)
            #expect(try row?.decode(column: "r", as: Double.self) == -0.125)
            #expect(try row?.decode(column: "t", as: String.self) == "Zoë — 学校 🏫 'quoted'")
            #expect(try row?.decode(column: "b", as: Data.self) == bytes)
            #expect(try row?.decodeNil(column: "z") == true && row?.contains(column: "z") == true)
            #expect(try row?.decode(column: "z", as: String?.self) == nil)
            #expect(row?.contains(column: "nothing") == false)
            await #expect(throws: (any Error).self) {
                try await database.read { sql in try await sql.raw("SELECT nothing FROM probe").all() }
            }
            // More distinct statements than a connection keeps, each answering its own question.
            for i in 0..<300 {
                let n = try await database.readStatement { sql in
                    try await sql.raw("SELECT \(unsafeRaw: String(i)) + count(*) AS n FROM probe").first()?.decode(
                        column: "n", as: Int.self)
                }
                #expect(n == i + 1)
            }
            // The table under a kept statement changes on the writer; every reader sees the change,
            // the new column included (`SELECT *` kept on each connection before the change).
            let everyReader = { @Sendable () async throws -> [[String]] in
                try await withThrowingTaskGroup(of: [String].self) { group in
                    for _ in 0..<16 {
                        group.addTask {
                            try await database.read { sql in
                                try await sql.raw("SELECT * FROM probe").all().map {
                                    $0.allColumns.joined(separator: ",")
                                }
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(try await everyReader().allSatisfy { $0 == ["n,r,t,b,z"] })
            try await database.withSQL { sql in
                try await sql.raw("ALTER TABLE probe ADD COLUMN extra TEXT").run()
                try await sql.raw("INSERT INTO probe (n, extra) VALUES (2, 'x')").run()
            }
            #expect(try await everyReader().allSatisfy { $0 == ["n,r,t,b,z,extra", "n,r,t,b,z,extra"] })
        }
    }
}

@Test("a read-only connection to a file that is not there, or not a database, is refused with the reason")
func readConnectionRefused() throws {
    #expect(throws: DatabaseError.self) { try SQLiteReadConnection(path: "/nonexistent-folder/redress.sqlite") }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-sqlite-\(UUID().uuidString)").path
    FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 4096))
    defer { try? FileManager.default.removeItem(atPath: path) }
    // SQLite opens lazily; the first statement (a pragma) finds the file is not a database.
    #expect(throws: (any Error).self) { try SQLiteReadConnection(path: path) }
}

@Test("a read-only row answers every type as SQLiteKit's decoder does, for every kind of stored value")
func readRowAnswersAsSQLiteKit() throws {
    let stored: [SQLiteData] = [
        .text("text"), .text(""), .text("1"), .integer(0), .integer(1), .integer(2), .integer(-7), .float(1.5), .null,
        .blob(ByteBuffer(bytes: [1, 2])),
    ]
    let row = SQLiteReadRow(columns: .init(stored.indices.map { "c\($0)" }), values: stored)
    let kit = SQLiteDataDecoder()
    /// The answer, or that there was none, as text to compare.
    func answer<T: Decodable>(_ read: () throws -> T) -> String {
        do { return "\(try read())" } catch { return "error" }
    }
    func same<T: Decodable>(_ type: T.Type, _ index: Int) -> Bool {
        answer { try row.decode(column: "c\(index)", as: type) } == answer { try kit.decode(type, from: stored[index]) }
    }
    for index in stored.indices {
        #expect(same(String.self, index), "String from \(stored[index])")
        #expect(same(String?.self, index), "String? from \(stored[index])")
        #expect(same(Int.self, index), "Int from \(stored[index])")
        #expect(same(Int?.self, index), "Int? from \(stored[index])")
        #expect(same(Bool.self, index), "Bool from \(stored[index])")
        #expect(same(Double.self, index), "Double from \(stored[index])")
    }
}

@Test("a read-only row finds a column by its name: the first of two alike, none for a name not there")
func readRowFindsColumnsByName() throws {
    let names = [
        "id", "kind", "ab", "ba", "id", "a_name_longer_than_fifteen_bytes", "a_name_longer_than_fifteen_bytez", "é",
    ]
    let row = SQLiteReadRow(columns: .init(names), values: names.indices.map { .integer($0) })
    #expect(try row.decode(column: "id", as: Int.self) == 0)
    #expect(try row.decode(column: "ba", as: Int.self) == 3)
    #expect(try row.decode(column: "a_name_longer_than_fifteen_bytez", as: Int.self) == 6)
    #expect(try row.decode(column: "a_name_longer_than_fifteen_bytes", as: Int.self) == 5)
    #expect(try row.decode(column: "\u{65}\u{301}", as: Int.self) == 7)
    #expect(row.contains(column: "kind"))
    #expect(!row.contains(column: "kin"))
    #expect(!row.contains(column: "ID"))
    #expect(try row.decodeNil(column: "missing"))
    #expect(throws: SQLiteReadError.self) { try row.decode(column: "missing", as: Int.self) }
    // PostgresNIO answers the last of two columns with one name.
    let last = ColumnNames(names, lastOfTwo: true)
    #expect(last.offset(of: "id") == 4)
    #expect(last.offset(of: "kind") == 1)
    #expect(last.offset(of: "\u{65}\u{301}") == 7)
    #expect(last.offset(of: "missing") == nil)
}

@Test("a PostgreSQL read's row answers every type as PostgresKit's row does, for every kind of stored value")
func postgresReadRowAnswersAsPostgresKit() async throws {
    guard TestDatabase.engines.contains(.postgres) else { return }
    try await TestDatabase.with(.postgres, test: "postgres-only/postgresReadRowAnswersAsPostgresKit") { database in
        let columns = ["big", "small", "t", "v", "flag", "real", "num", "bytes", "u", "c"]
        try await database.withSQL { sql in
            try await sql.raw(
                """
                CREATE TABLE probe (k INTEGER, big BIGINT, small INTEGER, t TEXT, v VARCHAR(20), flag BOOLEAN, \
                real DOUBLE PRECISION, num NUMERIC(8, 3), bytes BYTEA, u UUID, c CHAR(4))
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO probe VALUES \
                (1, \(bind: Int.max), -7, 'Zoë — 学校', '12', TRUE, -0.125, 2.5, '\\x0102', \
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'ab'), \
                (2, 0, 1, '', '', FALSE, 1e300, -0.001, '', '00000000-0000-0000-0000-000000000000', ''), \
                (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
                """
            ).run()
        }
        let query: SQLQueryString = "SELECT * FROM probe WHERE k > \(bind: 0) ORDER BY k"
        let fast = try await database.read { sql in try await sql.raw(query).all() }
        let kit = try await database.withSQL { sql in try await sql.raw(query).all() }
        #expect(fast.count == 3 && fast.allSatisfy { $0 is PostgresReadRow })
        func answer<T: Decodable>(_ read: () throws -> T) -> String {
            do { return "\(try read())" } catch { return "error" }
        }
        func same<T: Decodable>(_ type: T.Type, _ row: Int, _ column: String) -> Bool {
            answer { try fast[row].decode(column: column, as: type) }
                == answer { try kit[row].decode(column: column, as: type) }
        }
        for row in 0..<3 {
            for column in columns + ["absent"] {
                #expect(same(String.self, row, column), "String from \(column) of row \(row)")
                #expect(same(String?.self, row, column), "String? from \(column) of row \(row)")
                #expect(same(Int.self, row, column), "Int from \(column) of row \(row)")
                #expect(same(Int?.self, row, column), "Int? from \(column) of row \(row)")
                #expect(same(Bool.self, row, column), "Bool from \(column) of row \(row)")
                #expect(same(Double.self, row, column), "Double from \(column) of row \(row)")
                #expect(
                    (try? fast[row].decodeNil(column: column)) == (try? kit[row].decodeNil(column: column)),
                    "nil in \(column) of row \(row)")
            }
            #expect(fast[row].allColumns == kit[row].allColumns)
        }
        // A bind of another type (bytes) is encoded by PostgresKit, as before.
        let matched = try await database.read { sql in
            try await sql.raw("SELECT k FROM probe WHERE bytes = \(bind: Data([1, 2]))").all()
        }
        #expect(try matched.map { try $0.decode(column: "k", as: Int.self) } == [1])
        // Two columns of one name: the one PostgresKit answers (the last), rows after the first too.
        let twice: SQLQueryString = "SELECT v AS twice, t AS twice FROM probe WHERE k > \(bind: 0) ORDER BY k"
        let fastTwice = try await database.read { sql in try await sql.raw(twice).all() }
        let kitTwice = try await database.withSQL { sql in try await sql.raw(twice).all() }
        for (fast, kit) in zip(fastTwice, kitTwice) {
            #expect(
                answer { try fast.decode(column: "twice", as: String?.self) }
                    == answer { try kit.decode(column: "twice", as: String?.self) })
        }
        #expect(try fastTwice[0].decode(column: "twice", as: String.self) == "Zoë — 学校")
    }
}

@Test("PostgreSQL compiles none of Redress's statements (jit off): compiling cost more than it saved")
func postgresWithoutJIT() async throws {
    guard TestDatabase.engines.contains(.postgres) else { return }
    try await TestDatabase.with(.postgres, test: "postgres-only/postgresWithoutJIT") { database in
        let read = try await database.read { sql in
            try await sql.raw("SHOW jit").first()?.decode(column: "jit", as: String.self)
        }
        let written = try await database.withSQL { sql in
            try await sql.raw("SHOW jit").first()?.decode(column: "jit", as: String.self)
        }
        #expect(read == "off" && written == "off")
    }
}
