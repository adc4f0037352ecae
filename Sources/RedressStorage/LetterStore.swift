import Foundation
import RedressCore
import SQLKit

/// Letter templates (council-editable) and the letters made from them, kept on each case.
public struct LetterStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    static func insertTemplates(_ templates: [LetterTemplate], on sql: any SQLDatabase) async throws {
        for t in templates {
            try await sql.insert(into: "letter_template").columns("key", "name", "body", "version", "updated_at")
                .values(SQLBind(t.key), SQLBind(t.name), SQLBind(t.body), SQLBind(t.version), SQLBind(Timestamp.now()))
                .run()
        }
    }

    public func templates() async throws -> [LetterTemplate] {
        try await database.read { sql in try await Self.templates(on: sql) }
    }

    static func templates(on sql: any SQLDatabase) async throws -> [LetterTemplate] {
        try await sql.raw("SELECT key, name, body, version FROM letter_template ORDER BY name").all().map { row in
            LetterTemplate(
                key: try row.decode(column: "key", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                version: try row.decode(column: "version", as: Int.self))
        }
    }

    /// Saves an edited template from the version the editor saw; a stale one is refused.
    public func saveTemplate(key: String, body: String, expectedVersion: Int) async throws {
        try await database.transaction { sql in
            guard
                let row = try await sql.raw("SELECT name, version FROM letter_template WHERE key = \(bind: key)")
                    .first()
            else { throw DatabaseError.notFound }
            guard try row.decode(column: "version", as: Int.self) == expectedVersion else {
                throw DatabaseError.conflict(
                    reference: "The \(try row.decode(column: "name", as: String.self).lowercased()) template")
            }
            try await sql.raw(
                """
                UPDATE letter_template SET body = \(bind: body), version = \(bind: expectedVersion + 1), updated_at = \
                \(bind: Timestamp.now())
                WHERE key = \(bind: key) AND version = \(bind: expectedVersion)
                """
            ).run()
        }
    }

    public func add(_ letter: Letter) async throws {
        try await database.transaction { sql in try await Self.insert(letter, on: sql) }
    }

    static func insert(_ letter: Letter, on sql: any SQLDatabase) async throws {
        try await sql.insert(into: "letter").columns(
            "id", "representation_id", "template_key", "title", "body", "created_on", "created_by", "created_at"
        )
        .values(
            SQLBind(letter.id), SQLBind(letter.representationID), SQLBind(letter.templateKey), SQLBind(letter.title),
            SQLBind(letter.body),
            SQLBind(letter.createdOn.iso), SQLBind(letter.createdBy), SQLBind(Timestamp.now())
        ).run()
    }

    /// The letters on a case, oldest first.
    public func letters(of representationID: String) async throws -> [Letter] {
        try await database.read { sql in try await Self.letters(of: representationID, on: sql) }
    }

    static func letters(of representationID: String, on sql: any SQLDatabase) async throws -> [Letter] {
        try await sql.raw(
            "SELECT * FROM letter WHERE representation_id = \(bind: representationID) ORDER BY created_at, id"
        ).all().map(Self.decodeLetter)
    }

    public func letter(id: String) async throws -> Letter? {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM letter WHERE id = \(bind: id)").first().map(Self.decodeLetter)
        }
    }

    static func decodeLetter(_ row: any SQLRow) throws -> Letter {
        let day = try row.decode(column: "created_on", as: String.self)
        guard let createdOn = CalendarDate(iso: day) else {
            throw DatabaseError.corruptRow(table: "letter", column: "created_on", value: day)
        }
        return Letter(
            id: try row.decode(column: "id", as: String.self),
            representationID: try row.decode(column: "representation_id", as: String.self),
            templateKey: try row.decode(column: "template_key", as: String.self),
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self), createdOn: createdOn,
            createdBy: try row.decode(column: "created_by", as: String.self))
    }
}
