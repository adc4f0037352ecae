import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /reports/annual/template`: the council's own order, titles and choice of chapters
/// for the committee report, saved as its template. A save names the version it was made from;
/// a save made from an older version is refused (409) with the saved template shown.
struct ReportTemplateRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (template, version) = try await SettingsStore(database: deps.database).reportTemplate()
        return try ReportTemplateView.page(
            .init(template, version: version), errors: [], saved: request.uri.queryParameters.get("saved") != nil
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let settings = SettingsStore(database: deps.database)
        let current = try await settings.reportTemplate().template
        var form = ReportTemplateView.Form(fields, current: current)
        if !fields["standard"].isEmpty { form.template = .standard }
        let errors = form.errors
        guard errors.isEmpty else {
            return try Page(
                status: .unprocessableContent, html: ReportTemplateView.page(form, errors: errors, saved: false)
            )
            .response(from: request, context: context)
        }
        do {
            try await settings.save(
                SettingsStore.reportTemplateKey, form.template.fitted, expectedVersion: form.version)
        } catch DatabaseError.conflict {
            let message =
                "Someone else saved the template while you were changing it. This is theirs: make your changes again."
            let (saved, fresh) = try await settings.reportTemplate()
            return try Page(
                status: .conflict,
                html: ReportTemplateView.page(
                    .init(saved, version: fresh),
                    errors: [FieldError(field: "title-\(saved.chapters[0].id)", message: message)], saved: false)
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "report template"))
        return Response(status: .seeOther, headers: [.location: "/reports/annual/template?saved=1"])
    }
}
