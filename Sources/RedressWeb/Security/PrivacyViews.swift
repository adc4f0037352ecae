import RedressCore
import RedressStorage

enum SubjectAccessView {
    static func form(name: String, errors: [FieldError]) -> HTML {
        let errorLine: HTML =
            errors.first.map {
                """
                <p id=\"name-error\" class=\"app-error-message\"><span \
                class=\"app-visually-hidden\">Error:</span> \($0.message)</p>
                """
            } ?? ""
        return Layout.page(
            title: "Subject access request", section: .privacy, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Subject access request</h1>
            <p>Find everything Redress holds about a person: cases where they are the complainant, the person the \
            case is about or the advocate, and cases that mention their name in free text.</p>
            <form method="post" action="/subject-access" novalidate>
              \(HTML.csrfField)
              <div class="\(errors.isEmpty ? "app-form-group" : "app-form-group app-form-group--error")">
                <label class="app-label" for="name">Full name</label>
                <p class="app-hint" id="name-hint">Capital letters, accents and punctuation are ignored; word order \
            is not.</p>
                \(errorLine)
                <input class="app-input" id="name" name="name" type="text" value="\(name)" autocomplete="off" \
            spellcheck="false" aria-describedby="name-hint\(errors.isEmpty ? "" : " name-error")">
              </div>
              <button type="submit" class="app-button">Search</button>
            </form>
            """)
    }

    static func results(name: String, hits: [SubjectAccessHit]) -> HTML {
        let rows: [HTML] = hits.map { h in
            let basis = h.basis.map {
                $0 == .freeText ? "named in " + h.freeTextFields.joined(separator: ", ") : $0.rawValue
            }.joined(separator: "; ")
            let review: HTML =
                h.needsReview
                ? "<strong class=\"app-tag app-tag--orange\">Check before disclosing</strong>"
                : "<strong class=\"app-tag app-tag--green\">Direct match</strong>"
            return
                """
                <tr><td><a class=\"app-link\" \
                href=\"/complaints/\(h.representationID)\">\(h.reference)</a></td><td>\(basis)</td>\
                <td>\(review)</td></tr>
                """
        }
        func export(_ format: String, _ label: String) -> HTML {
            """
            <form method="post" action="/subject-access/export">\(HTML.csrfField)<input type="hidden" name="name" \
            value="\(name)"><input type="hidden" name="format" value="\(format)">
            <button type="submit" class="app-button app-button--secondary">\(label)</button></form>
            """
        }
        return Layout.page(
            title: "Subject access results", section: .privacy,
            """
            <h1>Subject access: \(hits.count) case\(hits.count == 1 ? "" : "s")</h1>
            <p>Searched for <strong>\(name)</strong>. Cases found only by a mention in free text may be about someone \
            else with the same name: check them, and redact other people's data, before disclosing.</p>
            <table class="app-table">
              <caption>Cases holding data about this person</caption>
              <thead><tr><th scope="col">Case</th><th scope="col">How they appear</th><th \
            scope="col">Review</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table>
            <div class="app-inline-form">\(export("html", "Download as a readable document"))\(export("json",
            "Download as JSON"))</div>
            <p><a class="app-link" href="/subject-access">Search for someone else</a></p>
            """)
    }

    /// The readable export: a standalone document the officer can check, redact and send.
    static func document(_ d: SubjectAccessDocument, casework: Casework) -> HTML {
        let sections: [HTML] = d.cases.map { c in
            let r = c.representation
            func row(_ label: String, _ value: String?) -> HTML {
                guard let value, !value.isEmpty else { return "" }
                return "<tr><th scope=\"row\">\(label)</th><td>\(value)</td></tr>"
            }
            let stages: [HTML] = r.stages.map { s in
                let milestones = s.milestones.sorted { $0.value < $1.value }.map {
                    "\($0.key.rawValue) \($0.value.longDisplay)"
                }.joined(separator: "; ")
                return
                    "<tr><td>\(s.key)</td><td>\(s.openedOn.longDisplay)</td><td>\(milestones)</td><td>\(s.outcome.map { casework.reference.label(.outcome, $0) } ?? "")</td></tr>"
            }
            let text: [HTML] = SubjectAccess.freeText(of: r).filter { !$0.text.isEmpty }.map {
                "<tr><th scope=\"row\">\($0.field)</th><td>\($0.text)</td></tr>"
            }
            let history: [HTML] = c.history.map {
                "<tr><td>\($0.recordedAt)</td><td>\($0.recordedBy)</td><td>\($0.summary)</td></tr>"
            }
            let contacts: [HTML] = c.contacts.map {
                """
                <tr><td>\($0.occurredOn.longDisplay)</td><td>\($0.kind.displayName)</td><td>\($0.withWhom)</td>\
                <td>\($0.summary)</td></tr>
                """
            }
            // Each file is in the export itself, so the one file answers the request.
            let documents: [HTML] = c.documents.map {
                """
                <li><a download="\($0.filename)" href="data:\($0.mediaType);base64,\($0.base64)">\($0.filename)</a> \
                (\($0.kind), \($0.size) bytes)</li>
                """
            }
            return """
                <section>
                <h2>\(r.reference)\(c.needsReview ? " (named in free text: check before disclosing)" : "")</h2>
                <table><tbody>
                \(row("Kind", r.kind.displayName))\(row("Service area", r.serviceArea.displayName))\(row("Received",
                r.receivedOn.longDisplay))
                \(row("Complainant", r.complainant.name))\(row("Contact details", r.complainant.contact))
                \(row("Relationship", casework.reference.label(.relationship,
                r.complainant.relationship)))\(row("Advocate", r.complainant.advocate))
                \(row("About", r.subjectName))\(row("Service", casework.reference.label(.service, r.serviceCategory)))
                \(row("Personal data removed", r.purgedOn?.longDisplay))
                </tbody></table>
                <h3>Stages</h3>
                <table><thead><tr><th scope="col">Stage</th><th scope="col">Opened</th><th \
                scope="col">Milestones</th><th scope="col">Outcome</th></tr></thead><tbody>\(stages)</tbody></table>
                <h3>What was written</h3>
                <table><tbody>\(text)</tbody></table>
                <h3>History</h3>
                <table><thead><tr><th scope="col">When (UTC)</th><th scope="col">By</th><th \
                scope="col">What</th></tr></thead><tbody>\(history)</tbody></table>
                <h3>Contact log</h3>
                <table><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">With</th><th \
                scope="col">Said or done</th></tr></thead><tbody>\(contacts)</tbody></table>
                <h3>Documents</h3>
                <ul>\(documents)</ul>
                </section>
                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><title>Subject access: \(d.requestedName)</title></head>
            <body>
            <h1>Information held about \(d.requestedName)</h1>
            <p>Prepared on \(d.generatedOn.longDisplay) by \(d.generatedBy). \(d.cases.count) \
            case\(d.cases.count == 1 ? "" : "s").</p>
            \(sections)
            </body></html>
            """
    }
}

enum RetentionView {
    static func render(
        schedule: RetentionSchedule, due: [RetentionDue], today: CalendarDate, purged: Int?, error: FieldError?
    ) -> HTML {
        let rules: [HTML] = schedule.rules.map { r in
            "<tr><td>\(r.serviceArea.displayName)</td><td>\(r.kinds.map { $0.map(\.displayName).joined(separator: ", ") } ?? "All kinds")</td><td class=\"app-numeric\">\(r.yearsAfterClosure)</td></tr>"
        }
        let rows: [HTML] = due.map { d in
            "<tr><td>\(d.reference)</td><td>\(d.kind.displayName)</td><td>\(d.closedOn.shortDisplay)</td><td>\(d.destroyAfter.shortDisplay)</td></tr>"
        }
        let notice: HTML =
            purged.map {
                """
                <div class=\"app-notification\" role=\"status\"><p class=\"app-notification__title\">Personal \
                data removed from \($0) case\($0 == 1 ? "" : "s")</p></div>
                """
            } ?? ""
        let errorLine: HTML =
            error.map {
                """
                <p id=\"confirm-error\" class=\"app-error-message\"><span \
                class=\"app-visually-hidden\">Error:</span> \($0.message)</p>
                """
            } ?? ""
        let purgeForm: HTML =
            due.isEmpty
            ? "<p>Nothing is due for destruction today.</p>"
            : """
            <form method="post" action="/retention/purge" novalidate>
              \(HTML.csrfField)
              <div class="\(error == nil ? "app-form-group" : "app-form-group app-form-group--error")">
                \(errorLine)
                <div class="app-radios__item"><input id="confirm" name="confirm" type="checkbox" \
            value="yes"\(HTML.attribute("aria-describedby", error == nil ? nil : "confirm-error"))>
                <label for="confirm">Remove the personal data from these \(due.count) \
            case\(due.count == 1 ? "" : "s"). This cannot be undone.</label></div>
              </div>
              <button type="submit" class="app-button app-button--warning">Purge \(due.count) \
            case\(due.count == 1 ? "" : "s")</button>
            </form>
            """
        return Layout.page(
            title: "Retention", section: .privacy, hasErrors: error != nil,
            """
            \(Layout.errorSummary(error.map { [$0] } ?? []))
            \(notice)
            <h1>Retention</h1>
            <p>Closed cases keep their personal data for the years below after the last thing that happened on them. \
            The purge removes names, contact details and everything written; it keeps the reference, dates, codes and \
            outcomes so earlier years' reports still add up.</p>
            <table class="app-table"><caption>Schedule</caption>
              <thead><tr><th scope="col">Service area</th><th scope="col">Kinds</th><th scope="col" \
            class="app-numeric">Years after closure</th></tr></thead>
              <tbody>\(rules)</tbody></table>
            <table class="app-table"><caption>Due for destruction on \(today.shortDisplay): \(due.count)</caption>
              <thead><tr><th scope="col">Reference</th><th scope="col">Kind</th><th scope="col">Closed</th><th \
            scope="col">Keep until</th></tr></thead>
              <tbody>\(rows)</tbody></table>
            \(purgeForm)
            """)
    }
}
