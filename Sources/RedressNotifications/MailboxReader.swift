import Foundation
import Logging
import RedressCore
import RedressStorage

/// Reads the complaints mailbox: each message is fetched, filed once (`MailInStore`) and only
/// then moved out of the inbox to the filed folder. A stop between filing and moving loses
/// nothing: the message is fetched again next time, found already filed, and moved.
public struct MailboxReader: Sendable {
    public let mailbox: IMAPMailbox
    public let database: Database
    public let today: @Sendable () -> CalendarDate
    public let logger: Logger

    public init(
        mailbox: IMAPMailbox, database: Database, today: @escaping @Sendable () -> CalendarDate, logger: Logger
    ) {
        (self.mailbox, self.database, self.today, self.logger) = (mailbox, database, today, logger)
    }

    public struct Run: Sendable, Equatable {
        public var onCases = 0, inTriage = 0, alreadyStored = 0

        public init(onCases: Int = 0, inTriage: Int = 0, alreadyStored: Int = 0) {
            (self.onCases, self.inTriage, self.alreadyStored) = (onCases, inTriage, alreadyStored)
        }
    }

    /// One pass over the inbox. `beforeFiling` runs after a message is fetched and `beforeMove`
    /// after it is filed, before it is moved: tests stop there to check a crash loses nothing.
    @discardableResult
    public func runOnce(
        limit: Int = 200, beforeFiling: @Sendable (Int) async throws -> Void = { _ in },
        beforeMove: @Sendable (Int) async throws -> Void = { _ in }
    ) async throws -> Run {
        let store = MailInStore(database: database)
        let (filedFolder, day) = (mailbox.filedFolder, today())
        return try await mailbox.session { session in
            var run = Run()
            for uid in try await session.messageIDs().prefix(limit) {
                guard let raw = try await session.fetch(uid) else { continue }
                try await beforeFiling(uid)
                switch try await store.file(MailMessage(raw), raw: raw, today: day) {
                case .alreadyStored: run.alreadyStored += 1
                case .onCase: run.onCases += 1
                case .inTriage: run.inTriage += 1
                }
                try await beforeMove(uid)
                try await session.move(uid, to: filedFolder)
            }
            if run != Run() {
                logger.info(
                    "mailbox read",
                    metadata: [
                        "on-cases": "\(run.onCases)", "in-triage": "\(run.inTriage)",
                        "already-stored": "\(run.alreadyStored)",
                    ])
            }
            return run
        }
    }
}
