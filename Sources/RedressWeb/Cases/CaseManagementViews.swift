import RedressCore
import RedressStorage

/// The casework pages: correct the details, the owner, links and merging a duplicate.
enum CaseManagementViews {
    typealias Forms = CaseActionsView

    private static func frame(_ r: Representation, title: String, errors: [FieldError], _ body: HTML) -> HTML {
        Layout.page(
            title: "\(title) – \(r.reference)", section: .cases, hasErrors: !errors.isEmpty,
            """
            <p><a class="app-back-link" href="/complaints/\(r.id)">Back to \(r.reference)</a></p>
            \(Layout.errorSummary(errors))
            <span class="app-caption">\(r.kind.displayName) \(r.reference)</span>
            <h1>\(title)</h1>
            \(body)
            """)
    }

    private static func buttons(_ r: Representation, _ label: String) -> HTML {
        """
        <div class="app-button-group">
          <button type="submit" class="app-button">\(label)</button>
          <a class="app-link" href="/complaints/\(r.id)">Cancel</a>
        </div>
        """
    }

    /// The form's value for a field: what was typed, else what the case holds.
    private static func value(_ field: DetailField, _ r: Representation, _ fields: FormFields) -> String {
        fields.values[field.rawValue] != nil ? fields[field.rawValue] : field.value(of: r) ?? ""
    }

    static func details(_ r: Representation, reference: ReferenceData, fields: FormFields, errors: [FieldError]) -> HTML
    {
        var parts: [HTML] = []
        for field in CaseManagementForms.fields(for: r) {
            let current = value(field, r, fields)
            switch field {
            case .service:
                parts.append(
                    Forms.select(
                        field.rawValue, label: field.displayName,
                        options: reference.active(.service, group: r.serviceArea.rawValue).map { ($0.code, $0.label) },
                        selected: current, errors: errors))
            case .method, .relationship:
                parts.append(
                    Forms.select(
                        field.rawValue, label: field.displayName,
                        options: reference.active(field.list!).map { ($0.code, $0.label) },
                        selected: current, errors: errors))
            case .childOrYoungPerson, .quoteConsent:
                parts.append(
                    Forms.radios(
                        field.rawValue, legend: field.displayName, choices: [("yes", "Yes"), ("no", "No")],
                        selected: current,
                        errors: errors, errorField: field.rawValue))
            case .summary, .publicationQuote, .contact:
                parts.append(
                    Forms.textarea(field.rawValue, label: field.displayName, hint: nil, value: current, errors: errors))
            default:
                parts.append(
                    CaseRecordsView.textInput(field.rawValue, label: field.displayName, value: current, errors: errors))
            }
        }
        return frame(
            r, title: "Correct the details", errors: errors,
            """
            <p class="app-body">Change what was recorded wrongly. Each change, what it was before and your reason are \
            kept in the record of changes.</p>
            <form method="post" action="/complaints/\(r.id)/details" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(r.version)">
              \(parts)
              \(Forms.textarea("reason", label: "Why the details are being changed",
            hint: "For example: the name was misspelt on the phone.", value: fields["reason"], errors: errors))
              \(buttons(r, "Save changes"))
            </form>
            """)
    }

    static func owner(_ r: Representation, owners: [User], fields: FormFields, errors: [FieldError]) -> HTML {
        let chosen = fields.values["owner"] != nil ? fields["owner"] : (r.owner ?? RepresentationFilter.nobody)
        let choices =
            owners.sorted { $0.displayName < $1.displayName }.map {
                ($0.id, "\($0.displayName) (\($0.role.displayName.lowercased()))")
            }
            + [(RepresentationFilter.nobody, "No one (unassigned)")]
        let noEmail = owners.filter { $0.email == nil }.map(\.displayName)
        let hint: HTML =
            noEmail.isEmpty
            ? ""
            : """
                <p class=\"app-hint\">\(noEmail.joined(separator: ", ")) will not get an email: no address is \
                recorded for them (Users).</p>
                """
        return frame(
            r, title: "Who owns \(r.reference)", errors: errors,
            """
            <form method="post" action="/complaints/\(r.id)/owner" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(r.version)">
              \(Forms.radios("owner", legend: "Owner", choices: choices, selected: chosen, errors: errors,
            errorField: "owner"))
              <p class="app-hint">The owner sees the case on My cases and is sent a notice by email. The change is \
            kept in the record of changes.</p>
              \(hint)
              \(buttons(r, "Save owner"))
            </form>
            """)
    }

    static func links(_ r: Representation, fields: FormFields, errors: [FieldError]) -> HTML {
        let existing: [HTML] = r.records.links.filter { CaseLink.Kind.chosen.contains($0.kind) }.map { link in
            """
            <li>\(link.kind.displayName) <a class="app-link" \
            href="/complaints/\(link.representationID)">\(link.reference)</a>
              <form method="post" action="/complaints/\(r.id)/links/\(link.representationID)/remove" \
            class="app-inline-form">\(HTML.csrfField)
                <input type="hidden" name="version" value="\(r.version)">
                <button type="submit" class="app-button app-button--secondary app-button--small">Remove link<span \
            class="app-visually-hidden"> to \(link.reference)</span></button>
              </form></li>
            """
        }
        return frame(
            r, title: "Link \(r.reference) to another case", errors: errors,
            """
            \(existing.isEmpty ? "" : "<h2>Linked now</h2><ul class=\"app-list\">\(existing)</ul>" as HTML)
            <form method="post" action="/complaints/\(r.id)/links" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(r.version)">
              \(CaseRecordsView.textInput("reference", label: "The other case's reference",
            value: fields["reference"], errors: errors))
              \(Forms.radios("kind", legend: "How are they linked?", choices: CaseLink.Kind.chosen.map { ($0.rawValue, "\($0.displayName) the other case") },
                             selected: fields["kind"], errors: errors, errorField: "kind"))
              \(buttons(r, "Link the cases"))
            </form>
            """)
    }

    static func merge(_ r: Representation, fields: FormFields, errors: [FieldError]) -> HTML {
        frame(
            r, title: "Merge \(r.reference) into another case", errors: errors,
            """
            <p class="app-body">Use this when \(r.reference) was recorded twice. It closes, keeps its own record of \
            changes (shown on the case it is merged into), and reports count only the other case.</p>
            <form method="post" action="/complaints/\(r.id)/merge" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(r.version)">
              \(CaseRecordsView.textInput("reference", label: "Reference of the case to keep",
            value: fields["reference"], errors: errors))
              <div class="app-form-group\(errors.contains { $0.field == "confirm" } ? " app-form-group--error" : "")">
                \(Forms.errorMessage("confirm", errors))
                <div class="app-checkboxes"><div class="app-checkboxes__item">
                  <input id="confirm" name="confirm" type="checkbox" \
            value="yes"\(fields["confirm"] == "yes" ? " checked" : "")>
                  <label for="confirm">\(r.reference) is a duplicate of that case</label>
                </div></div>
              </div>
              \(buttons(r, "Merge into that case"))
            </form>
            """)
    }

    static func merged(_ r: Representation) -> HTML {
        let survivor = r.records.links.last { $0.kind == .mergedInto }
        return Layout.page(
            title: "\(r.reference) was merged", section: .cases,
            """
            <h1>\(r.reference) was merged into another case</h1>
            <p class="app-body">Nothing was changed. Work on <a class="app-link" \
            href="/complaints/\(survivor?.representationID ?? r.id)">\(survivor?.reference ?? "the case it was merged into")</a>.</p>
            """)
    }
}
