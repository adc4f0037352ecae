import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/reports/annual/commentary`: the complaints manager's own words for each chapter of a year's
/// report — a list of chapters with where each stands, and a page per chapter to write it, with
/// the figures it can quote and a first draft when nothing is written yet.
struct ReportCommentaryRoutes: Sendable {
    let deps: WebDependencies

    /// The year, scope and the report they give, from the query or the form.
    struct Choice {
        var year: Int
        var scope: ReportScope
        var report: ComplaintsReport
        var committee: CommitteeReport
        var narratives: [String: ReportNarrative]
    }

    func choice(year: String?, scope: String?, context: AppRequestContext) async throws -> Choice {
        let current = FinancialYear(containing: deps.today()).startYear
        let chosen = year.flatMap(Int.init).flatMap { ((current - 9)...current).contains($0) ? $0 : nil } ?? current - 1
        let scope = scope.flatMap(ReportScope.init(rawValue:)) ?? .all
        let access = try context.cases(deps.database)
        let source = ReportSource(database: deps.database, division: deps.division)
        let report = try await source.annual(
            year: FinancialYear(startYear: chosen), scope: scope, listsReference: { access.canSee($0) })
        let narratives = try await ReportNarrativeStore(database: deps.database).narratives(year: chosen, scope: scope)
        return Choice(
            year: chosen, scope: scope, report: report,
            committee: try await source.committee(report, year: chosen, scope: scope, preparedOn: deps.today()),
            narratives: narratives)
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let query = request.uri.queryParameters
        let choice = try await choice(year: query.get("year"), scope: query.get("scope"), context: context)
        return ReportCommentaryView.list(choice, saved: query.get("saved"))
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let choice = try await choice(year: query.get("year"), scope: query.get("scope"), context: context)
        let chapterID = try context.parameters.require("chapter")
        guard let chapter = choice.committee.chapters.first(where: { $0.id == chapterID }) else {
            throw HTTPError(.notFound)
        }
        let saved = choice.narratives[chapterID]
        let history = try await ReportNarrativeStore(database: deps.database).history(
            year: choice.year, scope: choice.scope, chapter: chapterID)
        let text = saved?.text ?? NarrativeDrafts.draft(chapter: chapterID, report: choice.report)
        return try ReportCommentaryView.form(
            choice, chapter: chapter, text: text, version: saved?.version ?? 0, isDraft: saved == nil,
            history: history, errors: []
        ).response(from: request, context: context)
    }

    @Sendable func save(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 256 * 1024)))
        let choice = try await choice(year: fields["year"], scope: fields["scope"], context: context)
        let chapterID = try context.parameters.require("chapter")
        guard let chapter = choice.committee.chapters.first(where: { $0.id == chapterID }) else {
            throw HTTPError(.notFound)
        }
        let text = fields["text"].replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let figures = choice.report.figuresByID
        let store = ReportNarrativeStore(database: deps.database)
        func reshow(_ messages: [String], status: HTTPResponse.Status, version: Int) async throws -> Response {
            let history = try await store.history(year: choice.year, scope: choice.scope, chapter: chapterID)
            return try Page(
                status: status,
                html: ReportCommentaryView.form(
                    choice, chapter: chapter, text: text, version: version, isDraft: false, history: history,
                    errors: messages.map { FieldError(field: "text", message: $0) })
            ).response(from: request, context: context)
        }
        let expected = Int(fields["version"]) ?? -1
        let problems = ReportNarrative.problems(in: text, figures: figures)
        guard problems.isEmpty else {
            return try await reshow(problems, status: .unprocessableContent, version: expected)
        }
        let quoted = Dictionary(
            uniqueKeysWithValues: ReportNarrative.tokens(in: text).compactMap { id in
                figures[id].map { (id, $0.display) }
            })
        do {
            try await store.save(
                year: choice.year, scope: choice.scope, chapter: chapterID, text: text, quoted: quoted,
                expectedVersion: expected, by: context.viewer?.displayName ?? "")
        } catch DatabaseError.conflict {
            let message =
                "Someone else saved this chapter while you were writing. Your text is below; "
                + "compare it with theirs under “Earlier versions” and save again."
            return try await reshow(
                [message], status: .conflict, version: choice.narratives[chapterID]?.version ?? 0)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(
                .reportInputsChanged, detail: "commentary \(choice.year) \(choice.scope.rawValue) \(chapterID)"))
        return Response(
            status: .seeOther,
            headers: [
                .location:
                    "/reports/annual/commentary?year=\(choice.year)&scope=\(choice.scope.rawValue)&saved=\(chapterID)"
            ])
    }
}
