import Foundation
import RedressCore
import SQLKit

/// The contact log of each case: notes, calls, meetings, emails and letters. An entry is changed
/// only by its author and only from the version they saw; every version is kept in
/// `case_contact_history`. Each change rewrites the case's search document in the same
/// transaction, so a word from a note finds the case at once.
public struct ContactLogStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func add(_ entry: ContactEntry) async throws -> ContactEntry {
        var entry = entry
        entry.version = 1
        entry.recordedAt = Timestamp.now()
        let saved = entry
        try await database.transaction { sql in try await Self.insert(saved, on: sql) }
        return saved
    }

    /// An email sent from the case: queued in the outbox and written in the contact log together,
    /// so the log never shows an email that was not queued, nor the outbox one the log lacks.
    public func add(_ entry: ContactEntry, sending message: OutboxMessage, now: Int) async throws -> ContactEntry {
        var entry = entry
        entry.version = 1
        entry.recordedAt = Timestamp.now()
        let saved = entry
        try await database.transaction { sql in
            try await Self.insert(saved, on: sql)
            try await OutboxStore.enqueue([message], now: now, on: sql)
        }
        return saved
    }

    /// Writes a new entry (version 1), its first version and the case's search document.
    static func insert(_ saved: ContactEntry, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "case_contact").columns(
            "id", "representation_id", "kind", "direction", "occurred_on", "with_whom", "summary", "author",
            "author_name", "version", "recorded_at"
        ).values(
            SQLBind(saved.id), SQLBind(saved.representationID), SQLBind(saved.kind.rawValue),
            SQLBind(saved.direction.rawValue), SQLBind(saved.occurredOn.iso), SQLBind(saved.withWhom),
            SQLBind(saved.summary), SQLBind(saved.author), SQLBind(saved.authorName), SQLBind(1),
            SQLBind(saved.recordedAt)
        ).run()
        try await Self.keepHistory(saved, on: sql)
        try await Self.reindex(saved.representationID, on: sql)
    }

    /// Saves a corrected entry made from `expectedVersion` by its author; someone else's entry
    /// or a stale version is refused with `DatabaseError.conflict` and nothing changes.
    public func correct(_ entry: ContactEntry, expectedVersion: Int, by username: String) async throws {
        try await database.transaction { sql in
            let written = try await sql.raw(
                """
                UPDATE case_contact SET kind = \(bind: entry.kind.rawValue), \
                direction = \(bind: entry.direction.rawValue), occurred_on = \(bind: entry.occurredOn.iso), \
                with_whom = \(bind: entry.withWhom), summary = \(bind: entry.summary), \
                version = \(bind: expectedVersion + 1), recorded_at = \(bind: Timestamp.now()) \
                WHERE id = \(bind: entry.id) AND version = \(bind: expectedVersion) AND author = \(bind: username) \
                RETURNING id
                """
            ).first()
            guard written != nil else { throw DatabaseError.conflict(reference: "This contact log entry") }
            var saved = entry
            saved.version = expectedVersion + 1
            saved.recordedAt = Timestamp.now()
            try await Self.keepHistory(saved, on: sql)
            try await Self.reindex(entry.representationID, on: sql)
        }
    }

    /// The case's contact log, in the order things happened.
    public func entries(of representationID: String) async throws -> [ContactEntry] {
        try await database.read { sql in try await Self.entries(of: representationID, on: sql) }
    }

    static func entries(of representationID: String, on sql: any SQLDatabase) async throws -> [ContactEntry] {
        try await sql.raw(
            """
            SELECT * FROM case_contact WHERE representation_id = \(bind: representationID) \
            ORDER BY occurred_on, recorded_at, id
            """
        ).all().map(Self.decode)
    }

    public func entry(id: String) async throws -> ContactEntry? {
        guard id.count <= 64 else { return nil }
        return try await database.read { sql in
            try await sql.raw("SELECT * FROM case_contact WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// Every version of an entry, newest first.
    public func history(of id: String) async throws -> [ContactEntry] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT h.*, c.representation_id, c.author, c.author_name FROM case_contact_history h \
                JOIN case_contact c ON c.id = h.id WHERE h.id = \(bind: id) ORDER BY h.version DESC
                """
            ).all().map(Self.decode)
        }
    }

    /// The words of a case's contact log, for its search document.
    static func searchText(of representationIDs: [String], on sql: any SQLDatabase) async throws -> [String: String] {
        guard !representationIDs.isEmpty else { return [:] }
        var query = SQLQueryString(
            "SELECT representation_id, with_whom, summary FROM case_contact WHERE representation_id IN (")
        for (i, id) in representationIDs.enumerated() { query = query + (i == 0 ? "" : ", ") + "\(bind: id)" }
        var text: [String: String] = [:]
        for row in try await sql.raw(query + ")").all() {
            let id = try row.decode(column: "representation_id", as: String.self)
            let words = [
                try row.decode(column: "with_whom", as: String.self),
                try row.decode(column: "summary", as: String.self),
            ]
            text[id, default: ""] += " " + words.joined(separator: " ")
        }
        return text
    }

    static func purge(representationID: String, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            DELETE FROM case_contact_history WHERE id IN \
            (SELECT id FROM case_contact WHERE representation_id = \(bind: representationID))
            """
        ).run()
        try await sql.raw("DELETE FROM case_contact WHERE representation_id = \(bind: representationID)").run()
    }

    private static func keepHistory(_ entry: ContactEntry, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "case_contact_history").columns(
            "id", "version", "kind", "direction", "occurred_on", "with_whom", "summary", "recorded_at"
        ).values(
            SQLBind(entry.id), SQLBind(entry.version), SQLBind(entry.kind.rawValue), SQLBind(entry.direction.rawValue),
            SQLBind(entry.occurredOn.iso), SQLBind(entry.withWhom), SQLBind(entry.summary), SQLBind(entry.recordedAt)
        ).run()
    }

    private static func reindex(_ representationID: String, on sql: any SQLDatabase) async throws {
        let cases = try await RepresentationStore.load(where: "id = \(bind: representationID)", on: sql)
        try await SearchIndex.update(cases, on: sql)
    }

    static func decode(_ row: any SQLRow) throws -> ContactEntry {
        ContactEntry(
            id: try row.decode(column: "id", as: String.self),
            representationID: try row.decode(column: "representation_id", as: String.self),
            kind: ContactEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .note,
            direction: ContactEntry.Direction(rawValue: try row.decode(column: "direction", as: String.self)) ?? .none,
            occurredOn: CalendarDate(iso: try row.decode(column: "occurred_on", as: String.self))
                ?? CalendarDate(year: 2000, month: 1, day: 1)!,
            withWhom: try row.decode(column: "with_whom", as: String.self),
            summary: try row.decode(column: "summary", as: String.self),
            author: try row.decode(column: "author", as: String.self),
            authorName: try row.decode(column: "author_name", as: String.self),
            version: try row.decode(column: "version", as: Int.self),
            recordedAt: try row.decode(column: "recorded_at", as: String.self))
    }
}
