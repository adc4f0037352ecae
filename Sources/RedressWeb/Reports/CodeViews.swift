import RedressCore

/// The Complaint Handling Code pages: the Code's annual report (or the member's quarterly pack)
/// with its downloads, the self-assessment as a task list of provisions, one provision's answer,
/// and the governing body's response.
enum CodeViews {
    static func report(_ report: ComplaintsReport, years: [Int], year: Int, quarter: FinancialQuarter?) -> HTML {
        let options: [HTML] = years.map {
            """
            <option value="\($0)"\(HTML.attribute("selected", $0 == year && quarter == nil ? "selected" : nil))>\
            \(FinancialYear(startYear: $0).description)</option>
            """
        }
        let query = quarter.map { "quarter=\($0.code)" } ?? "year=\(year)"
        let manage: HTML =
            RequestScope.current.viewer?.may(.manageReportInputs) == true && quarter == nil
            ? """
            <li><a class="app-link" href="/reports/code/self-assessment?year=\(year)">Answer the self-assessment \
            for \(FinancialYear(startYear: year).description)</a></li>
            <li><a class="app-link" href="/reports/code/governing-body/\(year)">Record the governing body's \
            response</a></li>
            """ : ""
        let pack = FinancialQuarter(containing: FinancialYear(startYear: year).lastDay)
        return Layout.page(
            title: report.title, section: .statistics,
            """
            <form method="get" action="/reports/code" class="app-inline-form app-no-print">
              <div class="app-form-group"><label class="app-label" for="year">Financial year</label><select \
            class="app-select" id="year" name="year">\(options)</select></div>
              <button type="submit" class="app-button app-button--secondary">Show report</button>
            </form>
            <ul class="app-list app-no-print">
              \(manage)
              <li><a class="app-link" href="/reports/code?\(query)&format=pdf">Download the report to print \
            (PDF)</a></li>
              <li><a class="app-link" href="/reports/code?\(query)&format=docx">Download the report to edit \
            (Word)</a></li>
              <li><a class="app-link" href="/reports/code?\(query)&format=html">Download the report to publish \
            (web page)</a></li>
              <li><a class="app-link" href="/reports/code?quarter=\(pack.code)">The quarterly pack for the Member \
            Responsible for Complaints</a> (\(pack.description))</li>
            </ul>
            \(AnnualReportView.body(report))
            """)
    }

    static func tag(_ answer: CodeSelfAssessment.Answer?) -> HTML {
        switch answer?.status {
        case .compliant: "<strong class=\"app-tag app-tag--green\">Compliant</strong>"
        case .partly: "<strong class=\"app-tag app-tag--yellow\">Partly compliant</strong>"
        case .notCompliant: "<strong class=\"app-tag app-tag--red\">Not compliant</strong>"
        case nil: "<strong class=\"app-tag app-tag--grey\">Not answered</strong>"
        }
    }

    /// The self-assessment as a task list: each provision with its answer's status.
    static func assessment(_ a: CodeSelfAssessment, years: [Int], saved: String?) -> HTML {
        let year = FinancialYear(startYear: a.year)
        let parts = Array(Set(ComplaintHandlingCode.provisions.map(\.part))).sorted()
        let groups: [HTML] = parts.map { part in
            let items: [HTML] = ComplaintHandlingCode.provisions.filter { $0.part == part }.map { p in
                """
                <li class="app-task-list__item"><a class="app-link" \
                href="/reports/code/self-assessment/\(a.year)/\(p.id)">\(p.title)</a> \(tag(a.answers[p.id]))</li>
                """
            }
            return """
                <h2 class="app-task-list__heading app-label--m">Part \(part)</h2>
                <ul class="app-task-list">\(items)</ul>
                """
        }
        let options: [HTML] = years.map {
            """
            <option value="\($0)"\(HTML.attribute("selected", $0 == a.year ? "selected" : nil))>\
            \(FinancialYear(startYear: $0).description)</option>
            """
        }
        let banner: HTML =
            saved.flatMap(ComplaintHandlingCode.provision).map {
                """
                <div class="app-notification" role="region" aria-labelledby="saved-title">
                <h2 class="app-notification__title" id="saved-title">Answer saved: \($0.title)</h2></div>
                """
            } ?? ""
        let done = ComplaintHandlingCode.provisions.count - a.unanswered.count
        return Layout.page(
            title: "Self-assessment against the Complaint Handling Code \(year)", section: .statistics,
            """
            \(banner)
            <span class="app-caption">\(year.description)</span>
            <h1>Self-assessment against the Complaint Handling Code</h1>
            <p class="app-body">Answer each provision for \(year.description): whether the council complies, the \
            evidence, and what it will do where it does not. Redress puts the figures it counts beside your \
            evidence in the report. You have answered \(done) of \(ComplaintHandlingCode.provisions.count).</p>
            <form method="get" action="/reports/code/self-assessment" class="app-inline-form">
              <div class="app-form-group"><label class="app-label" for="year">Financial year</label><select \
            class="app-select" id="year" name="year">\(options)</select></div>
              <button type="submit" class="app-button app-button--secondary">Show</button>
            </form>
            \(groups)
            <p class="app-body"><a class="app-link" href="/reports/code?year=\(a.year)">See the Code's annual \
            report for \(year.description)</a></p>
            """)
    }

