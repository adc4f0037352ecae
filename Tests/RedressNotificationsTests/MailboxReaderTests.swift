import Foundation
import RedressCore
import RedressNotifications
import RedressStorage
import RedressTestSupport
import Testing

/// Email in against a real Dovecot (`scripts/start-dovecot.sh`, started by `.ci/run`, which sets
/// `REDRESS_TEST_IMAP`). Each test reads its own folder, so tests on both engines run at once.
@Suite("Email in: the complaints mailbox over IMAP")
struct MailboxReaderTests {
    static let today = CalendarDate(iso: "2024-03-04")!

    /// The test server, with a folder of this test's own; `nil` without a server.
    static func mailbox() -> IMAPMailbox? {
        guard let setting = ProcessInfo.processInfo.environment["REDRESS_TEST_IMAP"] else { return nil }
        let parts = setting.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, let port = Int(parts[1]) else { return nil }
        let folder = "t" + UUID().uuidString.prefix(8).lowercased()
        return IMAPMailbox(
            host: parts[0], port: port, security: .none, username: parts[2], password: parts[3], folder: folder,
            filedFolder: folder + "-filed")
    }

    static func deliver(_ messages: [[UInt8]], to mailbox: IMAPMailbox) async throws {
        var setup = mailbox
        setup.folder = "INBOX"
        try await setup.session { session in
            for raw in messages { try await session.append(raw, to: mailbox.folder) }
        }
    }

    static func inbox(_ mailbox: IMAPMailbox) async throws -> Int {
        try await mailbox.session { try await $0.messageIDs().count }
    }

    static func email(id: String, subject: String, attachment: [UInt8]? = nil) -> [UInt8] {
        let encoded = attachment.map { Data($0).base64EncodedString(options: .lineLength76Characters) }
        let parts =
            encoded.map {
                """
                --b1\r
                Content-Type: application/pdf; name="plan.pdf"\r
                Content-Disposition: attachment; filename="plan.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                \($0)\r

                """
            } ?? ""
        return Array(
            """
            From: =?UTF-8?Q?Si=C3=A2n_Jones?= <sian@example.org>\r
            To: complaints@anyshire.example\r
            Subject: \(subject)\r
            Message-ID: <\(id)@example.org>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            The visit was missed again =E2=80=93 please call.\r
            \(parts)--b1--\r

            """.utf8)
    }

    @Test(
        """
        an email quoting a case reference is filed on that case with its PDF; one without goes to triage; the same \
        message twice is stored once; a stop before filing or before moving loses nothing
        """,
        arguments: TestDatabase.engines)
    func mailbox(engine: DatabaseEngine) async throws {
        guard let mailbox = Self.mailbox() else { return }
        try await TestDatabase.with(engine) { database in
            let r = try await TestCases.complaint(in: database, name: "Siân Jones")
            let pdf = Array("%PDF-1.4 care plan".utf8) + (0..<2000).map { UInt8($0 % 256) }
            try await Self.deliver(
                [
                    Self.email(id: "one", subject: "Re: \(r.reference) missed visit", attachment: pdf),
                    Self.email(id: "two", subject: "A new complaint about parking"),
                    Self.email(id: "one", subject: "Re: \(r.reference) missed visit", attachment: pdf),
                ], to: mailbox)
            let reader = MailboxReader(
                mailbox: mailbox, database: database, today: { Self.today }, logger: TestDatabase.logger)

            struct Stop: Error {}
            await #expect(throws: Stop.self, "stopped after fetching, before filing") {
                try await reader.runOnce(beforeFiling: { _ in throw Stop() })
            }
            #expect(try await MailInStore(database: database).count() == 0)
            await #expect(throws: Stop.self, "stopped after filing, before moving") {
                try await reader.runOnce(beforeMove: { _ in throw Stop() })
            }
            #expect(try await MailInStore(database: database).count() == 1)
            #expect(try await Self.inbox(mailbox) == 3, "nothing left the inbox")

            let run = try await reader.runOnce()
            #expect(run == MailboxReader.Run(onCases: 0, inTriage: 1, alreadyStored: 2))
            #expect(try await Self.inbox(mailbox) == 0, "every message moved once stored")
            #expect(try await MailInStore(database: database).count() == 2)

            let contacts = try await ContactLogStore(database: database).entries(of: r.id)
            #expect(contacts.count == 1, "the message sent twice is on the case once")
            #expect(contacts.first?.kind == .email && contacts.first?.withWhom == "Siân Jones <sian@example.org>")
            #expect(contacts.first?.summary.contains("The visit was missed again – please call.") == true)
            let documents = try await DocumentStore(database: database).documents(of: r.id)
            #expect(Set(documents.map(\.kind)) == [.email, .complainantEvidence])
            let plan = try #require(documents.first { $0.filename == "plan.pdf" })
            #expect(try await DocumentStore(database: database).content(of: plan) == pdf)

            let triage = try await SubmissionStore(database: database).list(status: .new)
            #expect(triage.count == 1 && triage.first?.email == "sian@example.org")
            #expect(triage.first?.details.contains("A new complaint about parking") == true)
        }
    }
}

@Suite("Email out: a case document attached")
struct EmailOutTests {
    @Test(
        "the outbox sends a case document attached; read back from the SMTP transcript it is the same file",
        arguments: TestDatabase.engines)
    func attachment(engine: DatabaseEngine) async throws {
        try await TestDatabase.with(engine) { database in
            let r = try await TestCases.complaint(in: database, name: "Pat", area: .corporate, service: "education")
            let pdf = Array("%PDF-1.4 response".utf8) + (0..<3000).map { UInt8($0 % 256) }
            let document = try #require(
                try await DocumentStore(database: database).add(
                    [.init(filename: "response letter.pdf", kind: .responseLetter, bytes: pdf)], to: r.id,
                    by: "officer"
                ).first)
            try await OutboxStore(database: database).enqueue(
                [
                    OutboxMessage(
                        recipient: "pat@example.org", subject: "Your complaint, reference \(r.reference)",
                        body: "Please find our response attached.", nextAttemptAt: 0,
                        attachments: [
                            .init(
                                filename: document.filename, mediaType: document.mediaType, sha256: document.sha256,
                                size: document.size)
                        ])
                ], now: 0)
            let server = FakeSMTPServer()
            try await server.run { port in
                let delivery = OutboxDelivery(
                    store: OutboxStore(database: database),
                    sender: SMTPSender(host: "127.0.0.1", port: port, security: .none, from: "c@anyshire.example"),
                    logger: TestDatabase.logger)
                let sent = try await delivery.deliverDue(now: 1)
                #expect(sent == 1)
            }
            let lines = try #require(await server.transcripts.first)
            let start = try #require(lines.firstIndex { $0.hasPrefix("From:") })
            let end = try #require(lines.lastIndex(of: "."))
            let sent = MailMessage(Array(lines[start..<end].joined(separator: "\r\n").utf8))
            #expect(sent.subject == "Your complaint, reference \(r.reference)")
            #expect(sent.text == "Please find our response attached.")
            #expect(sent.attachments.map(\.filename) == ["response letter.pdf"])
            #expect(sent.attachments.first?.bytes == pdf)
        }
    }
}
