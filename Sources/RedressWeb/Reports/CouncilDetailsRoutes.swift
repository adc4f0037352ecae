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
        let saved = request.uri.queryParameters.get("saved")
        return try CouncilDetailsView.page(
            CouncilDetailsView.Form(identity), logo: try await logo(), errors: [], saved: saved
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let settings = SettingsStore(database: deps.database)
        let form = CouncilDetailsView.Form(fields)
        let errors = form.errors
        func reshow(_ errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
            try Page(status: status, html: CouncilDetailsView.page(form, logo: try await logo(), errors: errors))
                .response(from: request, context: context)
        }
        guard errors.isEmpty else { return try await reshow(errors, status: .unprocessableContent) }
        let current = try await settings.councilIdentity()
        guard CouncilDetailsView.Form.version(of: current) == fields["version"] else {
            let message = "Someone else changed these details while you were editing. Check them and save again."
            var fresh = CouncilDetailsView.Form(current)
            fresh.version = CouncilDetailsView.Form.version(of: current)
            return try Page(
                status: .conflict,
                html: CouncilDetailsView.page(
                    fresh, logo: try await logo(), errors: [FieldError(field: "name", message: message)])
            ).response(from: request, context: context)
        }
        try await settings.saveCouncilIdentity(form.identity)
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "council details"))
        return Response(status: .seeOther, headers: [.location: "/council?saved=details"])
    }

    /// The logo and the version it was read at.
    func logo() async throws -> (logo: CouncilLogo?, version: String) {
        let (logo, version) = try await SettingsStore(database: deps.database).loadVersioned(
            SettingsStore.councilLogoKey, default: CouncilLogo?.none)
        return (logo, version)
    }

    /// `POST /council/logo`: a PNG or SVG file (a multipart form, at most 512 KB, checked by the
    /// session middleware's upload limit first), or `remove=yes` from the form beside it.
    @Sendable func saveLogo(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let settings = SettingsStore(database: deps.database)
        let body = Array(
            buffer: try await request.body.collect(upTo: Endpoint.saveCouncilLogo.uploadLimit(deps)!.bytes))
        let version: String
        let chosen: CouncilLogo?
        if let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") {
            let form: MultipartForm
            do { form = try MultipartForm(body, boundary: boundary) } catch {
                return try await reshowLogo(FieldError(field: "logo", message: error.description), request, context)
            }
            version = form["logo-version"]
            switch CouncilLogo.check(form.files("logo").first?.body ?? []) {
            case .success(let logo): chosen = logo
            case .failure(let problem):
                return try await reshowLogo(FieldError(field: "logo", message: problem.description), request, context)
            }
        } else {
            let fields = FormFields(String(decoding: body, as: UTF8.self))
            guard fields["remove"] == "yes" else { throw HTTPError(.badRequest) }
            (version, chosen) = (fields["logo-version"], nil)
        }
        do {
            try await settings.save(SettingsStore.councilLogoKey, chosen, expectedVersion: version)
        } catch DatabaseError.conflict {
            let message = "Someone else changed the logo while you were choosing yours. Check it and try again."
            return try await reshowLogo(
                FieldError(field: "logo", message: message), request, context, status: .conflict)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: chosen == nil ? "council logo removed" : "council logo"))
        return Response(
            status: .seeOther, headers: [.location: "/council?saved=\(chosen == nil ? "logo-removed" : "logo")"])
    }

    private func reshowLogo(
        _ error: FieldError, _ request: Request, _ context: AppRequestContext,
        status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> Response {
        let identity = try await SettingsStore(database: deps.database).councilIdentity()
        return try Page(
            status: status,
            html: CouncilDetailsView.page(CouncilDetailsView.Form(identity), logo: try await logo(), errors: [error])
        ).response(from: request, context: context)
    }
}
