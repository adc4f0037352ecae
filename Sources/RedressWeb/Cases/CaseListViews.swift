import Foundation
import RedressCore
import RedressStorage

/// The case list, "My cases", search results and the list as CSV.
enum CaseListViews {
    typealias Forms = CaseActionsView

    /// The table every list shows: reference, kind, received, service, where it stands, owner,
    /// what is due next.
    static func table(_ rows: [CaseListRoutes.Row], caption: String, names: Bool = false) -> HTML {
        let body: [HTML] = rows.map { row in
            let r = row.representation
            let due: HTML =
                row.next.map { d in
                    let when: HTML = d.dueOn.map { " <span class=\"app-hint-inline\">\($0.shortDisplay)</span>" } ?? ""
                    return "\(d.name)\(when)<br>\(row.nextStatus.map(Layout.statusTag) ?? "")"
                } ?? "–"
            let who: HTML = names ? "<td>\(r.complainant.name ?? "Not given")</td>" : ""
            return """
                <tr>
                  <th scope="row" class="app-reference"><a class="app-link" \
                href="/complaints/\(r.id)">\(r.reference)</a></th>
                  <td>\(r.kind.displayName)</td>\(who)<td>\(r.receivedOn.shortDisplay)</td><td>\(r.serviceArea.displayName)</td>
                  <td>\(row.status)</td><td>\(row.owner)</td><td>\(due)</td>
                </tr>
                """
        }
        let nameHead: HTML = names ? "<th scope=\"col\">From</th>" : ""
        return """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-table__caption">\(caption)</caption>
              <thead><tr><th scope="col">Reference</th><th scope="col">Kind</th>\(nameHead)<th \
            scope="col">Received</th><th scope="col">Service area</th>
                <th scope="col">Where it stands</th><th scope="col">Owner</th><th scope="col">Next \
            deadline</th></tr></thead>
              <tbody>\(body)</tbody>
            </table></div>
            """
    }

