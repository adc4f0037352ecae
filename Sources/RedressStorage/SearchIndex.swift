import Foundation
import RedressCore
import SQLKit

/// The case search index: one document per case (`SearchDocument`), written in the same
/// transaction as every change to the case, so a search never finds a case as it used to be.
/// SQLite searches it with FTS5 (words, and trigrams for text inside a reference or contact);
/// PostgreSQL with `tsvector`s and, where the server has `pg_trgm`, a trigram index.
///
/// A search goes through its steps in order, each only while it is needed, so that a common
/// word costs no more than a rare one (`benchmarks/search.sh`):
/// 1. a whole reference typed exactly is that case, and nothing else;
/// 2. people: the words as the starts of words in references, names and contact details, best
///    match first among at most `rankedAtMost` matches (the newest, on SQLite), so a common
///    surname costs no more than a rare one;
/// 3. while short of `limit`, the words whole anywhere in the case, most recent first;
/// 4. if nothing yet, the words as the starts of words anywhere in the case;
/// 5. if nothing yet, the text as typed inside a reference or contact detail ("example.org").
public enum SearchIndex {
    /// How many people matches are ranked; of more than this, the rest are left out.
    static let rankedAtMost = 1_000

    /// Documents written a statement. SQLite's full-text index writes what it holds to disk as a
    /// new segment at every statement that changes it, and merges segments as they pile up; 200 a
    /// statement made those merges a sixth of loading a council. Six values a row: well inside
    /// both engines' limits on binds.
    static let batch = 1_000

