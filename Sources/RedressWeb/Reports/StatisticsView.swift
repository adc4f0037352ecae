import RedressCore

/// `GET /statistics?year=2021`: the first derived figures, with counting basis and rounding
/// stated under each table (the shape of Hampshire's data appendix Table 2).
enum StatisticsView {
    static func render(
        _ f: FirstFigures, years: [Int], yearError: String?, conventions: CountingConventions = .standard
    ) -> HTML {
        let options: [HTML] = years.map {
            "<option value=\"\($0)\"\($0 == f.year.startYear ? " selected" : "")>\(FinancialYear(startYear: $0).description)</option>"
        }
        let receivedRows: [HTML] = f.received.rows.map {
            """
            <tr><th scope=\"row\">\($0.area.displayName)</th>\
            <td class=\"app-numeric\">\($0.complaints.grouped)</td>\
            <td class=\"app-numeric\">\($0.compliments.grouped)</td>\
            <td class=\"app-numeric\">\($0.comments.grouped)</td></tr>
            """
        }
        let stageTables: [HTML] = f.stageOne.map { t in
            let id = t.times.id
            let rows: [HTML] = [t.withinTen, t.elevenToTwenty, t.overTwenty].enumerated().map { i, band in
                """
                <tr><th scope=\"row\">\(band.label)</th>\(cell("\(id).band\(i + 1)", band.count.grouped))\
                \(cell("\(id).band\(i + 1).share", band.percentage))</tr>
                """
            }
            return """
                <div class="app-table-wrap">
                <table class="app-table">
                  <caption>Stage 1 response times: \(t.procedureName.lowercased())</caption>
                  <thead><tr><th scope="col">Responses</th><th scope="col" class="app-numeric">Number</th><th \
                scope="col" class="app-numeric">Percentage</th></tr></thead>
                  <tbody>\(rows)</tbody>
                  <tfoot>
                    <tr><th scope="row">Total stage 1 responses</th>\(cell("\(id).responses", t.total.grouped))<td \
                class="app-numeric">\(t.total > 0 ? "100%" : "–")</td></tr>
                    <tr><th scope="row">Average working days to respond</th>\
                \(cell("\(id).average", t.average ?? "–"))<td></td></tr>
                  </tfoot>
                </table>
                </div>
                <p class="app-note">Basis: \(t.basis.explanation) \(t.counting) Working days are on the \
                England and Wales calendar; bands include their upper limit. The annual report counts the same way.</p>
                """
        }
        let error: HTML =
            yearError.map {
                """
                <p class=\"app-error-message\" id=\"year-error\"><span \
                class=\"app-visually-hidden\">Error:</span> \($0)</p>
                """
            } ?? ""
        return Layout.page(
            title: "Statistics \(f.year.description)", section: .statistics, hasErrors: yearError != nil,
            """
            <h1>Statistics for \(f.year.description)</h1>
            <p>Financial year \(f.year.longDescription). Every figure is counted from the records.</p>
            <ul class="app-list">
              <li><a class="app-link" href="/reports/annual?year=\(f.year.startYear)">Annual complaints report for \
            \(f.year.description)</a></li>
              <li><a class="app-link" href="/reports/quarterly">Quarterly performance report</a></li>
              <li><a class="app-link" href="/reports/benchmark">Compare councils</a>: share this council's figures \
            on common definitions, and compare other councils' files</li>
              <li><a class="app-link" href="/reports/code?year=\(f.year.startYear)">Complaint Handling Code report \
            for \(f.year.description)</a>: self-assessment, service requests, refusals, the governing body's \
            response</li>
              \(RequestScope.current.viewer?.may(.manageReportInputs) == true ? "<li><a class=\"app-link\" href=\"/reports/inputs\">Report inputs: context measures and recommendations</a></li>" as HTML : "")
            </ul>
            <form class="app-inline-form" method="get" action="/statistics">
              <div class="app-form-group\(yearError == nil ? "" : " app-form-group--error")">
                <label class="app-label" for="year">Financial year</label>
                \(error)
                <select class="app-select" id="year" name="year"\(HTML.attribute("aria-describedby",
            yearError == nil ? nil : "year-error"))>\(options)</select>
              </div>
              <button type="submit" class="app-button app-button--secondary">Show</button>
            </form>
            <div class="app-table-wrap">
            <table class="app-table">
              <caption>Representations received by service area</caption>
              <thead><tr><th scope="col">Service area</th><th scope="col" class="app-numeric">Complaints</th><th \
            scope="col" class="app-numeric">Compliments</th><th scope="col" \
            class="app-numeric">Comments</th></tr></thead>
              <tbody>\(receivedRows)</tbody>
              <tfoot><tr><th scope="row">Total</th>\
            \(cell("received.complaint.\(f.year.startYear)", f.received.totalComplaints.grouped))\
            \(cell("received.compliment.\(f.year.startYear)", f.received.totalCompliments.grouped))\
            \(cell("received.comment.\(f.year.startYear)", f.received.totalComments.grouped))</tr></tfoot>
            </table>
            </div>
            <p class="app-note">Basis: \(f.received.basis.explanation)</p>
            \(stageTables)
            <p class="app-note">\(f.rounding.statement)</p>
            <p class="app-note">Counting conventions: \(conventionsName(conventions)), as the annual and \
            quarterly reports count.</p>
            """)
    }

    /// The conventions' name, a link to choose them for those who may.
    static func conventionsName(_ conventions: CountingConventions) -> HTML {
        RequestScope.current.viewer?.may(.manageReportInputs) == true
            ? "<a class=\"app-link\" href=\"/reports/conventions\">\(conventions.name)</a>" : "\(conventions.name)"
    }

    /// A numeric cell carrying its figure id, as the annual report names the figure: the test
    /// that holds every view to one definition reads these.
    static func cell(_ id: String, _ value: String) -> HTML {
        "<td class=\"app-numeric\" data-figure=\"\(id)\">\(value)</td>"
    }
}
