import ArgumentParser
import Foundation
import Logging
import RedressCore
import RedressNotifications
import RedressWeb
import RedressStorage

/// `redress mailbox read`: one pass over the complaints mailbox, as the server's background
/// worker makes every minute — for a first check of the settings, or a scheduled job on a
/// machine that serves no pages.
struct MailboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailbox", abstract: "The complaints mailbox (email in).", subcommands: [Read.self])

    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "read",
            abstract:
                """
                Read the mailbox named by REDRESS_IMAP_HOST (and _PORT, _SECURITY, _USER, _PASSWORD, _FOLDER) once: \
                file each message on its case or in triage, then move it to Redress-filed.
                """)
        @OptionGroup var storage: StorageOptions
        @Option(help: "At most this many messages in this pass (1 to 1000).") var batch: Int = 200

        func validate() throws {
            guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000") }
        }

        func run() async throws {
            let run = try await storage.withDatabase { database in
                let settings = try await SettingsStore(database: database).load(
                    MailboxSettings.key, default: MailboxSettings?.none)
                guard let mailbox = IMAPMailbox.configured(settings) else {
                    throw ValidationError("set up the mailbox on the Mailbox page, or set REDRESS_IMAP_HOST, first")
                }
                return try await MailboxReader(
                    mailbox: mailbox, database: database, today: LondonClock.today,
                    logger: Logger(label: "redress")
                ).runOnce(limit: batch)
            }
            print(
                "Filed \(run.onCases) on cases and \(run.inTriage) in triage; \(run.alreadyStored) already stored.")
        }
    }
}
