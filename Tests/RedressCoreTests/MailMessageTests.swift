import Foundation
import Testing
@testable import RedressCore

/// Messages as mail programs write them: multipart with a base64 PDF, quoted-printable text,
/// encoded-word subjects in two character sets, an RFC 2231 file name, HTML-only mail.
@Suite("Email in: reading a message")
struct MailMessageTests {
    static let pdf = Array("%PDF-1.4\n".utf8) + (0..<300).map { UInt8($0 % 256) }

    static var multipart: [UInt8] {
        let encoded = Data(pdf).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn,
            .endLineWithLineFeed,
        ])
        return Array(
            """
            Return-Path: <jo@example.org>\r
            From: =?UTF-8?B?Sm/DqyBCbG9nZ3M=?= <jo@example.org>\r
            To: complaints@anyshire.example\r
            Subject: =?UTF-8?Q?Re:_my_complaint_CSC-2025-00042_?=\r
             =?UTF-8?Q?=E2=80=93_photos?=\r
            Message-ID: <abc.123@mail.example.org>\r
            Date: Mon, 1 Dec 2025 10:00:00 +0000\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            This is a multi-part message.\r
            --outer\r
            Content-Type: multipart/alternative; boundary=inner\r
            \r
            --inner\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            The carer did not come on Tuesday =E2=80=93 again. This line is long and =\r
            soft-broken.\r
            --inner\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>The carer did not come</p>\r
            --inner--\r
            --outer\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=UTF-8''care%20plan%C3%A9.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(encoded)\r
            --outer--\r

            """.utf8)
    }

    @Test("a multipart message: sender, subject across two encoded words, quoted-printable text, a base64 PDF")
    func multipartMessage() {
        let message = MailMessage(Self.multipart)
        #expect(message.messageID == "abc.123@mail.example.org")
        #expect(message.from == "Joë Bloggs <jo@example.org>")
        #expect(message.subject == "Re: my complaint CSC-2025-00042 – photos")
        #expect(message.text == "The carer did not come on Tuesday – again. This line is long and soft-broken.")
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.filename == "care plané.pdf")
        #expect(message.attachments.first?.bytes == Self.pdf)
        #expect(message.caseReferences == ["CSC-2025-00042"])
    }

    @Test("a Latin-1 subject, an HTML-only body, no Message-ID, and a reference only in the text")
    func plainerMessages() {
        let raw = Array(
            """
            From: a@example.org\nSubject: =?iso-8859-1?Q?Caf=E9_visit?=\nContent-Type: text/html\n\n\
            <p>About case asc-2024-00007.</p><p>Thanks</p>\n
            """.utf8)
        let message = MailMessage(raw)
        #expect(message.subject == "Café visit")
        #expect(message.text.contains("About case asc-2024-00007.\nThanks"))
        #expect(message.messageID.hasPrefix("sha256:"), "a message without an id is known by its digest")
        #expect(message.caseReferences == ["ASC-2024-00007"])
        #expect(MailMessage(Array("not a message at all".utf8)).attachments.isEmpty)
    }
}