    /// Writes (or rewrites) the documents of `representations`, with the words of their contact
    /// logs. `asAtMigration7`: as the table stood when migration 7 made it — no date received (it
    /// came with migration 9, which fills it) and no contact log yet — so a database from before
    /// the index, holding cases, upgrades.
    static func update(_ representations: [Representation], on sql: any SQLDatabase, asAtMigration7: Bool = false)
        async throws
    {
        for chunk in representations.chunked(into: Self.batch) {
            if asAtMigration7 {
                for r in chunk {
                    let d = SearchDocument(r)
                    try await sql.raw(
                        """
                        INSERT INTO case_search_doc (representation_id, reference, names, contact, body) VALUES \
                        (\(bind: r.id), \(bind: d.reference), \(bind: d.names), \(bind: d.contact), \(bind: d.body))
                        """
                    ).run()
                }
                continue
            }
            let logged = try await ContactLogStore.searchText(of: chunk.map(\.id), on: sql)
            var query = SQLQueryString(
                "INSERT INTO case_search_doc (representation_id, reference, names, contact, body, received_on) VALUES ")
            for (i, r) in chunk.enumerated() {
                let d = SearchDocument(r)
                query =
                    query + (i == 0 ? "" : ", ") + "(\(bind: r.id), \(bind: d.reference), \(bind: d.names), "
                    + "\(bind: d.contact), \(bind: d.body + (logged[r.id] ?? "")), \(bind: r.receivedOn.iso))"
            }
            query =
                query + """
                     ON CONFLICT (representation_id) DO UPDATE SET reference = excluded.reference,
                    names = excluded.names, contact = excluded.contact, body = excluded.body,
                    received_on = excluded.received_on
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

        /// Whether the case whose id is in `column` is in scope. Restricted cases are few and
        /// have their own small index, so this reads no case that is not restricted.
        func condition(on column: String) -> SQLQueryString {
            switch self {
            case .everything:
                return "1 = 1"
            case .all(let userID):
                return "\(unsafeRaw: column) NOT IN (SELECT id FROM representation WHERE restricted_to IS NOT NULL "
                    + "AND restricted_to NOT LIKE \(bind: "%\"\(userID)\"%"))"
            case .only(let ids):
                var list: SQLQueryString = "\(unsafeRaw: column) IN ("
                for (i, id) in ids.enumerated() { list = list + (i == 0 ? "" : ", ") + "\(bind: id)" }
                return list + ")"
            }
        }
    }

    /// The ids of the best `limit` matches, best first (the steps are in the type's comment).
    static func search(
        _ query: SearchQuery, scope: Scope, limit: Int, engine: DatabaseEngine,
        on sql: any SQLDatabase
    ) async throws -> [String] {
        if case .only(let ids) = scope, ids.isEmpty { return [] }
        var found = Found(limit: limit)
        try found.keep(
            try await sql.raw(
                """
                SELECT d.id AS id FROM representation d WHERE lower(d.reference) = \(bind: query.text) AND
                """ + " " + scope.condition(on: "d.id")
            ).all())
        if !found.ids.isEmpty && !query.text.contains(" ") { return found.ids }
        let visible = scope.condition(on: "d.representation_id")
        // Only a few cases to look among: rank them all rather than the newest matches.
        let few: Bool
        if case .only = scope { few = true } else { few = false }
        let steps: SearchSteps =
            switch engine {
            case .sqlite: SQLiteSearch(query: query, visible: visible, limit: limit, few: few)
            case .postgres: PostgresSearch(query: query, visible: visible, limit: limit, few: few)
            }
        try found.keep(try await steps.people(on: sql))
        if found.short { try found.keep(try await steps.wholeWords(on: sql)) }
        if found.ids.isEmpty { try found.keep(try await steps.startsOfWords(on: sql)) }
        if found.ids.isEmpty, query.matchesInside { try found.keep(try await steps.inside(on: sql)) }
        return Array(found.ids.prefix(limit))
    }

    /// The ids found so far, in order, each once.
    private struct Found {
        let limit: Int
        var ids: [String] = []
        var seen: Set<String> = []
        var short: Bool { ids.count < limit }

        mutating func keep(_ rows: [any SQLRow]) throws {
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                if seen.insert(id).inserted { ids.append(id) }
            }
        }
    }
}

/// The steps of a search in one engine's dialect; each returns rows with an `id` column.
protocol SearchSteps: Sendable {
    func people(on sql: any SQLDatabase) async throws -> [any SQLRow]
    func wholeWords(on sql: any SQLDatabase) async throws -> [any SQLRow]
    func startsOfWords(on sql: any SQLDatabase) async throws -> [any SQLRow]
    func inside(on sql: any SQLDatabase) async throws -> [any SQLRow]
}

/// FTS5: `case_search_people` ranked by `bm25`, `case_search` newest first (by its rowid, so
/// FTS5 stops at `limit`), `case_search_inside` by trigrams.
struct SQLiteSearch: SearchSteps {
    let query: SearchQuery
    let visible: SQLQueryString
    let limit: Int
    let few: Bool

    private var starts: String { query.words.map { "\"\($0)\"*" }.joined(separator: " ") }
    private var whole: String { query.words.map { "\"\($0)\"" }.joined(separator: " ") }
    private static let join: SQLQueryString = " JOIN case_search_doc d ON d.doc_id = s.rowid "

    func people(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        var newest: SQLQueryString = ""
        if !few,
            let bound = try await sql.raw(
                """
                SELECT rowid AS n FROM case_search_people WHERE case_search_people MATCH \(bind: starts)
                ORDER BY rowid DESC LIMIT 1 OFFSET \(bind: SearchIndex.rankedAtMost - 1)
                """
            ).first()?.decode(column: "n", as: Int.self)
        {
            newest = " AND s.rowid >= \(bind: bound)"
        }
        return try await sql.raw(
            "SELECT d.representation_id AS id FROM case_search_people s" + Self.join
                + "WHERE case_search_people MATCH \(bind: starts)" + newest + " AND " + visible
                + " ORDER BY bm25(case_search_people, 10.0, 5.0, 3.0), d.received_on DESC LIMIT \(bind: limit)"
        ).all()
    }

    func wholeWords(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await anywhere(whole, on: sql)
    }

    func startsOfWords(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await anywhere(starts, on: sql)
    }

    private func anywhere(_ match: String, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await sql.raw(
            "SELECT d.representation_id AS id FROM case_search s" + Self.join
                + "WHERE case_search MATCH \(bind: match) AND " + visible
                + " ORDER BY s.rowid DESC LIMIT \(bind: limit)"
        ).all()
    }

    func inside(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        let phrase = "\"" + query.text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try await sql.raw(
            "SELECT d.representation_id AS id FROM case_search_inside s" + Self.join
                + "WHERE case_search_inside MATCH \(bind: phrase) AND " + visible
                + " ORDER BY d.received_on DESC LIMIT \(bind: limit)"
        ).all()
    }
}

/// PostgreSQL: the `people` vector ranked by `ts_rank`, the `document` vector (its GIN index
/// stops at the first `limit` matches in scope), trigrams with `LIKE`.
struct PostgresSearch: SearchSteps {
    let query: SearchQuery
    let visible: SQLQueryString
    let limit: Int
    let few: Bool

    private var starts: String { query.words.map { "\($0):*" }.joined(separator: " & ") }
    private var whole: String { query.words.joined(separator: " & ") }

    func people(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        let newest: SQLQueryString = few ? "" : " LIMIT \(bind: SearchIndex.rankedAtMost)"
        return try await sql.raw(
            """
            SELECT representation_id AS id FROM (SELECT representation_id, people, received_on FROM case_search_doc d
            WHERE people @@ to_tsquery('simple', \(bind: starts)) AND
            """ + " " + visible + newest + ") d"
                + " ORDER BY ts_rank(d.people, to_tsquery('simple', \(bind: starts))) DESC, d.received_on DESC"
                + " LIMIT \(bind: limit)"
        ).all()
    }

    func wholeWords(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await anywhere(whole, on: sql)
    }

    func startsOfWords(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await anywhere(starts, on: sql)
    }

    private func anywhere(_ tsquery: String, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        try await sql.raw(
            """
            SELECT representation_id AS id FROM (SELECT representation_id, received_on FROM case_search_doc d
            WHERE document @@ to_tsquery('simple', \(bind: tsquery)) AND
            """ + " " + visible + " LIMIT \(bind: limit)) d ORDER BY d.received_on DESC"
        ).all()
    }

    func inside(on sql: any SQLDatabase) async throws -> [any SQLRow] {
        let escaped = query.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return try await sql.raw(
            "SELECT d.representation_id AS id FROM case_search_doc d WHERE "
                + "(d.reference || ' ' || d.contact) LIKE \(bind: "%" + escaped + "%") AND " + visible
                + " ORDER BY d.received_on DESC LIMIT \(bind: limit)"
        ).all()
    }
}
