import Foundation
import RedressCore
import SQLKit

/// The annual report's commentary: the current text of each chapter for a year and scope, and
/// every earlier version. A save names the version it was written from; a save from an older
/// one is refused (`DatabaseError.conflict`), so two people writing at once never overwrite each
/// other silently.
public struct ReportNarrativeStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    /// Each chapter's current text for the year and scope, by chapter id.
    public func narratives(year: Int, scope: ReportScope) async throws -> [String: ReportNarrative] {
        try await database.read { sql in
            let rows = try await sql.raw(
                """
                SELECT year, scope, chapter, text, quoted, version, saved_by, saved_at FROM report_narrative
                WHERE year = \(bind: year) AND scope = \(bind: scope.rawValue)
                """
            ).all()
            var result: [String: ReportNarrative] = [:]
            for row in rows {
                let narrative = try Self.decode(row)
                result[narrative.chapter] = narrative
            }
            return result
        }
    }

    /// Every saved version of a chapter's text, newest first.
    public func history(year: Int, scope: ReportScope, chapter: String) async throws -> [ReportNarrative] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT year, scope, chapter, text, quoted, version, saved_by, saved_at FROM report_narrative_history
                WHERE year = \(bind: year) AND scope = \(bind: scope.rawValue) AND chapter = \(bind: chapter)
                ORDER BY version DESC
                """
            ).all().map(Self.decode)
        }
    }

    /// Saves a chapter's text as version `expectedVersion + 1` (0 for a chapter not yet written),
    /// keeping it in the history too.
    @discardableResult
    public func save(
        year: Int, scope: ReportScope, chapter: String, text: String, quoted: [String: String], expectedVersion: Int,
        by user: String
    ) async throws -> ReportNarrative {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let quotedJSON = String(decoding: try encoder.encode(quoted), as: UTF8.self)
        let saved = ReportNarrative(
            year: year, scope: scope, chapter: chapter, text: text, quoted: quoted, version: expectedVersion + 1,
            savedBy: user, savedAt: Timestamp.now())
        @Sendable func insert(into table: String, on sql: any SQLDatabase) async throws {
            try await sql.insert(into: table)
                .columns("year", "scope", "chapter", "text", "quoted", "version", "saved_by", "saved_at")
                .values(
                    SQLBind(year), SQLBind(scope.rawValue), SQLBind(chapter), SQLBind(text), SQLBind(quotedJSON),
                    SQLBind(saved.version), SQLBind(user), SQLBind(saved.savedAt)
                ).run()
        }
        try await database.transaction { sql in
            let current =
                try await sql.raw(
                    """
                    SELECT version FROM report_narrative
                    WHERE year = \(bind: year) AND scope = \(bind: scope.rawValue) AND chapter = \(bind: chapter)
                    """
                ).first().map { try $0.decode(column: "version", as: Int.self) } ?? 0
            guard current == expectedVersion else {
                throw DatabaseError.conflict(reference: "This chapter's commentary")
            }
            // The history row's key includes the version: of two saves from the same version
            // running at once, the second cannot insert it, and is refused like a stale one.
            do {
                try await insert(into: "report_narrative_history", on: sql)
            } catch {
                throw DatabaseError.conflict(reference: "This chapter's commentary")
            }
            try await sql.raw(
                """
                DELETE FROM report_narrative
                WHERE year = \(bind: year) AND scope = \(bind: scope.rawValue) AND chapter = \(bind: chapter)
                """
            ).run()
            try await insert(into: "report_narrative", on: sql)
        }
        return saved
    }

    static func decode(_ row: any SQLRow) throws -> ReportNarrative {
        let scopeText = try row.decode(column: "scope", as: String.self)
        guard let scope = ReportScope(rawValue: scopeText) else {
            throw DatabaseError.corruptRow(table: "report_narrative", column: "scope", value: scopeText)
        }
        let quotedText = try row.decode(column: "quoted", as: String.self)
        guard let quoted = try? JSONDecoder().decode([String: String].self, from: Data(quotedText.utf8)) else {
            throw DatabaseError.corruptRow(
                table: "report_narrative", column: "quoted", value: String(quotedText.prefix(80)))
        }
        return ReportNarrative(
            year: try row.decode(column: "year", as: Int.self), scope: scope,
            chapter: try row.decode(column: "chapter", as: String.self),
            text: try row.decode(column: "text", as: String.self), quoted: quoted,
            version: try row.decode(column: "version", as: Int.self),
            savedBy: try row.decode(column: "saved_by", as: String.self),
            savedAt: try row.decode(column: "saved_at", as: String.self))
    }
}
