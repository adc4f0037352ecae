import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The case-work pages: dashboard, record a complaint, case page, statistics.
struct CaseworkRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func dashboard(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        guard viewer.may(.viewCaseList) else {
            // A role with neither (a council's own policy) gets a page, not a redirect back to sign-in.
            guard let home = viewer.may(.viewStatistics) ? "/statistics" : viewer.may(.manageUsers) ? "/users" : nil
            else {
                return try Page(status: .forbidden, html: AccessPages.forbidden).response(
                    from: request, context: context)
            }
            return Response(status: .seeOther, headers: [.location: home])
        }
        let configuration = try await deps.configuration()
        let today = deps.today()
        let parameters = request.uri.queryParameters
        let area = parameters.get("area").flatMap(ServiceArea.init(rawValue:))
        let state = try await CaseAccess(database: deps.database, viewer: viewer).workQueueState(
            memo: deps.workQueueMemo, configuration: configuration, today: today)
        let queue = parameters.get("queue").flatMap(WorkQueues.Queue.init(rawValue:))
        let pages = DashboardView.Pages(
            rows: parameters.get("page").flatMap { Int($0) } ?? 1,
            queue: parameters.get("queue-page").flatMap { Int($0) } ?? 1)
        // A page drawn for someone who sees every case is the same for the next such person.
        let asked = "\(area?.rawValue ?? "")|\(queue?.rawValue ?? "")|\(pages.rows)|\(pages.queue)"
        if let key = state.keptUnder, let drawn = await deps.workQueueMemo.drawn(asked, under: key) {
            return try DashboardView.render(drawn).response(from: request, context: context)
        }
        let content = DashboardView.content(
            rows: state.rows(in: area), area: area, today: today, reference: configuration.casework.reference,
            queues: state.queues, queue: queue, pages: pages)
        if let key = state.keptUnder { await deps.workQueueMemo.keep(drawn: content, asked, under: key) }
        return try DashboardView.render(content).response(from: request, context: context)
    }

    @Sendable func newComplaint(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let casework = try await Casework.load(deps)
        return NewComplaintView.render(input: NewComplaintInput(), errors: [], reference: casework.reference)
    }

    @Sendable func newCompliment(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let casework = try await Casework.load(deps)
        return NewComplaintView.render(
            input: NewComplaintInput(), errors: [], reference: casework.reference, form: .compliment)
    }

    @Sendable func createComplaint(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let casework = try await Casework.load(deps)
        let text = String(buffer: try await request.body.collect(upTo: 256 * 1024))
        let input = (try? URLEncodedFormDecoder().decode(NewComplaintInput.self, from: text)) ?? NewComplaintInput()
        let fields = FormFields(text)
        let form = NewComplaintView.Form(rawValue: fields["form"]) ?? .complaint
        switch NewComplaint.validate(
            input, reference: casework.reference, procedures: casework.procedures, today: deps.today())
        {
        case .failure(let failure):
            let page = Page(
                status: .unprocessableContent,
                html: NewComplaintView.render(
                    input: input, errors: failure.errors, reference: casework.reference, form: form))
            return try page.response(from: request, context: context)
        case .success(let command):
            let access = try context.cases(deps.database)
            if fields["not-a-duplicate"] != "yes", command.kind.isHandledAsCase {
                let possible = try await possibleDuplicates(of: command, access: access)
                if !possible.isEmpty {
                    // Nothing saved yet: the officer sees what may be the same case and decides.
                    let rows = try await CaseListRoutes(deps: deps).rows(possible)
                    return try Page(
                        status: .ok, html: DuplicateWarningView.render(fields: fields, rows: rows, form: form)
                    ).response(from: request, context: context)
                }
            }
            let recorded = try await access.record(
                command, engine: ClockEngine(calendar: casework.calendar),
                audit: context.audit(.recordedCase, detail: command.kind.rawValue))
            context.logger.info(
                "representation recorded",
                metadata: ["reference": .string(recorded.reference), "kind": .string(recorded.kind.rawValue)])
            return Response(status: .seeOther, headers: [.location: "/complaints/\(recorded.id)?recorded=1"])
        }
    }

    /// Cases the viewer can see that may already be this one (`Duplicates`).
    func possibleDuplicates(of command: NewComplaint, access: CaseAccess) async throws -> [Representation] {
        let settings = try await SettingsStore(database: deps.database).caseworkSettings()
        var candidates: [Representation] = []
        for text in [command.complainant.name, command.complainant.contact, command.subjectName].compactMap({ $0 }) {
            if let query = SearchQuery(text) { candidates += try await access.search(query, limit: 100) }
        }
        return Duplicates.likely(command, among: candidates, windowDays: settings.duplicateWindowDays)
    }

    @Sendable func showComplaint(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let r: Representation, viewer: Viewer
        switch try await context.lookUpCase(in: deps.database) {
        case .missing: return Page(status: .notFound, html: ErrorPages.notFound)
        case .refused: return Page(status: .forbidden, html: AccessPages.forbidden)
        case .found(let found, let who): (r, viewer) = (found, who)
        }
        try await AuditLog(database: deps.database).append(context.audit(.viewedCase, r))
        let query = request.uri.queryParameters
        var notice: String?
        if query.get("recorded") == "1" { notice = "\(r.kind.displayName) recorded: reference \(r.reference)" }
        if let done = query.get("done") { notice = CasePageRoutes.doneMessage(done) }
        let workspace = try await CaseAccess(database: deps.database, viewer: viewer).workspace(of: r)
        let extras: HTML =
            """
            \(RestrictionForm.render(r, viewer: viewer, users: workspace.users,
                policy: try await deps.configuration().accessPolicy))\(Self.equalityLink(r,
                viewer: viewer))\(Self.letters(r, viewer: viewer, workspace: workspace))
            """
        return Page(
            status: .ok,
            html: CasePageView.render(
                try await CasePageRoutes(deps: deps).page(
                    r, viewer: viewer, workspace: workspace, notice: notice, extras: extras)))
    }

    /// The case's letters and, for those who work the case, the form to make one.
    static func letters(_ r: Representation, viewer: Viewer, workspace: CaseWorkspaceRead) -> HTML {
        guard r.kind == .complaint else { return "" }
        return LetterViews.onCase(
            r, letters: workspace.letters, templates: workspace.templates,
            canMake: viewer.may(.takeCaseSteps) && viewer.canSee(r))
    }

    /// A link to the equality monitoring form, for complaints, for those who record them.
    static func equalityLink(_ r: Representation, viewer: Viewer) -> HTML {
        guard r.kind == .complaint, viewer.may(.recordRepresentation) else { return "" }
        return
            """
            <p class=\"app-body app-no-print\"><a class=\"app-link\" href=\"/complaints/\(r.id)/equality\">Record \
            equality monitoring answers</a> (kept apart from the case record)</p>
            """
    }

    @Sendable func statistics(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let casework = try await Casework.load(deps)
        let current = FinancialYear(containing: deps.today())
        let years = Array((current.startYear - 9)...current.startYear).reversed().map { $0 }
        var yearError: String?
        var year = FinancialYear(startYear: current.startYear - 1)
        if let text = request.uri.queryParameters.get("year") {
            if let y = Int(text), years.contains(y) {
                year = FinancialYear(startYear: y)
            } else {
                yearError = "Select a financial year from the list"
            }
        }
        let records = try await context.cases(deps.database).forFigures(relevantTo: year.firstDay, year.lastDay)
        let conventions = try await SettingsStore(database: deps.database).countingConventions().conventions
        let figures = FirstFigures.compute(
            year: year, representations: records, calendar: casework.calendar, procedures: casework.procedures,
            conventions: conventions)
        return Page(
            status: yearError == nil ? .ok : .badRequest,
            html: StatisticsView.render(figures, years: years, yearError: yearError, conventions: conventions))
    }
}
