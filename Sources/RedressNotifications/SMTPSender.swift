import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RedressStorage

/// Sends email to an SMTP server (the council's relay): plain on a trusted network, or implicit
/// TLS (port 465), with optional AUTH PLAIN. A 4xx answer or a lost connection is retried by the
/// outbox; a 5xx answer (address refused) is not.
public struct SMTPSender: MessageSender {
    public enum Security: String, Sendable, CaseIterable {
        /// No encryption: only for a relay on the council's own network.
        case none
        /// TLS from the first byte (SMTPS, usually port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    public var from: String
    public var heloName: String

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, from: String,
        heloName: String = "redress.localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.heloName = heloName
    }

    public func send(_ message: OutboxMessage) async throws {
        let channel = try await MailConnection.open(host: host, port: port, tls: security == .tls) {
            SendFailure($0)
        }
        let (from, helo, username, password) = (self.from, heloName, self.username, self.password)
        try await channel.executeThenClose { inbound, outbound in
            var smtp = SMTPConversation(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            try await smtp.expect(220)
            try await smtp.command("EHLO \(helo)", expect: 250)
            if let username, let password {
                try await smtp.command(
                    "AUTH PLAIN " + Data("\0\(username)\0\(password)".utf8).base64EncodedString(), expect: 235)
            }
            try await smtp.command("MAIL FROM:<\(Self.clean(from))>", expect: 250)
            try await smtp.command("RCPT TO:<\(Self.clean(message.recipient))>", expect: 250, 251)
            try await smtp.command("DATA", expect: 354)
            try await smtp.command(Self.data(for: message, from: from) + "\r\n.", expect: 250)
            try? await smtp.command("QUIT", expect: 221)
        }
    }

    /// No line breaks in headers or addresses (header injection).
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// The message: headers, and the body in base64 (so any text, any line, travels safely).
    static func data(for message: OutboxMessage, from: String) -> String {
        let subject = clean(message.subject)
        let encodedSubject =
            subject.unicodeScalars.allSatisfy(\.isASCII)
            ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let lines: Data.Base64EncodingOptions = [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ]
        let body = Data(message.body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString(
            options: lines)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: <\(clean(from))>", "To: <\(clean(message.recipient))>", "Subject: \(encodedSubject)",
            "Date: \(formatter.string(from: Date()))", "Message-ID: <\(message.id)@redress>", "MIME-Version: 1.0",
        ]
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", body]
        guard !message.attachments.isEmpty else { return (headers + text).joined(separator: "\r\n") }
        // With attachments: the text, then each file, in a multipart/mixed whose boundary cannot
        // occur in base64 (it has a character base64 never uses).
        let boundary = "=_redress_\(message.id)"
        var parts = headers + ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--\(boundary)"] + text
        for attachment in message.attachments {
            let name = clean(attachment.filename).replacingOccurrences(of: "\"", with: "")
            let encodedName =
                name.unicodeScalars.allSatisfy(\.isASCII)
                ? "filename=\"\(name)\""
                : "filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            parts += [
                "--\(boundary)", "Content-Type: \(clean(attachment.mediaType))",
                "Content-Disposition: attachment; \(encodedName)", "Content-Transfer-Encoding: base64", "",
                Data(attachment.bytes ?? []).base64EncodedString(options: lines),
            ]
        }
        return (parts + ["--\(boundary)--"]).joined(separator: "\r\n")
    }
}

/// One SMTP conversation: commands out, numbered replies (possibly multi-line) in.
struct SMTPConversation {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var pending = ""

    mutating func line() async throws -> String {
        while true {
            if let end = pending.range(of: "\r\n") {
                let line = String(pending[..<end.lowerBound])
                pending = String(pending[end.upperBound...])
                return line
            }
            guard var buffer = try await inbound.next() else {
                throw SendFailure("the mail server closed the connection")
            }
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            if pending.count > 64 * 1024 { throw SendFailure("the mail server sent an over-long reply") }
        }
    }

    /// A reply: "250-…" lines continue it, "250 …" ends it.
    mutating func reply() async throws -> Int {
        while true {
            let line = try await line()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SendFailure("the mail server's answer is not SMTP")
            }
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return code }
        }
    }

    mutating func expect(_ codes: Int...) async throws {
        let code = try await reply()
        guard codes.contains(code) else { throw Self.failure(code) }
    }

    mutating func command(_ text: String, expect codes: Int...) async throws {
        try await outbound.write(ByteBuffer(string: text + "\r\n"))
        let code = try await reply()
        guard codes.contains(code) else { throw Self.failure(code) }
    }

    /// The server's words are not kept: they can contain the address.
    static func failure(_ code: Int) -> SendFailure {
        SendFailure("the mail server answered \(code)", isRetryable: code < 500)
    }
}
