import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The rest of the API: code lists, procedures and the working-day calendar; the people pools;
/// the reports' figures; the public-form inbox; the audit trail. Each answers only what the
/// token's user may see on the matching screen.
struct CouncilAPI: Sendable {
    let deps: WebDependencies

    struct ReferenceJSON: Encodable { var categories: [Category] }
    struct ProceduresJSON: Encodable { var procedures: [ProcedureDefinition] }

    @Sendable func referenceData(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let list = try APIQuery(request).choice("list", CategoryList.self)
        let all = try await ReferenceStore(database: deps.database).load().categories
        return APIJSON.response(ReferenceJSON(categories: all.filter { list == nil || $0.list == list }))
    }

    @Sendable func procedures(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        APIJSON.response(ProceduresJSON(procedures: try await ProcedureStore(database: deps.database).load()))
    }

    struct CalendarJSON: Encodable {
        struct Holiday: Encodable { var date: CalendarDate; var name: String }
        var division: String
        var from, to: CalendarDate
        /// Working days from `from` to `to`, counted as the statutory clocks count them.
        var workingDays: Int
        var bankHolidays: [Holiday]
    }

    /// The working-day calendar between two dates (at most about three years).
    @Sendable func calendar(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        let today = deps.today()
        let from = try query.date("from") ?? today
        let to = try query.date("to") ?? from.adding(days: 30)
        // Rules across two parameters, which a schema cannot state: 422, naming the parameter.
        guard from <= to else {
            throw APIProblem.invalid([ProblemField(field: "to", message: "to must be on or after from")])
        }
        guard to.dayNumber - from.dayNumber <= 1_100 else {
            throw APIProblem.invalid([ProblemField(field: "to", message: "Ask for at most 1,100 days at a time")])
        }
        let calendar = try await Casework.load(deps).calendar
        var holidays: [CalendarJSON.Holiday] = []
        var day = from
        while day <= to {
            if let name = calendar.holidayName(on: day) { holidays.append(.init(date: day, name: name)) }
            day = day.adding(days: 1)
        }
        return APIJSON.response(
            CalendarJSON(
                division: deps.division.rawValue, from: from, to: to,
                workingDays: calendar.workingDays(from: from, to: to), bankHolidays: holidays))
    }

    struct PeopleJSON: Encodable { var people: [Person] }

    @Sendable func people(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let people = try await PeopleStore(database: deps.database).load()
        return APIJSON.response(PeopleJSON(people: people.people.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }))
    }

    static let personFields: [APIField] = [
        .text("name", "Their name", maxLength: 200),
        .list("roles", "Pools: \(PoolRole.allCases.map(\.rawValue).joined(separator: ", "))", required: true),
        .boolean("council", "A council officer or member (not independent)"),
        .boolean("commissioned", "Commissioned (paid per case)", required: false),
        .text("organisation", "Their organisation", required: false, maxLength: 200),
        .text(
            "works-in", "The service they work in (code), so they are not appointed to its complaints", required: false,
            maxLength: 100),
        .text("email", "Email address for reminders", required: false, maxLength: 254),
    ]

    @Sendable func addPerson(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let body = try await readBody(request, fields: Self.personFields)
        switch PeopleRoutes.person(
            from: body.formFields(step: "person"), reference: try await Casework.load(deps).reference)
        {
        case .failure(let errors):
            throw APIProblem.invalid(errors.errors.map { ProblemField(field: $0.field, message: $0.message) })
        case .success(let person):
            try await PeopleStore(database: deps.database).save([person])
            return APIJSON.response(person, status: .created, location: "\(Endpoint.apiPeople.path)/\(person.id)")
        }
    }

    static let availabilityFields: [APIField] = [.boolean("available", "Whether they can take new appointments")]

    @Sendable func setAvailability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await readBody(request, fields: Self.availabilityFields)
        let store = PeopleStore(database: deps.database)
        guard id.count <= 64, var person = try await store.load()[id] else { throw APIProblem.notFound }
        person.isAvailable = body.text["available"] == "yes"
        try await store.save([person])
        return APIJSON.response(person)
    }

    @Sendable func annualReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        let year =
            try query.integer("year", APIQuery.reportYears) ?? FinancialYear(containing: deps.today()).startYear - 1
        let access = try context.cases(deps.database)
        let report = try await ReportSource(database: deps.database, division: deps.division).annual(
            year: FinancialYear(startYear: year), scope: try query.choice("scope", ReportScope.self) ?? .all,
            rounding: try rounding(query),
            listsReference: { access.canSee($0) })
        return APIJSON.response(report)
    }

    @Sendable func quarterlyReport(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        let latest = FinancialQuarter(containing: deps.today())
        var quarter = latest.previous
        if let code = try query.text("quarter", maxLength: 7) {
            guard code.wholeMatch(of: /[0-9]{4}-Q[1-4]/) != nil, let q = FinancialQuarter(code),
                APIQuery.reportYears.contains(q.year.startYear)
            else {
                throw APIProblem.badRequest(
                    "quarter", "quarter must be a financial quarter like 2025-Q2, from 2000-Q1 to 2100-Q4")
            }
            quarter = q
        }
        let report = try await ReportSource(database: deps.database, division: deps.division).quarterly(
            quarter: quarter, scope: try query.choice("scope", ReportScope.self) ?? .all, rounding: try rounding(query))
        return APIJSON.response(report)
    }

    private func rounding(_ query: APIQuery) throws -> Rounding {
        Rounding(percentDecimals: try query.integer("decimals", 0...1) ?? 0)
    }

    struct SubmissionsJSON: Encodable { var submissions: [PublicSubmission] }

    @Sendable func submissions(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let status =
            try APIQuery(request).text("status", allowed: ["new", "recorded", "declined"]).flatMap(
                PublicSubmission.Status.init(rawValue:)) ?? .new
        return APIJSON.response(
            SubmissionsJSON(submissions: try await SubmissionStore(database: deps.database).list(status: status)))
    }

    struct AuditJSON: Encodable {
        struct Entry: Encodable {
            var id: Int?
            var at, username, action, detail: String
            var representationID, reference, address: String?
        }
        var entries: [Entry]
    }

    @Sendable func audit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = APIQuery(request)
        var q = AuditLog.Query()
        q.reference = try query.text("reference", maxLength: 64) ?? ""
        q.username = try query.text("username", maxLength: 100) ?? ""
        q.action = try query.choice("action", AuditAction.self)
        q.from = try query.date("from")
        q.to = try query.date("to")
        q.limit = try query.integer("limit", 1...1000) ?? 200
        let entries = try await AuditLog(database: deps.database).search(q).map {
            AuditJSON.Entry(
                id: $0.id, at: $0.at, username: $0.username, action: $0.action.rawValue, detail: $0.detail,
                representationID: $0.representationID, reference: $0.reference, address: $0.address)
        }
        return APIJSON.response(AuditJSON(entries: entries))
    }
}
