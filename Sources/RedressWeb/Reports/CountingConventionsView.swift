import RedressCore

/// The counting conventions page: a preset with where it comes from, or the council's own choice
/// for each procedure. What is chosen is printed under every table it changes.
enum CountingConventionsView {
    /// Reads the per-procedure form; a box not ticked or a choice not sent is the standard one. A
    /// choice that is not one of those offered is an error naming its field.
    static func conventions(
        _ fields: FormFields, procedures: [ProcedureDefinition]
    ) -> (conventions: CountingConventions, errors: [FieldError]) {
        typealias Convention = CountingConventions.Procedure
        var chosen: [String: Convention] = [:]
        var errors: [FieldError] = []
        func choice<T: RawRepresentable>(_ field: String, _ standard: T, _ what: String) -> T
        where T.RawValue == String {
            let sent = fields[field]
            guard !sent.isEmpty else { return standard }
            guard let value = T(rawValue: sent) else {
                errors.append(FieldError(field: field, message: "Choose what \(what), from the choices given"))
                return standard
            }
            return value
        }
        let standard = Convention.standard
        for p in procedures {
            let procedure = Convention(
                earlyResolutionIsStage: fields["\(p.id)-stage-zero"] == "yes",
                ombudsmanIsFinalStage: fields["\(p.id)-ombudsman-stage"] == "yes",
                earlyResolutionsAreComplaints: fields["\(p.id)-early-contacts"] != "yes",
                outcomesOf: choice("\(p.id)-outcomes", standard.outcomesOf, "outcome tables count"),
                ombudsmanCountedBy: choice(
                    "\(p.id)-ombudsman-count", standard.ombudsmanCountedBy, "the Ombudsman is counted by"),
                timedResponse: choice("\(p.id)-timed", standard.timedResponse, "the 20-working-day measure times"),
                timedFrom: choice("\(p.id)-timed-from", standard.timedFrom, "response times count from"),
                timesWithdrawals: fields["\(p.id)-withdrawals"] == "yes",
                sixMonthsShareOf: choice("\(p.id)-six-months", standard.sixMonthsShareOf, "the six-month share is of"))
            if procedure != .standard { chosen[p.id] = procedure }
        }
        let total100 = fields["shares-total-100"] == "yes"
        let named = CountingConventions.presets.first { $0.procedures == chosen && $0.sharesTotal100 == total100 }
        return (
            named
                ?? CountingConventions(
                    name: "Custom", source: "Chosen by the council", procedures: chosen, sharesTotal100: total100),
            errors
        )
    }

