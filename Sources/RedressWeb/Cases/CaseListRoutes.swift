import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// Finding cases: the search box on every page, the case list of every kind and status with
/// its filters, "My cases", the filtered list as CSV, and the deadline calendar.
struct CaseListRoutes: Sendable {
    let deps: WebDependencies

    static let pageSize = 50

    /// A case list's filters as the page's query gives them, and the problems with them.
    struct Query: Sendable {
        var filter = RepresentationFilter()
        var page = 1
        var errors: [FieldError] = []
        /// The query as given, to keep in links (paging, CSV) and to refill the form.
        var values: [String: String] = [:]

        init(_ request: Request, viewer: Viewer, today: CalendarDate, mine: Bool = false) {
            // A GET form's query: spaces come as "+", as in a form body.
            let q = FormFields(request.uri.query ?? "")
            func text(_ name: String) -> String? {
                let v = q[name].trimmingCharacters(in: .whitespaces)
                guard !v.isEmpty, v.count <= 100 else { return nil }
                values[name] = v
                return v
            }
            func date(_ name: String, _ label: String) -> CalendarDate? {
                guard let v = text(name) else { return nil }
                guard let d = CalendarDate(iso: v) else {
                    errors.append(FieldError(field: name, message: "\(label) must be a date written like 2025-04-01"))
                    return nil
                }
                return d
            }
            if let v = text("kind") {
                if let kind = RepresentationKind(rawValue: v) {
                    filter.kind = kind
                } else {
                    errors.append(FieldError(field: "kind", message: "Select a kind from the list"))
                }
            }
            if let v = text("area") {
                if let area = ServiceArea(rawValue: v) {
                    filter.serviceArea = area
                } else {
                    errors.append(FieldError(field: "area", message: "Select a service area from the list"))
                }
            }
            filter.service = text("service")
            switch text("status") {
            case "open": filter.isOpen = true
            case "closed": filter.isOpen = false
            case nil, "all": break
            default: errors.append(FieldError(field: "status", message: "Select open, closed or all"))
            }
            filter.stageKey = text("stage")
            if mine {
                filter.owner = viewer.userID
            } else if let owner = text("owner") {
                filter.owner = owner == "me" ? viewer.userID : owner
            }
            filter.receivedFrom = date("received-from", "Received from")
            filter.receivedTo = date("received-to", "Received to")
            filter.closedFrom = date("closed-from", "Closed from")
            filter.closedTo = date("closed-to", "Closed to")
            if text("overdue") == "yes" { filter.overdueOn = today }
            if let v = text("sort") {
                if let sort = RepresentationFilter.Sort(rawValue: v) {
                    filter.sort = sort
                } else {
                    errors.append(FieldError(field: "sort", message: "Select an order from the list"))
                }
            } else if mine {
                filter.sort = .dueSoonest
            }
            if let v = text("page") { page = max(1, min(Int(v) ?? 1, 100_000)) }
        }
    }

    /// One row of a case list: the case and what it shows beside it.
    struct Row: Sendable {
        var representation: Representation
        var stage: String
        var status: String
        var owner: String
        var next: Deadline?
        var nextStatus: Deadline.Status?
    }

    func rows(_ cases: [Representation]) async throws -> [Row] {
        let casework = try await Casework.load(deps)
        let users = Dictionary(
            uniqueKeysWithValues: try await UserStore(database: deps.database).all().map { ($0.id, $0.displayName) })
        let engine = ClockEngine(calendar: casework.calendar), today = deps.today()
        return cases.map { r in
            let procedure = HistoryReplay.procedure(for: r, in: casework.procedures)
            let next = procedure.flatMap { engine.nextDeadline(for: r, procedure: $0) }
            return Row(
                representation: r, stage: r.stages.last.flatMap { procedure?.stage($0.key)?.name } ?? "–",
                status: CaseSummary.status(r, procedure: procedure),
                owner: r.owner.map { users[$0] ?? "Former member of staff" } ?? "No one",
                next: next, nextStatus: next?.status(on: today, calendar: casework.calendar))
        }
    }

    /// `GET /cases` and `GET /my-cases`.
    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let viewer = try context.requireViewer()
        let mine = request.uri.path == Endpoint.myCases.path
        let query = Query(request, viewer: viewer, today: deps.today(), mine: mine)
        let casework = try await Casework.load(deps)
        guard query.errors.isEmpty else {
            return Page(
                status: .badRequest,
                html: CaseListViews.list(
                    rows: [], total: 0, query: query, mine: mine, reference: casework.reference,
                    owners: try await owners()))
        }
        let page = try await CaseAccess(database: deps.database, viewer: viewer)
            .page(query.filter, limit: Self.pageSize, offset: (query.page - 1) * Self.pageSize)
        return Page(
            status: .ok,
            html: CaseListViews.list(
                rows: try await rows(page.items), total: page.total, query: query, mine: mine,
                reference: casework.reference, owners: try await owners()))
    }

    func owners() async throws -> [User] { try await CaseManagementRoutes(deps: deps).owners() }

    /// `GET /cases/export`: the filtered list as CSV, every page of it, no personal data.
    @Sendable func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let viewer = try context.requireViewer()
        let query = Query(request, viewer: viewer, today: deps.today())
        guard query.errors.isEmpty else {
            throw HTTPError(.badRequest, message: query.errors.map(\.message).joined(separator: "; "))
        }
        let access = CaseAccess(database: deps.database, viewer: viewer)
        var all: [Representation] = [], offset = 0
        while true {
            let page = try await access.page(query.filter, limit: 500, offset: offset)
            all += page.items
            offset += 500
            if page.items.isEmpty || offset >= page.total { break }
        }
        let casework = try await Casework.load(deps)
        let csv = CaseListViews.csv(try await rows(all), reference: casework.reference)
        try await AuditLog(database: deps.database).append(
            context.audit(.exportedCaseList, detail: "\(all.count) case(s)"))
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"cases-\(deps.today().iso).csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }

    /// `GET /search?q=…`: the search box on every page.
    @Sendable func search(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let viewer = try context.requireViewer()
        let typed = String(FormFields(request.uri.query ?? "")["q"].prefix(200))
        guard let query = SearchQuery(typed) else {
            return Page(status: .ok, html: CaseListViews.search(typed: typed, rows: nil))
        }
        let found = try await CaseAccess(database: deps.database, viewer: viewer).search(query)
        // Audited as a search, with the number found (never the words, which may be a name).
        try await AuditLog(database: deps.database).append(
            context.audit(.searchedCases, detail: "\(found.count) found"))
        return Page(status: .ok, html: CaseListViews.search(typed: typed, rows: try await rows(found)))
    }
}
