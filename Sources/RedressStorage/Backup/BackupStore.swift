import Foundation
import RedressCore
import SQLKit

/// One value in a backup row.
enum BackupValue: Codable, Sendable, Hashable {
    case null, text(String), integer(Int), boolean(Bool)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .boolean(b)
        } else if let i = try? c.decode(Int.self) {
            self = .integer(i)
        } else {
            self = .text(try c.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .text(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .boolean(let b): try c.encode(b)
        }
    }
}

/// A problem with a backup file or the store it is restored into, in words.
public struct BackupError: Error, Sendable, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Backup and restore of everything Redress holds — cases and their histories, users, the
/// audit trail, people and pools, submissions, letters and templates, report inputs, settings,
/// code lists, procedures and imported bank holidays — as one file that either engine restores.
///
/// The backup reads every table in one snapshot (a consistent copy while the server runs). The
/// file is JSON Lines: a header, then for each table a line naming its columns and a line per
/// row, then a trailer with the row count and the SHA-256 of every byte before it, so a file cut
/// short or changed is refused. A restore checks the whole file first, needs an empty store,
/// and writes everything in one transaction.
public struct BackupStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public static let format = "redress-backup/1"

    struct Header: Codable {
        var format: String
        var schemaVersion: Int
        var engine: String
        var createdAt: String
    }

    struct TableLine: Codable {
        var table: String
        var columns: [String]
    }

    struct Trailer: Codable {
        var rows: Int
        var sha256: String
    }

    struct TrailerLine: Codable {
        var trailer: Trailer
    }

    /// Writes a backup through `write` (each call one line, newline included); returns the
    /// number of rows written.
    public func backup(_ write: @escaping @Sendable (String) throws -> Void) async throws -> Int {
        let version = try await Migrator(database: database).appliedVersions().max() ?? 0
        let sink = BackupSink(write)
        try sink.line(
            Header(
                format: Self.format, schemaVersion: version, engine: database.engine.rawValue,
                createdAt: Timestamp.now()))
        try await database.snapshot { sql in
            for table in BackupSchema.tables {
                try sink.line(TableLine(table: table.name, columns: table.columns.map(\.name)))
                let columns = table.columns.map(\.name).joined(separator: ", ")
                try await sql.raw(
                    "SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table.name) ORDER BY \(unsafeRaw: table.orderBy)"
                ).run { row in
                    sink.row(table.columns.map { column in Self.value(row, column) })
                }
                try sink.check()
            }
        }
        return try sink.finish()
    }

    private static func value(_ row: any SQLRow, _ column: BackupSchema.Column) -> Result<BackupValue, any Error> {
        Result {
            switch column.type {
            case .text: try row.decode(column: column.name, as: String?.self).map(BackupValue.text) ?? .null
            case .integer: try row.decode(column: column.name, as: Int?.self).map(BackupValue.integer) ?? .null
            case .boolean: try row.decode(column: column.name, as: Bool?.self).map(BackupValue.boolean) ?? .null
            }
        }
    }

    /// What a checked backup file holds.
    struct Contents {
        var header: Header
        var tables: [(table: BackupSchema.Table, rows: [[BackupValue]])]
        var rowCount: Int
    }

    /// Reads and checks a whole backup file: sealed, of this format and schema, every table and
    /// value of the right kind. Nothing is written.
    static func read(_ bytes: [UInt8], schemaVersion: Int) throws(BackupError) -> Contents {
        let lines = InterchangeFile.splitLines(bytes)
        guard let last = lines.last, let trailer = try? JSONDecoder().decode(TrailerLine.self, from: Data(last.bytes))
        else {
            throw BackupError(
                "The backup file has no trailer: it was cut short, or is not a Redress backup. Nothing was restored.")
        }
        var digest = SHA256Digest()
        digest.update(bytes[0..<last.start])
        guard digest.hexDigest() == trailer.trailer.sha256 else {
            throw BackupError(
                "The backup file does not match its checksum: it was changed or damaged. Nothing was restored.")
        }
        let decoder = JSONDecoder()
        guard let first = lines.first, let header = try? decoder.decode(Header.self, from: Data(first.bytes)),
            header.format == Self.format
        else {
            throw BackupError("Line 1 is not a \(Self.format) header. Nothing was restored.")
        }
        guard header.schemaVersion == schemaVersion else {
            throw BackupError(
                """
                    The backup was made at schema version \(header.schemaVersion); this Redress is at \
                    \(schemaVersion). Restore it with the same version of Redress, then upgrade.
                    """
            )
        }
        let known = Dictionary(uniqueKeysWithValues: BackupSchema.tables.map { ($0.name, $0) })
        var tables: [(BackupSchema.Table, [[BackupValue]])] = [], rows = 0
        for line in lines.dropFirst().dropLast() {
            if let tableLine = try? decoder.decode(TableLine.self, from: Data(line.bytes)) {
                guard let table = known[tableLine.table], tableLine.columns == table.columns.map(\.name) else {
                    throw BackupError(
                        """
                            Line \(line.number): table \(tableLine.table) is not one this Redress restores, or its \
                            columns differ. Nothing was restored.
                            """
                    )
                }
                tables.append((table, []))
                continue
            }
            guard let values = try? decoder.decode([BackupValue].self, from: Data(line.bytes)),
                let current = tables.last?.0
            else {
                throw BackupError("Line \(line.number) cannot be read. Nothing was restored.")
            }
            guard values.count == current.columns.count else {
                throw BackupError(
                    """
                        Line \(line.number): \(current.name) has \(current.columns.count) columns, the row \
                        \(values.count). Nothing was restored.
                        """
                )
            }
            for (value, column) in zip(values, current.columns) {
                let fits: Bool
                switch (value, column.type) {
                case (.null, _): fits = column.nullable
                case (.text, .text), (.integer, .integer), (.boolean, .boolean): fits = true
                default: fits = false
                }
                guard fits else {
                    throw BackupError(
                        """
                            Line \(line.number), \(current.name).\(column.name): the value is not of the column's \
                            kind. Nothing was restored.
                            """
                    )
                }
            }
            tables[tables.count - 1].1.append(values)
            rows += 1
        }
        guard rows == trailer.trailer.rows else {
            throw BackupError(
                "The trailer says \(trailer.trailer.rows) rows, the file holds \(rows). Nothing was restored.")
        }
        guard tables.map(\.0.name) == BackupSchema.tables.map(\.name) else {
            throw BackupError("The backup does not hold every table, in order. Nothing was restored.")
        }
        return Contents(header: header, tables: tables, rowCount: rows)
    }

    /// Checks a backup file without restoring it; returns its row count.
    public func check(_ bytes: [UInt8]) async throws -> Int {
        try Self.read(bytes, schemaVersion: Migrator.latestVersion).rowCount
    }

    /// Restores a backup into this store, which must hold no cases, users, audit trail, people,
    /// submissions or letters. All or nothing. Returns the number of rows restored.
    public func restore(_ bytes: [UInt8]) async throws -> Int {
        let contents = try Self.read(bytes, schemaVersion: Migrator.latestVersion)
        let engine = database.engine
        try await database.transaction { sql in
            for name in BackupSchema.mustBeEmpty {
                let n =
                    try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: name)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
                guard n == 0 else {
                    throw BackupError(
                        """
                            This store already holds data (\(name) has \(n) rows). Restore into a new, empty \
                            database. Nothing was restored.
                            """
                    )
                }
            }
            for table in BackupSchema.tables.reversed() where !BackupSchema.mustBeEmpty.contains(table.name) {
                try await sql.raw("DELETE FROM \(unsafeRaw: table.name)").run()
            }
            for (table, rows) in contents.tables {
                let override = engine == .postgres && table.name == "audit_entry" ? " OVERRIDING SYSTEM VALUE" : ""
                let columns = table.columns.map(\.name).joined(separator: ", ")
                for chunk in rows.chunked(into: max(1, 900 / table.columns.count)) {
                    var query = SQLQueryString(
                        "INSERT INTO \(unsafeRaw: table.name) (\(unsafeRaw: columns))\(unsafeRaw: override) VALUES ")
                    for (r, row) in chunk.enumerated() {
                        query = query + (r == 0 ? "(" : ", (")
                        for (c, value) in row.enumerated() {
                            if c > 0 { query = query + ", " }
                            switch value {
                            case .null: query = query + "NULL"
                            case .text(let s): query = query + "\(bind: s)"
                            case .integer(let i): query = query + "\(bind: i)"
                            case .boolean(let b): query = query + "\(bind: b)"
                            }
                        }
                        query = query + ")"
                    }
                    try await sql.raw(query).run()
                }
            }
            try await SearchIndex.rebuild(on: sql)
            if engine == .postgres {
                try await sql.raw(
                    """
                    SELECT setval(pg_get_serial_sequence('audit_entry', 'id'), COALESCE((SELECT MAX(id) FROM \
                    audit_entry), 0) + 1, false)
                    """
                ).run()
            }
            try await ConfigurationStamp.bump(on: sql)
        }
        await database.representationCache.removeAll()
        return contents.rowCount
    }
}

