import Foundation
import RedressCore
import SQLKit

/// Email that arrived in the complaints mailbox, filed exactly once: on the case whose reference
/// it quotes (a contact log entry, the message itself and its attachments as documents), or as
/// a submission for the team's triage. Each message is remembered by its Message-ID in the same
/// transaction that files it, so fetching it again — after a crash between storing and moving it
/// out of the inbox — files nothing twice.
public struct MailInStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public enum Filed: Sendable, Equatable {
        /// Stored before (fetched again after a crash, or sent twice): nothing new written.
        case alreadyStored
        case onCase(representationID: String, reference: String, owner: String?)
        case inTriage(submissionReference: String)
    }

    public func file(_ message: MailMessage, raw: [UInt8], today: CalendarDate) async throws -> Filed {
        try await database.transaction { sql in
            let seen = try await sql.raw(
                "SELECT message_id FROM mail_received WHERE message_id = \(bind: message.messageID)"
            ).first()
            guard seen == nil else { return .alreadyStored }
            let now = Timestamp.now()
            var filed: Filed?
            for reference in message.caseReferences {
                guard
                    let row = try await sql.raw(
                        """
                        SELECT id, owner_id FROM representation WHERE lower(reference) = \
                        \(bind: reference.lowercased()) \
                        AND merged_into IS NULL
                        """
                    ).first()
                else { continue }
                let id = try row.decode(column: "id", as: String.self)
                let owner =
                    try row.decodeNil(column: "owner_id") ? nil : try row.decode(column: "owner_id", as: String.self)
                try await Self.fileOnCase(message, raw: raw, representationID: id, today: today, now: now, on: sql)
                try await Self.tellOwner(owner, reference: reference, on: sql)
                filed = .onCase(representationID: id, reference: reference, owner: owner)
                break
            }
            if filed == nil {
                let submission = try await SubmissionStore.insert(on: sql) { reference in
                    Self.submission(message, reference: reference, today: today)
                }
                // The attachments are kept (by their digest) until the team records the submission.
                for attachment in message.attachments {
                    try await DocumentStore.keepContent(
                        attachment.bytes, sha256: SHA256Digest.hex(attachment.bytes), on: sql)
                }
                filed = .inTriage(submissionReference: submission.reference)
            }
            let (representationID, submissionReference): (String?, String?) =
                switch filed {
                case .onCase(let id, _, _): (id, nil)
                case .inTriage(let reference): (nil, reference)
                default: (nil, nil)
                }
            try await sql.insert(into: "mail_received").columns(
                "message_id", "received_at", "representation_id", "submission_reference"
            ).values(
                SQLBind(message.messageID), SQLBind(now), SQLBind(representationID), SQLBind(submissionReference)
            ).run()
            return filed!
        }
    }

    static func fileOnCase(
        _ message: MailMessage, raw: [UInt8], representationID: String, today: CalendarDate, now: String,
        on sql: any SQLDatabase
    ) async throws {
        let text = message.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = String(("\(message.subject)\n\n\(text)").prefix(ContactEntry.summaryLimit))
        try await ContactLogStore.insert(
            ContactEntry(
                id: UUID().uuidString.lowercased(), representationID: representationID, kind: .email,
                direction: .incoming, occurredOn: today,
                withWhom: String(message.from.prefix(ContactEntry.withWhomLimit)),
                summary: summary, author: "mailbox", authorName: "Complaints mailbox", recordedAt: now),
            on: sql)
        let files =
            [(name: "email \(today.iso).eml", kind: CaseDocument.Kind.email, bytes: raw)]
            + message.attachments.map {
                (name: $0.filename, kind: CaseDocument.Kind.complainantEvidence, bytes: $0.bytes)
            }
        for file in files {
            let name = CaseDocument.safeFilename(file.name)
            try await DocumentStore.insert(
                CaseDocument(
                    id: UUID().uuidString.lowercased(), representationID: representationID, kind: file.kind,
                    filename: name, mediaType: CaseDocument.mediaType(of: name) ?? "application/octet-stream",
                    size: file.bytes.count, sha256: SHA256Digest.hex(file.bytes), uploadedBy: "mailbox",
                    uploadedAt: now),
                bytes: file.bytes, on: sql)
        }
    }

    /// The case's owner is told an email came, in the same transaction (so once): the notice
    /// names the case, never the sender or what they wrote.
    static func tellOwner(_ owner: String?, reference: String, on sql: any SQLDatabase) async throws {
        guard let owner,
            let row = try await sql.raw("SELECT email FROM app_user WHERE id = \(bind: owner)").first(),
            !(try row.decodeNil(column: "email")),
            case let email = try row.decode(column: "email", as: String.self), !email.isEmpty
        else { return }
        try await OutboxStore.enqueue(
            [
                OutboxMessage(
                    recipient: email, subject: "Email received on \(reference)",
                    body:
                        "An email about \(reference) has been filed on the case. Open the case in Redress to read it.",
                    nextAttemptAt: 0)
            ], now: Int(Date().timeIntervalSince1970), on: sql)
    }

    /// An email with no case reference, as a submission the team triages like the web form's.
    static func submission(_ message: MailMessage, reference: String, today: CalendarDate) -> PublicSubmission {
        let address = message.from.firstMatch(of: /<([^>]+)>/).map { String($0.1) } ?? message.from
        let name = message.from.split(separator: "<").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let attached = message.attachments.map { "\($0.filename) (\($0.bytes.count) bytes)" }
        let details =
            "By email: \(message.subject)\n\n\(message.text.trimmingCharacters(in: .whitespacesAndNewlines))"
            + (attached.isEmpty ? "" : "\n\nAttached: " + attached.joined(separator: ", "))
        var submission = PublicSubmission(
            id: UUID().uuidString.lowercased(), reference: reference, submittedOn: today, kind: .complaint,
            youngPerson: false, serviceArea: .corporate, details: String(details.prefix(FeedbackAnswers.detailsLimit)),
            name: name == address ? "" : name, email: address)
        submission.attachments = message.attachments.map {
            let name = CaseDocument.safeFilename($0.filename)
            return KeptFile(
                filename: name, mediaType: CaseDocument.mediaType(of: name) ?? "application/octet-stream",
                sha256: SHA256Digest.hex($0.bytes), size: $0.bytes.count)
        }
        return submission
    }

    /// How many messages have been filed (for tests and the mailbox page).
    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM mail_received").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }
}
