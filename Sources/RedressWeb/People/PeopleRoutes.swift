import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/people`: the pools of Investigating Officers, Independent Persons, panel members,
/// adjudicators and responding managers, with availability.
struct PeopleRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func list(_ request: Request, _ context: AppRequestContext) async throws -> HTML {
        let casework = try await Casework.load(deps)
        let notice = request.uri.queryParameters.get("added").map { _ in "Person added" }
        return PeopleView.render(
            people: casework.people, reference: casework.reference, input: FormFields(values: [:]), errors: [],
            notice: notice,
            caseloads: try await caseloads(context))
    }

    /// Open cases and overdue ones per owner and per pool member: counts only, no case data.
    func caseloads(_ context: AppRequestContext) async throws -> PeopleView.Caseloads {
        let today = deps.today(), casework = try await Casework.load(deps)
        let owners = try await CaseManagementRoutes(deps: deps).owners()
        let (counts, appointed) = try await context.cases(deps.database).caseloads(today: today)
        return PeopleView.Caseloads(
            staff: owners.map { ($0.displayName, counts[$0.id]?.open ?? 0, counts[$0.id]?.overdue ?? 0) },
            pool: casework.people.people.values.sorted { $0.name < $1.name }.map {
                ($0.name, appointed[$0.id]?.open ?? 0, appointed[$0.id]?.overdue ?? 0)
            })
    }

    @Sendable func add(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let casework = try await Casework.load(deps)
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let person: Person
        switch Self.person(from: fields, reference: casework.reference) {
        case .failure(let errors):
            let page = Page(
                status: .unprocessableContent,
                html: PeopleView.render(
                    people: casework.people, reference: casework.reference, input: fields,
                    errors: errors.errors, notice: nil, caseloads: try await caseloads(context)))
            return try page.response(from: request, context: context)
        case .success(let valid): person = valid
        }
        try await PeopleStore(database: deps.database).save([person])
        return Response(status: .seeOther, headers: [.location: "/people?added=1"])
    }

    /// A new pool member from the people form (or the API's body in the same names).
    static func person(from fields: FormFields, reference: ReferenceData) -> Result<Person, FieldErrors> {
        var errors: [FieldError] = []
        let name = fields["name"].trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.append(FieldError(field: "name", message: "Enter the person's name")) }
        if name.count > 200 {
            errors.append(FieldError(field: "name", message: "Name must be 200 characters or fewer"))
        }
        let chosen = Set(fields.all("roles"))
        let roles = PoolRole.allCases.filter { chosen.contains($0.rawValue) }
        if roles.isEmpty { errors.append(FieldError(field: "roles", message: "Select at least one pool")) }
        let council = fields["council"]
        if council != "yes" && council != "no" {
            errors.append(FieldError(field: "council", message: "Select yes if they are a council officer or member"))
        }
        let worksIn = fields["works-in"]
        if !worksIn.isEmpty && reference.active(.service).allSatisfy({ $0.code != worksIn }) {
            errors.append(FieldError(field: "works-in", message: "Select a service from the list"))
        }
        let email = fields["email"].trimmingCharacters(in: .whitespaces)
        if !email.isEmpty && (email.split(separator: "@").count != 2 || email.contains(" ") || email.count > 254) {
            errors.append(
                FieldError(
                    field: "email", message: "Enter an email address in the correct format, like name@example.com"))
        }
        guard errors.isEmpty else { return .failure(FieldErrors(errors)) }
        let organisation = fields["organisation"].trimmingCharacters(in: .whitespaces)
        return .success(
            Person(
                id: UUID().uuidString.lowercased(), name: name, organisation: organisation.isEmpty ? nil : organisation,
                roles: roles,
                isCouncilOfficerOrMember: council == "yes", isCommissioned: fields["commissioned"] == "yes",
                worksIn: worksIn.isEmpty ? [] : [worksIn], email: email.isEmpty ? nil : email))
    }

    @Sendable func toggleAvailability(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let people = try await PeopleStore(database: deps.database).load()
        guard var person = people[id] else { throw HTTPError(.notFound) }
        person.isAvailable.toggle()
        try await PeopleStore(database: deps.database).save([person])
        return Response(status: .seeOther, headers: [.location: "/people"])
    }
}

enum PeopleView {
    /// Open and overdue cases per member of the complaints team (as owner) and per pool member
    /// (as appointed to an open stage).
    struct Caseloads: Sendable {
        var staff: [(name: String, open: Int, overdue: Int)]
        var pool: [(name: String, open: Int, overdue: Int)]
    }

    static func caseloadTable(_ rows: [(name: String, open: Int, overdue: Int)], caption: String, who: String) -> HTML {
        let body: [HTML] = rows.map {
            """
                <tr><th scope=\"row\">\($0.name)</th><td class=\"app-numeric\">\($0.open)</td><td \
                class=\"app-numeric\">\($0.overdue)</td></tr>
                """
        }
        return """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-table__caption">\(caption)</caption>
              <thead><tr><th scope="col">\(who)</th><th scope="col" class="app-numeric">Open cases</th><th \
            scope="col" class="app-numeric">Overdue</th></tr></thead>
              <tbody>\(body)</tbody>
            </table></div>
            """
    }

    static func render(
        people: PeopleDirectory, reference: ReferenceData, input: FormFields, errors: [FieldError], notice: String?,
        caseloads: Caseloads
    ) -> HTML {
        let rows: [HTML] = people.people.values.sorted { $0.name < $1.name }.map { p in
            let services = p.worksIn.map { reference.label(.service, $0) }.joined(separator: ", ")
            return """
                <tr>
                  <th scope="row">\(p.name)\(p.organisation.map { "<br><span class=\"app-hint-inline\">\($0)</span>" as HTML } ?? "")</th>
                  <td>\(p.roles.map(\.displayName).joined(separator: ", "))</td>
                  <td>\(p.isCouncilOfficerOrMember ? "Council officer or member" : "Independent")\(p.isCommissioned ? " (commissioned)" : "")</td>
                  <td>\(services.isEmpty ? "–" : services)</td>
                  <td>
                    <form method="post" action="/people/\(p.id)/availability">\(HTML.csrfField)
                      \(p.isAvailable ? "<strong class=\"app-tag app-tag--green\">Available</strong>" : "<strong class=\"app-tag app-tag--grey\">Not available</strong>" as HTML)
                      <button type="submit" class="app-button app-button--secondary \
                app-button--small">\(p.isAvailable ? "Mark not available" : "Mark available")<span \
                class="app-visually-hidden"> – \(p.name)</span></button>
                    </form>
                  </td>
                </tr>
                """
        }
        let roleBoxes: [HTML] = PoolRole.allCases.enumerated().map { i, role in
            let id = i == 0 ? "roles" : "roles-\(i + 1)"
            let checked = input.all("roles").contains(role.rawValue) ? " checked" : ""
            return
                """
                    <div class=\"app-radios__item\"><input id=\"\(id)\" name=\"roles\" type=\"checkbox\" \
                    value=\"\(role.rawValue)\"\(checked)><label for=\"\(id)\">\(role.displayName)</label></div>
                    """
        }
        func message(_ field: String) -> HTML {
            errors.first { $0.field == field }.map {
                """
                    <p class=\"app-error-message\" id=\"\(field)-error\"><span \
                    class=\"app-visually-hidden\">Error:</span> \($0.message)</p>
                    """
            } ?? ""
        }
        let services: [HTML] =
            [("", "None")].map { "<option value=\"\($0.0)\">\($0.1)</option>" }
            + reference.active(.service).map {
                """
                    <option value=\"\($0.code)\"\(input["works-in"] == $0.code ? " selected" : "")>\($0.label) \
                    (\(ServiceArea(rawValue: $0.group ?? "")?.displayName ?? ""))</option>
                    """
            }
        let banner: HTML =
            notice.map {
                """
                    <div class=\"app-notification\" role=\"region\" aria-labelledby=\"notice-title\"><h2 \
                    class=\"app-notification__title\" id=\"notice-title\">\($0)</h2></div>
                    """
            } ?? ""
        return Layout.page(
            title: "People and pools", section: .people, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>People and pools</h1>
            <p>Investigating Officers, Independent Persons, review panel members, adjudicating officers and \
            responding managers. Redress checks independence when someone is appointed.</p>
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">People in the pools</caption>
              <thead><tr><th scope="col">Name</th><th scope="col">Pools</th><th scope="col">Independence</th><th \
            scope="col">Works in</th><th scope="col">Availability</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            <h2 id="caseloads">Caseloads</h2>
            <p class="app-body">Overdue: an open stage past its due date today.</p>
            \(caseloadTable(caseloads.staff, caption: "Complaints team: cases they own", who: "Owner"))
            \(caseloadTable(caseloads.pool.filter { $0.open > 0 },
            caption: "People in the pools: open cases they are appointed to", who: "Person"))
            <h2 id="add-person">Add someone</h2>
            <form method="post" action="/people" novalidate>\(HTML.csrfField)
              <div class="app-form-group">
                <label class="app-label" for="name">Name</label>
                \(message("name"))
                <input class="app-input" id="name" name="name" type="text" autocomplete="off" \
            value="\(input["name"])"\(HTML.attribute("aria-describedby",
            errors.contains { $0.field == "name" } ? "name-error" : nil))>
              </div>
              <div class="app-form-group\(errors.contains { $0.field == "email" } ? " app-form-group--error" : "")">
                <label class="app-label" for="email">Email for reminders (optional)</label>
                \(message("email"))
                <input class="app-input" id="email" name="email" type="email" autocomplete="off" \
            value="\(input["email"])"\(HTML.attribute("aria-describedby",
            errors.contains { $0.field == "email" } ? "email-error" : nil))>
              </div>
              <div class="app-form-group">
                <label class="app-label" for="organisation">Organisation (optional)</label>
                <input class="app-input" id="organisation" name="organisation" type="text" autocomplete="off" \
            value="\(input["organisation"])">
              </div>
              <div class="app-form-group">
                <fieldset\(HTML.attribute("aria-describedby",
            errors.contains { $0.field == "roles" } ? "roles-error" : nil))>
                  <legend class="app-label--s">Pools</legend>
                  \(message("roles"))
                  \(roleBoxes)
                </fieldset>
              </div>
              <div class="app-form-group">
                <fieldset\(HTML.attribute("aria-describedby",
            errors.contains { $0.field == "council" } ? "council-error" : nil))>
                  <legend class="app-label--s">Are they a council officer or elected member?</legend>
                  \(message("council"))
                  <div class="app-radios app-radios--inline">
                    <div class="app-radios__item"><input id="council" name="council" type="radio" \
            value="yes"\(input["council"] == "yes" ? " checked" : "")><label for="council">Yes</label></div>
                    <div class="app-radios__item"><input id="council-2" name="council" type="radio" \
            value="no"\(input["council"] == "no" ? " checked" : "")><label for="council-2">No</label></div>
                  </div>
                </fieldset>
              </div>
              <div class="app-form-group">
                <div class="app-radios__item"><input id="commissioned" name="commissioned" type="checkbox" \
            value="yes"><label for="commissioned">Commissioned from outside the council</label></div>
              </div>
              <div class="app-form-group">
                <label class="app-label" for="works-in">Service they work in (optional)</label>
                <p class="app-hint" id="works-in-hint">They will not be offered as Investigating Officer for \
            complaints about it.</p>
                \(message("works-in"))
                <select class="app-select" id="works-in" name="works-in" \
            aria-describedby="works-in-hint">\(services)</select>
              </div>
              <button type="submit" class="app-button">Add person</button>
            </form>
            """)
    }
}
