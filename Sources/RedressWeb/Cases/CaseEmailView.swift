import RedressCore

/// The page to email from a case: to, subject (with the reference), the message, and the case's
/// documents to attach, each a checkbox.
enum CaseEmailView {
    static func form(_ r: Representation, values: FormFields, documents: [CaseDocument], errors: [FieldError]) -> HTML {
        let chosen = Set(values.all("attach"))
        let hasAttachError = errors.contains { $0.field == "attach" }
        let boxes: [HTML] = documents.enumerated().map { i, d in
            let id = i == 0 ? "attach" : "attach-\(i + 1)"
            return """
                <div class="app-checkboxes__item"><input id="\(id)" name="attach" type="checkbox" value="\(d.id)"\
                \(HTML(trusted: chosen.contains(d.id) ? " checked" : ""))><label class="app-label" for="\(id)">\
                \(d.filename) <span class="app-hint">(\(d.kind.displayName), \(CorrespondenceViews.size(d.size))\
                \(d.withheld == nil ? "" : "; withheld from subject access"))</span></label></div>
                """
        }
        let attach: HTML =
            documents.isEmpty
            ? ""
            : """
            <div class="app-form-group\(hasAttachError ? " app-form-group--error" : "")">
              <fieldset>
                <legend class="app-label--s">Documents to attach (optional)</legend>
                \(CaseActionsView.errorMessage("attach", errors))
                <div class="app-checkboxes">\(boxes)</div>
              </fieldset>
            </div>
            """
        return Layout.page(
            title: "Send an email: \(r.reference)", section: .cases, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <span class="app-caption">\(r.kind.displayName) \(r.reference)</span>
            <h1>Send an email</h1>
            <form method="post" action="/complaints/\(r.id)/email" novalidate>\(HTML.csrfField)
              \(CouncilDetailsView.input(
                "to", "To", hint: "The complainant's email address, or whoever the email is for.", value: values["to"],
                errors: errors))
              \(CouncilDetailsView.input(
                "subject", "Subject", hint: "Keep the reference in it: a reply that quotes it is filed on this case.",
                value: values["subject"], errors: errors))
              \(CaseActionsView.textarea(
                "message", label: "Message", hint: "Sent as plain text, and kept in the contact log.",
                value: values["message"], errors: errors))
              \(attach)
              <button type="submit" class="app-button">Send the email</button>
            </form>
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            """)
    }
}
