import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import RedressStorage

/// The council's complaints mailbox, read over IMAP4rev1 (RFC 3501): sign in, list the messages
/// in a folder, fetch one whole without marking it read, and move it to the folder of messages
/// filed once Redress has stored it. TLS from the first byte (port 993) or plain on a trusted
/// network. The password is sent only in `LOGIN` and never logged; server words are not kept in
/// errors (they can hold addresses).
public struct IMAPMailbox: Sendable {
    public enum Security: String, Sendable, CaseIterable { case none, tls }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String
    public var password: String
    /// Where new messages are read from, and where they go once stored.
    public var folder: String
    public var filedFolder: String

    public init(
        host: String, port: Int, security: Security, username: String, password: String, folder: String = "INBOX",
        filedFolder: String = "Redress-filed"
    ) {
        (self.host, self.port, self.security, self.username, self.password) = (host, port, security, username, password)
        (self.folder, self.filedFolder) = (folder, filedFolder)
    }

    /// The mailbox from `REDRESS_IMAP_HOST`, `_PORT`, `_SECURITY`, `_USER`, `_PASSWORD`, `_FOLDER`;
    /// `nil` when no host is set.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> IMAPMailbox?
    {
        guard let host = environment["REDRESS_IMAP_HOST"], !host.isEmpty else { return nil }
        let security = Security(rawValue: environment["REDRESS_IMAP_SECURITY"] ?? "tls") ?? .tls
        return IMAPMailbox(
            host: host, port: environment["REDRESS_IMAP_PORT"].flatMap(Int.init) ?? (security == .tls ? 993 : 143),
            security: security, username: environment["REDRESS_IMAP_USER"] ?? "",
            password: environment["REDRESS_IMAP_PASSWORD"] ?? "", folder: environment["REDRESS_IMAP_FOLDER"] ?? "INBOX")
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Opens a session, runs `body` with it, and signs out.
    public func session<T: Sendable>(_ body: (inout IMAPSession) async throws -> T) async throws -> T {
        let channel = try await MailConnection.open(host: host, port: port, tls: security == .tls) {
            Failure($0)
        }
        let (username, password, folder) = (self.username, self.password, self.folder)
        return try await channel.executeThenClose { inbound, outbound in
            var session = IMAPSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            _ = try await session.line()  // the greeting
            _ = try await session.command("LOGIN \(IMAPSession.quoted(username)) \(IMAPSession.quoted(password))")
            _ = try await session.command("SELECT \(IMAPSession.quoted(folder))")
            let result = try await body(&session)
            _ = try? await session.command("LOGOUT")
            return result
        }
    }
}

/// One signed-in IMAP conversation: tagged commands, untagged answers, and literals (`{n}`)
/// read whole, each at most 64 MB.
public struct IMAPSession {
    var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var pending: [UInt8] = []
    var tag = 0

