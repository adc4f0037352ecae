import Foundation
import RedressCore

/// `GET /complaints/new` and the form shown again with errors: GOV.UK patterns (error summary,
/// date input, radios, one label per field, values kept).
enum NewComplaintView {
    static func render(input: NewComplaintInput, errors: [FieldError], reference: ReferenceData) -> HTML {
        func error(_ prefix: String) -> FieldError? { errors.first { $0.field == prefix || $0.field.hasPrefix(prefix + "-") && prefix == "received" } }
        func message(_ field: String) -> HTML {
            guard let e = error(field) else { return "" }
            return "<p class=\"app-error-message\" id=\"\(field)-error\"><span class=\"app-visually-hidden\">Error:</span> \(e.message)</p>"
        }
        func group(_ field: String) -> String { error(field) == nil ? "app-form-group" : "app-form-group app-form-group--error" }
        func described(_ field: String, hint: Bool = false) -> HTML {
            let ids = (hint ? ["\(field)-hint"] : []) + (error(field) == nil ? [] : ["\(field)-error"])
            return ids.isEmpty ? "" : " aria-describedby=\"\(ids.joined(separator: " "))\""
        }
        func radios(_ name: String, _ choices: [(String, String)], selected: String, inline: Bool = false) -> HTML {
            let items: [HTML] = choices.enumerated().map { index, choice in
                let id = index == 0 ? name : "\(name)-\(index + 1)"
                return """
                <div class="app-radios__item">
                  <input id="\(id)" name="\(name)" type="radio" value="\(choice.0)"\(selected == choice.0 ? " checked" : "")>
                  <label for="\(id)">\(choice.1)</label>
                </div>
                """
            }
            return "<div class=\"app-radios\(inline ? " app-radios--inline" : "")\">\(items)</div>"
        }
        func select(_ name: String, _ entries: [Category], selected: String, grouped: Bool = false, hint: Bool = false) -> HTML {
            var options: [HTML] = ["<option value=\"\"\(selected.isEmpty ? " selected" : "")>Select an option</option>"]
            if grouped {
                for area in ServiceArea.allCases {
                    let inGroup: [HTML] = entries.filter { $0.group == area.rawValue }.map {
                        "<option value=\"\($0.code)\"\(selected == $0.code ? " selected" : "")>\($0.label)</option>"
                    }
                    options.append("<optgroup label=\"\(area.displayName)\">\(inGroup)</optgroup>")
                }
            } else {
                options += entries.map { "<option value=\"\($0.code)\"\(selected == $0.code ? " selected" : "")>\($0.label)</option>" }
            }
            return "<select class=\"app-select\(error(name) == nil ? "" : " app-select--error")\" id=\"\(name)\" name=\"\(name)\"\(described(name, hint: hint))>\(options)</select>"
        }
        let dateError = error("received")
        func dateClass(_ part: String) -> String {
            guard let dateError else { return "" }
            return dateError.field == "received-\(part)" || dateError.message.contains("real date") || dateError.message.hasPrefix("Enter") || dateError.message.contains("today") ? " app-input--error" : ""
        }
        let dateMessage: HTML = dateError.map {
            "<p class=\"app-error-message\" id=\"received-error\"><span class=\"app-visually-hidden\">Error:</span> \($0.message)</p>"
        } ?? ""
        let dateDescribed: HTML = dateError == nil ? " aria-describedby=\"received-hint\"" : " aria-describedby=\"received-hint received-error\""

        return Layout.page(title: "Record a complaint", section: .newComplaint, hasErrors: !errors.isEmpty, """
            \(Layout.errorSummary(errors))
            <h1>Record a complaint</h1>
            <p>The statutory deadline is worked out from the date received, in working days.</p>
            <form method="post" action="/complaints" novalidate>\(HTML.csrfField)
              <div class="\(group("kind"))">
                <fieldset\(described("kind"))>
                  <legend>What has been received?</legend>
                  \(message("kind"))
                  \(radios("kind", RepresentationKind.allCases.map { ($0.rawValue, $0.displayName) }, selected: input.kind.isEmpty ? "complaint" : input.kind))
                </fieldset>
              </div>
              <div class="\(group("service-area"))">
                <fieldset\(described("service-area"))>
                  <legend>Which service is the complaint about?</legend>
                  \(message("service-area"))
                  \(radios("service-area", ServiceArea.allCases.map { ($0.rawValue, $0.displayName) }, selected: input.serviceArea))
                </fieldset>
              </div>
              <div class="\(group("received"))">
                <fieldset role="group"\(dateDescribed)>
                  <legend>When did the council receive the complaint?</legend>
                  <p class="app-hint" id="received-hint">For example, 27 3 2024. The statutory clock starts on this day.</p>
                  \(dateMessage)
                  <div class="app-date-input">
                    <div class="app-date-input__item"><label for="received-day">Day</label>
                      <input class="app-input app-input--width-2\(dateClass("day"))" id="received-day" name="received-day" type="text" inputmode="numeric" autocomplete="off" value="\(input.receivedDay)"></div>
                    <div class="app-date-input__item"><label for="received-month">Month</label>
                      <input class="app-input app-input--width-2\(dateClass("month"))" id="received-month" name="received-month" type="text" inputmode="numeric" autocomplete="off" value="\(input.receivedMonth)"></div>
                    <div class="app-date-input__item"><label for="received-year">Year</label>
                      <input class="app-input app-input--width-4\(dateClass("year"))" id="received-year" name="received-year" type="text" inputmode="numeric" autocomplete="off" value="\(input.receivedYear)"></div>
                  </div>
                </fieldset>
              </div>
              <div class="\(group("method"))">
                <label class="app-label" for="method">How was it received?</label>
                \(message("method"))
                \(select("method", reference.active(.method), selected: input.methodOfReceipt))
              </div>
              <div class="\(group("complainant-name"))">
                <label class="app-label" for="complainant-name">Complainant's name (optional)</label>
                <p class="app-hint" id="complainant-name-hint">Leave blank if they want to stay anonymous.</p>
                \(message("complainant-name"))
                <input class="app-input\(error("complainant-name") == nil ? "" : " app-input--error")" id="complainant-name" name="complainant-name" type="text" autocomplete="off" spellcheck="false" value="\(input.complainantName)"\(described("complainant-name", hint: true))>
              </div>
              <div class="\(group("complainant-contact"))">
                <label class="app-label" for="complainant-contact">How to reply to them (optional)</label>
                <p class="app-hint" id="complainant-contact-hint">Email address, telephone number or postal address.</p>
                \(message("complainant-contact"))
                <input class="app-input\(error("complainant-contact") == nil ? "" : " app-input--error")" id="complainant-contact" name="complainant-contact" type="text" autocomplete="off" spellcheck="false" value="\(input.complainantContact)"\(described("complainant-contact", hint: true))>
              </div>
              <div class="\(group("subject-name"))">
                <label class="app-label" for="subject-name">Name of the person it is about (optional)</label>
                <p class="app-hint" id="subject-name-hint">The child or adult receiving services, if not the complainant.</p>
                \(message("subject-name"))
                <input class="app-input\(error("subject-name") == nil ? "" : " app-input--error")" id="subject-name" name="subject-name" type="text" autocomplete="off" spellcheck="false" value="\(input.subjectName)"\(described("subject-name", hint: true))>
              </div>
              <div class="\(group("relationship"))">
                <label class="app-label" for="relationship">Who is complaining?</label>
                <p class="app-hint" id="relationship-hint">Their relationship to the person receiving services.</p>
                \(message("relationship"))
                \(select("relationship", reference.active(.relationship), selected: input.relationship, hint: true))
              </div>
              <div class="\(group("child-or-young-person"))">
                <fieldset\(described("child-or-young-person", hint: true))>
                  <legend>Is the complaint made by or for a child or young person?</legend>
                  <p class="app-hint" id="child-or-young-person-hint">If yes, the council must offer help to find an advocate.</p>
                  \(message("child-or-young-person"))
                  \(radios("child-or-young-person", [("yes", "Yes"), ("no", "No")], selected: input.childOrYoungPerson, inline: true))
                </fieldset>
              </div>
              <div class="\(group("advocate"))">
                <label class="app-label" for="advocate">Advocate's name or organisation (optional)</label>
                <p class="app-hint" id="advocate-hint">Leave blank if nobody is acting for the complainant.</p>
                \(message("advocate"))
                <input class="app-input\(error("advocate") == nil ? "" : " app-input--error")" id="advocate" name="advocate" type="text" value="\(input.advocate)"\(described("advocate", hint: true))>
              </div>
              <div class="\(group("service-category"))">
                <label class="app-label" for="service-category">Which service does it concern?</label>
                <p class="app-hint" id="service-category-hint">Choose from the list for the service area you selected.</p>
                \(message("service-category"))
                \(select("service-category", reference.active(.service), selected: input.serviceCategory, grouped: true, hint: true))
              </div>
              <div class="\(group("summary"))">
                <label class="app-label" for="summary">Summary of the complaint</label>
                <p class="app-hint" id="summary-hint">What the complainant is unhappy about, in a few sentences. Do not include more personal details than you need.</p>
                \(message("summary"))
                <textarea class="app-textarea\(error("summary") == nil ? "" : " app-textarea--error")" id="summary" name="summary" rows="6"\(described("summary", hint: true))>\(input.summary)</textarea>
              </div>
              <fieldset class="app-form-group">
                <legend>Compliments only</legend>
                <div class="\(group("team"))">
                  <label class="app-label" for="team">Team praised (optional)</label>
                  <input class="app-input" id="team" name="team" type="text" autocomplete="off" value="\(input.team)">
                </div>
                <div class="\(group("publication-quote"))">
                  <label class="app-label" for="publication-quote">Words for publication (optional)</label>
                  <p class="app-hint" id="publication-quote-hint">As they may appear in the annual report: replace every name with xxx.</p>
                  \(message("publication-quote"))
                  <textarea class="app-textarea" id="publication-quote" name="publication-quote" rows="3" aria-describedby="publication-quote-hint">\(input.publicationQuote)</textarea>
                </div>
              </fieldset>
              <button type="submit" class="app-button">Record</button>
            </form>
            """)
    }
}
