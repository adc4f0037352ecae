import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /council`: the council's name, address and complaints team contact, and who the
/// annual report goes to and comes from — printed on the report's cover and footer, and the name
/// letters sign with. A save names the version it was made from, so two people editing at once
/// cannot overwrite each other silently.
struct CouncilDetailsRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let identity = try await SettingsStore(database: deps.database).councilIdentity()
        let saved = request.uri.queryParameters.get("saved") != nil
        return try CouncilDetailsView.page(CouncilDetailsView.Form(identity), errors: [], saved: saved)
            .response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let settings = SettingsStore(database: deps.database)
        let form = CouncilDetailsView.Form(fields)
        let errors = form.errors
        func reshow(_ errors: [FieldError], status: HTTPResponse.Status) throws -> Response {
            try Page(status: status, html: CouncilDetailsView.page(form, errors: errors, saved: false))
                .response(from: request, context: context)
        }
        guard errors.isEmpty else { return try reshow(errors, status: .unprocessableContent) }
        let current = try await settings.councilIdentity()
        guard CouncilDetailsView.Form.version(of: current) == fields["version"] else {
            let message = "Someone else changed these details while you were editing. Check them and save again."
            var fresh = CouncilDetailsView.Form(current)
            fresh.version = CouncilDetailsView.Form.version(of: current)
            return try Page(
                status: .conflict,
                html: CouncilDetailsView.page(
                    fresh, errors: [FieldError(field: "name", message: message)], saved: false)
            ).response(from: request, context: context)
        }
        try await settings.saveCouncilIdentity(form.identity)
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "council details"))
        return Response(status: .seeOther, headers: [.location: "/council?saved=1"])
    }
}