/// Where backup lines go, from the row handler (which cannot throw): the first failure is kept
/// and reported by `check`.
private final class BackupSink: @unchecked Sendable {
    private let write: @Sendable (String) throws -> Void
    private let lock = NSLock()
    private var digest = SHA256Digest()
    private var rows = 0
    private var failure: (any Error)?
    private let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    init(_ write: @escaping @Sendable (String) throws -> Void) { self.write = write }

    func line(_ value: some Encodable) throws {
        lock.lock()
        defer { lock.unlock() }
        try emit(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private func emit(_ text: String) throws {
        let line = text + "\n"
        digest.update(line)
        try write(line)
    }

    func row(_ values: [Result<BackupValue, any Error>]) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do {
            let decoded = try values.map { try $0.get() }
            try emit(String(decoding: try encoder.encode(decoded), as: UTF8.self))
            rows += 1
        } catch {
            failure = error
        }
    }

    func check() throws {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
    }

    func finish() throws -> Int {
        try check()
        lock.lock()
        defer { lock.unlock() }
        let trailer = BackupStore.TrailerLine(trailer: BackupStore.Trailer(rows: rows, sha256: digest.hexDigest()))
        try write(String(decoding: try encoder.encode(trailer), as: UTF8.self) + "\n")
        return rows
    }
}
