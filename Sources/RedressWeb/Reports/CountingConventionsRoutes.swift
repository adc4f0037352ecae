import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /reports/conventions`: how the council counts where councils differ. A save names
/// the version it was made from; an older one is refused (409) with the saved choice shown.
struct CountingConventionsRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (conventions, version) = try await SettingsStore(database: deps.database).countingConventions()
        let procedures = try await Casework.load(deps).procedures
        return try Page(
            status: .ok,
            html: CountingConventionsView.page(
                conventions, version: version, procedures: procedures, errors: [],
                saved: request.uri.queryParameters.get("saved") != nil)
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let settings = SettingsStore(database: deps.database)
        let procedures = try await Casework.load(deps).procedures
        let chosen: CountingConventions
        if fields["use"] == "preset" {
            guard let preset = CountingConventions.presets.first(where: { $0.name == fields["preset"] }) else {
                let (current, version) = try await settings.countingConventions()
                return try Page(
                    status: .unprocessableContent,
                    html: CountingConventionsView.page(
                        current, version: version, procedures: procedures,
                        errors: [FieldError(field: "preset", message: "Choose a preset")], saved: false)
                ).response(from: request, context: context)
            }
            chosen = preset
        } else {
            let read = CountingConventionsView.conventions(fields, procedures: procedures)
            guard read.errors.isEmpty else {
                return try Page(
                    status: .unprocessableContent,
                    html: CountingConventionsView.page(
                        read.conventions, version: fields["version"], procedures: procedures,
                        errors: read.errors, saved: false)
                ).response(from: request, context: context)
            }
            chosen = read.conventions
        }
        do {
            try await settings.save(SettingsStore.countingConventionsKey, chosen, expectedVersion: fields["version"])
        } catch DatabaseError.conflict {
            let (saved, fresh) = try await settings.countingConventions()
            let message = """
                Someone else saved the conventions while you were choosing. These are theirs: choose again.
                """
            return try Page(
                status: .conflict,
                html: CountingConventionsView.page(
                    saved, version: fresh, procedures: procedures,
                    errors: [FieldError(field: "preset", message: message)], saved: false)
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "counting conventions: \(chosen.name)"))
        return Response(status: .seeOther, headers: [.location: "/reports/conventions?saved=1"])
    }
}
