import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The audit search screen: who viewed or changed which case, when and from where.
struct AuditRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func search(_ request: Request, _ context: AppRequestContext) async throws -> Page {
        let params = request.uri.queryParameters
        var query = AuditLog.Query()
        var errors: [FieldError] = []
        query.reference = String((params.get("reference") ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        query.username = String((params.get("username") ?? "").trimmingCharacters(in: .whitespaces).prefix(64))
        if let a = params.get("action"), !a.isEmpty {
            if let action = AuditAction(rawValue: a) {
                query.action = action
            } else {
                errors.append(FieldError(field: "action", message: "Select an action from the list"))
            }
        }
        for (name, label) in [("from", "From"), ("to", "To")] {
            guard let text = params.get(name), !text.isEmpty else { continue }
            guard let day = CalendarDate(iso: text) else {
                errors.append(FieldError(field: name, message: "\(label) date must be a real date, like 2022-06-01"))
                continue
            }
            if name == "from" { query.from = day } else { query.to = day }
        }
        let entries = errors.isEmpty ? try await AuditLog(database: deps.database).search(query) : []
        return Page(
            status: errors.isEmpty ? .ok : .badRequest,
            html: AuditView.render(query: query, entries: entries, errors: errors))
    }
}

enum AuditView {
    static func render(query: AuditLog.Query, entries: [AuditEntry], errors: [FieldError]) -> HTML {
        let options: [HTML] = AuditAction.allCases.map {
            """
                <option value=\"\($0.rawValue)\"\(HTML.attribute("selected",
                query.action == $0 ? "selected" : nil))>\($0.displayName)</option>
                """
        }
        let rows: [HTML] = entries.map { e in
            let caseCell: HTML =
                e.representationID.map {
                    "<a class=\"app-link\" href=\"/complaints/\($0)\">\(e.reference ?? "case")</a>"
                } ?? HTML(stringLiteral: "")
            return
                "<tr><td>\(e.at)</td><td>\(e.username)</td><td>\(e.action.displayName)</td><td>\(caseCell)</td><td>\(e.detail)</td><td>\(e.address ?? "")</td></tr>"
        }
        return Layout.page(
            title: "Audit trail", section: .audit, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Audit trail</h1>
            <p>Every case opened or changed, every sign-in, export and purge. Entries cannot be changed or deleted. \
            Times are UTC.</p>
            <form method="get" action="/audit" class="app-inline-form">
              <div class="app-form-group"><label class="app-label" for="reference">Case reference</label>
                <input class="app-input app-input--width-20" id="reference" name="reference" type="text" \
            value="\(query.reference)"></div>
              <div class="app-form-group"><label class="app-label" for="username">Username</label>
                <input class="app-input app-input--width-20" id="username" name="username" type="text" \
            value="\(query.username)"></div>
              <div class="app-form-group"><label class="app-label" for="action">Action</label>
                <select class="app-select" id="action" name="action"><option value="">Any \
            action</option>\(options)</select></div>
              <div class="app-form-group"><label class="app-label" for="from">From (YYYY-MM-DD)</label>
                <input class="app-input app-input--width-10" id="from" name="from" type="text" \
            value="\(query.from?.iso ?? "")"></div>
              <div class="app-form-group"><label class="app-label" for="to">To (YYYY-MM-DD)</label>
                <input class="app-input app-input--width-10" id="to" name="to" type="text" \
            value="\(query.to?.iso ?? "")"></div>
              <button type="submit" class="app-button app-button--secondary">Search</button>
            </form>
            <table class="app-table">
              <caption \
            class="app-table__caption">\(entries.count == query.limit ? "Newest \(query.limit) matching entries" : "\(entries.count) matching entr\(entries.count == 1 ? "y" : "ies")")</caption>
              <thead><tr><th scope="col">When (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th \
            scope="col">Case</th><th scope="col">Detail</th><th scope="col">From</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table>
            """)
    }
}
