import Foundation
import RedressCore
import SQLKit

/// The case search index: one document per case (`SearchDocument`), written in the same
/// transaction as every change to the case, so a search never finds a case as it used to be.
/// SQLite searches it with FTS5 (words, and trigrams for text inside a reference or contact);
/// PostgreSQL with a `tsvector` and, where the server has `pg_trgm`, a trigram index.
public enum SearchIndex {
    /// Writes (or rewrites) the documents of `representations`.
    static func update(_ representations: [Representation], on sql: any SQLDatabase) async throws {
        for chunk in representations.chunked(into: 200) {
            var query = SQLQueryString("INSERT INTO case_search_doc (representation_id, reference, names, contact, body) VALUES ")
            for (i, r) in chunk.enumerated() {
                let d = SearchDocument(r)
                query = query + (i == 0 ? "" : ", ") + "(\(bind: r.id), \(bind: d.reference), \(bind: d.names), \(bind: d.contact), \(bind: d.body))"
            }
            query = query + """
                 ON CONFLICT (representation_id) DO UPDATE SET reference = excluded.reference, names = excluded.names,
                contact = excluded.contact, body = excluded.body
                """
            try await sql.raw(query).run()
        }
    }

    /// Rebuilds every document (after a restore, or by the migration that made the index).
    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM case_search_doc").run()
        let representations = try await RepresentationStore.load(where: "1 = 1", on: sql)
        try await update(representations, on: sql)
    }

    /// Who is searching, as the index can narrow it before any case is read.
    public enum Scope: Sendable {
        /// Every case, restricted ones included (the command line).
        case everything
        /// Every case except those restricted to others.
        case all(userID: String)
        /// Only these cases (those a person is appointed to).
        case only([String])
    }

    /// The ids of the best `limit` matches, best first: an exact reference first, then word
    /// matches by rank, then matches inside a reference or contact detail.
    static func search(_ query: SearchQuery, scope: Scope, limit: Int, engine: DatabaseEngine, on sql: any SQLDatabase) async throws -> [String] {
        var visible: SQLQueryString
        switch scope {
        case .everything:
            visible = "1 = 1"
        case .all(let userID):
            visible = "(r.restricted_to IS NULL OR r.restricted_to LIKE \(bind: "%\"\(userID)\"%"))"
        case .only(let ids):
            guard !ids.isEmpty else { return [] }
            visible = "r.id IN ("
            for (i, id) in ids.enumerated() { visible = visible + (i == 0 ? "" : ", ") + "\(bind: id)" }
            visible = visible + ")"
        }
        var found: [String] = []
        var seen: Set<String> = []
        func keep(_ rows: [any SQLRow]) throws {
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                if seen.insert(id).inserted { found.append(id) }
            }
        }
        try keep(try await sql.raw("SELECT r.id AS id FROM representation r WHERE lower(r.reference) = \(bind: query.text) AND " + visible).all())
        switch engine {
        case .sqlite:
            let words = query.words.map { "\"\($0)\"*" }.joined(separator: " ")
            try keep(try await sql.raw("""
                SELECT r.id AS id FROM case_search s JOIN case_search_doc d ON d.doc_id = s.rowid JOIN representation r ON r.id = d.representation_id
                WHERE case_search MATCH \(bind: words) AND
                """ + " " + visible + " ORDER BY bm25(case_search, 10.0, 5.0, 3.0, 1.0), r.received_on DESC LIMIT \(bind: limit)").all())
            if query.matchesInside, found.count < limit {
                let phrase = "\"" + query.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                try keep(try await sql.raw("""
                    SELECT r.id AS id FROM case_search_inside s JOIN case_search_doc d ON d.doc_id = s.rowid
                    JOIN representation r ON r.id = d.representation_id WHERE case_search_inside MATCH \(bind: phrase) AND
                    """ + " " + visible + " ORDER BY r.received_on DESC LIMIT \(bind: limit)").all())
            }
        case .postgres:
            let words = query.words.map { "\($0):*" }.joined(separator: " & ")
            try keep(try await sql.raw("""
                SELECT r.id AS id FROM case_search_doc d JOIN representation r ON r.id = d.representation_id
                WHERE d.document @@ to_tsquery('simple', \(bind: words)) AND
                """ + " " + visible + " ORDER BY ts_rank(d.document, to_tsquery('simple', \(bind: words))) DESC, r.received_on DESC LIMIT \(bind: limit)").all())
            if query.matchesInside, found.count < limit {
                let pattern = "%" + query.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                try keep(try await sql.raw("""
                    SELECT r.id AS id FROM case_search_doc d JOIN representation r ON r.id = d.representation_id
                    WHERE (d.reference || ' ' || d.contact) LIKE \(bind: pattern) AND
                    """ + " " + visible + " ORDER BY r.received_on DESC LIMIT \(bind: limit)").all())
            }
        }
        return Array(found.prefix(limit))
    }

    /// The statements that make the index (migration 7).
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
                CREATE VIRTUAL TABLE case_search USING fts5(reference, names, contact, body, content = 'case_search_doc',
                    content_rowid = 'doc_id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')
                """,
                """
                CREATE VIRTUAL TABLE case_search_inside USING fts5(reference, contact, content = 'case_search_doc',
                    content_rowid = 'doc_id', tokenize = 'trigram')
                """,
                """
                CREATE TRIGGER case_search_doc_insert AFTER INSERT ON case_search_doc BEGIN
                    INSERT INTO case_search (rowid, reference, names, contact, body) VALUES (new.doc_id, new.reference, new.names, new.contact, new.body);
                    INSERT INTO case_search_inside (rowid, reference, contact) VALUES (new.doc_id, new.reference, new.contact);
                END
                """,
                """
                CREATE TRIGGER case_search_doc_delete AFTER DELETE ON case_search_doc BEGIN
                    INSERT INTO case_search (case_search, rowid, reference, names, contact, body)
                        VALUES ('delete', old.doc_id, old.reference, old.names, old.contact, old.body);
                    INSERT INTO case_search_inside (case_search_inside, rowid, reference, contact) VALUES ('delete', old.doc_id, old.reference, old.contact);
                END
                """,
                """
                CREATE TRIGGER case_search_doc_update AFTER UPDATE ON case_search_doc BEGIN
                    INSERT INTO case_search (case_search, rowid, reference, names, contact, body)
                        VALUES ('delete', old.doc_id, old.reference, old.names, old.contact, old.body);
                    INSERT INTO case_search_inside (case_search_inside, rowid, reference, contact) VALUES ('delete', old.doc_id, old.reference, old.contact);
                    INSERT INTO case_search (rowid, reference, names, contact, body) VALUES (new.doc_id, new.reference, new.names, new.contact, new.body);
                    INSERT INTO case_search_inside (rowid, reference, contact) VALUES (new.doc_id, new.reference, new.contact);
                END
                """,
            ]
        case .postgres:
            return [
                """
                CREATE TABLE case_search_doc (
                    representation_id TEXT PRIMARY KEY REFERENCES representation (id) ON DELETE CASCADE,
                    reference TEXT NOT NULL, names TEXT NOT NULL, contact TEXT NOT NULL, body TEXT NOT NULL,
                    document tsvector GENERATED ALWAYS AS (to_tsvector('simple', reference || ' ' || names || ' ' || contact || ' ' || body)) STORED)
                """,
                "CREATE INDEX case_search_document ON case_search_doc USING GIN (document)",
            ]
        }
    }

    /// PostgreSQL: a trigram index for text inside references and contact details, where the
    /// server has `pg_trgm` and allows it; without it the same search still works, unindexed.
    static func trigramIndex(on sql: any SQLDatabase) async throws {
        guard try await sql.raw("SELECT 1 AS n FROM pg_available_extensions WHERE name = 'pg_trgm'").first() != nil else { return }
        try await sql.raw("SAVEPOINT pg_trgm_index").run()
        do {
            try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            try await sql.raw("CREATE INDEX case_search_inside ON case_search_doc USING GIN ((reference || ' ' || contact) gin_trgm_ops)").run()
            try await sql.raw("RELEASE SAVEPOINT pg_trgm_index").run()
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT pg_trgm_index").run()
        }
    }
}
