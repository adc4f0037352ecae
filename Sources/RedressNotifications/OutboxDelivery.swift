import Foundation
import Logging
import RedressCore
import RedressStorage

/// Delivers what is due in the outbox: each message once per attempt, whichever node's pass
/// claims it (`OutboxStore.claim`), with exponential back-off (1, 2, 4 … minutes, at most 6
/// hours) after a failure, giving up after `maxAttempts`. Nothing is removed: a message the
/// sender cannot take stays pending for the next run.
public struct OutboxDelivery: Sendable {
    public let store: OutboxStore
    public let sender: any MessageSender
    public var maxAttempts: Int
    public let logger: Logger

    public init(store: OutboxStore, sender: any MessageSender, maxAttempts: Int = 12, logger: Logger) {
        self.store = store
        self.sender = sender
        self.maxAttempts = maxAttempts
        self.logger = logger
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based).
    public static func backoff(afterAttempt attempt: Int) -> Int {
        min(6 * 60 * 60, 60 << min(20, max(0, attempt - 1)))
    }

    /// Sends every due message this pass can claim (other nodes' passes claim the rest); returns
    /// how many were sent.
    @discardableResult
    public func deliverDue(now: Int) async throws -> Int {
        var sent = 0
        // Batch after batch until nothing due is left to claim: what another node claimed, or this
        // pass tried, is no longer due now, so each batch is new work or the end.
        while true {
            let batch = try await store.due(now: now)
            var claimed = 0
            for message in batch {
                guard try await store.claim(message.id, now: now) else { continue }
                claimed += 1
                sent += try await attempt(message, now: now) ? 1 : 0
            }
            if claimed == 0 { break }
        }
        return sent
    }

    /// One attempt at one claimed message; whether it was sent.
    private func attempt(_ message: OutboxMessage, now: Int) async throws -> Bool {
        do {
            try await sender.send(message.attachments.isEmpty ? message : try await store.withContent(message))
            try await store.markSent(message.id, now: now)
            return true
        } catch {
            let attempt = message.attempts + 1
            let retryable = (error as? SendFailure)?.isRetryable ?? true
            let retryAt = retryable && attempt < maxAttempts ? now + Self.backoff(afterAttempt: attempt) : nil
            try await store.markAttemptFailed(message.id, error: "\(error)", retryAt: retryAt)
            logger.warning(
                "message not sent",
                metadata: ["id": "\(message.id)", "attempt": "\(attempt)", "retrying": "\(retryAt != nil)"])
            return false
        }
    }
}

/// Prepares the day's reminder digests as outbox messages, once per working day.
public struct ReminderJob: Sendable {
    public let database: Database
    public var division: Division
    /// Where the complaints team's digest goes (unallocated stage 2s, remedies, anything no one
    /// is appointed to); without it those reminders are not sent.
    public var teamEmail: String?

    public init(database: Database, division: Division = .englandAndWales, teamEmail: String?) {
        self.database = database
        self.division = division
        self.teamEmail = teamEmail
    }

    /// Enqueues `today`'s digests unless today is not a working day or they were already made;
    /// returns the number of messages enqueued.
    @discardableResult
    public func run(today: CalendarDate, now: Int, settings: ReminderSettings) async throws -> Int {
        guard settings.enabled else { return 0 }
        guard try await !OutboxStore(database: database).reminderRunExists(day: today) else { return 0 }
        let feed = try await CalendarStore(database: database).effectiveFeed()
        let calendar = WorkingDayCalendar(division: division, feed: feed)
        guard calendar.isWorkingDay(today) else { return 0 }
        let cases = try await RepresentationStore(database: database).workQueueCases()
        let procedures = try await ProcedureStore(database: database).load()
        let people = try await PeopleStore(database: database).load()
        let digests = Reminders.digests(
            cases: cases, procedures: procedures, calendar: calendar, today: today, settings: settings)
        let messages: [OutboxMessage] = digests.compactMap { digest in
            let address: String? =
                switch digest.recipient {
                case .person(let id): people[id]?.email ?? teamEmail
                case .complaintsTeam: teamEmail
                }
            guard let address, !address.isEmpty else { return nil }
            let (subject, body) = digest.message(today: today)
            return OutboxMessage(recipient: address, subject: subject, body: body, nextAttemptAt: now)
        }
        return try await OutboxStore(database: database).recordReminderRun(day: today, messages: messages, now: now)
            ? messages.count : 0
    }
}