    static func list(
        rows: [CaseListRoutes.Row], total: Int, query: CaseListRoutes.Query, mine: Bool, reference: ReferenceData,
        owners: [User]
    ) -> HTML {
        let v = query.values
        func option(_ value: String, _ label: String, _ current: String?) -> HTML {
            "<option value=\"\(value)\"\(value == (current ?? "") ? " selected" : "")>\(label)</option>"
        }
        func select(_ name: String, _ label: String, _ options: [(String, String)]) -> HTML {
            let hasError = query.errors.contains { $0.field == name }
            return """
                <div class="app-form-group\(hasError ? " app-form-group--error" : "")"><label class="app-label" \
                for="\(name)">\(label)</label>
                  \(Forms.errorMessage(name, query.errors))
                  <select class="app-select" id="\(name)" name="\(name)">\(options.map { option($0.0, $0.1,
                v[name]) })</select></div>
                """
        }
        func dateBox(_ name: String, _ label: String) -> HTML {
            let hasError = query.errors.contains { $0.field == name }
            return """
                <div class="app-form-group\(hasError ? " app-form-group--error" : "")"><label class="app-label" \
                for="\(name)">\(label)</label>
                  <p class="app-hint" id="\(name)-hint">For example, 2025-04-01</p>\(Forms.errorMessage(name,
                query.errors))
                  <input class="app-input app-input--width-10" id="\(name)" name="\(name)" type="text" \
                inputmode="numeric" value="\(v[name] ?? "")" aria-describedby="\(name)-hint"></div>
                """
        }
        let services = reference.active(.service, group: query.filter.serviceArea?.rawValue).map { ($0.code, $0.label) }
        var ownerChoices: [(String, String)] = [
            ("", "Anyone or no one"), ("me", "Me"), (RepresentationFilter.nobody, "No one (unassigned)"),
        ]
        ownerChoices += owners.sorted { $0.displayName < $1.displayName }.map { ($0.id, $0.displayName) }
        let filters: HTML = """
            <form method="get" action="\(mine ? Endpoint.myCases.path : Endpoint.cases.path)" class="app-filters" \
            novalidate>
              <h2 class="app-filters__title">Filter</h2>
              \(select("kind", "Kind", [("", "Any kind")] + RepresentationKind.allCases.map { ($0.rawValue,
            $0.displayName) }))
              \(select("area", "Service area", [("", "Any service area")] + ServiceArea.allCases.map { ($0.rawValue,
            $0.displayName) }))
              \(select("service", "Service", [("", "Any service")] + services))
              \(select("status", "Open or closed", [("", "Open and closed"), ("open", "Open"), ("closed", "Closed")]))
              \(mine ? "" : select("owner", "Owner", ownerChoices))
              \(dateBox("received-from", "Received from"))\(dateBox("received-to", "Received to"))
              \(dateBox("closed-from", "Closed from"))\(dateBox("closed-to", "Closed to"))
              <div class="app-form-group"><div class="app-checkboxes"><div class="app-checkboxes__item">
                <input id="overdue" name="overdue" type="checkbox" \
            value="yes"\(v["overdue"] == "yes" ? " checked" : "")><label for="overdue">Overdue only</label>
              </div></div></div>
              \(select("sort", "Order", RepresentationFilter.Sort.allCases.map { ($0.rawValue, $0.displayName) }))
              <button type="submit" class="app-button app-button--secondary">Apply filters</button>
            </form>
            """
        let first = total == 0 ? 0 : (query.page - 1) * CaseListRoutes.pageSize + 1
        let last = min(total, query.page * CaseListRoutes.pageSize)
        func link(page: Int) -> String {
            var items = query.values
            items["page"] = String(page)
            return "?"
                + items.sorted { $0.key < $1.key }.map { "\($0.key)=\(percent($0.value))" }.joined(separator: "&")
        }
        var pager: [HTML] = []
        if query.page > 1 {
            pager.append("<a class=\"app-link\" href=\"\(link(page: query.page - 1))\" rel=\"prev\">Previous page</a>")
        }
        if last < total {
            pager.append("<a class=\"app-link\" href=\"\(link(page: query.page + 1))\" rel=\"next\">Next page</a>")
        }
        var exportItems = query.values
        exportItems.removeValue(forKey: "page")
        if mine { exportItems["owner"] = "me" }
        let export =
            Endpoint.casesExport.path + "?"
            + exportItems.sorted { $0.key < $1.key }.map { "\($0.key)=\(percent($0.value))" }.joined(separator: "&")
        let title = mine ? "My cases" : "Cases"
        let count =
            total == 0
            ? "No cases match"
            : "Showing \(first.grouped) to \(last.grouped) of \(total.grouped) case\(total == 1 ? "" : "s")"
        return Layout.page(
            title: title, section: mine ? .myCases : .cases, hasErrors: !query.errors.isEmpty,
            """
            \(Layout.errorSummary(query.errors))
            <h1>\(title)</h1>
            \(mine ? "<p class=\"app-body\">The cases you own, soonest due first.</p>" as HTML : "")
            <div class="app-list-layout">
              <div class="app-list-layout__filters">\(filters)</div>
              <div class="app-list-layout__results">
                <p class="app-body" id="case-count" role="status"><strong>\(count)</strong></p>
                \(rows.isEmpty ? "" : table(rows, caption: title))
                <nav class="app-pager" aria-label="Pages">\(pager)</nav>
                <p><a class="app-link" href="\(export)">Download this list as CSV</a> (no names or contact details)</p>
              </div>
            </div>
            """)
    }

    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }

    static func search(typed: String, rows: [CaseListRoutes.Row]?) -> HTML {
        let results: HTML
        if let rows {
            results =
                rows.isEmpty
                ? """
                    <p class=\"app-body\" role=\"status\">No cases match “\(typed)”. Check the spelling, or search \
                    for part of a name or reference.</p>
                    """
                : """
                    <p class=\"app-body\" role=\"status\"><strong>\(rows.count) \
                    case\(rows.count == 1 ? "" : "s")</strong> match \
                    “\(typed)”\(rows.count == 50 ? " (the best 50)" : "").</p>\(table(rows,
                    caption: "Cases matching the search", names: true))
                    """
        } else {
            results =
                """
                    <p class=\"app-body\">Search by reference (all or part), the complainant's or the person's name \
                    (or part of it), contact details or words from the summary.</p>
                    """
        }
        return Layout.page(
            title: typed.isEmpty ? "Search cases" : "Search: \(typed)", section: .cases,
            """
            <h1>Search cases</h1>
            <form method="get" action="/search" class="app-search-form" role="search">
              <div class="app-form-group"><label class="app-label" for="search-page-q">Reference, name, contact \
            detail or words</label>
                <input class="app-input" id="search-page-q" name="q" type="search" value="\(typed)" \
            spellcheck="false"></div>
              <button type="submit" class="app-button">Search</button>
            </form>
            \(results)
            """)
    }

    /// The list as CSV: no names, contact details or summaries, so it can be shared for analysis.
    static func csv(_ rows: [CaseListRoutes.Row], reference: ReferenceData) -> String {
        var text = CSV.line([
            "reference", "kind", "service_area", "service", "received_on", "where_it_stands", "stage", "owner",
            "next_deadline", "next_due_on", "closed_on",
        ])
        for row in rows {
            let r = row.representation
            text += CSV.line([
                r.reference, r.kind.rawValue, r.serviceArea.rawValue,
                reference.label(.service, r.serviceCategory, group: r.serviceArea.rawValue),
                r.receivedOn.iso, row.status, row.stage, row.owner, row.next?.name ?? "", row.next?.dueOn?.iso ?? "",
                r.closedOn?.iso ?? "",
            ])
        }
        return text
    }
}
