import Foundation
import RedressCore
import SQLKit

/// A forward-only schema change, named by intent. Each runs in its own transaction and is
/// recorded in `schema_migration`, so `redress migrate` and server start are idempotent.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: @Sendable (DatabaseEngine) -> [String]
    let seed: (@Sendable (any SQLDatabase) async throws -> Void)?

    init(_ version: Int, _ name: String, statements: @escaping @Sendable (DatabaseEngine) -> [String], seed: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) {
        self.version = version
        self.name = name
        self.statements = statements
        self.seed = seed
    }
}

/// Applies the migrations a database has not yet had.
public struct Migrator: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Every migration, in order. Append only: never edit one that has shipped.
    static let all: [Migration] = [
        Migration(1, "Create representations, stages, case events, people, code lists, procedures and calendars", statements: { _ in [
            """
            CREATE TABLE category (
                list TEXT NOT NULL, group_key TEXT NOT NULL DEFAULT '', code TEXT NOT NULL,
                label TEXT NOT NULL, position BIGINT NOT NULL, is_active BOOLEAN NOT NULL,
                PRIMARY KEY (list, group_key, code))
            """,
            "CREATE TABLE procedure_definition (id TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at TEXT NOT NULL)",
            """
            CREATE TABLE bank_holiday_import (
                division TEXT NOT NULL, holiday_on TEXT NOT NULL, title TEXT NOT NULL, notes TEXT NOT NULL,
                bunting BOOLEAN NOT NULL, imported_at TEXT NOT NULL, PRIMARY KEY (division, holiday_on))
            """,
            "CREATE TABLE reference_counter (prefix TEXT PRIMARY KEY, last_value BIGINT NOT NULL)",
            "CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT NOT NULL, detail TEXT NOT NULL, updated_at TEXT NOT NULL)",
            """
            CREATE TABLE representation (
                id TEXT PRIMARY KEY,
                reference TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('complaint', 'compliment', 'comment', 'pre-complaint', 'case-concern',
                    'enquiry', 'ombudsman-enquiry', 'professional-concern', 'other')),
                service_area TEXT NOT NULL CHECK (service_area IN ('adults', 'children', 'corporate')),
                procedure_id TEXT,
                received_on TEXT NOT NULL CHECK (length(received_on) = 10),
                method TEXT NOT NULL,
                relationship TEXT NOT NULL,
                is_child BOOLEAN NOT NULL,
                advocate TEXT,
                service_category TEXT NOT NULL,
                summary TEXT NOT NULL,
                is_open BOOLEAN NOT NULL,
                has_follow_up BOOLEAN NOT NULL,
                detail TEXT NOT NULL,
                version BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX representation_received ON representation (received_on)",
            "CREATE INDEX representation_open ON representation (is_open, received_on)",
            "CREATE INDEX representation_follow_up ON representation (has_follow_up)",
            """
            CREATE TABLE stage (
                representation_id TEXT NOT NULL REFERENCES representation (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                stage_key TEXT NOT NULL,
                opened_on TEXT NOT NULL,
                due_on TEXT,
                responded_on TEXT,
                closed_on TEXT,
                outcome TEXT,
                detail TEXT NOT NULL,
                PRIMARY KEY (representation_id, position))
            """,
            "CREATE INDEX stage_responded ON stage (responded_on)",
            """
            CREATE TABLE case_event (
                representation_id TEXT NOT NULL REFERENCES representation (id) ON DELETE CASCADE,
                sequence BIGINT NOT NULL,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                command TEXT NOT NULL,
                summary TEXT NOT NULL,
                PRIMARY KEY (representation_id, sequence))
            """,
        ] }, seed: { sql in
            try await ReferenceStore.insert(ReferenceData.defaults.categories, on: sql)
            try await ProcedureStore.insert(BuiltInProcedures.all, on: sql)
        }),
    ]

    /// The newest migration version this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// Applies pending migrations; returns the names of those applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await database.withSQL { sql in
            try await sql.raw("CREATE TABLE IF NOT EXISTS schema_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)").run()
        }
        let applied = try await appliedVersions()
        if let newest = applied.max(), newest > Self.latestVersion {
            throw DatabaseError.cannotOpen("the database is at schema version \(newest), newer than this Redress (\(Self.latestVersion)); upgrade Redress")
        }
        var names: [String] = []
        for migration in Self.all where !applied.contains(migration.version) {
            let engine = database.engine
            try await database.transaction { sql in
                for statement in migration.statements(engine) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await migration.seed?(sql)
                try await sql.insert(into: "schema_migration")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
            }
            names.append(migration.name)
        }
        return names
    }

    /// Versions already applied.
    public func appliedVersions() async throws -> Set<Int> {
        try await database.withSQL { sql in
            let rows = try await sql.raw("SELECT version FROM schema_migration").all()
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }
}

/// Timestamps for audit columns: UTC, ISO 8601, second precision.
enum Timestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