    static func page(
        _ conventions: CountingConventions, version: String, procedures: [ProcedureDefinition], errors: [FieldError],
        saved: Bool
    ) -> HTML {
        let banner: HTML =
            saved
            ? """
            <div class="app-notification" role="region" aria-labelledby="saved-title">
            <h2 class="app-notification__title" id="saved-title">Counting conventions saved</h2>
            <p class="app-body">Reports are counted this way from now on.</p></div>
            """ : ""
        let presetItems: [HTML] = CountingConventions.presets.enumerated().map { i, preset in
            let id = i == 0 ? "preset" : "preset-\(i + 1)"
            let checked = HTML(trusted: preset.name == conventions.name ? " checked" : "")
            let hint: HTML =
                preset.source.isEmpty ? "" : "<p class=\"app-hint\" id=\"\(id)-hint\">\(preset.source)</p>"
            let described = HTML.attribute("aria-describedby", preset.source.isEmpty ? nil : "\(id)-hint")
            return """
                <div class="app-radios__item"><input id="\(id)" name="preset" type="radio" \
                value="\(preset.name)"\(described)\(checked)><div class="app-radios__text"><label \
                for="\(id)">\(preset.name)</label>\(hint)</div></div>
                """
        }
        let fieldsets: [HTML] = procedures.map { p in
            let c = conventions.of(p.id)
            func box(_ suffix: String, _ label: String, _ on: Bool) -> HTML {
                let checked = HTML(trusted: on ? " checked" : "")
                return """
                    <div class="app-checkboxes__item"><input id="\(p.id)-\(suffix)" name="\(p.id)-\(suffix)" \
                    type="checkbox" value="yes"\(checked)><label class="app-label" for="\(p.id)-\(suffix)">\(label)\
                    </label></div>
                    """
            }
            return """
                <fieldset class="app-fieldset">
                  <legend class="app-label--m">\(p.name)</legend>
                  \(box("stage-zero", "Report early resolution as stage 0 in complaints closed by stage",
                    c.earlyResolutionIsStage))
                  \(box("ombudsman-stage", "Count a complaint the Ombudsman decided in the year as closed there",
                    c.ombudsmanIsFinalStage))
                  \(box("early-contacts", "Do not count complaints resolved early as complaints (they are contacts)",
                    !c.earlyResolutionsAreComplaints))
                  \(CaseActionsView.radios(
                    "\(p.id)-outcomes", legend: "Outcome tables count",
                    choices: [("closed", "Complaints closed in the year"),
                        ("received", "Complaints received in the year, with the outcome they have now")],
                    selected: c.outcomesOf.rawValue, errors: errors, errorField: "\(p.id)-outcomes"))
                  \(CaseActionsView.radios(
                    "\(p.id)-ombudsman-count", legend: "The Ombudsman is counted by",
                    choices: [("decisions", "Its decisions dated in the year"),
                        ("referrals", "Referrals made to it in the year")],
                    selected: c.ombudsmanCountedBy.rawValue, errors: errors, errorField: "\(p.id)-ombudsman-count"))
                  \(CaseActionsView.radios(
                    "\(p.id)-timed", legend: "Over 20 working days at the first two stages times",
                    choices: [("last", "The last stage's response"), ("first", "The first response"),
                        ("each", "Each stage's response: over when any one took longer")],
                    selected: c.timedResponse.rawValue, errors: errors, errorField: "\(p.id)-timed"))
                  \(CaseActionsView.radios(
                    "\(p.id)-timed-from", legend: "Response times count from",
                    choices: [("clock", "The day the stage's response clock started (receipt, or acknowledgement "
                        + "where the procedure counts from it)"), ("request", "The day the stage was requested")],
                    selected: c.timedFrom.rawValue, errors: errors, errorField: "\(p.id)-timed-from"))
                  \(box("withdrawals", "Time withdrawn complaints too, to the day withdrawn", c.timesWithdrawals))
                  \(CaseActionsView.radios(
                    "\(p.id)-six-months", legend: "The share answered after six months is of",
                    choices: [("responses", "Responses sent in the year"), ("closed", "Complaints closed in the year"),
                        ("received", "Complaints received in the year")],
                    selected: c.sixMonthsShareOf.rawValue, errors: errors, errorField: "\(p.id)-six-months"))
                </fieldset>
                """
        }
        return Layout.page(
            title: "Counting conventions", section: .statistics, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Counting conventions</h1>
            <p class="app-body">Councils count the same records in different ways. Redress counts every figure from \
            the case records; here you choose how, where councils differ. Each table the choice changes says so \
            under it. Now in use: <strong>\(conventions.name)</strong>.</p>
            <form method="post" action="/reports/conventions" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              <div class="app-form-group">
                <fieldset aria-describedby="preset-hint">
                  <legend class="app-label--m">Use a preset</legend>
                  <p class="app-hint" id="preset-hint">A named council report's conventions, to compare like with \
            like.</p>
                  <div class="app-radios">\(presetItems)</div>
                </fieldset>
              </div>
              <button type="submit" class="app-button" name="use" value="preset">Use this preset</button>
            </form>
            <h2>Or choose for each procedure</h2>
            <form method="post" action="/reports/conventions" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">
              <fieldset class="app-fieldset">
                <legend class="app-label--m">Every procedure</legend>
                <div class="app-checkboxes__item"><input id="shares-total-100" name="shares-total-100" \
            type="checkbox" value="yes"\(HTML(trusted: conventions.sharesTotal100 ? " checked" : ""))><label \
            class="app-label" for="shares-total-100">Round shares that make up one whole so they total 100% \
            (largest remainder)</label></div>
              </fieldset>
              \(fieldsets)
              <button type="submit" class="app-button" name="use" value="custom">Save conventions</button>
            </form>
            <p class="app-body"><a class="app-link" href="/reports/annual">Back to the annual report</a></p>
            """)
    }
}
