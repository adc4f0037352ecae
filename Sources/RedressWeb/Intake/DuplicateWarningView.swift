import RedressCore

/// Shown instead of saving when the case being recorded may already be recorded: the possible
/// duplicates, a link to each, and the same form sent again to record it anyway.
enum DuplicateWarningView {
    static func render(fields: FormFields, rows: [CaseListRoutes.Row], form: NewComplaintView.Form) -> HTML {
        let hidden: [HTML] = fields.values.keys.sorted().filter { $0 != "csrf" && $0 != "not-a-duplicate" }.flatMap {
            key in
            fields.all(key).map { "<input type=\"hidden\" name=\"\(key)\" value=\"\($0)\">" as HTML }
        }
        return Layout.page(
            title: "This may already be recorded", section: .newComplaint,
            """
            <h1>This may already be recorded</h1>
            <div class="app-warning-text"><strong>Nothing has been saved yet.</strong> \
            \(rows.count == 1 ? "A case" : "\(rows.count) cases") from the same person about the same service area \
            \(rows.count == 1 ? "was" : "were") received recently.</div>
            \(CaseListViews.table(rows, caption: "Possible duplicates", names: true))
            <p class="app-body">If it is one of these, go to that case instead. If it is new, record it: you can link \
            it to the other case, or merge it later.</p>
            <form method="post" action="/complaints" novalidate>\(HTML.csrfField)
              \(hidden)
              <input type="hidden" name="not-a-duplicate" value="yes">
              <div class="app-button-group">
                <button type="submit" class="app-button">Record it as a new case</button>
                <a class="app-link" href="\(form == .compliment ? "/compliments/new" : "/complaints/new")">Start \
            again</a>
              </div>
            </form>
            """)
    }
}
