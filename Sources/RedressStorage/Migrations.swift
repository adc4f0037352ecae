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

    init(
        _ version: Int, _ name: String, statements: @escaping @Sendable (DatabaseEngine) -> [String],
        seed: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) {
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
        Migration(
            1, "Create representations, stages, case events, people, code lists, procedures and calendars",
            statements: { _ in
                [
                    """
                    CREATE TABLE category (
                        list TEXT NOT NULL, group_key TEXT NOT NULL DEFAULT '', code TEXT NOT NULL,
                        label TEXT NOT NULL, position BIGINT NOT NULL, is_active BOOLEAN NOT NULL,
                        PRIMARY KEY (list, group_key, code))
                    """,
                    """
                    CREATE TABLE procedure_definition (id TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at \
                    TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE bank_holiday_import (
                        division TEXT NOT NULL, holiday_on TEXT NOT NULL, title TEXT NOT NULL, notes TEXT NOT NULL,
                        bunting BOOLEAN NOT NULL, imported_at TEXT NOT NULL, PRIMARY KEY (division, holiday_on))
                    """,
                    "CREATE TABLE reference_counter (prefix TEXT PRIMARY KEY, last_value BIGINT NOT NULL)",
                    """
                    CREATE TABLE person (id TEXT PRIMARY KEY, name TEXT NOT NULL, detail TEXT NOT NULL, \
                    updated_at TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE representation (
                        id TEXT PRIMARY KEY,
                        reference TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('complaint', 'compliment', 'comment', 'pre-complaint', \
                    'case-concern',
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
                ]
            },
            seed: { sql in
                try await ReferenceStore.insert(ReferenceData.firstLists.categories, on: sql)
                try await ProcedureStore.insert(BuiltInProcedures.all, on: sql)
            }),
        Migration(
            2, "Add users, sessions, the append-only audit trail, settings, personal details, restriction and purge",
            statements: { engine in
                let serial =
                    engine == .postgres
                    ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
                let appendOnly: [String] =
                    engine == .postgres
                    ? [
                        """
                        CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$
                        """,
                        """
                        CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry FOR EACH \
                        ROW EXECUTE FUNCTION audit_entry_append_only()
                        """,
                    ]
                    : [
                        """
                        CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN SELECT \
                        RAISE(ABORT, 'audit entries are append-only'); END
                        """,
                        """
                        CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN SELECT \
                        RAISE(ABORT, 'audit entries are append-only'); END
                        """,
                    ]
                return [
                    "ALTER TABLE representation ADD COLUMN complainant_name TEXT",
                    "ALTER TABLE representation ADD COLUMN complainant_contact TEXT",
                    "ALTER TABLE representation ADD COLUMN subject_name TEXT",
                    "ALTER TABLE representation ADD COLUMN restricted_to TEXT",
                    "ALTER TABLE representation ADD COLUMN purged_on TEXT",
                    """
                    CREATE TABLE app_user (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        person_id TEXT,
                        password_hash TEXT NOT NULL,
                        failed_sign_ins BIGINT NOT NULL DEFAULT 0,
                        locked_until BIGINT,
                        is_disabled BOOLEAN NOT NULL DEFAULT FALSE,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE user_session (
                        token_hash TEXT PRIMARY KEY,
                        user_id TEXT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
                        csrf_token TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        last_seen_at BIGINT NOT NULL)
                    """,
                    "CREATE INDEX user_session_user ON user_session (user_id)",
                    """
                    CREATE TABLE audit_entry (
                        id \(serial),
                        at TEXT NOT NULL,
                        user_id TEXT,
                        username TEXT NOT NULL,
                        action TEXT NOT NULL,
                        representation_id TEXT,
                        reference TEXT,
                        detail TEXT NOT NULL,
                        address TEXT)
                    """,
                    "CREATE INDEX audit_entry_reference ON audit_entry (reference)",
                    "CREATE INDEX audit_entry_username ON audit_entry (username)",
                    "CREATE INDEX audit_entry_at ON audit_entry (at)",
                    "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)",
                ] + appendOnly
            }),
        Migration(
            3,
            "Add report inputs: context measures, recommendations and equality monitoring (kept apart from the case)",
            statements: { _ in
                [
                    """
                    CREATE TABLE context_measure (
                        year BIGINT NOT NULL,
                        service_area TEXT NOT NULL,
                        measure TEXT NOT NULL,
                        value BIGINT NOT NULL,
                        updated_at TEXT NOT NULL,
                        PRIMARY KEY (year, service_area, measure))
                    """,
                    """
                    CREATE TABLE report_recommendation (
                        id TEXT PRIMARY KEY,
                        year BIGINT NOT NULL,
                        service_area TEXT,
                        title TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        due_on TEXT,
                        status TEXT NOT NULL,
                        progress TEXT NOT NULL,
                        version BIGINT NOT NULL,
                        updated_at TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE equality_monitoring (
                        representation_id TEXT PRIMARY KEY REFERENCES representation (id) ON DELETE CASCADE,
                        disability TEXT NOT NULL,
                        gender TEXT NOT NULL,
                        age_band TEXT NOT NULL,
                        ethnicity TEXT NOT NULL,
                        recorded_at TEXT NOT NULL)
                    """,
                ]
            },
            seed: { sql in
                try await ReferenceStore.insert(ReferenceData.equalityLists.categories, on: sql)
            }),
        Migration(
            4, "Add public submissions, letter templates and letters, the outbox and reminder runs",
            statements: { _ in
                [
                    """
                    CREATE TABLE submission (
                        id TEXT PRIMARY KEY,
                        reference TEXT NOT NULL UNIQUE,
                        submitted_on TEXT NOT NULL,
                        status TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        version BIGINT NOT NULL,
                        created_at TEXT NOT NULL)
                    """,
                    "CREATE INDEX submission_status ON submission (status, submitted_on)",
                    """
                    CREATE TABLE letter_template (
                        key TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        body TEXT NOT NULL,
                        version BIGINT NOT NULL,
                        updated_at TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE letter (
                        id TEXT PRIMARY KEY,
                        representation_id TEXT NOT NULL REFERENCES representation (id) ON DELETE CASCADE,
                        template_key TEXT NOT NULL,
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created_on TEXT NOT NULL,
                        created_by TEXT NOT NULL,
                        created_at TEXT NOT NULL)
                    """,
                    "CREATE INDEX letter_representation ON letter (representation_id)",
                    """
                    CREATE TABLE outbox_message (
                        id TEXT PRIMARY KEY,
                        recipient TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL,
                        attempts BIGINT NOT NULL,
                        next_attempt_at BIGINT NOT NULL,
                        last_error TEXT,
                        created_at BIGINT NOT NULL,
                        sent_at BIGINT)
                    """,
                    "CREATE INDEX outbox_due ON outbox_message (status, next_attempt_at)",
                    """
                    CREATE TABLE reminder_run (day TEXT PRIMARY KEY, messages BIGINT NOT NULL, created_at TEXT \
                    NOT NULL)
                    """,
                ]
            },
            seed: { sql in
                try await LetterStore.insertTemplates(LetterTemplate.standard, on: sql)
            }),
        Migration(
            5, "Add API tokens (stored hashed) and indexes for the API's case filters",
            statements: { _ in
                [
                    """
                    CREATE TABLE api_token (
                        id TEXT PRIMARY KEY,
                        token_hash TEXT NOT NULL UNIQUE,
                        user_id TEXT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
                        name TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        expires_at BIGINT NOT NULL,
                        last_used_at BIGINT,
                        revoked_at BIGINT)
                    """,
                    "CREATE INDEX api_token_user ON api_token (user_id)",
                    "CREATE INDEX representation_service ON representation (service_category, received_on)",
                    "CREATE INDEX stage_open_due ON stage (closed_on, due_on)",
                ]
            }),
        Migration(
            6, "Sign-in attempts counted in the database, passwords chosen by their owner, equality answers versioned",
            statements: { _ in
                [
                    """
                    CREATE TABLE attempt_counter (
                        key TEXT PRIMARY KEY,
                        failures BIGINT NOT NULL,
                        first_at BIGINT NOT NULL,
                        locked_until BIGINT)
                    """,
                    "ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE",
                    "ALTER TABLE equality_monitoring ADD COLUMN version BIGINT NOT NULL DEFAULT 1",
                ]
            }),
        Migration(
            7, "The case workspace: owners, merged duplicates, staff email addresses and the case search index",
            statements: { engine in
                [
                    "ALTER TABLE representation ADD COLUMN owner_id TEXT",
                    "ALTER TABLE representation ADD COLUMN merged_into TEXT",
                    "ALTER TABLE representation ADD COLUMN closed_on TEXT",
                    "CREATE INDEX representation_owner ON representation (owner_id, is_open)",
                    "CREATE INDEX representation_closed ON representation (closed_on)",
                    "ALTER TABLE app_user ADD COLUMN email TEXT",
                ] + SearchIndex.schema(engine)
            },
            seed: { sql in
                if sql.dialect.name == "postgresql" { try await SearchIndex.trigramIndex(on: sql) }
                let all = try await RepresentationStore.load(where: "1 = 1", on: sql)
                for r in all where r.closedOn != nil {
                    try await sql.raw(
                        "UPDATE representation SET closed_on = \(bind: r.closedOn?.iso) WHERE id = \(bind: r.id)"
                    ).run()
                }
                try await SearchIndex.update(all, on: sql, asAtMigration7: true)
            }),
        // Search looks a typed reference up by `lower(reference)`: without this a scan of every case.
        Migration(
            8, "Index references for search whatever their case",
            statements: { _ in
                [
                    "CREATE INDEX representation_reference_lower ON representation (lower(reference))"
                ]
            }),
        // A search for a person ranks entries of references, names and contact details only.
        Migration(
            9, "Index people apart from what is written about cases, for search",
            statements: { engine in
                SearchIndex.peopleSchema(engine)
            }),
    ] + reportAndCorrespondence + reportFacts

    /// The newest migration version this build knows.
    public static var latestVersion: Int { all.last?.version ?? 0 }

    /// Applies pending migrations (up to `version`: tests build a database as an older Redress
    /// left it); returns the names of those applied.
    @discardableResult
    public func migrate(through version: Int = Migrator.latestVersion) async throws -> [String] {
        try await database.withSQL { sql in
            try await sql.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (version BIGINT PRIMARY KEY, name TEXT NOT NULL, \
                applied_at TEXT NOT NULL)
                """
            ).run()
        }
        let applied = try await appliedVersions()
        if let newest = applied.max(), newest > Self.latestVersion {
            throw DatabaseError.cannotOpen(
                """
                the database is at schema version \(newest), newer than this Redress (\(Self.latestVersion)); \
                upgrade Redress
                """
            )
        }
        var names: [String] = []
        for migration in Self.all where !applied.contains(migration.version) && migration.version <= version {
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
        if !names.isEmpty { try await database.transaction { sql in try await ConfigurationStamp.bump(on: sql) } }
        return names
    }

    /// Versions already applied.
    public func appliedVersions() async throws -> Set<Int> {
        try await database.read { sql in
            let rows = try await sql.raw("SELECT version FROM schema_migration").all()
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }
}

/// Timestamps for audit columns: UTC, ISO 8601, second precision.
enum Timestamp {
    /// Now in UTC as `2026-11-22T08:09:03Z`, the form every stored time uses.
    static func now() -> String { text(unixSeconds: Int(Date().timeIntervalSince1970)) }

    /// Formatted by hand: a formatter per call cost more than the audit row it stamps.
    static func text(unixSeconds seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(CalendarDate(dayNumber: days).iso)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }
}
