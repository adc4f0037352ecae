import RedressCore

/// The contact log's pages: one form to add an entry (or correct one's own), with the entry's
/// earlier versions below when correcting.
enum ContactLogViews {
    /// The form's values: from a saved entry, from today, or as sent.
    static func values(_ entry: ContactEntry) -> FormFields {
        FormFields(values: [
            "kind": entry.kind.rawValue, "direction": entry.direction.rawValue,
            "occurred-on-day": String(entry.occurredOn.day), "occurred-on-month": String(entry.occurredOn.month),
            "occurred-on-year": String(entry.occurredOn.year), "with-whom": entry.withWhom, "summary": entry.summary,
            "version": String(entry.version),
        ])
    }

    static func blank(today: CalendarDate) -> FormFields {
        FormFields(values: [
            "kind": "call", "direction": ContactEntry.Direction.incoming.rawValue, "occurred-on-day": String(today.day),
            "occurred-on-month": String(today.month), "occurred-on-year": String(today.year),
        ])
    }

    static func form(
        _ r: Representation, values: FormFields, errors: [FieldError], editing: ContactEntry?,
        history: [ContactEntry]
    ) -> HTML {
        let action = editing.map { "/complaints/\(r.id)/contacts/\($0.id)" } ?? "/complaints/\(r.id)/contacts"
        let title = editing == nil ? "Add to the contact log" : "Correct a contact log entry"
        let button = editing == nil ? "Add to the contact log" : "Save the correction"
        let earlier: [HTML] = history.dropFirst().map {
            """
            <li><strong>Version \($0.version)</strong>, \(CorrespondenceViews.when($0.recordedAt)): \
            \($0.kind.displayName), \($0.occurredOn.longDisplay)\($0.withWhom.isEmpty ? "" : ", with \($0.withWhom)"): \
            \($0.summary)</li>
            """
        }
        let earlierList: HTML =
            earlier.isEmpty
            ? "" : "<h2 class=\"app-heading-m\">Earlier versions</h2><ul class=\"app-list\">\(earlier)</ul>"
        return Layout.page(
            title: "\(title): \(r.reference)", section: .cases, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <span class="app-caption">\(r.kind.displayName) \(r.reference)</span>
            <h1>\(title)</h1>
            <form method="post" action="\(action)" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(values["version"])">
              \(CaseActionsView.radios(
                "kind", legend: "What was it?",
                choices: ContactEntry.Kind.allCases.map { ($0.rawValue, $0.displayName) },
                selected: values["kind"], errors: errors, errorField: "kind"))
              \(CaseActionsView.radios(
                "direction", legend: "Was it received or sent?",
                choices: ContactEntry.Direction.allCases.map { ($0.rawValue, $0.displayName) },
                selected: values["direction"], errors: errors, errorField: "direction"))
              \(CaseActionsView.dateInput("occurred-on", legend: "When was it?", values: values, errors: errors))
              \(CouncilDetailsView.input(
                "with-whom", "Who was it with? (optional)",
                hint: "For example: the complainant, or the team manager of the Northern locality.",
                value: values["with-whom"], errors: errors))
              \(CaseActionsView.textarea(
                "summary", label: "What was said or done",
                hint: "Written for the record: the team, and the complainant by subject access, may read it.",
                value: values["summary"], errors: errors))
              <button type="submit" class="app-button">\(button)</button>
            </form>
            \(earlierList)
            <p class="app-body"><a class="app-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            """)
    }

    /// The entry as read from the form, and what is wrong with it.
    static func entry(
        from fields: FormFields, id: String, r: Representation, author: (username: String, name: String),
        today: CalendarDate
    ) -> (ContactEntry?, [FieldError]) {
        var errors: [FieldError] = []
        let kind = ContactEntry.Kind(rawValue: fields["kind"])
        if kind == nil { errors.append(FieldError(field: "kind", message: "Select what it was")) }
        let direction = ContactEntry.Direction(rawValue: fields["direction"])
        if direction == nil {
            errors.append(FieldError(field: "direction", message: "Select whether it was received or sent"))
        }
        var day: CalendarDate?
        switch fields.date("occurred-on", label: "The date", today: today) {
        case .success(let d): day = d
        case .failure(let e): errors.append(e)
        }
        let text = fields["summary"].replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let candidate = ContactEntry(
            id: id, representationID: r.id, kind: kind ?? .note, direction: direction ?? .none,
            occurredOn: day ?? today, withWhom: fields["with-whom"].trimmingCharacters(in: .whitespaces),
            summary: text, author: author.username, authorName: author.name)
        errors += candidate.problems(today: today).filter { p in !errors.contains { $0.field.hasPrefix(p.field) } }
            .map { FieldError(field: $0.field, message: $0.message) }
        guard errors.isEmpty, kind != nil, direction != nil, day != nil else { return (nil, errors) }
        return (candidate, [])
    }
}
