import Foundation
import RedressCore

/// `GET /complaints/new` (complaints and the other representations handled as cases) and
/// `GET /compliments/new` (compliments and comments, in their own words), and either shown again
/// with errors: GOV.UK patterns (error summary, date input, radios, one label per field, values kept).
enum NewComplaintView {
    /// Which recording form: a complaint asks who is complaining and about whom; a compliment
    /// asks who gave it, about which team, and whether its words may be published.
    enum Form: String, Sendable { case complaint, compliment }

    static func render(
        input: NewComplaintInput, errors: [FieldError], reference: ReferenceData, form: Form = .complaint
    ) -> HTML {
        form == .compliment
            ? compliment(input: input, errors: errors, reference: reference)
            : complaint(input: input, errors: errors, reference: reference)
    }

    static func complaint(input: NewComplaintInput, errors: [FieldError], reference: ReferenceData) -> HTML {
        let f = RecordingFormParts(input: input, errors: errors, reference: reference)
        let kinds = RepresentationKind.allCases.filter { $0 != .compliment && $0 != .comment }
        return Layout.page(
            title: "Record a complaint", section: .newComplaint, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Record a complaint</h1>
            <p>The statutory deadline is worked out from the date received, in working days.</p>
            <p class="app-body">Recording a compliment or a comment? <a class="app-link" href="/compliments/new">Use \
            the compliments and comments form</a>.</p>
            <form method="post" action="/complaints" novalidate>\(HTML.csrfField)
              <input type="hidden" name="form" value="complaint">
              \(f.radioGroup("kind", legend: "What has been received?", kinds.map { ($0.rawValue, $0.displayName) },
            selected: input.kind.isEmpty ? "complaint" : input.kind))
              \(f.radioGroup("service-area", legend: "Which service is the complaint about?",
            ServiceArea.allCases.map { ($0.rawValue, $0.displayName) }, selected: input.serviceArea))
              \(f.receivedDate(legend: "When did the council receive the complaint?",
            hint: "For example, 27 3 2024. The statutory clock starts on this day."))
              \(f.selectGroup("method", label: "How was it received?", reference.active(.method),
            selected: input.methodOfReceipt))
              \(f.textGroup("complainant-name", label: "Complainant's name (optional)",
            hint: "Leave blank if they want to stay anonymous.", value: input.complainantName))
              \(f.textGroup("complainant-contact", label: "How to reply to them (optional)",
            hint: "Email address, telephone number or postal address.", value: input.complainantContact))
              \(f.textGroup("subject-name", label: "Name of the person it is about (optional)",
            hint: "The child or adult receiving services, if not the complainant.", value: input.subjectName))
              \(f.selectGroup("relationship", label: "Who is complaining?",
            hint: "Their relationship to the person receiving services.", reference.active(.relationship),
            selected: input.relationship))
              \(f.radioGroup("child-or-young-person", legend: "Is the complaint made by or for a child or young person?", hint: "If yes, the council must offer help to find an advocate.",
                             [("yes", "Yes"), ("no", "No")], selected: input.childOrYoungPerson, inline: true))
              \(f.textGroup("advocate", label: "Advocate's name or organisation (optional)",
            hint: "Leave blank if nobody is acting for the complainant.", value: input.advocate))
              \(f.selectGroup("service-category", label: "Which service does it concern?", hint: "Choose from the list for the service area you selected.",
                              reference.active(.service), selected: input.serviceCategory, grouped: true))
              \(f.textareaGroup("summary", label: "Summary of the complaint", hint: "What the complainant is unhappy about, in a few sentences. Do not include more personal details than you need.",
                                value: input.summary, rows: 6))
              <button type="submit" class="app-button">Record</button>
            </form>
            """)
    }

    static func compliment(input: NewComplaintInput, errors: [FieldError], reference: ReferenceData) -> HTML {
        let f = RecordingFormParts(input: input, errors: errors, reference: reference)
        return Layout.page(
            title: "Record a compliment or comment", section: .newComplaint, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            <h1>Record a compliment or comment</h1>
            <p class="app-body">Recording a complaint? <a class="app-link" href="/complaints/new">Use the complaint \
            form</a>.</p>
            <form method="post" action="/complaints" novalidate>\(HTML.csrfField)
              <input type="hidden" name="form" value="compliment">
              \(f.radioGroup("kind", legend: "What has been received?", [("compliment", "A compliment"), ("comment", "A comment or suggestion")],
                             selected: input.kind.isEmpty ? "compliment" : input.kind))
              \(f.radioGroup("service-area", legend: "Which service is it about?",
            ServiceArea.allCases.map { ($0.rawValue, $0.displayName) }, selected: input.serviceArea))
              \(f.receivedDate(legend: "When did the council receive it?", hint: "For example, 27 3 2024."))
              \(f.selectGroup("method", label: "How was it received?", reference.active(.method),
            selected: input.methodOfReceipt))
              \(f.textGroup("complainant-name", label: "Who gave it (optional)",
            hint: "Their name, if they gave one.", value: input.complainantName))
              \(f.textGroup("complainant-contact", label: "How to reply to them (optional)",
            hint: "Email address, telephone number or postal address.", value: input.complainantContact))
              \(f.selectGroup("relationship", label: "Who they are (optional)",
            hint: "For example, a parent or someone who uses the service.", reference.active(.relationship),
            selected: input.relationship))
              \(f.selectGroup("service-category", label: "Which service was it about?", hint: "Choose from the list for the service area you selected.",
                              reference.active(.service), selected: input.serviceCategory, grouped: true))
              \(f.textGroup("team", label: "Which team or person was it about? (optional)",
            hint: "For example, the reablement team.", value: input.team))
              \(f.textareaGroup("summary", label: "What they said", hint: "In their words where you can.",
            value: input.summary, rows: 5))
              \(f.textareaGroup("publication-quote", label: "Words to publish (optional)", hint: "As they may appear in the annual report: replace every name with xxx.",
                                value: input.publicationQuote, rows: 3))
              \(f.radioGroup("quote-consent", legend: "Did they agree to their words being published?", hint: "Needed when there are words to publish.",
                             [("yes", "Yes"), ("no", "No")], selected: input.quoteConsent, inline: true))
              <button type="submit" class="app-button">Record</button>
            </form>
            """)
    }
}

