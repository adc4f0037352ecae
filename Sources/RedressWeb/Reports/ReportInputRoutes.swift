import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/reports/inputs`: what the complaints manager enters for the annual report besides cases —
/// context measures for "complaints per 100", and the report's recommendations with progress.
/// Every change names the value or version it was made from; a stale one is refused.
struct ReportInputRoutes: Sendable {
    let deps: WebDependencies

    var store: ReportInputStore { ReportInputStore(database: deps.database) }

    @Sendable func page(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let notice = request.uri.queryParameters.get("saved").map {
            $0 == "recommendation" ? "Recommendation saved" : "Measure saved"
        }
        return try await render(input: FormFields(values: [:]), errors: [], notice: notice)
    }

    func render(input: FormFields, errors: [FieldError], notice: String?) async throws -> HTML {
        ReportInputsView.render(
            measures: try await store.contextMeasures(), recommendations: try await store.recommendations(),
            years: years, input: input, errors: errors, notice: notice)
    }

    /// The current financial year and the five before it, newest first.
    var years: [Int] {
        let current = FinancialYear(containing: deps.today()).startYear
        return Array((current - 5)...current).reversed()
    }

    func reshow(
        _ request: Request, _ context: AppRequestContext, _ fields: FormFields, _ errors: [FieldError],
        status: HTTPResponse.Status
    ) async throws -> Response {
        try Page(status: status, html: try await render(input: fields, errors: errors, notice: nil)).response(
            from: request, context: context)
    }

    @Sendable func saveContextMeasure(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let measure: ContextMeasure
        do {
            measure = try ContextMeasure.validated(
                year: fields["year"], serviceArea: fields["service-area"], measure: fields["measure"],
                value: fields["value"])
        } catch {
            return try await reshow(
                request, context, fields, [FieldError(field: error.field, message: error.message)],
                status: .unprocessableContent)
        }
        let previous = fields["previous"].isEmpty ? nil : Int(fields["previous"])
        do {
            try await store.setContextMeasure(measure, previous: previous)
        } catch DatabaseError.conflict {
            let message =
                previous == nil
                ? """
                    \(measure.measure) for \(FinancialYear(startYear: measure.year)) is already recorded. Change it \
                    in the table instead.
                    """
                : """
                    \(measure.measure) for \(FinancialYear(startYear: measure.year)) was changed by someone else \
                    since you opened this page. Check the table and make your change again.
                    """
            return try await reshow(
                request, context, FormFields(values: [:]), [FieldError(field: "measure", message: message)],
                status: .conflict)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(
                .reportInputsChanged, detail: "context measure for \(measure.year) \(measure.serviceArea.rawValue)"))
        return Response(status: .seeOther, headers: [.location: "/reports/inputs?saved=measure#context"])
    }

    @Sendable func addRecommendation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        var errors: [FieldError] = []
        let year = Int(fields["rec-year"]).flatMap { years.contains($0) ? $0 : nil }
        if year == nil {
            errors.append(
                FieldError(field: "rec-year", message: "Choose the year of the report that makes the recommendation"))
        }
        let area = fields["rec-area"]
        if !area.isEmpty && ServiceArea(rawValue: area) == nil {
            errors.append(FieldError(field: "rec-area", message: "Choose the services it is for"))
        }
        let title = fields["rec-title"].trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError(field: "rec-title", message: "Enter the recommendation's title")) }
        if title.count > 200 {
            errors.append(FieldError(field: "rec-title", message: "The title must be 200 characters or fewer"))
        }
        let detail = fields["rec-detail"].trimmingCharacters(in: .whitespacesAndNewlines)
        if detail.count > 4000 {
            errors.append(FieldError(field: "rec-detail", message: "The detail must be 4,000 characters or fewer"))
        }
        let due = fields.date(
            step: "rec", "due", label: "The due date", today: deps.today(), optional: true, future: true,
            errors: &errors)
        guard errors.isEmpty, let year else {
            return try await reshow(request, context, fields, errors, status: .unprocessableContent)
        }
        try await store.add(
            ReportRecommendation(
                id: UUID().uuidString.lowercased(), year: year, serviceArea: ServiceArea(rawValue: area), title: title,
                detail: detail, dueOn: due))
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "recommendation added for \(year)"))
        return Response(status: .seeOther, headers: [.location: "/reports/inputs?saved=recommendation#recommendations"])
    }

    @Sendable func updateRecommendation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let anchor = "status-\(id)"
        guard let status = ReportRecommendation.Status(rawValue: fields["status"]) else {
            return try await reshow(
                request, context, FormFields(values: [:]),
                [FieldError(field: anchor, message: "Choose the recommendation's progress")],
                status: .unprocessableContent)
        }
        let progress = fields["progress"].trimmingCharacters(in: .whitespacesAndNewlines)
        guard progress.count <= 4000 else {
            return try await reshow(
                request, context, FormFields(values: [:]),
                [FieldError(field: anchor, message: "The progress note must be 4,000 characters or fewer")],
                status: .unprocessableContent)
        }
        do {
            try await store.updateProgress(
                id: id, status: status, progress: progress, expectedVersion: Int(fields["version"]) ?? 0)
        } catch DatabaseError.notFound {
            throw HTTPError(.notFound)
        } catch let error as DatabaseError {
            return try await reshow(
                request, context, FormFields(values: [:]), [FieldError(field: anchor, message: error.description)],
                status: .conflict)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, detail: "recommendation progress: \(status.rawValue)"))
        return Response(status: .seeOther, headers: [.location: "/reports/inputs?saved=recommendation#recommendations"])
    }
}
