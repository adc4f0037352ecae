import RedressCore

/// The report inputs page: context measures by year (each row changeable in place) and the
/// annual report's recommendations with a progress form each.
enum ReportInputsView {
    static func render(
        measures: [ContextMeasure], recommendations: [ReportRecommendation], years: [Int], input: FormFields,
        errors: [FieldError], notice: String?
    ) -> HTML {
        let measureRows: [HTML] = measures.sorted {
            ($1.year, $0.serviceArea.rawValue, $0.measure) < ($0.year, $1.serviceArea.rawValue, $1.measure)
        }.enumerated().map { i, m in
            """
            <tr>
              <td>\(FinancialYear(startYear: m.year).description)</td><td>\(m.serviceArea.displayName)</td><th \
            scope="row">\(m.measure)</th>
              <td>
                <form method="post" action="/reports/inputs/context" class="app-inline-form">\(HTML.csrfField)
                  <input type="hidden" name="year" value="\(m.year)"><input type="hidden" name="service-area" \
            value="\(m.serviceArea.rawValue)">
                  <input type="hidden" name="measure" value="\(m.measure)"><input type="hidden" name="previous" \
            value="\(m.value)">
                  <label class="app-visually-hidden" for="value-\(i)">\(m.measure), \
            \(FinancialYear(startYear: m.year).description)</label>
                  <input class="app-input app-input--width-10" id="value-\(i)" name="value" type="text" \
            inputmode="numeric" autocomplete="off" value="\(m.value)">
                  <button type="submit" class="app-button app-button--secondary app-button--small">Change<span \
            class="app-visually-hidden"> \(m.measure), \
            \(FinancialYear(startYear: m.year).description)</span></button>
                </form>
              </td>
            </tr>
            """
        }
        let yearOptions = years.map { ("\($0)", FinancialYear(startYear: $0).description) }
        let areaOptions = ServiceArea.allCases.map { ($0.rawValue, $0.displayName) }
        let banner: HTML =
            notice.map {
                """
                    <div class=\"app-notification\" role=\"region\" aria-labelledby=\"notice-title\"><h2 \
                    class=\"app-notification__title\" id=\"notice-title\">\($0)</h2></div>
                    """
            } ?? ""
        return Layout.page(
            title: "Report inputs", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Report inputs</h1>
            <p class="app-body">What the annual report reads besides the case records. Every other figure is counted from the cases.</p>
            <h2 id="context">Context measures</h2>
            <p class="app-body">Figures from the council's other systems, such as referrals to children's social care, so the report can show complaints per 100 of them.</p>
            \(measureRows.isEmpty ? "<p class=\"app-body\">No measures entered yet.</p>" as HTML : """
              <div class="app-table-wrap"><table class="app-table">
                <caption class="app-visually-hidden">Context measures by year</caption>
                <thead><tr><th scope="col">Year</th><th scope="col">Services</th><th scope="col">Measure</th><th \
              scope="col">Value</th></tr></thead>
                <tbody>\(measureRows)</tbody>
              </table></div>
              """)
            <h3>Add a measure</h3>
            <form method="post" action="/reports/inputs/context" novalidate>\(HTML.csrfField)
              \(CaseActionsView.select("year", label: "Financial year", options: yearOptions,
            selected: input["year"], errors: errors))
              \(CaseActionsView.select("service-area", label: "Services", options: areaOptions,
            selected: input["service-area"], errors: errors))
              \(text("measure", label: "What is measured", hint: "For example: Referrals to children's social care",
            input: input, errors: errors))
              \(text("value", label: "Number", hint: "A whole number, like 4934", input: input, errors: errors,
            width: 10))
              <button type="submit" class="app-button">Save measure</button>
            </form>
            <h2 id="ombudsman">Ombudsman comparison</h2>
            <p class="app-body"><a class="app-link" href="/reports/inputs/ombudsman">Enter the population and \
            similar authorities' Ombudsman figures</a> for the annual report's comparison of upheld decisions per \
            100,000 residents.</p>
            <h2 id="conventions">Counting conventions</h2>
            <p class="app-body"><a class="app-link" href="/reports/conventions">Choose how the reports count</a> \
            where councils differ, or a named council report's conventions.</p>
            <h2 id="recommendations">Recommendations</h2>
            <p class="app-body">The annual report lists the recommendations made in its year, and the progress on the \
            year before's.</p>
            \(recommendations.sorted { ($1.year, $0.title) < ($0.year, $1.title) }.map { recommendation($0,
            errors: errors) })
            <h3>Add a recommendation</h3>
            <form method="post" action="/reports/inputs/recommendations" novalidate>\(HTML.csrfField)
              \(CaseActionsView.select("rec-year", label: "Made in the report for", options: yearOptions,
            selected: input["rec-year"], errors: errors))
              <div class="app-form-group">
                <label class="app-label" for="rec-area">Services (optional)</label>
                \(CaseActionsView.errorMessage("rec-area", errors))
                <select class="app-select" id="rec-area" name="rec-area"><option value="">All \
            services</option>\(areaOptions.map { "<option value=\"\($0.0)\"\(input["rec-area"] == $0.0 ? " selected" : "")>\($0.1)</option>" as HTML })</select>
              </div>
              \(text("rec-title", label: "Title", hint: "For example: Stage 2 recovery plan", input: input,
            errors: errors))
              <div class="app-form-group">
                <label class="app-label" for="rec-detail">What is to be done (optional)</label>
                \(CaseActionsView.errorMessage("rec-detail", errors))
                <textarea class="app-textarea" id="rec-detail" name="rec-detail" \
            rows="4">\(input["rec-detail"])</textarea>
              </div>
              \(CaseActionsView.dateInput("rec-due", legend: "To be completed by (optional)", values: input,
            errors: errors))
              <button type="submit" class="app-button">Add recommendation</button>
            </form>
            """)
    }

    static func text(
        _ name: String, label: String, hint: String, input: FormFields, errors: [FieldError], width: Int? = nil
    ) -> HTML {
        let hasError = errors.contains { $0.field == name }
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              <p class="app-hint" id="\(name)-hint">\(hint)</p>
              \(CaseActionsView.errorMessage(name, errors))
              <input class="app-input\(width.map { " app-input--width-\($0)" } ?? "")\(hasError ? " app-input--error" : "")" id="\(name)" name="\(name)" type="text" autocomplete="off" value="\(input[name])" aria-describedby="\(name)-hint\(hasError ? " \(name)-error" : "")">
            </div>
            """
    }

    static func recommendation(_ r: ReportRecommendation, errors: [FieldError]) -> HTML {
        let options: [HTML] = ReportRecommendation.Status.allCases.map {
            """
                <option value=\"\($0.rawValue)\"\(HTML.attribute("selected",
                $0 == r.status ? "selected" : nil))>\($0.displayName)</option>
                """
        }
        return """
            <div class="app-summary-card">
              <h3>\(r.title) <span class="app-hint-inline">\(FinancialYear(startYear: r.year).description) \
            report\(r.serviceArea.map { ", \($0.displayName)" } ?? "")\(r.dueOn.map { ", due \($0.longDisplay)" } ?? "")</span></h3>
              \(r.detail.isEmpty ? "" : "<p class=\"app-body\">\(r.detail)</p>" as HTML)
              <form method="post" action="/reports/inputs/recommendations/\(r.id)" novalidate>\(HTML.csrfField)
                <input type="hidden" name="version" value="\(r.version)">
                <div class="app-form-group">
                  <label class="app-label" for="status-\(r.id)">Progress</label>
                  \(CaseActionsView.errorMessage("status-\(r.id)", errors))
                  <select class="app-select" id="status-\(r.id)" name="status">\(options)</select>
                </div>
                <div class="app-form-group">
                  <label class="app-label" for="progress-\(r.id)">Progress note</label>
                  <textarea class="app-textarea" id="progress-\(r.id)" name="progress" rows="2">\(r.progress)</textarea>
                </div>
                <button type="submit" class="app-button app-button--secondary">Save progress<span \
            class="app-visually-hidden"> on \(r.title)</span></button>
              </form>
            </div>
            """
    }
}