/// The parts both recording forms are made of, each with its label, hint, error and value.
struct RecordingFormParts {
    var input: NewComplaintInput
    var errors: [FieldError]
    var reference: ReferenceData

    func error(_ prefix: String) -> FieldError? {
        errors.first { $0.field == prefix || $0.field.hasPrefix(prefix + "-") && prefix == "received" }
    }

    func message(_ field: String) -> HTML {
        guard let e = error(field) else { return "" }
        return
            """
                <p class=\"app-error-message\" id=\"\(field)-error\"><span \
                class=\"app-visually-hidden\">Error:</span> \(e.message)</p>
                """
    }

    func group(_ field: String) -> String {
        error(field) == nil ? "app-form-group" : "app-form-group app-form-group--error"
    }

    func described(_ field: String, hint: Bool) -> HTML {
        let ids = (hint ? ["\(field)-hint"] : []) + (error(field) == nil ? [] : ["\(field)-error"])
        return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    func hintText(_ field: String, _ hint: String?) -> HTML {
        hint.map { "<p class=\"app-hint\" id=\"\(field)-hint\">\($0)</p>" } ?? ""
    }

    func radioGroup(
        _ name: String, legend: String, hint: String? = nil, _ choices: [(String, String)], selected: String,
        inline: Bool = false
    ) -> HTML {
        let items: [HTML] = choices.enumerated().map { index, choice in
            let id = index == 0 ? name : "\(name)-\(index + 1)"
            return """
                <div class="app-radios__item">
                  <input id="\(id)" name="\(name)" type="radio" \
                value="\(choice.0)"\(selected == choice.0 ? " checked" : "")>
                  <label for="\(id)">\(choice.1)</label>
                </div>
                """
        }
        return """
            <div class="\(group(name))">
              <fieldset\(described(name, hint: hint != nil))>
                <legend>\(legend)</legend>
                \(hintText(name, hint))
                \(message(name))
                <div class="app-radios\(inline ? " app-radios--inline" : "")">\(items)</div>
              </fieldset>
            </div>
            """
    }

    func selectGroup(
        _ name: String, label: String, hint: String? = nil, _ entries: [Category], selected: String,
        grouped: Bool = false
    ) -> HTML {
        var options: [HTML] = ["<option value=\"\"\(selected.isEmpty ? " selected" : "")>Select an option</option>"]
        if grouped {
            for area in ServiceArea.allCases {
                let inGroup: [HTML] = entries.filter { $0.group == area.rawValue }.map {
                    "<option value=\"\($0.code)\"\(selected == $0.code ? " selected" : "")>\($0.label)</option>"
                }
                options.append("<optgroup label=\"\(area.displayName)\">\(inGroup)</optgroup>")
            }
        } else {
            options += entries.map {
                "<option value=\"\($0.code)\"\(selected == $0.code ? " selected" : "")>\($0.label)</option>"
            }
        }
        return """
            <div class="\(group(name))">
              <label class="app-label" for="\(name)">\(label)</label>
              \(hintText(name, hint))
              \(message(name))
              <select class="app-select\(error(name) == nil ? "" : " app-select--error")" id="\(name)" \
            name="\(name)"\(described(name, hint: hint != nil))>\(options)</select>
            </div>
            """
    }

    func textGroup(_ name: String, label: String, hint: String? = nil, value: String) -> HTML {
        """
        <div class="\(group(name))">
          <label class="app-label" for="\(name)">\(label)</label>
          \(hintText(name, hint))
          \(message(name))
          <input class="app-input\(error(name) == nil ? "" : " app-input--error")" id="\(name)" name="\(name)" \
        type="text" autocomplete="off" spellcheck="false" value="\(value)"\(described(name, hint: hint != nil))>
        </div>
        """
    }

    func textareaGroup(_ name: String, label: String, hint: String? = nil, value: String, rows: Int) -> HTML {
        """
        <div class="\(group(name))">
          <label class="app-label" for="\(name)">\(label)</label>
          \(hintText(name, hint))
          \(message(name))
          <textarea class="app-textarea\(error(name) == nil ? "" : " app-textarea--error")" id="\(name)" \
        name="\(name)" rows="\(rows)"\(described(name, hint: hint != nil))>\(value)</textarea>
        </div>
        """
    }

    func receivedDate(legend: String, hint: String) -> HTML {
        let dateError = error("received")
        func dateClass(_ part: String) -> String {
            guard let dateError else { return "" }
            return dateError.field == "received-\(part)" || dateError.message.contains("real date")
                || dateError.message.hasPrefix("Enter")
                || dateError.message.contains("today") ? " app-input--error" : ""
        }
        let dateMessage: HTML =
            dateError.map {
                """
                    <p class=\"app-error-message\" id=\"received-error\"><span \
                    class=\"app-visually-hidden\">Error:</span> \($0.message)</p>
                    """
            } ?? ""
        let dateDescribed: HTML =
            dateError == nil
            ? " aria-describedby=\"received-hint\"" : " aria-describedby=\"received-hint received-error\""
        func part(_ name: String, _ label: String, _ width: Int, _ value: String) -> HTML {
            """
            <div class="app-date-input__item"><label for="received-\(name)">\(label)</label>
              <input class="app-input app-input--width-\(width)\(dateClass(name))" id="received-\(name)" \
            name="received-\(name)" type="text" inputmode="numeric" autocomplete="off" value="\(value)"></div>
            """
        }
        return """
            <div class="\(group("received"))">
              <fieldset role="group"\(dateDescribed)>
                <legend>\(legend)</legend>
                <p class="app-hint" id="received-hint">\(hint)</p>
                \(dateMessage)
                <div class="app-date-input">\(part("day", "Day", 2, input.receivedDay))\(part("month", "Month", 2,
            input.receivedMonth))\(part("year", "Year", 4, input.receivedYear))</div>
              </fieldset>
            </div>
            """
    }
}
