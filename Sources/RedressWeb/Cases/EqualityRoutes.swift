import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// `/complaints/:id/equality`: equality monitoring from a paper or phone form, recorded by the
/// complaints team. The answers live in their own table; the case page only links here, and
/// reports use them only as suppressed totals.
struct EqualityRoutes: Sendable {
    let deps: WebDependencies

    static let lists: [(list: CategoryList, field: String, question: String)] = [
        (.disability, "disability", "Do they consider themselves to have a disability?"),
        (.gender, "gender", "Gender"),
        (.ageBand, "age-band", "Age"),
        (.ethnicity, "ethnicity", "Ethnic group"),
    ]

    enum Lookup { case success(Representation), failure(Page) }

    /// The case, when the viewer may see it; otherwise the refusal or not-found page.
    /// Equality answers belong to complaints only.
    func visibleCase(_ context: AppRequestContext) async throws -> Lookup {
        switch try await context.lookUpCase(in: deps.database, allowed: { $0.kind == .complaint }) {
        case .missing: return .failure(Page(status: .notFound, html: ErrorPages.notFound))
        case .refused: return .failure(Page(status: .forbidden, html: AccessPages.forbidden))
        case .found(let r, _): return .success(r)
        }
    }

    @Sendable func form(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        switch try await visibleCase(context) {
        case .failure(let page): return page
        case .success(let r):
            let reference = try await ReferenceStore(database: deps.database).load()
            let store = ReportInputStore(database: deps.database)
            let current = try await store.equality(of: r.id) ?? EqualityMonitoring()
            let version = try await store.equalityVersion(of: r.id)
            return Page(
                status: .ok,
                html: EqualityView.render(r, reference: reference, answers: current, version: version, errors: []))
        }
    }

    @Sendable func record(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let r: Representation
        switch try await visibleCase(context) {
        case .failure(let page): return try page.response(from: request, context: context)
        case .success(let found): r = found
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 16 * 1024)))
        let reference = try await ReferenceStore(database: deps.database).load()
        var answers = EqualityMonitoring()
        var errors: [FieldError] = []
        for entry in Self.lists {
            let code = fields[entry.field]
            if reference.active(entry.list).contains(where: { $0.code == code }) {
                switch entry.list {
                case .disability: answers.disability = code
                case .gender: answers.gender = code
                case .ageBand: answers.ageBand = code
                default: answers.ethnicity = code
                }
            } else {
                errors.append(
                    FieldError(
                        field: entry.field,
                        message: "Select an answer for \(entry.list.singularName) from the list, or Not stated"))
            }
        }
        guard let version = Int(fields["version"]), version >= 0 else {
            errors.append(
                FieldError(
                    field: EqualityRoutes.lists[0].field,
                    message: "The form was incomplete; reload the page and try again"))
            let html = EqualityView.render(r, reference: reference, answers: answers, version: 0, errors: errors)
            return try Page(status: .badRequest, html: html).response(from: request, context: context)
        }
        guard errors.isEmpty else {
            let html = EqualityView.render(r, reference: reference, answers: answers, version: version, errors: errors)
            return try Page(status: .unprocessableContent, html: html).response(from: request, context: context)
        }
        let store = ReportInputStore(database: deps.database)
        do {
            try await store.saveEquality(answers, for: r, expectedVersion: version)
        } catch DatabaseError.conflict {
            let latest = try await store.equality(of: r.id) ?? EqualityMonitoring()
            let message =
                """
                    Someone else saved equality answers for \(r.reference) since you opened this form. These are \
                    their answers: check them and save again if yours are right
                    """
            let html = EqualityView.render(
                r, reference: reference, answers: latest, version: try await store.equalityVersion(of: r.id),
                errors: [FieldError(field: EqualityRoutes.lists[0].field, message: message)])
            return try Page(status: .conflict, html: html).response(from: request, context: context)
        }
        try await AuditLog(database: deps.database).append(
            context.audit(.reportInputsChanged, r, detail: "equality monitoring recorded"))
        return Response(status: .seeOther, headers: [.location: "/complaints/\(r.id)?done=equality"])
    }
}

enum EqualityView {
    static func render(
        _ r: Representation, reference: ReferenceData, answers: EqualityMonitoring, version: Int, errors: [FieldError]
    ) -> HTML {
        let questions: [HTML] = EqualityRoutes.lists.map { entry in
            let options = reference.active(entry.list).map { ($0.code, $0.label) }
            let chosen = answers.code(entry.list) ?? "not-stated"
            let hasError = errors.contains { $0.field == entry.field }
            let items: [HTML] = options.map {
                """
                    <option value=\"\($0.0)\"\(HTML.attribute("selected",
                    $0.0 == chosen ? "selected" : nil))>\($0.1)</option>
                    """
            }
            return """
                <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                  <label class="app-label" for="\(entry.field)">\(entry.question)</label>
                  \(CaseActionsView.errorMessage(entry.field, errors))
                  <select class="app-select" id="\(entry.field)" \
                name="\(entry.field)"\(HTML.attribute("aria-describedby",
                hasError ? "\(entry.field)-error" : nil))>\(items)</select>
                </div>
                """
        }
        return Layout.page(
            title: "Equality monitoring for \(r.reference)", section: .dashboard, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <p><a class="app-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            <h1>Equality monitoring for \(r.reference)</h1>
            <p class="app-body">Optional answers from the complainant's monitoring form. They are kept apart from the \
            case record: no one handling the complaint sees them, and the annual report shows only totals, with \
            numbers under 5 withheld.</p>
            <form method="post" action="/complaints/\(r.id)/equality" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              \(questions)
              <button type="submit" class="app-button">Save answers</button>
            </form>
            """)
    }
}
