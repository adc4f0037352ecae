import RedressCore

/// The annual report as one accessible, print-ready HTML page: findings in words, each table
/// with its basis and notes, and a bar chart (SVG, described by its table) for every table of
/// shares. Used in the web app and, standalone, by `redress report annual --format html`.
enum AnnualReportView {
    /// The report's body: headings from h1, chart before each table of shares.
    static func body(_ report: ComplaintsReport) -> HTML {
        let sections: [HTML] = report.sections.map { section in
            let findings: [HTML] = section.findings.map { "<li>\($0)</li>" }
            let tables: [HTML] = section.tables.map { table(section: section.id, $0) }
            let list: HTML = findings.isEmpty ? "" : "<ul class=\"app-list\">\(findings)</ul>"
            return """
                <section class="app-report-section" aria-labelledby="section-\(section.id)">
                  <h2 id="section-\(section.id)">\(section.title)</h2>
                  \(list)
                  \(tables)
                </section>
                """
        }
        let years = report.earlierYears.isEmpty ? "" : " Compared with \(report.earlierYears.joined(separator: ", "))."
        return """
            <h1>\(report.title)</h1>
            <p class="app-body">\(report.firstDay.longDisplay) to \(report.lastDay.longDisplay).\(years) Every figure \
            is counted from the case records in Redress.</p>
            <p class="app-note">\(report.rounding)</p>
            \(sections)
            """
    }

