import Foundation

/// What a backup holds: every table of Redress's data, with the type of each column, in the
/// order a restore writes them (tables before those that refer to them). Left out: sign-in
/// sessions and attempt counters (short-lived; everyone signs in again after a restore) and the
/// migration log (the restored database is migrated by the Redress that restores it).
/// `BackupTests` holds this list to the schema on both engines, so a migration that adds a column
/// or a table without adding it here fails the tests.
enum BackupSchema {
    enum ColumnType: Sendable {
        case text, integer, boolean
    }

    struct Column: Sendable {
        var name: String
        var type: ColumnType
        var nullable: Bool
    }

    struct Table: Sendable {
        var name: String
        var columns: [Column]
        /// The primary key, for a stable order.
        var orderBy: String
    }

    private static func t(_ name: String) -> Column { Column(name: name, type: .text, nullable: false) }
    private static func t_(_ name: String) -> Column { Column(name: name, type: .text, nullable: true) }
    private static func i(_ name: String) -> Column { Column(name: name, type: .integer, nullable: false) }
    private static func i_(_ name: String) -> Column { Column(name: name, type: .integer, nullable: true) }
    private static func b(_ name: String) -> Column { Column(name: name, type: .boolean, nullable: false) }

    static let tables: [Table] = [
        Table(
            name: "category",
            columns: [t("list"), t("group_key"), t("code"), t("label"), i("position"), b("is_active")],
            orderBy: "list, group_key, code"),
        Table(name: "procedure_definition", columns: [t("id"), t("definition"), t("updated_at")], orderBy: "id"),
        Table(
            name: "bank_holiday_import",
            columns: [t("division"), t("holiday_on"), t("title"), t("notes"), b("bunting"), t("imported_at")],
            orderBy: "division, holiday_on"),
        Table(name: "reference_counter", columns: [t("prefix"), i("last_value")], orderBy: "prefix"),
        Table(name: "person", columns: [t("id"), t("name"), t("detail"), t("updated_at")], orderBy: "id"),
        Table(
            name: "app_user",
            columns: [
                t("id"), t("username"), t("display_name"), t("role"), t_("person_id"), t("password_hash"),
                i("failed_sign_ins"),
                i_("locked_until"), b("is_disabled"), t("created_at"), t("updated_at"), b("must_change_password"),
                t_("email"),
            ], orderBy: "id"),
        Table(
            name: "representation",
            columns: [
                t("id"), t("reference"), t("kind"), t("service_area"), t_("procedure_id"), t("received_on"),
                t("method"), t("relationship"),
                b("is_child"), t_("advocate"), t("service_category"), t("summary"), b("is_open"), b("has_follow_up"),
                t("detail"), i("version"),
                t("created_at"), t("updated_at"), t_("complainant_name"), t_("complainant_contact"), t_("subject_name"),
                t_("restricted_to"),
                t_("purged_on"), t_("owner_id"), t_("merged_into"), t_("closed_on"), b("ombudsman_referred"),
            ], orderBy: "id"),
        Table(
            name: "stage",
            columns: [
                t("representation_id"), i("position"), t("stage_key"), t("opened_on"), t_("due_on"), t_("responded_on"),
                t_("closed_on"),
                t_("outcome"), t("detail"),
            ], orderBy: "representation_id, position"),
        Table(
            name: "case_event",
            columns: [
                t("representation_id"), i("sequence"), t("recorded_at"), t("recorded_by"), t("command"), t("summary"),
            ],
            orderBy: "representation_id, sequence"),
        Table(name: "document_chunk", columns: [t("sha256"), i("position"), t("data")], orderBy: "sha256, position"),
        Table(
            name: "case_document",
            columns: [
                t("id"), t("representation_id"), t("kind"), t("filename"), t("media_type"), i("size"), t("sha256"),
                t("uploaded_by"), t("uploaded_at"), t_("withheld_reason"), t_("withheld_by"), t_("withheld_on"),
            ], orderBy: "id"),
        Table(
            name: "case_contact",
            columns: [
                t("id"), t("representation_id"), t("kind"), t("direction"), t("occurred_on"), t("with_whom"),
                t("summary"), t("author"), t("author_name"), i("version"), t("recorded_at"),
            ], orderBy: "id"),
        Table(
            name: "case_contact_history",
            columns: [
                t("id"), i("version"), t("kind"), t("direction"), t("occurred_on"), t("with_whom"), t("summary"),
                t("recorded_at"),
            ], orderBy: "id, version"),
        Table(
            name: "mail_received",
            columns: [t("message_id"), t("received_at"), t_("representation_id"), t_("submission_reference")],
            orderBy: "message_id"),
        Table(
            name: "equality_monitoring",
            columns: [
                t("representation_id"), t("disability"), t("gender"), t("age_band"), t("ethnicity"), t("recorded_at"),
                i("version"),
            ], orderBy: "representation_id"),
        Table(
            name: "letter",
            columns: [
                t("id"), t("representation_id"), t("template_key"), t("title"), t("body"), t("created_on"),
                t("created_by"), t("created_at"),
            ], orderBy: "id"),
        Table(name: "setting", columns: [t("key"), t("value"), t("updated_at")], orderBy: "key"),
        Table(
            name: "context_measure",
            columns: [i("year"), t("service_area"), t("measure"), i("value"), t("updated_at")],
            orderBy: "year, service_area, measure"),
        Table(
            name: "report_recommendation",
            columns: [
                t("id"), i("year"), t_("service_area"), t("title"), t("detail"), t_("due_on"), t("status"),
                t("progress"), i("version"), t("updated_at"),
            ], orderBy: "id"),
        Table(
            name: "report_narrative",
            columns: [
                i("year"), t("scope"), t("chapter"), t("text"), t("quoted"), i("version"), t("saved_by"),
                t("saved_at"),
            ], orderBy: "year, scope, chapter"),
        Table(
            name: "report_narrative_history",
            columns: [
                i("year"), t("scope"), t("chapter"), i("version"), t("text"), t("quoted"), t("saved_by"),
                t("saved_at"),
            ], orderBy: "year, scope, chapter, version"),
        Table(
            name: "submission",
            columns: [
                t("id"), t("reference"), t("submitted_on"), t("status"), t("detail"), i("version"), t("created_at"),
            ],
            orderBy: "id"),
        Table(
            name: "letter_template", columns: [t("key"), t("name"), t("body"), i("version"), t("updated_at")],
            orderBy: "key"),
        Table(
            name: "outbox_message",
            columns: [
                t("id"), t("recipient"), t("subject"), t("body"), t("status"), i("attempts"), i("next_attempt_at"),
                t_("last_error"), i("created_at"),
                i_("sent_at"), t("attachments"),
            ], orderBy: "id"),
        Table(name: "reminder_run", columns: [t("day"), i("messages"), t("created_at")], orderBy: "day"),
        Table(
            name: "api_token",
            columns: [
                t("id"), t("token_hash"), t("user_id"), t("name"), i("created_at"), i("expires_at"), i_("last_used_at"),
                i_("revoked_at"),
            ], orderBy: "id"),
        Table(
            name: "audit_entry",
            columns: [
                i("id"), t("at"), t_("user_id"), t("username"), t("action"), t_("representation_id"), t_("reference"),
                t("detail"), t_("address"),
            ], orderBy: "id"),
    ]

    /// Tables deliberately left out of a backup. The search index (`case_search…`, with SQLite's
    /// full-text shadow tables) is derived from the cases and rebuilt by a restore.
    static let excluded: Set<String> = ["user_session", "attempt_counter", "schema_migration"]

    /// Whether a table is left out: listed above, or part of the search index.
    static func isExcluded(_ table: String) -> Bool { excluded.contains(table) || table.hasPrefix("case_search") }

    /// Tables that must hold nothing before a restore: a store with any of them filled has data
    /// of its own, and a restore never mixes two councils' records. (The code lists, procedures
    /// and letter templates that migrations seed are replaced.)
    static let mustBeEmpty = [
        "representation", "app_user", "audit_entry", "person", "submission", "letter", "case_event",
    ]
}

/// The backup's table list, for tests that hold it to the schema.
public enum BackupStoreTesting {
    public static var tables: [String] { BackupSchema.tables.map(\.name) }
    public static var columns: [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: BackupSchema.tables.map { ($0.name, Set($0.columns.map(\.name))) })
    }
    public static func isExcluded(_ table: String) -> Bool { BackupSchema.isExcluded(table) }
}