    /// One provision: what it asks, what Redress counted, and the answer.
    static func provision(
        _ p: ComplaintHandlingCode.Provision, year: Int, answer: CodeSelfAssessment.Answer?, fields: FormFields?,
        counted: String?, version: String, errors: [FieldError]
    ) -> HTML {
        let status = fields?["status"] ?? answer?.status.rawValue ?? ""
        let evidence = fields?["evidence"] ?? answer?.evidence ?? ""
        let action = fields?["action"] ?? answer?.action ?? ""
        let fy = FinancialYear(startYear: year).description
        let figure: HTML =
            counted.map {
                "<div class=\"app-inset-text\"><p class=\"app-body\">Counted by Redress for \(fy): \($0)</p></div>"
            } ?? ""
        return Layout.page(
            title: "\(p.title): self-assessment \(fy)", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <span class="app-caption">Self-assessment \(fy), part \(p.part)</span>
            <h1>\(p.title)</h1>
            <p class="app-body">\(p.asks)</p>
            \(figure)
            <form method="post" action="/reports/code/self-assessment/\(year)/\(p.id)" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              \(CaseActionsView.radios(
                "status", legend: "Does the council comply?",
                choices: CodeSelfAssessment.Status.allCases.map { ($0.rawValue, $0.displayName) }, selected: status,
                errors: errors, errorField: "status"))
              \(CaseActionsView.textarea(
                "evidence", label: "Evidence", hint: "What shows it: a policy, a check, the figures.",
                value: evidence, errors: errors))
              \(CaseActionsView.textarea(
                "action", label: "Action", hint: "What the council will do, by when. Needed unless it complies.",
                value: action, errors: errors))
              <button type="submit" class="app-button">Save answer</button>
            </form>
            <p class="app-body"><a class="app-link" href="/reports/code/self-assessment?year=\(year)">Back to the \
            self-assessment</a></p>
            """)
    }

    static func governingBody(year: Int, text: String, version: String, errors: [FieldError], saved: Bool) -> HTML {
        let fy = FinancialYear(startYear: year).description
        let banner: HTML =
            saved
            ? """
            <div class="app-notification" role="region" aria-labelledby="saved-title">
            <h2 class="app-notification__title" id="saved-title">The governing body's response is saved</h2></div>
            """ : ""
        return Layout.page(
            title: "The governing body's response \(fy)", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <span class="app-caption">Complaint Handling Code report \(fy)</span>
            <h1>The governing body's response</h1>
            <p class="app-body">The Code asks the council to publish its governing body's response with the annual \
            report. Record what the cabinet or committee said once it has considered the report.</p>
            <form method="post" action="/reports/code/governing-body/\(year)" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              \(CaseActionsView.textarea(
                "response", label: "The response", hint: "As minuted, up to 5,000 characters.", value: text,
                errors: errors))
              <button type="submit" class="app-button">Save the response</button>
            </form>
            <p class="app-body"><a class="app-link" href="/reports/code?year=\(year)">Back to the report</a></p>
            """)
    }
}
