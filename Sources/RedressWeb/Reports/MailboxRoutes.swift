import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /mailbox`: where the complaints mailbox is (server, port, security, user, folder),
/// read by the background worker every minute. The password is never entered here: it is read
/// from the server's `REDRESS_IMAP_PASSWORD` only. Saved from the version shown (409 otherwise).
struct MailboxRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (settings, version) = try await SettingsStore(database: deps.database).loadVersioned(
            MailboxSettings.key, default: MailboxSettings())
        return try MailboxView.page(
            MailboxView.values(settings, version: version), errors: [],
            saved: request.uri.queryParameters.get("saved") != nil
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let (settings, errors) = MailboxView.settings(from: fields)
        guard let settings, errors.isEmpty else {
            return try Page(status: .unprocessableContent, html: MailboxView.page(fields, errors: errors, saved: false))
                .response(from: request, context: context)
        }
        do {
            try await SettingsStore(database: deps.database).save(
                MailboxSettings.key, settings, expectedVersion: fields["version"])
        } catch DatabaseError.conflict {
            let (current, version) = try await SettingsStore(database: deps.database).loadVersioned(
                MailboxSettings.key, default: MailboxSettings())
            let message = "Someone else changed these settings while you were editing. Check them and save again."
            return try Page(
                status: .conflict,
                html: MailboxView.page(
                    MailboxView.values(current, version: version),
                    errors: [FieldError(field: "host", message: message)],
                    saved: false)
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(context.audit(.reportInputsChanged, detail: "mailbox"))
        return Response(status: .seeOther, headers: [.location: "/mailbox?saved=1"])
    }
}
