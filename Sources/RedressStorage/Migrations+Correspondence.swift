import SQLKit
/// The migrations of the committee report and of what is said and sent on a case (10 onwards),
/// kept apart so each file stays readable: the commentary, documents and the contact log, email in
/// and email out. Each is one transaction, like the rest (`Migrator.migrate`).
extension Migrator {
    static let reportAndCorrespondence: [Migration] = [
        Migration(
            10, "The annual report's commentary, chapter by chapter, with every version kept",
            statements: { _ in
                [
                    """
                    CREATE TABLE report_narrative (
                        year BIGINT NOT NULL, scope TEXT NOT NULL, chapter TEXT NOT NULL, text TEXT NOT NULL,
                        quoted TEXT NOT NULL, version BIGINT NOT NULL, saved_by TEXT NOT NULL, saved_at TEXT NOT NULL,
                        PRIMARY KEY (year, scope, chapter))
                    """,
                    """
                    CREATE TABLE report_narrative_history (
                        year BIGINT NOT NULL, scope TEXT NOT NULL, chapter TEXT NOT NULL, version BIGINT NOT NULL,
                        text TEXT NOT NULL, quoted TEXT NOT NULL, saved_by TEXT NOT NULL, saved_at TEXT NOT NULL,
                        PRIMARY KEY (year, scope, chapter, version))
                    """,
                ]
            }),
        Migration(
            11, "Documents and the contact log on each case",
            statements: { _ in
                [
                    """
                    CREATE TABLE case_document (
                        id TEXT PRIMARY KEY, representation_id TEXT NOT NULL REFERENCES representation (id),
                        kind TEXT NOT NULL, filename TEXT NOT NULL, media_type TEXT NOT NULL, size BIGINT NOT NULL,
                        sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL,
                        withheld_reason TEXT, withheld_by TEXT, withheld_on TEXT)
                    """,
                    "CREATE INDEX case_document_case ON case_document (representation_id)",
                    "CREATE INDEX case_document_content ON case_document (sha256)",
                    """
                    CREATE TABLE document_chunk (
                        sha256 TEXT NOT NULL, position BIGINT NOT NULL, data TEXT NOT NULL,
                        PRIMARY KEY (sha256, position))
                    """,
                    """
                    CREATE TABLE case_contact (
                        id TEXT PRIMARY KEY, representation_id TEXT NOT NULL REFERENCES representation (id),
                        kind TEXT NOT NULL, direction TEXT NOT NULL, occurred_on TEXT NOT NULL,
                        with_whom TEXT NOT NULL, summary TEXT NOT NULL, author TEXT NOT NULL,
                        author_name TEXT NOT NULL, version BIGINT NOT NULL, recorded_at TEXT NOT NULL)
                    """,
                    "CREATE INDEX case_contact_case ON case_contact (representation_id, occurred_on)",
                    """
                    CREATE TABLE case_contact_history (
                        id TEXT NOT NULL, version BIGINT NOT NULL, kind TEXT NOT NULL, direction TEXT NOT NULL,
                        occurred_on TEXT NOT NULL, with_whom TEXT NOT NULL, summary TEXT NOT NULL,
                        recorded_at TEXT NOT NULL, PRIMARY KEY (id, version))
                    """,
                ]
            }),
        Migration(
            12, "Email in: each message filed once, by its Message-ID",
            statements: { _ in
                [
                    """
                    CREATE TABLE mail_received (
                        message_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, representation_id TEXT,
                        submission_reference TEXT)
                    """
                ]
            }),
        Migration(
            13, "Email out: case documents attached to outgoing messages",
            statements: { _ in ["ALTER TABLE outbox_message ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]'"] }),
        // The Complaint Handling Code's service requests are a kind of their own. PostgreSQL
        // replaces the check; SQLite cannot alter one, so its stored table definition is edited
        // as SQLite documents for changes that leave the stored rows as they are (ALTER TABLE §7).
        Migration(
            14, "Service requests, a kind of representation the Complaint Handling Code asks to be recorded",
            statements: { engine in
                engine == .postgres
                    ? [
                        "ALTER TABLE representation DROP CONSTRAINT representation_kind_check",
                        """
                        ALTER TABLE representation ADD CONSTRAINT representation_kind_check CHECK (kind IN \
                        ('complaint', 'compliment', 'comment', 'pre-complaint', 'case-concern', 'enquiry', \
                        'ombudsman-enquiry', 'professional-concern', 'other', 'service-request'))
                        """,
                    ] : []
            },
            seed: { sql in
                guard sql.dialect.name == "sqlite" else { return }
                let version =
                    try await sql.raw("PRAGMA schema_version").first()?.decode(
                        column: "schema_version", as: Int.self) ?? 0
                try await sql.raw("PRAGMA writable_schema = ON").run()
                try await sql.raw(
                    """
                    UPDATE sqlite_schema SET sql = replace(sql, '''professional-concern'', ''other'')', \
                    '''professional-concern'', ''other'', ''service-request'')') \
                    WHERE type = 'table' AND name = 'representation'
                    """
                ).run()
                try await sql.raw("PRAGMA schema_version = \(unsafeRaw: String(version + 1))").run()
                try await sql.raw("PRAGMA writable_schema = OFF").run()
                let check = try await sql.raw("PRAGMA integrity_check").first()?.decode(
                    column: "integrity_check", as: String.self)
                guard check == "ok" else {
                    throw DatabaseError.cannotOpen("the representation table's check did not take: \(check ?? "")")
                }
            }),
        // Every case in receipt order (export, the full list) is read a page at a time after the
        // last (received_on, reference) seen: an index range scan per page, not a sort of them all.
        Migration(
            15, "Index cases in receipt order, for reading them a page at a time",
            statements: { _ in
                ["CREATE INDEX representation_receipt_order ON representation (received_on, reference)"]
            }),
        // The work queue's stamp (each queued case's id and version, in id order) is read on every
        // dashboard: from this index alone, without visiting the cases or sorting them.
        Migration(
            16, "Index the work queue's cases by id and version, for its stamp",
            statements: { _ in
                [
                    """
                    CREATE INDEX representation_work_queue ON representation (id, version) \
                    WHERE is_open OR has_follow_up
                    """
                ]
            }),
    ]
}
