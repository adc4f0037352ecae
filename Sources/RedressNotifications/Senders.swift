import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Logging
import RedressStorage

/// Sends one email. Implementations: a folder of `.eml` files (development), the log
/// (addresses and subjects only), and a GOV.UK Notify-style HTTP API. A thrown error means "not
/// sent": the outbox keeps the message and tries again later.
public protocol MessageSender: Sendable {
    func send(_ message: OutboxMessage) async throws
}

/// Why a message could not be sent, in words for the outbox page and the log.
public struct SendFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// False when trying again cannot help (a rejected address): the message is failed at once.
    public var isRetryable: Bool

    public init(_ description: String, isRetryable: Bool = true) {
        self.description = description
        self.isRetryable = isRetryable
    }
}

/// Writes each message as an `.eml` file in a folder, for development and for councils that
/// pick messages up with their own mail system.
public struct FileSender: MessageSender {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public func send(_ message: OutboxMessage) async throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text =
            """
                To: \(message.recipient)\r\nSubject: \(message.subject)\r\nContent-Type: text/plain; \
                charset=utf-8\r\n\r\n\(message.body.replacingOccurrences(of: "\n", with: "\r\n"))\r\n
                """
        do { try Data(text.utf8).write(to: folder.appendingPathComponent("\(message.id).eml"), options: .atomic) } catch
        {
            throw SendFailure("cannot write to \(folder.path)")
        }
    }
}

/// Logs that a message would be sent (recipient domain and subject length only: no personal
/// data in logs) — the default when no sender is configured.
public struct LogSender: MessageSender {
    public let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func send(_ message: OutboxMessage) async throws {
        let domain = message.recipient.split(separator: "@").last.map(String.init) ?? "?"
        logger.info("message delivered to the log sender", metadata: ["domain": "\(domain)", "id": "\(message.id)"])
    }
}

/// A GOV.UK Notify-style HTTP adapter: POSTs `{"email_address", "template_id", "personalisation":
/// {"subject", "body"}}` with a bearer key to `{base}/v2/notifications/email`. Notify's own
/// keys are JWT-signed; councils behind a relay that takes a static key use this as it is.
public struct NotifySender: MessageSender {
    public let baseURL: URL
    public let apiKey: String
    public let templateID: String

    public init(baseURL: URL, apiKey: String, templateID: String) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.templateID = templateID
    }

    /// The HTTP request for one message.
    public func request(for message: OutboxMessage) throws -> URLRequest {
        var request = URLRequest(url: baseURL.appendingPathComponent("v2/notifications/email"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        let payload: [String: Any] = [
            "email_address": message.recipient, "template_id": templateID, "reference": message.id,
            "personalisation": ["subject": message.subject, "body": message.body],
        ]
        request.httpBody = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])
        request.timeoutInterval = 30
        return request
    }

    public func send(_ message: OutboxMessage) async throws {
        let (_, response) = try await URLSession.shared.data(for: try request(for: message))
        guard let status = (response as? HTTPURLResponse)?.statusCode else { throw SendFailure("no HTTP response") }
        switch status {
        case 200..<300: return
        case 400, 403: throw SendFailure("the service refused the message (HTTP \(status))", isRetryable: false)
        default: throw SendFailure("the service answered HTTP \(status)")
        }
    }
}
