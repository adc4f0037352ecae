import Foundation
import RedressCore
import SQLKit

/// The append-only record of what was done to each case: the command as data, who did it and
/// when, written in the same transaction as the change itself. Never updated or deleted.
public struct CaseEvent: Sendable, Hashable {
    public var sequence: Int
    public var recordedAt: String
    public var recordedBy: String
    public var command: CaseCommand
    /// What happened, in words, for the case timeline.
    public var summary: String
}

public enum CaseEventLog {
    static func append(
        _ command: CaseCommand, to r: Representation, recordedBy: String, summary: String, on sql: any SQLDatabase
    ) async throws {
        let next =
            try await sql.raw(
                "SELECT COALESCE(MAX(sequence), 0) + 1 AS n FROM case_event WHERE representation_id = \(bind: r.id)"
            )
            .first()?.decode(column: "n", as: Int.self) ?? 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(command), as: UTF8.self)
        try await sql.insert(into: "case_event").columns(
            "representation_id", "sequence", "recorded_at", "recorded_by", "command", "summary"
        )
        .values(
            SQLBind(r.id), SQLBind(next), SQLBind(Timestamp.now()), SQLBind(recordedBy), SQLBind(json), SQLBind(summary)
        )
        .run()
    }

    /// Writes whole histories for new cases (demo data, imports) in bulk.
    static func appendHistories(
        _ histories: [String: [CaseHistoryEntry]], recordedBy: String, on sql: any SQLDatabase
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let now = Timestamp.now()
        var rows: [[any SQLExpression]] = []
        for (id, history) in histories.sorted(by: { $0.key < $1.key }) {
            for (index, entry) in history.enumerated() {
                let json = String(decoding: try encoder.encode(entry.command), as: UTF8.self)
                rows.append([
                    SQLBind(id), SQLBind(index + 1), SQLBind(now), SQLBind(recordedBy), SQLBind(json),
                    SQLBind(entry.summary),
                ])
            }
        }
        for chunk in rows.chunked(into: 500) {
            let insert = sql.insert(into: "case_event").columns(
                "representation_id", "sequence", "recorded_at", "recorded_by", "command", "summary")
            for row in chunk { insert.values(row) }
            try await insert.run()
        }
    }

    /// Writes imported histories as they were recorded (time, person, sequence).
    static func insertEvents(_ histories: [String: [InterchangeEvent]], on sql: any SQLDatabase) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var rows: [[any SQLExpression]] = []
        for (id, history) in histories.sorted(by: { $0.key < $1.key }) {
            for e in history {
                rows.append([
                    SQLBind(id), SQLBind(e.sequence), SQLBind(e.recordedAt), SQLBind(e.recordedBy),
                    SQLBind(String(decoding: try encoder.encode(e.command), as: UTF8.self)), SQLBind(e.summary),
                ])
            }
        }
        for chunk in rows.chunked(into: 500) {
            let insert = sql.insert(into: "case_event").columns(
                "representation_id", "sequence", "recorded_at", "recorded_by", "command", "summary")
            for row in chunk { insert.values(row) }
            try await insert.run()
        }
    }

    /// The events of one case, oldest first.
    public static func events(of id: String, in database: Database) async throws -> [CaseEvent] {
        try await database.read { sql in try await events(of: id, on: sql) }
    }

    static func events(of id: String, on sql: any SQLDatabase) async throws -> [CaseEvent] {
        try await sql.raw(
            """
            SELECT sequence, recorded_at, recorded_by, command, summary FROM case_event WHERE \
            representation_id = \(bind: id) ORDER BY sequence
            """
        )
        .all().map { row in
            let json = try row.decode(column: "command", as: String.self)
            guard let command = try? DocumentDecoder().decode(CaseCommand.self, from: json) else {
                throw DatabaseError.corruptRow(
                    table: "case_event", column: "command", value: String(json.prefix(80)))
            }
            return CaseEvent(
                sequence: try row.decode(column: "sequence", as: Int.self),
                recordedAt: try row.decode(column: "recorded_at", as: String.self),
                recordedBy: try row.decode(column: "recorded_by", as: String.self), command: command,
                summary: try row.decode(column: "summary", as: String.self))
        }
    }
}