    static func table(section: String, _ t: ReportTable) -> HTML {
        // Words (a self-assessment's answers) read from the left; figures line up on the right.
        let words = Set(
            t.columns.indices.filter { i in
                t.rows.contains { $0.cells.indices.contains(i) && $0.cells[i].kind == .text }
            })
        let head: [HTML] = t.columns.enumerated().map { i, column in
            "<th scope=\"col\"\(HTML(trusted: words.contains(i) ? "" : " class=\"app-numeric\""))>\(column)</th>"
        }
        let rows: [HTML] = t.rows.map { row in
            let cells: [HTML] = row.cells.map {
                "<td\(HTML(trusted: $0.kind == .text ? "" : " class=\"app-numeric\""))>\($0.display)</td>"
            }
            return "<tr><th scope=\"row\">\(row.label)</th>\(cells)</tr>"
        }
        let notes: [HTML] = t.notes.map { "<p class=\"app-note\">\($0)</p>" }
        return """
            <h3 id="table-\(t.id)">\(t.title)</h3>
            \(chart(t))
            <div class="app-table-wrap"><table class="app-table" aria-labelledby="table-\(t.id)">
              <thead><tr><th scope="col">\(Self.rowHeading(t))</th>\(head)</tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            <p class="app-note">Basis: \(t.basis.explanation)</p>
            \(notes)
            """
    }

    /// A horizontal bar chart of a table's shares, or nothing when it has none to draw.
    static func chart(_ t: ReportTable) -> HTML {
        let bars = t.chartBars.map { ($0.label, $0.value, $0.display) }
        guard !bars.isEmpty else { return "" }
        let rowHeight = 28, labelWidth = 430, barWidth = 300
        let height = bars.count * rowHeight + 10
        let items: [HTML] = bars.enumerated().map { i, bar in
            let y = i * rowHeight + 5
            let width = Int((bar.1 * Double(barWidth)).rounded())
            let label = bar.0.count > 60 ? String(bar.0.prefix(59)) + "…" : bar.0
            return """
                <text x="\(labelWidth - 8)" y="\(y + 17)" text-anchor="end">\(label)</text>\
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(max(width, 1))" height="18" class="app-bar"></rect>\
                <text x="\(labelWidth + max(width, 1) + 6)" y="\(y + 17)">\(bar.2)</text>
                """
        }
        let measure = t.chartMeasure.map { ": \($0)" } ?? ""
        let caption: HTML =
            t.chartMeasure.map { "<figcaption class=\"app-note\">The chart shows: \($0)</figcaption>" } ?? ""
        return """
            <figure class="app-chart">
            <svg role="img" aria-label="Bar chart: \(t.title)\(measure). The same figures are in the table below." \
            viewBox="0 0 \(labelWidth + barWidth + 60) \(height)" width="100%" preserveAspectRatio="xMinYMin meet" \
            focusable="false">\(items)</svg>\(caption)
            </figure>
            """
    }

    /// The page inside the application's layout, with the choices of year, scope and format.
    static func page(
        _ report: ComplaintsReport, years: [Int], selected: Int, scope: ReportScope, rounding: Rounding
    ) -> HTML {
        let yearOptions: [HTML] = years.map {
            """
            <option value=\"\($0)\"\(HTML.attribute("selected",
                $0 == selected ? "selected" : nil))>\(FinancialYear(startYear: $0).description)</option>
            """
        }
        return framed(
            report, action: "/reports/annual",
            choice: """
                <div class="app-form-group"><label class="app-label" for="year">Financial year</label><select \
                class="app-select" id="year" name="year">\(yearOptions)</select></div>
                """, query: "year=\(selected)", scope: scope, rounding: rounding, committee: true)
    }

    /// The quarterly performance report page, with the choices of quarter, scope and format.
    static func quarterlyPage(
        _ report: ComplaintsReport, quarters: [FinancialQuarter], selected: FinancialQuarter, scope: ReportScope,
        rounding: Rounding
    ) -> HTML {
        let options: [HTML] = quarters.map {
            """
            <option value=\"\($0.code)\"\(HTML.attribute("selected",
                $0 == selected ? "selected" : nil))>\($0.description) (\($0.firstDay.longDisplay) to \
            \($0.lastDay.longDisplay))</option>
            """
        }
        return framed(
            report, action: "/reports/quarterly",
            choice: """
                <div class="app-form-group"><label class="app-label" for="quarter">Quarter</label><select \
                class="app-select" id="quarter" name="quarter">\(options)</select></div>
                """, query: "quarter=\(selected.code)", scope: scope, rounding: rounding)
    }

    private static func framed(
        _ report: ComplaintsReport, action: String, choice: HTML, query: String, scope: ReportScope, rounding: Rounding,
        committee: Bool = false
    ) -> HTML {
        let decimals: [HTML] = [(0, "Whole numbers"), (1, "One decimal place")].map {
            """
            <option value=\"\($0.0)\"\(HTML.attribute("selected",
                $0.0 == rounding.percentDecimals ? "selected" : nil))>\($0.1)</option>
            """
        }
        let scopeOptions: [HTML] = ReportScope.allCases.map {
            """
            <option value=\"\($0.rawValue)\"\(HTML.attribute("selected",
                $0 == scope ? "selected" : nil))>\($0.displayName)</option>
            """
        }
        let annualShape = "a chapter for each service and every table in an appendix"
        let quarterlyShape = "a summary and a chapter for each part of the quarter's figures"
        let link = { (format: String) in
            "\(action)?\(query)&scope=\(scope.rawValue)&decimals=\(rounding.percentDecimals)&format=\(format)"
        }
        return Layout.page(
            title: report.title, section: .statistics,
            """
            <form method="get" action="\(action)" class="app-inline-form app-no-print">
              \(choice)
              <div class="app-form-group"><label class="app-label" for="scope">Services</label><select \
            class="app-select" id="scope" name="scope">\(scopeOptions)</select></div>
              <div class="app-form-group"><label class="app-label" for="decimals">Percentages</label><select \
            class="app-select" id="decimals" name="decimals">\(decimals)</select></div>
              <button type="submit" class="app-button app-button--secondary">Show report</button>
            </form>
            <ul class="app-list app-no-print">
              \(committee && RequestScope.current.viewer?.may(.manageReportInputs) == true ? """
            <li><a class="app-link" href="/reports/annual/commentary?\(query)&scope=\(scope.rawValue)">Write the \
            commentary</a> for each chapter of the committee report</li>
            <li><a class="app-link" href="/reports/annual/template">Choose the chapters</a>: their order, titles and \
            which are printed</li>
            <li><a class="app-link" href="/reports/conventions">Choose the counting conventions</a>: stage 0, the \
            Ombudsman as a stage, outcomes of complaints received or closed</li>
            """ as HTML : "")
              <li><a class="app-link" href="\(link("pdf"))">Download the report to print (PDF)</a>: cover, \
            contents, \(committee ? annualShape : quarterlyShape)</li>
              <li><a class="app-link" href="\(link("html"))">Download the report as a web page (HTML)</a> to \
            publish on the council's website</li>
              <li><a class="app-link" href="\(link("docx"))">Download as a Word document (DOCX) to edit for \
            committee</a></li>
              <li><a class="app-link" href="\(link("xlsx"))">Download the tables as a spreadsheet (XLSX, a sheet per \
            table)</a></li>
              <li><a class="app-link" href="\(link("csv"))">Download every figure as CSV</a> or <a class="app-link" \
            href="\(link("json"))">JSON</a></li>
            </ul>
            \(body(report))
            """)
    }

    /// Said instead of a PDF when the server has no Chromium to print with.
    static func noPDF(name: String) -> HTML {
        Layout.page(
            title: "The PDF cannot be made on this server", section: .statistics,
            """
            <h1>The PDF cannot be made on this server</h1>
            <p class="app-body">Redress prints reports to PDF with Chromium, which is not installed on this \
            server (on Debian: <code>apt-get install chromium</code>). Download the report as a web page \
            instead and print it to PDF from your browser: it is laid out for printing, with a contents list \
            and page numbers in the footer.</p>
            <p class="app-body"><a class="app-link" href="/reports/annual">Go back to the annual report</a></p>
            """)
    }

    /// A standalone document (for the command line and downloads): the report with its own styles.
    static func standalone(_ report: ComplaintsReport) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, \
        initial-scale=1">
        <title>\(report.title)</title>
        <style>\(HTML(trusted: Stylesheet.css))</style>
        </head><body><main class="app-width-container app-main">
        \(body(report))
        </main></body></html>
        """
    }

    /// The heading over a table's row labels: the Ombudsman's decisions, or the councils compared.
    static func rowHeading(_ t: ReportTable) -> String {
        t.id == "lgsco-letter" ? "Council" : t.basis == .decidedInPeriod ? "Decision" : ""
    }
}
