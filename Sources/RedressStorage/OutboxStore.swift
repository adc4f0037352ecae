import Foundation
import RedressCore
import SQLKit

/// An email waiting to go, or gone. Written to the database first, so nothing is lost when the
/// sender is down: delivery retries with back-off until it succeeds or gives up.
public struct OutboxMessage: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case pending, sent, failed }

    public var id: String
    public var recipient: String
    public var subject: String
    public var body: String
    public var status: Status
    public var attempts: Int
    /// Unix seconds.
    public var nextAttemptAt: Int
    public var lastError: String?
    public var sentAt: Int?
    /// Case documents sent with the message, named by their digest; their bytes are read from
    /// the document store when the message is sent (`OutboxStore.withContent`).
    public var attachments: [Attachment] = []

    public struct Attachment: Sendable, Hashable, Codable {
        public var filename: String
        public var mediaType: String
        public var sha256: String
        public var size: Int
        /// Filled only while sending.
        public var bytes: [UInt8]?

        public init(filename: String, mediaType: String, sha256: String, size: Int, bytes: [UInt8]? = nil) {
            (self.filename, self.mediaType, self.sha256, self.size, self.bytes) = (
                filename, mediaType, sha256, size, bytes
            )
        }

        enum CodingKeys: String, CodingKey { case filename, mediaType, sha256, size }
    }

    public init(
        id: String = UUID().uuidString.lowercased(), recipient: String, subject: String, body: String,
        status: Status = .pending, attempts: Int = 0, nextAttemptAt: Int, lastError: String? = nil, sentAt: Int? = nil,
        attachments: [Attachment] = []
    ) {
        self.attachments = attachments
        self.id = id
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.sentAt = sentAt
    }
}

public struct OutboxStore: Sendable {
    public let database: Database
    public init(database: Database) { self.database = database }

    public func enqueue(_ messages: [OutboxMessage], now: Int) async throws {
        try await database.transaction { sql in try await Self.enqueue(messages, now: now, on: sql) }
    }

    static func enqueue(_ messages: [OutboxMessage], now: Int, on sql: any SQLDatabase) async throws {
        for m in messages {
            try await sql.insert(into: "outbox_message").columns(
                "id", "recipient", "subject", "body", "status", "attempts", "next_attempt_at", "last_error",
                "created_at", "sent_at", "attachments"
            )
            .values(
                SQLBind(m.id), SQLBind(m.recipient), SQLBind(m.subject), SQLBind(m.body), SQLBind(m.status.rawValue),
                SQLBind(m.attempts),
                SQLBind(m.nextAttemptAt), SQLBind(m.lastError), SQLBind(now), SQLBind(m.sentAt),
                SQLBind(String(decoding: try JSONEncoder().encode(m.attachments), as: UTF8.self))
            ).run()
        }
    }

    /// Pending messages whose next attempt is due, oldest first.
    public func due(now: Int, limit: Int = 50) async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.raw(
                """
                SELECT * FROM outbox_message WHERE status = \(bind: OutboxMessage.Status.pending.rawValue) AND \
                next_attempt_at <= \(bind: now)
                ORDER BY next_attempt_at, created_at, id LIMIT \(unsafeRaw: "\(max(1, limit))")
                """
            ).all().map(Self.decode)
        }
    }

    /// Claims a due message for one delivery attempt: moves its next attempt `lease` seconds on,
    /// if it is still pending and due. One statement, so of any number of nodes (or passes of one)
    /// asking at once exactly one gets it; a node that dies holding it lets the lease run out and
    /// another tries again. Returns whether this caller holds it.
    public func claim(_ id: String, now: Int, lease: Int = 300) async throws -> Bool {
        try await database.withSQL { sql in
            try await sql.raw(
                """
                UPDATE outbox_message SET next_attempt_at = \(bind: now + max(1, lease)) WHERE id = \(bind: id) \
                AND status = \(bind: OutboxMessage.Status.pending.rawValue) AND next_attempt_at <= \(bind: now) \
                RETURNING id
                """
            ).first() != nil
        }
    }

    public func all() async throws -> [OutboxMessage] {
        try await database.read { sql in
            try await sql.raw("SELECT * FROM outbox_message ORDER BY created_at, id").all().map(Self.decode)
        }
    }

    public func markSent(_ id: String, now: Int) async throws {
        try await database.withSQL { sql in
            try await sql.raw(
                """
                UPDATE outbox_message SET status = \(bind: OutboxMessage.Status.sent.rawValue), attempts = \
                attempts + 1, sent_at = \(bind: now), last_error = NULL WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Records a failed attempt: tried again at `retryAt`, or given up (`failed`) when `retryAt` is nil.
    public func markAttemptFailed(_ id: String, error: String, retryAt: Int?) async throws {
        try await database.withSQL { sql in
            let status = retryAt == nil ? OutboxMessage.Status.failed : .pending
            try await sql.raw(
                """
                UPDATE outbox_message SET status = \(bind: status.rawValue), attempts = attempts + 1, last_error = \
                \(bind: String(error.prefix(500))),
                next_attempt_at = \(bind: retryAt ?? 0) WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Whether the reminders for `day` were prepared already: checked before preparing them, so a
    /// node's minutely pass reads one row instead of working out every digest again.
    public func reminderRunExists(day: CalendarDate) async throws -> Bool {
        try await database.read { sql in
            try await sql.raw("SELECT day FROM reminder_run WHERE day = \(bind: day.iso)").first() != nil
        }
    }

    /// Records that the reminders for `day` were prepared, with their messages, once only: returns
    /// false (and writes nothing) when that day's run already happened.
    public func recordReminderRun(day: CalendarDate, messages: [OutboxMessage], now: Int) async throws -> Bool {
        // One statement decides, so two nodes preparing the same day at once never both enqueue.
        try await database.transaction { sql in
            let inserted = try await sql.raw(
                """
                INSERT INTO reminder_run (day, messages, created_at) VALUES (\(bind: day.iso), \
                \(bind: messages.count), \(bind: Timestamp.now())) ON CONFLICT (day) DO NOTHING RETURNING day
                """
            ).first()
            guard inserted != nil else { return false }
            try await Self.enqueue(messages, now: now, on: sql)
            return true
        }
    }

    static func decode(_ row: any SQLRow) throws -> OutboxMessage {
        let status = try row.decode(column: "status", as: String.self)
        guard let s = OutboxMessage.Status(rawValue: status) else {
            throw DatabaseError.corruptRow(table: "outbox_message", column: "status", value: status)
        }
        return OutboxMessage(
            id: try row.decode(column: "id", as: String.self),
            recipient: try row.decode(column: "recipient", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            body: try row.decode(column: "body", as: String.self), status: s,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: Int.self),
            lastError: try row.decode(column: "last_error", as: String?.self),
            sentAt: try row.decode(column: "sent_at", as: Int?.self),
            attachments: try JSONDecoder().decode(
                [OutboxMessage.Attachment].self, from: Data(try row.decode(column: "attachments", as: String.self).utf8)
            ))
    }

    /// The message with its attachments' bytes read from the document store, each checked
    /// against its digest (a file purged since is reported, and the message kept for later).
    public func withContent(_ message: OutboxMessage) async throws -> OutboxMessage {
        var loaded = message
        for (i, attachment) in message.attachments.enumerated() {
            loaded.attachments[i].bytes = try await DocumentStore(database: database).content(
                sha256: attachment.sha256, size: attachment.size)
        }
        return loaded
    }
}
