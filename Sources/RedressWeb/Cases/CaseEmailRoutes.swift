import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /complaints/{id}/email`: an email from the case — free text or a letter made on
/// it, with chosen documents attached — queued in the outbox and written in the contact log in
/// one transaction. The subject carries the case reference, so a reply is filed on the case.
struct CaseEmailRoutes: Sendable {
    let deps: WebDependencies

    private func workable(_ context: AppRequestContext) async throws -> CorrespondenceRoutes.Found {
        switch try await context.lookUpCase(in: deps.database, permission: .takeCaseSteps, detail: "email") {
        case .missing: .page(Page(status: .notFound, html: ErrorPages.notFound))
        case .refused: .page(Page(status: .forbidden, html: AccessPages.forbidden))
        case .found(let r, let viewer): .found(r, viewer)
        }
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        switch try await workable(context) {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let letterID = request.uri.queryParameters.get("letter") ?? ""
            let letter = try await LetterStore(database: deps.database).letters(of: r.id).first { $0.id == letterID }
            let contact = r.complainant.contact ?? ""
            let values = FormFields(values: [
                "to": FeedbackAnswers.looksLikeEmail(contact) ? contact : "",
                "subject": "Your complaint, reference \(r.reference)", "message": letter?.body ?? "",
            ])
            let documents = try await CaseAccess(database: deps.database, viewer: viewer).documents(of: r)
            return try CaseEmailView.form(r, values: values, documents: documents, errors: [])
                .response(from: request, context: context)
        }
    }

    @Sendable func send(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 128 * 1024)))
        switch try await workable(context) {
        case .page(let page): return try page.response(from: request, context: context)
        case .found(let r, let viewer):
            let documents = try await CaseAccess(database: deps.database, viewer: viewer).documents(of: r)
            let to = fields["to"].trimmingCharacters(in: .whitespaces)
            let subject = fields["subject"].trimmingCharacters(in: .whitespacesAndNewlines)
            let message = fields["message"].replacingOccurrences(of: "\r\n", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let chosen = documents.filter { fields.all("attach").contains($0.id) }
            var errors: [FieldError] = []
            if !FeedbackAnswers.looksLikeEmail(to) {
                errors.append(FieldError(field: "to", message: "Enter an email address, like name@example.com"))
            }
            if subject.isEmpty || subject.count > 200 {
                errors.append(FieldError(field: "subject", message: "Enter a subject of 200 characters or fewer"))
            }
            if message.isEmpty || message.count > 20_000 {
                errors.append(FieldError(field: "message", message: "Enter the message, 20,000 characters or fewer"))
            }
            if chosen.map(\.size).reduce(0, +) > deps.documentLimit {
                errors.append(
                    FieldError(
                        field: "attach",
                        message: "Attachments must come to \(WebDependencies.words(deps.documentLimit)) or less"))
            }
            guard errors.isEmpty else {
                return try Page(
                    status: .unprocessableContent,
                    html: CaseEmailView.form(r, values: fields, documents: documents, errors: errors)
                ).response(from: request, context: context)
            }
            let attached = chosen.map { "\($0.filename)" }
            let entry = ContactEntry(
                id: UUID().uuidString.lowercased(), representationID: r.id, kind: .email, direction: .outgoing,
                occurredOn: deps.today(), withWhom: to,
                summary: "\(subject)\n\n\(message)"
                    + (attached.isEmpty ? "" : "\n\nAttached: \(attached.joined(separator: ", "))"),
                author: viewer.username, authorName: viewer.displayName)
            let outgoing = OutboxMessage(
                recipient: to, subject: subject, body: message, nextAttemptAt: 0,
                attachments: chosen.map {
                    .init(filename: $0.filename, mediaType: $0.mediaType, sha256: $0.sha256, size: $0.size)
                })
            _ = try await ContactLogStore(database: deps.database).add(
                entry, sending: outgoing, now: Int(Date().timeIntervalSince1970))
            try await AuditLog(database: deps.database).append(
                context.audit(.changedCase, r, detail: "email sent with \(chosen.count) document(s)"))
            return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=email#changes"])
        }
    }
}
