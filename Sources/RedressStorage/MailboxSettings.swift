import Foundation

/// Where the complaints mailbox is, as the council sets it on the Mailbox page. The password is
/// not here: it is read from `REDRESS_IMAP_PASSWORD` only, so it is never stored, shown, backed
/// up or logged.
public struct MailboxSettings: Sendable, Hashable, Codable {
    public var host: String
    public var port: Int
    /// `tls` (from the first byte, usually port 993) or `none` (a trusted network only).
    public var security: String
    public var username: String
    public var folder: String

    public init(
        host: String = "", port: Int = 993, security: String = "tls", username: String = "", folder: String = "INBOX"
    ) {
        (self.host, self.port, self.security, self.username, self.folder) = (host, port, security, username, folder)
    }

    public static let key = "mailbox"
}
