import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The Complaint Handling Code: `GET /reports/code?year=2025[&format=pdf|docx|html|json]` (or
/// `?quarter=2025-Q4` for the member's pack), the self-assessment at
/// `/reports/code/self-assessment?year=2025` and `/reports/code/self-assessment/2025/:provision`,
/// and the governing body's response at `/reports/code/governing-body/2025`. Each save names the
/// version it was made from; an older one is refused (409) with the saved answer shown.
struct CodeRoutes: Sendable {
    let deps: WebDependencies

    var store: CodeAssessmentStore { CodeAssessmentStore(database: deps.database) }
    var years: [Int] { ReportInputRoutes(deps: deps).years }

    @Sendable func report(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let quarter = query.get("quarter").flatMap { FinancialQuarter($0) }.flatMap {
            years.contains($0.year.startYear) ? $0 : nil
        }
        let year =
            quarter?.year.startYear ?? query.get("year").flatMap(Int.init).flatMap { years.contains($0) ? $0 : nil }
            ?? years.dropFirst().first ?? years[0]
        let source = ReportSource(database: deps.database, division: deps.division)
        let report = try await source.code(
            year: FinancialYear(startYear: year), quarter: quarter,
            rounding: Rounding(percentDecimals: query.get("decimals") == "1" ? 1 : 0))
        let name = quarter.map { "code-pack-\($0.code)" } ?? "code-report-\(year)"
        if let format = query.get("format"), ["pdf", "html", "docx"].contains(format) {
            let committee = try await source.committee(code: report, preparedOn: deps.today())
            return try await ReportRoutes.committeeDocument(
                committee, format: format, name: name, printing: deps.printing
            ).response(from: request, context: context)
        }
        if let download = try ReportRoutes.download(report, format: query.get("format"), name: name) {
            return download
        }
        return try CodeViews.report(report, years: years, year: year, quarter: quarter)
            .response(from: request, context: context)
    }

    @Sendable func assessment(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let chosen = request.uri.queryParameters.get("year").flatMap { Int($0) }
        let year = chosen.flatMap { years.contains($0) ? $0 : nil } ?? years[0]
        let (assessment, _) = try await store.assessment(year: year)
        return try Page(
            status: chosen != nil && chosen != year ? .badRequest : .ok,
            html: CodeViews.assessment(
                assessment, years: years, saved: request.uri.queryParameters.get("saved"))
        ).response(from: request, context: context)
    }

    /// The year and provision named in the path, or a 404 page.
    func chosen(_ context: AppRequestContext) throws -> (year: Int, provision: ComplaintHandlingCode.Provision)? {
        guard let year = Int(try context.parameters.require("year")), years.contains(year),
            let provision = ComplaintHandlingCode.provision(try context.parameters.require("provision"))
        else { return nil }
        return (year, provision)
    }

    /// What Redress counts for a provision in the year, in words.
    func counted(_ p: ComplaintHandlingCode.Provision, year: Int) async throws -> String? {
        try await ReportSource(database: deps.database, division: deps.division).codeEvidence(
            p, year: FinancialYear(startYear: year))
    }

    @Sendable func provision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (year, p) = try chosen(context) else { throw HTTPError(.notFound) }
        let (answer, version) = try await store.answer(year: year, provision: p.id)
        return try Page(
            status: .ok,
            html: CodeViews.provision(
                p, year: year, answer: answer, fields: nil, counted: try await counted(p, year: year),
                version: version, errors: [])
        ).response(from: request, context: context)
    }

    @Sendable func saveProvision(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let (year, p) = try chosen(context) else { throw HTTPError(.notFound) }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let status = CodeSelfAssessment.Status(rawValue: fields["status"])
        let evidence = fields["evidence"].trimmingCharacters(in: .whitespacesAndNewlines)
        let action = fields["action"].trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = CodeSelfAssessment.check(status: status, evidence: evidence, action: action).map {
            FieldError(field: $0.field, message: $0.message)
        }
        if let status, errors.isEmpty {
            let answer = CodeSelfAssessment.Answer(
                status: status, evidence: evidence, action: action, answeredOn: deps.today())
            do {
                try await store.save(answer, year: year, provision: p.id, expectedVersion: fields["version"])
                try await AuditLog(database: deps.database).append(
                    context.audit(
                        .reportInputsChanged,
                        detail: "Code self-assessment \(FinancialYear(startYear: year)): \(p.id) \(status.rawValue)"))
                return Response(
                    status: .seeOther,
                    headers: [.location: "/reports/code/self-assessment?year=\(year)&saved=\(p.id)"])
            } catch DatabaseError.conflict {
                let (saved, fresh) = try await store.answer(year: year, provision: p.id)
                errors = [
                    FieldError(
                        field: "status",
                        message: "Someone else answered this provision while you were writing. This is their answer: "
                            + "answer again if it needs changing.")
                ]
                return try Page(
                    status: .conflict,
                    html: CodeViews.provision(
                        p, year: year, answer: saved, fields: nil, counted: try await counted(p, year: year),
                        version: fresh, errors: errors)
                ).response(from: request, context: context)
            }
        }
        return try Page(
            status: .unprocessableContent,
            html: CodeViews.provision(
                p, year: year, answer: nil, fields: fields, counted: try await counted(p, year: year),
                version: fields["version"], errors: errors)
        ).response(from: request, context: context)
    }

    @Sendable func governingBody(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let year = Int(try context.parameters.require("year")), years.contains(year) else {
            throw HTTPError(.notFound)
        }
        let (text, version) = try await store.governingBodyResponse(year: year)
        return try Page(
            status: .ok,
            html: CodeViews.governingBody(
                year: year, text: text, version: version, errors: [],
                saved: request.uri.queryParameters.get("saved") != nil)
        ).response(from: request, context: context)
    }

    @Sendable func saveGoverningBody(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let year = Int(try context.parameters.require("year")), years.contains(year) else {
            throw HTTPError(.notFound)
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let text = fields["response"].trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= 5000 else {
            return try Page(
                status: .unprocessableContent,
                html: CodeViews.governingBody(
                    year: year, text: text, version: fields["version"],
                    errors: [FieldError(field: "response", message: "The response must be 5,000 characters or fewer")],
                    saved: false)
            ).response(from: request, context: context)
        }
        do {
            try await store.saveGoverningBodyResponse(text, year: year, expectedVersion: fields["version"])
        } catch DatabaseError.conflict {
            let (saved, fresh) = try await store.governingBodyResponse(year: year)
            return try Page(
                status: .conflict,
                html: CodeViews.governingBody(
                    year: year, text: saved, version: fresh,
                    errors: [
                        FieldError(
                            field: "response",
                            message: "Someone else saved the response while you were writing. This is theirs.")
                    ], saved: false)
            ).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(
                .reportInputsChanged, detail: "Code report governing body's response \(FinancialYear(startYear: year))")
        )
        return Response(status: .seeOther, headers: [.location: "/reports/code/governing-body/\(year)?saved=1"])
    }
}
