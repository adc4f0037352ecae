import Foundation
import NIOCore
import NIOPosix
import RedressNotifications
import RedressStorage
import Testing

/// A small SMTP server on 127.0.0.1 that answers like a relay, refuses recipients containing
/// "refuse" (550) and defers those containing "later" (451), and keeps what it received.
actor FakeSMTPServer {
    private(set) var transcripts: [[String]] = []
    func record(_ lines: [String]) { transcripts.append(lines) }

    /// Runs the server for the duration of `body`, passing its port.
    func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { ch in
                ch.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    for try await connection in connections { await self.serve(connection) }
                }
                return nil
            }
            let result = try await body(port)
            group.cancelAll()
            return result
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        var lines: [String] = []
        try? await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "220 fake ESMTP\r\n"))
            var pending = "", inData = false
            for try await var buffer in inbound {
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                while let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending = String(pending[end.upperBound...])
                    lines.append(line)
                    if inData {
                        if line == "." {
                            inData = false; try await outbound.write(ByteBuffer(string: "250 queued\r\n"))
                        }
                        continue
                    }
                    let reply: String
                    switch line.prefix(4).uppercased() {
                    case "EHLO": reply = "250-fake\r\n250 AUTH PLAIN\r\n"
                    case "AUTH": reply = "235 ok\r\n"
                    case "MAIL": reply = "250 ok\r\n"
                    case "RCPT":
                        reply =
                            line.contains("refuse")
                            ? "550 no such user\r\n" : line.contains("later") ? "451 try later\r\n" : "250 ok\r\n"
                    case "DATA": inData = true; reply = "354 go ahead\r\n"
                    case "QUIT": reply = "221 bye\r\n"
                    default: reply = "500 what\r\n"
                    }
                    try await outbound.write(ByteBuffer(string: reply))
                    if line.uppercased() == "QUIT" { return }
                }
            }
        }
        record(lines)
    }
}

@Suite("SMTP sender")
struct SMTPSenderTests {
    @Test("sends through an SMTP relay with AUTH PLAIN, the body in base64 and headers free of injected lines")
    func sends() async throws {
        let server = FakeSMTPServer()
        try await server.run { port in
            let sender = SMTPSender(
                host: "127.0.0.1", port: port, security: .none, username: "redress", password: "pw",
                from: "complaints@anyshire.example")
            let message = OutboxMessage(
                id: "m1", recipient: "rhea@example.org", subject: "Reminders\r\nBcc: evil@example.org",
                body: "Line one\n.\nLine three – £5", nextAttemptAt: 0)
            try await sender.send(message)
        }
        let lines = try #require(await server.transcripts.first)
        #expect(lines.contains("AUTH PLAIN " + Data("\0redress\0pw".utf8).base64EncodedString()))
        #expect(
            lines.contains("MAIL FROM:<complaints@anyshire.example>") && lines.contains("RCPT TO:<rhea@example.org>"))
        #expect(
            lines.contains("Subject: RemindersBcc: evil@example.org") && !lines.contains("Bcc: evil@example.org"),
            "no injected header line")
        let start = try #require(lines.firstIndex(of: "")), end = try #require(lines.lastIndex(of: "."))
        let body = Data(base64Encoded: lines[(start + 1)..<end].joined())
        #expect(body.map { String(decoding: $0, as: UTF8.self) } == "Line one\r\n.\r\nLine three – £5")
        #expect(lines.last == "QUIT")
    }

    @Test("a refused address is not retried; a deferral and a server that is down are")
    func failures() async throws {
        let server = FakeSMTPServer()
        try await server.run { port in
            let sender = SMTPSender(host: "127.0.0.1", port: port, security: .none, from: "complaints@anyshire.example")
            do {
                try await sender.send(
                    OutboxMessage(recipient: "refuse@example.org", subject: "s", body: "b", nextAttemptAt: 0))
                Issue.record("a 550 must throw")
            } catch let failure as SendFailure {
                #expect(!failure.isRetryable && failure.description == "the mail server answered 550")
            }
            do {
                try await sender.send(
                    OutboxMessage(recipient: "later@example.org", subject: "s", body: "b", nextAttemptAt: 0))
                Issue.record("a 451 must throw")
            } catch let failure as SendFailure {
                #expect(failure.isRetryable)
            }
        }
        let closed = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(
            host: "127.0.0.1", port: 0
        ).get()
        let unused = closed.localAddress?.port ?? 1
        try await closed.close()
        do {
            try await SMTPSender(host: "127.0.0.1", port: unused, security: .none, from: "x@example.org").send(
                OutboxMessage(recipient: "a@example.org", subject: "s", body: "b", nextAttemptAt: 0))
            Issue.record("a closed port must throw")
        } catch let failure as SendFailure {
            #expect(failure.isRetryable && failure.description.hasPrefix("cannot connect"))
        }
    }
}
