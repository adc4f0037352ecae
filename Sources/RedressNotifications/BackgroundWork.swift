import Foundation
import Logging
import RedressCore
import RedressStorage
import ServiceLifecycle

/// The server's background work: every minute, read the complaints mailbox (when one is set up),
/// deliver what is due in the outbox, and on working days from the configured hour prepare the
/// day's reminder digests (once). Stops at graceful
/// shutdown, between runs: a message is never half-recorded.
public struct BackgroundWork: Service {
    public let database: Database
    public let delivery: OutboxDelivery
    public let reminders: ReminderJob
    /// The mailbox reader for this pass, from the settings as they are now (`nil`: none set up).
    public let mailbox: @Sendable () async throws -> MailboxReader?
    public let today: @Sendable () -> CalendarDate
    public let hour: @Sendable () -> Int
    public let now: @Sendable () -> Int
    public let interval: Duration
    public let logger: Logger

    public init(
        database: Database, delivery: OutboxDelivery, reminders: ReminderJob,
        mailbox: @escaping @Sendable () async throws -> MailboxReader? = { nil },
        today: @escaping @Sendable () -> CalendarDate,
        hour: @escaping @Sendable () -> Int, now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) },
        interval: Duration = .seconds(60), logger: Logger
    ) {
        self.database = database
        self.delivery = delivery
        self.reminders = reminders
        self.mailbox = mailbox
        self.today = today
        self.hour = hour
        self.now = now
        self.interval = interval
        self.logger = logger
    }

    /// One pass: reminders when due, then delivery.
    public func runOnce() async {
        do {
            if let reader = try await mailbox() { try await reader.runOnce() }
        } catch {
            // The mailbox's own words are not logged: they can hold addresses.
            logger.error(
                "reading the mailbox failed; will try again",
                metadata: ["error": "\((error as? IMAPMailbox.Failure)?.description ?? "\(type(of: error))")"])
        }
        do {
            let settings = try await SettingsStore(database: database).load(
                SettingsStore.reminderSettingsKey, default: ReminderSettings.standard)
            if hour() >= settings.hour {
                let queued = try await reminders.run(today: today(), now: now(), settings: settings)
                if queued > 0 { logger.info("reminder digests prepared", metadata: ["messages": "\(queued)"]) }
            }
            try await delivery.deliverDue(now: now())
        } catch {
            logger.error(
                "background work failed; will try again",
                metadata: ["error": "\(String(describing: error).prefix(200))"])
        }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await runOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
