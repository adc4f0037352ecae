import Foundation
import RedressCore
import RedressStorage

/// The Mailbox page: one form for where email in is read from, with what the server's
/// environment already says (it wins) and whether a password is set there.
enum MailboxView {
    static func values(_ settings: MailboxSettings, version: String) -> FormFields {
        FormFields(values: [
            "host": settings.host, "port": String(settings.port), "security": settings.security,
            "username": settings.username, "folder": settings.folder, "version": version,
        ])
    }

    /// The settings a filled-in form gives, and what is wrong with it. An empty server turns
    /// email in off.
    static func settings(from fields: FormFields) -> (MailboxSettings?, [FieldError]) {
        func field(_ name: String) -> String { fields[name].trimmingCharacters(in: .whitespaces) }
        var errors: [FieldError] = []
        let host = field("host")
        if host.count > 253 || !host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) {
            errors.append(FieldError(field: "host", message: "Enter the mail server's name, like imap.example.gov.uk"))
        }
        let port = Int(field("port"))
        if port.map({ !(1...65535).contains($0) }) ?? true {
            errors.append(FieldError(field: "port", message: "Enter the port, a number such as 993"))
        }
        let security = field("security")
        if !["tls", "none"].contains(security) {
            errors.append(FieldError(field: "security", message: "Select how the connection is protected"))
        }
        if field("username").count > 200 {
            errors.append(FieldError(field: "username", message: "The user name must be 200 characters or fewer"))
        }
        if field("folder").count > 100 {
            errors.append(FieldError(field: "folder", message: "The folder must be 100 characters or fewer"))
        }
        guard errors.isEmpty, let port else { return (nil, errors) }
        return (
            MailboxSettings(
                host: host, port: port, security: security, username: field("username"),
                folder: field("folder").isEmpty ? "INBOX" : field("folder")), []
        )
    }

    static func page(_ values: FormFields, errors: [FieldError], saved: Bool) -> HTML {
        let environment = ProcessInfo.processInfo.environment
        let fromEnvironment: HTML =
            (environment["REDRESS_IMAP_HOST"] ?? "").isEmpty
            ? ""
            : """
            <div class="app-inset-text">The server's environment names a mailbox (REDRESS_IMAP_HOST): that one is \
            read, \
            and these settings are used only without it.</div>
            """
        let password: HTML =
            (environment["REDRESS_IMAP_PASSWORD"] ?? "").isEmpty
            ? """
            <strong class="app-tag app-tag--orange">Not set</strong> — ask the server's administrator to set \
            REDRESS_IMAP_PASSWORD.
            """
            : "<strong class=\"app-tag app-tag--green\">Set</strong> on the server (REDRESS_IMAP_PASSWORD)."
        let banner: HTML =
            saved
            ? """
            <div class="app-notification" role="region" aria-labelledby="saved-title">
            <h2 class="app-notification__title" id="saved-title">Mailbox settings saved</h2>
            <p class="app-body">The mailbox is read within a minute.</p></div>
            """ : ""
        return Layout.page(
            title: "Complaints mailbox", section: .council, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Complaints mailbox</h1>
            <p class="app-body">Email sent to the complaints mailbox is read every minute. A message that quotes a \
            case reference is filed on that case with its attachments, and the case's owner is told; any other \
            message goes to the triage inbox. Each message is then moved to the folder Redress-filed.</p>
            \(fromEnvironment)
            <form method="post" action="/mailbox" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(values["version"])">
              \(CouncilDetailsView.input(
                "host", "Mail server", hint: "Leave empty to turn email in off. For example: imap.example.gov.uk.",
                value: values["host"], errors: errors))
              \(CouncilDetailsView.input(
                "port", "Port", hint: "993 for a protected (TLS) connection.", value: values["port"], errors: errors))
              \(CaseActionsView.radios(
                "security", legend: "How is the connection protected?",
                choices: [
                    ("tls", "TLS from the start (port 993)"), ("none", "Not protected: the council's own network only"),
                ],
                selected: values["security"], errors: errors, errorField: "security"))
              \(CouncilDetailsView.input(
                "username", "User name", hint: "The mailbox's sign-in name.", value: values["username"],
                errors: errors))
              \(CouncilDetailsView.input(
                "folder", "Folder to read", hint: "Usually INBOX.", value: values["folder"], errors: errors))
              <p class="app-body">Password: \(password)</p>
              <button type="submit" class="app-button">Save mailbox settings</button>
            </form>
            <p class="app-body"><a class="app-link" href="/council">Back to council details</a></p>
            """)
    }
}
