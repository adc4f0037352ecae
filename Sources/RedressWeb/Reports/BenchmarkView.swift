import RedressCore

/// The benchmarking pages: this council's figures file to share, the form to compare files from
/// other councils, and the comparison (tables, charts, definitions).
enum BenchmarkView {
    static func form(years: [Int], errors: [FieldError]) -> HTML {
        let links: [HTML] = years.dropFirst().prefix(3).map {
            """
            <li><a class="app-link" href="/reports/benchmark/file?year=\($0)">Download this council's figures for \
            \(FinancialYear(startYear: $0).description)</a></li>
            """
        }
        let hasError = !errors.isEmpty
        return Layout.page(
            title: "Compare councils", section: .statistics, hasErrors: hasError,
            """
            \(Layout.errorSummary(errors))
            <h1>Compare councils</h1>
            <p class="app-body">Councils share their figures for a year on common definitions, whatever each one's \
            own report counts. A figures file holds no personal data: counts from 1 to \
            \(BenchmarkFile.suppressBelow - 1) are withheld, and the council signs it.</p>
            <h2>Share this council's figures</h2>
            <ul class="app-list">\(links)</ul>
            <h2>Compare</h2>
            <form method="post" action="/reports/benchmark" enctype="multipart/form-data" novalidate>\(HTML.csrfField)
              <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                <label class="app-label" for="files">Other councils' figures files</label>
                <p class="app-hint" id="files-hint">Choose one or more files, all for the same year.</p>
                \(CaseActionsView.errorMessage("files", errors))
                <input class="app-file-upload" id="files" name="files" type="file" multiple \
            accept=".json,application/json" \
            aria-describedby="files-hint\(hasError ? " files-error" : "")">
              </div>
              <div class="app-checkboxes__item"><input id="include-own" name="include-own" type="checkbox" value="yes" \
            checked><label class="app-label" for="include-own">Include this council's own figures for that year</label>\
            </div>
              <button type="submit" class="app-button">Compare</button>
            </form>
            """)
    }

    static func comparison(_ report: ComplaintsReport) -> HTML {
        Layout.page(
            title: report.title, section: .statistics,
            """
            \(AnnualReportView.body(report))
            <p class="app-body"><a class="app-link" href="/reports/benchmark">Compare other files</a></p>
            """)
    }
}
