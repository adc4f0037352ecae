import Foundation
import RedressCore
import SQLKit

/// Submissions from the public online forms, waiting in the triage inbox until the complaints
/// team records or declines each one.
public struct SubmissionStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    static func encode(_ s: PublicSubmission) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(s), as: UTF8.self)
    }

    static func decode(_ row: any SQLRow) throws -> PublicSubmission {
        let text = try row.decode(column: "detail", as: String.self)
        do { return try JSONDecoder().decode(PublicSubmission.self, from: Data(text.utf8)) } catch {
            throw DatabaseError.corruptRow(table: "submission", column: "detail", value: String(text.prefix(40)))
        }
    }

    /// Saves a new submission with a random reference ("WEB-7K3M-Q9XD"): a sequence number would
    /// tell anyone who sends the form how many others have.
    public func add(
        _ answers: FeedbackAnswers, on day: CalendarDate, young: Bool, equalityCodes: ReferenceData
    ) async throws -> PublicSubmission {
        try await database.transaction { sql in
            try await Self.insert(on: sql) { reference in
                answers.submission(
                    id: UUID().uuidString.lowercased(), reference: reference, on: day, young: young,
                    equalityCodes: equalityCodes)
            }
        }
    }

    /// Writes the submission `make` gives for a new random reference.
    static func insert(
        on sql: any SQLDatabase, _ make: (String) -> PublicSubmission
    ) async throws -> PublicSubmission {
        var reference = PublicSubmission.newReference()
        while try await sql.raw("SELECT 1 AS n FROM submission WHERE reference = \(bind: reference)").first() != nil
        {
            reference = PublicSubmission.newReference()
        }
        let submission = make(reference)
        let day = submission.submittedOn
        try await sql.insert(into: "submission").columns(
            "id", "reference", "submitted_on", "status", "detail", "version", "created_at"
        )
        .values(
            SQLBind(submission.id), SQLBind(submission.reference), SQLBind(day.iso),
            SQLBind(submission.status.rawValue), SQLBind(try Self.encode(submission)),
            SQLBind(submission.version), SQLBind(Timestamp.now())
        ).run()
        return submission
    }

    /// Submissions with a status, oldest first.
    public func list(status: PublicSubmission.Status) async throws -> [PublicSubmission] {
        try await database.read { sql in
            try await sql.raw(
                "SELECT detail FROM submission WHERE status = \(bind: status.rawValue) ORDER BY submitted_on, reference"
            ).all().map(Self.decode)
        }
    }

    public func submission(id: String) async throws -> PublicSubmission? {
        try await database.read { sql in
            try await sql.raw("SELECT detail FROM submission WHERE id = \(bind: id)").first().map(Self.decode)
        }
    }

    /// Saves a triage decision from the version the officer saw; a stale one is refused.
    public func update(_ changed: PublicSubmission, expectedVersion: Int) async throws {
        try await database.transaction { sql in
            guard let row = try await sql.raw("SELECT version FROM submission WHERE id = \(bind: changed.id)").first()
            else { throw DatabaseError.notFound }
            guard try row.decode(column: "version", as: Int.self) == expectedVersion else {
                throw DatabaseError.conflict(reference: changed.reference)
            }
            var saved = changed
            saved.version = expectedVersion + 1
            try await sql.raw(
                """
                UPDATE submission SET status = \(bind: saved.status.rawValue), detail = \
                \(bind: try Self.encode(saved)), version = \(bind: saved.version)
                WHERE id = \(bind: saved.id) AND version = \(bind: expectedVersion)
                """
            ).run()
        }
    }
}
