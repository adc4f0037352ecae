import Foundation
import SQLKit

/// The tables and indexes behind `SearchIndex`, as the migrations that made them left them:
/// migration 7 made the document table with a word index over everything and, on SQLite, a
/// trigram index for text inside references and contact details; migration 9 added a word
/// index over the reference, names and contact details alone, so a search for a person ranks
/// a few hundred short entries instead of every case that uses a common word.
extension SearchIndex {
    /// The statements of migration 7.
    static func schema(_ engine: DatabaseEngine) -> [String] {
        switch engine {
        case .sqlite:
            return [
                """
                CREATE TABLE case_search_doc (
                    doc_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    representation_id TEXT NOT NULL UNIQUE REFERENCES representation (id) ON DELETE CASCADE,
                    reference TEXT NOT NULL, names TEXT NOT NULL, contact TEXT NOT NULL, body TEXT NOT NULL)
                """,
                """
                CREATE VIRTUAL TABLE case_search USING fts5(reference, names, contact, body,
                    content = 'case_search_doc', content_rowid = 'doc_id',
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')
                """,
                """
                CREATE VIRTUAL TABLE case_search_inside USING fts5(reference, contact, content = 'case_search_doc',
                    content_rowid = 'doc_id', tokenize = 'trigram')
                """,
            ] + sqliteTriggers(people: false)
        case .postgres:
            return [
                """
                CREATE TABLE case_search_doc (
                    representation_id TEXT PRIMARY KEY REFERENCES representation (id) ON DELETE CASCADE,
                    reference TEXT NOT NULL, names TEXT NOT NULL, contact TEXT NOT NULL, body TEXT NOT NULL,
                    document tsvector GENERATED ALWAYS AS
                        (to_tsvector('simple', reference || ' ' || names || ' ' || contact || ' ' || body)) STORED)
                """,
                "CREATE INDEX case_search_document ON case_search_doc USING GIN (document)",
            ]
        }
    }

    /// The statements of migration 9: the index of people (reference, names, contact details),
    /// each document's date received (so matches are ordered without reading the cases), and
    /// an index of the few restricted cases (so scope is checked without reading the others).
    /// On SQLite an FTS5 table filled from the documents, with one-letter prefixes indexed so
    /// "Smith J" is cheap, and the triggers remade to keep it in step (dropped first, so that
    /// filling the date does not re-index every document); on PostgreSQL a generated
    /// `tsvector` column with its own GIN index.
    static func peopleSchema(_ engine: DatabaseEngine) -> [String] {
        let received = [
            "ALTER TABLE case_search_doc ADD COLUMN received_on TEXT",
            """
            UPDATE case_search_doc SET received_on =
                (SELECT r.received_on FROM representation r WHERE r.id = case_search_doc.representation_id)
            """,
            "CREATE INDEX representation_restricted ON representation (id) WHERE restricted_to IS NOT NULL",
        ]
        switch engine {
        case .sqlite:
            return [
                "DROP TRIGGER case_search_doc_insert",
                "DROP TRIGGER case_search_doc_delete",
                "DROP TRIGGER case_search_doc_update",
            ] + received + [
                """
                CREATE VIRTUAL TABLE case_search_people USING fts5(reference, names, contact,
                    content = 'case_search_doc', content_rowid = 'doc_id',
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4')
                """,
                "INSERT INTO case_search_people (case_search_people) VALUES ('rebuild')",
            ] + sqliteTriggers(people: true)
        case .postgres:
            return received + [
                """
                ALTER TABLE case_search_doc ADD COLUMN people tsvector GENERATED ALWAYS AS
                    (to_tsvector('simple', reference || ' ' || names || ' ' || contact)) STORED
                """,
                "CREATE INDEX case_search_people ON case_search_doc USING GIN (people)",
                // The planner's statistics for the new column, before the first search needs them.
                "ANALYZE case_search_doc",
            ]
        }
    }

    /// SQLite's external-content FTS5 tables are kept in step by triggers on the document table.
    private static func sqliteTriggers(people: Bool) -> [String] {
        let add = """
            INSERT INTO case_search (rowid, reference, names, contact, body)
                VALUES (new.doc_id, new.reference, new.names, new.contact, new.body);
            INSERT INTO case_search_inside (rowid, reference, contact) VALUES (new.doc_id, new.reference, new.contact);
            """
            + (people
                ? """

                INSERT INTO case_search_people (rowid, reference, names, contact)
                    VALUES (new.doc_id, new.reference, new.names, new.contact);
                """ : "")
        let remove = """
            INSERT INTO case_search (case_search, rowid, reference, names, contact, body)
                VALUES ('delete', old.doc_id, old.reference, old.names, old.contact, old.body);
            INSERT INTO case_search_inside (case_search_inside, rowid, reference, contact)
                VALUES ('delete', old.doc_id, old.reference, old.contact);
            """
            + (people
                ? """

                INSERT INTO case_search_people (case_search_people, rowid, reference, names, contact)
                    VALUES ('delete', old.doc_id, old.reference, old.names, old.contact);
                """ : "")
        return [
            "CREATE TRIGGER case_search_doc_insert AFTER INSERT ON case_search_doc BEGIN\n\(add)\nEND",
            "CREATE TRIGGER case_search_doc_delete AFTER DELETE ON case_search_doc BEGIN\n\(remove)\nEND",
            "CREATE TRIGGER case_search_doc_update AFTER UPDATE ON case_search_doc BEGIN\n\(remove)\n\(add)\nEND",
        ]
    }

    /// PostgreSQL: a trigram index for text inside references and contact details, where the
    /// server has `pg_trgm` and allows it; without it the same search still works, unindexed.
    static func trigramIndex(on sql: any SQLDatabase) async throws {
        let available = "SELECT 1 AS n FROM pg_available_extensions WHERE name = 'pg_trgm'"
        guard try await sql.raw(SQLQueryString(available)).first() != nil else { return }
        try await sql.raw("SAVEPOINT pg_trgm_index").run()
        do {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw(
                """
                CREATE INDEX case_search_inside ON case_search_doc USING GIN ((reference || ' ' || contact) \
                gin_trgm_ops)
                """
            ).run()
            try await sql.raw("RELEASE SAVEPOINT pg_trgm_index").run()
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT pg_trgm_index").run()
        }
    }
}
