import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/api/v1/representations…`: list, read, record and change cases through the same domain
/// commands, checks and audit as the case pages. Reads give the record's version as its ETag;
/// every change must send it back in `If-Match`.
struct CaseAPI: Sendable {
    let deps: WebDependencies

    /// A case as the list shows it: enough to pick it out and see what is due.
    struct Summary: Encodable {
        var id, reference, kind, serviceArea, service: String
        var receivedOn: CalendarDate
        var isOpen: Bool
        var stage: String?
        var nextDeadline: DeadlineJSON?
        var version: Int
    }

    /// A running clock: which, due when, and where it stands today.
    struct DeadlineJSON: Encodable {
        var stage, clock, name: String
        var dueOn: CalendarDate?
        var status: String
        var workingDays: Int?

        init(_ d: Deadline, today: CalendarDate, calendar: WorkingDayCalendar) {
            (stage, clock, name, dueOn) = (d.stageKey, d.clockKey, d.name, d.dueOn)
            switch d.status(on: today, calendar: calendar) {
            case .withdrawn: status = "withdrawn"
            case .met(let taken, let late): (status, workingDays) = (late ? "met-late" : "met", taken)
            case .notStarted: status = "not-started"
            case .awaitingAgreement: status = "awaiting-agreement"
            case .running(let left): (status, workingDays) = ("running", left)
            case .overdue(let over): (status, workingDays) = ("overdue", over)
            }
        }
    }

    /// A whole case: the record (as in the interchange format) and its running clocks.
    struct CaseJSON: Encodable {
        var representation: Representation
        var deadlines: [DeadlineJSON]
    }

    struct PageJSON: Encodable {
        var items: [Summary]
        var total, limit, offset: Int
        var next: String?
    }

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let query = APIQuery(request)
        var filter = RepresentationFilter()
        filter.sort = .receivedOldest
        filter.kind = try query.choice("kind", RepresentationKind.self)
        filter.serviceArea = try query.choice("serviceArea", ServiceArea.self)
        filter.service = try query.text("service", maxLength: 100)
        filter.isOpen = try query.text("status", allowed: ["open", "closed"]).map { $0 == "open" }
        filter.stageKey = try query.text("stage", maxLength: 100)
        filter.dueBefore = try query.date("dueBefore")
        filter.receivedFrom = try query.date("receivedFrom")
        filter.receivedTo = try query.date("receivedTo")
        filter.closedFrom = try query.date("closedFrom")
        filter.closedTo = try query.date("closedTo")
        if let owner = try query.text("owner", maxLength: 64) { filter.owner = owner == "me" ? viewer.userID : owner }
        let limit = try query.integer("limit", 1...500) ?? 50
        let offset = try query.integer("offset", 0...10_000_000) ?? 0
        let casework = try await Casework.load(deps)
        let access = CaseAccess(database: deps.database, viewer: viewer)
        let page: RepresentationPage
        if let q = try query.text("q", maxLength: 200) {
            // A search: the best 500 matches, ranked, narrowed by the other filters.
            // Which characters make a word (letters and digits of any script) is a rule JSON Schema
            // cannot state portably, so a q without one is a 422, like the other content rules.
            guard let search = SearchQuery(q) else {
                let message = "q must hold a word, a name or a reference"
                throw APIProblem.invalid([ProblemField(field: "q", message: message)])
            }
            let ids = try await access.searchIDs(search, limit: 500)
            if filter.narrowsNothing {
                // The common case: count the matches, read only the page.
                let shown = try await access.representations(ids: Array(ids.dropFirst(offset).prefix(limit)))
                page = RepresentationPage(items: shown, total: ids.count)
            } else {
                let found = try await access.representations(ids: ids).filter { filter.matches($0) }
                page = RepresentationPage(items: Array(found.dropFirst(offset).prefix(limit)), total: found.count)
            }
            let audit = context.audit(.searchedCases, detail: "API: \(page.total) found")
            try await AuditLog(database: deps.database).append(audit)
        } else {
            page = try await access.page(filter, limit: limit, offset: offset)
        }
        let today = deps.today(), engine = ClockEngine(calendar: casework.calendar)
        let items = page.items.map { r in
            let next = casework.procedure(r.procedureID).flatMap { engine.nextDeadline(for: r, procedure: $0) }
            return Summary(
                id: r.id, reference: r.reference, kind: r.kind.rawValue, serviceArea: r.serviceArea.rawValue,
                service: r.serviceCategory,
                receivedOn: r.receivedOn, isOpen: r.isOpen, stage: r.stages.last?.key,
                nextDeadline: next.map { DeadlineJSON($0, today: today, calendar: casework.calendar) },
                version: r.version)
        }
        var next: String?
        if offset + limit < page.total {
            var components = URLComponents()
            components.queryItems =
                query.items.filter { $0.name != "offset" } + [
                    URLQueryItem(name: "offset", value: String(offset + limit))
                ]
            next = Endpoint.apiRepresentations.path + "?" + (components.percentEncodedQuery ?? "")
        }
        return APIJSON.response(PageJSON(items: items, total: page.total, limit: limit, offset: offset, next: next))
    }

    /// The case, if it exists and the caller may see it; refusals are audited.
    func visibleCase(
        _ context: AppRequestContext, permission: Permission = .viewCase, detail: String = "API"
    ) async throws -> (Representation, Viewer) {
        switch try await context.lookUpCase(in: deps.database, permission: permission, detail: detail) {
        case .missing: throw APIProblem.notFound
        case .refused: throw APIProblem.forbidden
        case .found(let r, let viewer): return (r, viewer)
        }
    }

    func document(_ r: Representation, casework: Casework) -> CaseJSON {
        let deadlines =
            casework.procedure(r.procedureID).map {
                ClockEngine(calendar: casework.calendar).deadlines(for: r, procedure: $0)
            } ?? []
        return CaseJSON(
            representation: r,
            deadlines: deadlines.map { DeadlineJSON($0, today: deps.today(), calendar: casework.calendar) })
    }

    @Sendable func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (r, _) = try await visibleCase(context)
        try await AuditLog(database: deps.database).append(context.audit(.viewedCase, r, detail: "API"))
        return APIJSON.response(document(r, casework: try await Casework.load(deps)), version: r.version)
    }

    static let newFields: [APIField] = [
        .choice(
            "kind", RepresentationKind.allCases.map(\.rawValue), "What was received; a complaint when left out",
            required: false),
        .choice("service-area", ServiceArea.allCases.map(\.rawValue), "Adults', children's or corporate services"),
        .date("received", "Date received"),
        .text("method", "How it was received (code)", maxLength: 100),
        .text("relationship", "The complainant's relationship to the person the service is for (code)", maxLength: 100),
        .boolean("child-or-young-person", "Made by or for a child or young person"),
        .text("advocate", "Advocate, if any (code)", required: false, maxLength: 100),
        .text("service-category", "The service complained about (code)", maxLength: 100),
        .text("summary", "What it is about"),
        .text("team", "Compliments: the team praised", required: false, maxLength: 200),
        .text("publication-quote", "Compliments: words for publication, names replaced by xxx", required: false),
        .text("complainant-name", "Complainant's name", required: false, maxLength: 200),
        .text("complainant-contact", "Complainant's contact details", required: false, maxLength: 500),
        .text("subject-name", "The person it is about, if not the complainant", required: false, maxLength: 200),
    ]

    @Sendable func create(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await readBody(request, fields: Self.newFields)
        var values = body.text
        if let received = body.dates["received"] {
            (values["received-day"], values["received-month"], values["received-year"]) = (
                String(received.day), String(received.month), String(received.year)
            )
        }
        let input = try JSONDecoder().decode(NewComplaintInput.self, from: JSONEncoder().encode(values))
        let casework = try await Casework.load(deps)
        switch NewComplaint.validate(
            input, reference: casework.reference, procedures: casework.procedures, today: deps.today())
        {
        case .failure(let failure):
            throw APIProblem.invalid(
                failure.errors.map { ProblemField(field: apiFieldName($0.field, step: ""), message: $0.message) })
        case .success(let command):
            let recorded = try await context.cases(deps.database).record(
                command, engine: ClockEngine(calendar: casework.calendar),
                audit: context.audit(.recordedCase, detail: "API \(command.kind.rawValue)"))
            return APIJSON.response(
                document(recorded, casework: casework), status: .created, version: recorded.version,
                location: "\(Endpoint.apiRepresentations.path)/\(recorded.id)")
        }
    }

    @Sendable func step(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let step = APIStep.named(try context.parameters.require("step")) else { throw APIProblem.notFound }
        let (current, viewer) = try await visibleCase(context, permission: .takeCaseSteps, detail: "API \(step.name)")
        let expected = try ETag.expectedVersion(request)
        let body = try await readBody(request, fields: step.fields)
        guard expected == current.version else { throw ETag.stale(current.version) }
        if let casework = CaseworkStep(rawValue: step.name) {
            return try await caseworkStep(
                casework, on: current, body: body, expected: expected, viewer: viewer, context: context)
        }
        let casework = try await Casework.load(deps)
        guard let procedure = HistoryReplay.procedure(for: current, in: casework.procedures) else {
            throw APIProblem.notFound
        }
        let today = deps.today()
        let command: CaseCommand
        switch step.form.command(
            from: body.formFields(step: step.name), today: today, newID: UUID().uuidString.lowercased())
        {
        case .failure(let errors):
            throw APIProblem.invalid(
                errors.errors.map { ProblemField(field: apiFieldName($0.field, step: step.name), message: $0.message) })
        case .success(let parsed): command = parsed
        }
        let lifecycle = Lifecycle(
            procedure: procedure, calendar: casework.calendar, today: today, people: casework.people,
            reference: casework.reference)
        do {
            let updated = try await context.cases(deps.database).apply(
                command, to: current, expectedVersion: expected, lifecycle: lifecycle, recordedBy: viewer.username,
                audit: context.audit(.changedCase, detail: "API \(step.name)"))
            return APIJSON.response(document(updated, casework: casework), version: updated.version)
        } catch let error as LifecycleError {
            throw APIProblem.invalid([
                ProblemField(
                    field: apiFieldName(step.form.fieldID(for: error.field), step: step.name), message: error.message)
            ])
        } catch DatabaseError.conflict {
            let latest = try await context.cases(deps.database).latest(current)
            throw ETag.stale(latest?.version ?? current.version)
        }
    }

    /// The casework steps, through the same code as their pages.
    func caseworkStep(
        _ step: CaseworkStep, on r: Representation, body: APIBody, expected: Int, viewer: Viewer,
        context: AppRequestContext
    ) async throws -> Response {
        let routes = CaseManagementRoutes(deps: deps)
        var values = body.text
        let form: CaseManagementRoutes.Form
        switch step {
        case .details:
            form = .details
            // Fields not sent keep their value; the form reads every field, so fill them in.
            for field in CaseManagementForms.fields(for: r) where values[field.rawValue] == nil {
                values[field.rawValue] = field.value(of: r) ?? ""
            }
            let unknown = DetailField.allCases.filter {
                body.text[$0.rawValue] != nil && !CaseManagementForms.fields(for: r).contains($0)
            }
            if let field = unknown.first {
                throw APIProblem.invalid([
                    ProblemField(
                        field: field.rawValue,
                        message: "\(field.rawValue) is not a detail of a \(r.kind.displayName.lowercased())")
                ])
            }
        case .owner: form = .owner
        case .link: form = .links
        case .merge:
            form = .merge
            (values["reference"], values["confirm"]) = (values["into"] ?? "", "yes")
        case .unlink:
            let access = CaseAccess(database: deps.database, viewer: viewer)
            guard let other = try await access.visible(reference: values["reference"] ?? "") else {
                throw APIProblem.invalid([
                    ProblemField(
                        field: "reference",
                        message: "There is no case \((values["reference"] ?? "").uppercased()) that you can see")
                ])
            }
            let casework = try await Casework.load(deps)
            func lifecycle(_ c: Representation) throws -> Lifecycle {
                guard let p = HistoryReplay.procedure(for: c, in: casework.procedures) else {
                    throw APIProblem.notFound
                }
                return Lifecycle(
                    procedure: p, calendar: casework.calendar, today: deps.today(), people: casework.people,
                    reference: casework.reference)
            }
            do {
                let (updated, _) = try await access.applyPair(
                    .unlink(representationID: other.id), to: r, expectedVersion: expected, lifecycle: try lifecycle(r),
                    .unlink(representationID: r.id), to: other, otherLifecycle: try lifecycle(other),
                    recordedBy: viewer.username, audit: context.audit(.changedCase, detail: "API unlink"))
                return APIJSON.response(document(updated, casework: casework), version: updated.version)
            } catch let error as LifecycleError {
                throw APIProblem.invalid([ProblemField(field: "reference", message: error.message)])
            } catch DatabaseError.conflict {
                throw ETag.stale(try await access.latest(r)?.version ?? r.version)
            }
        }
        switch try await routes.perform(
            form, on: r, fields: FormFields(values: values), expectedVersion: expected, viewer: viewer, context: context
        ) {
        case .done(let updated, _):
            return APIJSON.response(
                document(updated, casework: try await Casework.load(deps)), version: updated.version)
        case .invalid(let errors, let status, let latest):
            if status == .conflict { throw ETag.stale(latest?.version ?? r.version) }
            throw APIProblem.invalid(
                errors.map {
                    ProblemField(
                        field: $0.field == "reference" && step == .merge ? "into" : $0.field, message: $0.message)
                })
        }
    }

    static let restrictionFields: [APIField] = [
        .boolean("restrict", "true to restrict the case to named users (you are always among them); false to lift it"),
        .list("users", "The user ids who may see it, when restricted"),
    ]

    @Sendable func restrict(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (current, viewer) = try await visibleCase(context, detail: "API restriction")
        let expected = try ETag.expectedVersion(request)
        let body = try await readBody(request, fields: Self.restrictionFields)
        let known = Set(try await UserStore(database: deps.database).all().map(\.id))
        let unknown = (body.lists["users"] ?? []).filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw APIProblem.invalid([ProblemField(field: "users", message: "No user has the id \(unknown[0])")])
        }
        let named: [String]? =
            body.text["restrict"] == "yes" ? Array(Set((body.lists["users"] ?? []) + [viewer.userID])).sorted() : nil
        guard expected == current.version else { throw ETag.stale(current.version) }
        do {
            let updated = try await context.cases(deps.database).restrict(
                current, to: named, expectedVersion: expected,
                audit: context.audit(
                    .restrictedCase,
                    detail: named.map { "API: restricted to \($0.count) user(s)" } ?? "API: restriction lifted"))
            return APIJSON.response(
                document(updated, casework: try await Casework.load(deps)), version: updated.version)
        } catch DatabaseError.conflict {
            let latest = try await context.cases(deps.database).latest(current)
            throw ETag.stale(latest?.version ?? current.version)
        }
    }
}