    static let literalLimit = 64 * 1024 * 1024

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    mutating func fill() async throws {
        guard var buffer = try await inbound.next() else { throw IMAPMailbox.Failure("the mail server closed") }
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The next line, without its CRLF.
    mutating func line() async throws -> [UInt8] {
        while true {
            if let lf = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<lf])
                pending.removeFirst(lf + 1)
                return line.last == 0x0D ? Array(line.dropLast()) : line
            }
            if pending.count > 1024 * 1024 { throw IMAPMailbox.Failure("the mail server sent an over-long line") }
            try await fill()
        }
    }

    mutating func bytes(_ count: Int) async throws -> [UInt8] {
        while pending.count < count { try await fill() }
        let out = Array(pending[..<count])
        pending.removeFirst(count)
        return out
    }

    /// An answer line with any literals it announces read into it: the text, and the literals.
    mutating func response() async throws -> (text: String, literals: [[UInt8]]) {
        var text = ""
        var literals: [[UInt8]] = []
        while true {
            let line = String(decoding: try await line(), as: UTF8.self)
            text += line
            guard line.hasSuffix("}"), let open = line.lastIndex(of: "{"),
                let count = Int(line[line.index(after: open)..<line.index(before: line.endIndex)])
            else { return (text, literals) }
            guard count <= Self.literalLimit else { throw IMAPMailbox.Failure("a message is larger than 64 MB") }
            literals.append(try await bytes(count))
        }
    }

    /// Sends a command; returns the untagged answers before its tagged `OK`.
    mutating func command(_ text: String) async throws -> [(text: String, literals: [[UInt8]])] {
        tag += 1
        let label = "r\(tag)"
        try await outbound.write(ByteBuffer(string: "\(label) \(text)\r\n"))
        var untagged: [(String, [[UInt8]])] = []
        while true {
            let answer = try await response()
            if answer.text.hasPrefix(label + " ") {
                guard answer.text.dropFirst(label.count + 1).hasPrefix("OK") else {
                    let verb = text.split(separator: " ").first.map(String.init) ?? "command"
                    throw IMAPMailbox.Failure("the mail server refused \(verb == "LOGIN" ? "the sign-in" : verb)")
                }
                return untagged
            }
            untagged.append(answer)
        }
    }

    /// The UIDs of every message in the folder, oldest first.
    public mutating func messageIDs() async throws -> [Int] {
        let answers = try await command("UID SEARCH ALL")
        return answers.filter { $0.text.hasPrefix("* SEARCH") }.flatMap {
            $0.text.dropFirst("* SEARCH".count).split(separator: " ").compactMap { Int($0) }
        }.sorted()
    }

    /// The whole message, without marking it read.
    public mutating func fetch(_ uid: Int) async throws -> [UInt8]? {
        let answers = try await command("UID FETCH \(uid) (BODY.PEEK[])")
        return answers.first { $0.text.contains("FETCH") && !$0.literals.isEmpty }?.literals.first
    }

    /// Puts a message into `folder` (made if missing): how tests deliver mail, and how a copy of
    /// what Redress sends could be kept.
    public mutating func append(_ raw: [UInt8], to folder: String) async throws {
        _ = try? await command("CREATE \(Self.quoted(folder))")
        tag += 1
        let label = "r\(tag)"
        try await outbound.write(ByteBuffer(string: "\(label) APPEND \(Self.quoted(folder)) {\(raw.count)}\r\n"))
        let ready = try await response()
        guard ready.text.hasPrefix("+") else { throw IMAPMailbox.Failure("the mail server refused APPEND") }
        try await outbound.write(ByteBuffer(bytes: raw + Array("\r\n".utf8)))
        while true {
            let answer = try await response()
            if answer.text.hasPrefix(label + " ") {
                guard answer.text.dropFirst(label.count + 1).hasPrefix("OK") else {
                    throw IMAPMailbox.Failure("the mail server refused APPEND")
                }
                return
            }
        }
    }

    /// Moves a stored message to `folder` (made if missing): copy, then flag and expunge the original.
    public mutating func move(_ uid: Int, to folder: String) async throws {
        _ = try? await command("CREATE \(Self.quoted(folder))")
        _ = try await command("UID COPY \(uid) \(Self.quoted(folder))")
        _ = try await command("UID STORE \(uid) +FLAGS.SILENT (\\Deleted)")
        _ = try await command("UID EXPUNGE \(uid)")
    }
}

extension IMAPMailbox {
    /// The mailbox to read now: the environment's when `REDRESS_IMAP_HOST` is set, else the
    /// Mailbox page's settings with the password from `REDRESS_IMAP_PASSWORD`; `nil` when neither
    /// names a host.
    public static func configured(
        _ settings: MailboxSettings?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> IMAPMailbox? {
        if let fromEnvironment = fromEnvironment(environment) { return fromEnvironment }
        guard let settings, !settings.host.isEmpty else { return nil }
        return IMAPMailbox(
            host: settings.host, port: settings.port, security: Security(rawValue: settings.security) ?? .tls,
            username: settings.username, password: environment["REDRESS_IMAP_PASSWORD"] ?? "",
            folder: settings.folder.isEmpty ? "INBOX" : settings.folder)
    }
}
