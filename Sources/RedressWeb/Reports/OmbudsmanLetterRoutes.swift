import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `GET/POST /reports/inputs/ombudsman?year=2025`: the council's residents and children for a
/// year, and similar authorities' figures from their Ombudsman annual letters, for the annual
/// report's comparison. A save names the version it was made from; an older one is refused (409).
struct OmbudsmanLetterRoutes: Sendable {
    let deps: WebDependencies

    var store: ReportInputStore { ReportInputStore(database: deps.database) }

    /// The years offered: those of the report inputs page.
    var years: [Int] { ReportInputRoutes(deps: deps).years }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let chosen = request.uri.queryParameters.get("year").flatMap { Int($0) }
        let year = chosen.flatMap { years.contains($0) ? $0 : nil } ?? (years.dropFirst().first ?? years[0])
        let (letter, version) = try await store.ombudsmanLetter(year: year)
        let form = OmbudsmanLetterView.Form(letter, version: version)
        return try Page(
            status: chosen != nil && chosen != year ? .badRequest : .ok,
            html: OmbudsmanLetterView.page(
                form, years: years, errors: [], saved: request.uri.queryParameters.get("saved") != nil)
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        guard let year = Int(fields["year"]), years.contains(year) else {
            let form = OmbudsmanLetterView.Form(OmbudsmanLetter(year: years[0]), version: fields["version"])
            return try Page(
                status: .unprocessableContent,
                html: OmbudsmanLetterView.page(
                    form, years: years, errors: [FieldError(field: "year", message: "Choose a financial year")],
                    saved: false)
            ).response(from: request, context: context)
        }
        let (letter, problems) = OmbudsmanLetter.validated(year: year) { fields[$0] }
        let form = OmbudsmanLetterView.Form(fields: fields, year: year)
        guard problems.isEmpty else {
            return try Page(
                status: .unprocessableContent,
                html: OmbudsmanLetterView.page(
                    form, years: years, errors: problems.map { FieldError(field: $0.field, message: $0.message) },
                    saved: false)
            ).response(from: request, context: context)
        }
        do {
            try await store.saveOmbudsmanLetter(letter, expectedVersion: fields["version"])
        } catch DatabaseError.conflict {
            let (saved, fresh) = try await store.ombudsmanLetter(year: year)
            let message = """
                Someone else saved these figures while you were changing them. These are theirs: make your \
                changes again.
                """
            return try Page(
                status: .conflict,
                html: OmbudsmanLetterView.page(
                    .init(saved, version: fresh), years: years,
                    errors: [FieldError(field: "residents", message: message)], saved: false)
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "Ombudsman letter figures \(FinancialYear(startYear: year))"))
        return Response(status: .seeOther, headers: [.location: "/reports/inputs/ombudsman?year=\(year)&saved=1"])
    }
}
