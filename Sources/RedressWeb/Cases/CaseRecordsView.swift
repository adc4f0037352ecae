import RedressCore

/// The case-record sections of the case page — coding, Ombudsman, costs, learning and actions —
/// each with its table and the forms to add to it (inside `<details>`, so the page stays short
/// and works without JavaScript).
enum CaseRecordsView {
    typealias Forms = CaseActionsView

    static func render(
        _ r: Representation, procedure: ProcedureDefinition?, reference: ReferenceData, today: CalendarDate,
        failed: FailedStep?
    ) -> HTML {
        guard r.kind == .complaint || r.kind == .ombudsmanEnquiry else { return "" }
        func values(_ step: RecordStep) -> FormFields {
            failed?.step == step.rawValue ? failed!.fields : FormFields(values: [:])
        }
        func errors(_ step: RecordStep) -> [FieldError] { failed?.step == step.rawValue ? failed!.errors : [] }
        func opened(_ steps: [RecordStep]) -> String { steps.contains { failed?.step == $0.rawValue } ? " open" : "" }
        let records = r.records
        let version = r.version

        // Coding
        func labels(_ list: CategoryList, _ codes: [String]) -> String {
            codes.isEmpty ? "None recorded" : codes.map { reference.label(list, $0) }.joined(separator: "; ")
        }
        func checkboxes(_ name: String, _ list: CategoryList, legend: String, chosen: [String]) -> HTML {
            let items: [HTML] = reference.active(list).enumerated().map { i, c in
                let id = i == 0 ? name : "\(name)-\(i + 1)"
                return
                    """
                    <div class=\"app-radios__item\"><input id=\"\(id)\" name=\"\(name)\" type=\"checkbox\" \
                    value=\"\(c.code)\"\(chosen.contains(c.code) ? " checked" : "")><label \
                    for=\"\(id)\">\(c.label)</label></div>
                    """
            }
            let err = errors(.code).contains { $0.field == name }
            return """
                <div class="app-form-group\(err ? " app-form-group--error" : "")"><fieldset\(HTML.attribute("aria-describedby", err ? "\(name)-error" : nil))>
                  <legend class="app-label--s">\(legend)</legend>\(Forms.errorMessage(name, errors(.code)))<div \
                class="app-checkbox-grid">\(items)</div>
                </fieldset></div>
                """
        }
        let areaServices = reference.active(.service, group: r.serviceArea.rawValue).filter {
            $0.code != r.serviceCategory
        }
        let otherLabels = records.otherServices.map { code in areaServices.first { $0.code == code }?.label ?? code }
        let otherServices: HTML = otherLabels.isEmpty ? "None" : "\(otherLabels.joined(separator: ", "))"
        let chosenServices =
            failed?.step == RecordStep.services.rawValue
            ? values(.services).all("services-others") : records.otherServices
        let serviceItems: [HTML] = areaServices.enumerated().map { i, c in
            let id = i == 0 ? "services-others" : "services-others-\(i + 1)"
            let checked = HTML(trusted: chosenServices.contains(c.code) ? " checked" : "")
            return """
                <div class="app-radios__item"><input id="\(id)" name="services-others" type="checkbox" \
                value="\(c.code)"\(checked)><label for="\(id)">\(c.label)</label></div>
                """
        }
        let servicesForm: HTML = """
            \(StepForms.disclosure("Add other services this complaint is about", open: opened([.services])))
            \(Forms.form(RecordStep.services, r, version, title: "Other services this complaint is about",
            errors: errors(.services), fields: """
                <div class="app-form-group"><fieldset><legend class="app-label--s">Besides its main service \
                (choose all that apply)</legend>\(Forms.errorMessage("services-others", errors(.services)))<div \
                class="app-checkbox-grid">\(serviceItems)</div></fieldset></div>
                """, button: "Save other services"))
            \(StepForms.disclosureEnd)
            """
        let codeValues = values(.code)
        let codeChosen = { (name: String, current: [String]) in
            failed?.step == RecordStep.code.rawValue ? codeValues.all(name) : current
        }
        let remedial = records.remedialActionTaken.map { $0 ? "yes" : "no" } ?? ""
        let coding: HTML = """
            <h2>Coding for the annual report</h2>
            <table class="app-summary-list"><caption class="app-visually-hidden">Coding</caption><tbody>
              <tr><th scope="row">Other services</th><td>\(otherServices)</td></tr>
              <tr><th scope="row">Nature of complaint</th><td>\(labels(.nature, records.natures))</td></tr>
              <tr><th scope="row">Outcomes sought</th><td>\(labels(.outcomeSought, records.outcomesSought))</td></tr>
              <tr><th scope="row">Actual outcomes</th><td>\(labels(.actualOutcome, records.actualOutcomes))</td></tr>
              <tr><th scope="row">Remedial action taken</th><td>\(records.remedialActionTaken.map { $0 ? "Yes" : "No" } ?? "Not recorded")</td></tr>
            </tbody></table>
            \(StepForms.disclosure("Change the coding", open: opened([.code])))
            \(Forms.form(RecordStep.code, r, version, title: "Code the case for the annual report", errors: errors(.code), fields: """
                \(checkboxes("code-natures", .nature, legend: "Nature of complaint (choose all that apply)",
                chosen: codeChosen("code-natures", records.natures)))
                \(checkboxes("code-outcomes-sought", .outcomeSought, legend: "Outcomes sought",
                chosen: codeChosen("code-outcomes-sought", records.outcomesSought)))
                \(checkboxes("code-actual-outcomes", .actualOutcome,
                legend: "Actual outcomes (from the response letter)", chosen: codeChosen("code-actual-outcomes",
                records.actualOutcomes)))
                \(Forms.radios("code-remedial", legend: "Was remedial action taken for the complainant?",
                choices: [("yes", "Yes"), ("no", "No")],
                selected: failed?.step == "code" ? codeValues["code-remedial"] : remedial, errors: [],
                errorField: "code-remedial"))
                """, button: "Save coding"))
            \(StepForms.disclosureEnd)
            \(servicesForm)
            """

        // Ombudsman
        let referrals: [HTML] = records.ombudsman.map { o in
            let remedies: [HTML] = o.remedies.map { m in
                let status: HTML =
                    m.completedOn.map { done in
                        m.isLate
                            ? "<strong class=\"app-tag app-tag--orange\">Completed late</strong> \(done.shortDisplay)"
                            : "<strong class=\"app-tag app-tag--green\">Completed</strong> \(done.shortDisplay)"
                    }
                    ?? (m.isOverdue(on: today)
                        ? "<strong class=\"app-tag app-tag--red\">Overdue</strong>"
                        : "<strong class=\"app-tag app-tag--blue\">Due</strong>")
                let complete: HTML =
                    m.completedOn == nil
                    ? Forms.form(
                        RecordStep.completeRemedy, r, version, title: "Remedy completed: \(m.description.prefix(60))",
                        errors: errors(.completeRemedy),
                        fields: """
                            \(Forms.dateInput("complete-remedy-completed-on", legend: "Date completed",
                            values: values(.completeRemedy),
                            errors: failed?.fields["remedy"] == m.id ? errors(.completeRemedy) : []))
                            """, button: "Record completion", hidden: [("referral", o.id), ("remedy", m.id)]) : ""
                return
                    """
                    <li>\(m.kind.displayName): \
                    \(m.description)\(m.amountPence.map { " (\(Money.display(pence: $0)))" } ?? "") — due \
                    \(m.dueOn.shortDisplay) \(status)\(complete)</li>
                    """
            }
            var forms: [HTML] = []
            if o.decision == nil {
                let v = values(.decide)
                forms.append(
                    Forms.form(
                        RecordStep.decide, r, version, title: "Record the Ombudsman's decision on \(o.reference)",
                        errors: errors(.decide),
                        fields: """
                            \(Forms.select("decide-decision", label: "Decision",
                            options: OmbudsmanDecision.allCases.map { ($0.rawValue, $0.displayName) },
                            selected: v["decide-decision"], errors: errors(.decide)))
                            \(Forms.dateInput("decide-decided-on", legend: "Date of the decision", values: v,
                            errors: errors(.decide)))
                            \(Forms.radios("decide-fault", legend: "Fault found?", choices: [("yes", "Yes"), ("no",
                            "No")], selected: v["decide-fault"], errors: [], errorField: "decide-fault"))
                            \(Forms.radios("decide-injustice", legend: "Injustice found?", choices: [("yes", "Yes"),
                            ("no", "No")], selected: v["decide-injustice"], errors: [],
                            errorField: "decide-injustice"))
                            \(Forms.radios("decide-satisfactory",
                            legend: "Had the council already provided a remedy the Ombudsman found satisfactory?",
                            choices: [("yes", "Yes"), ("no", "No")], selected: v["decide-satisfactory"],
                            errors: errors(.decide), errorField: "decide-satisfactory"))
                            """, button: "Save decision", hidden: [("referral", o.id)]))
            }
            if o.decision == .upheld {
                let v = values(.remedy)
                forms.append(
                    Forms.form(
                        RecordStep.remedy, r, version, title: "Add a remedy the Ombudsman asked for on \(o.reference)",
                        errors: errors(.remedy),
                        fields: """
                            \(Forms.select("remedy-kind", label: "Kind",
                            options: OmbudsmanRemedy.Kind.allCases.map { ($0.rawValue, $0.displayName) },
                            selected: v["remedy-kind"], errors: errors(.remedy)))
                            \(Forms.textarea("remedy-description", label: "What the council must do", hint: nil,
                            value: v["remedy-description"], errors: errors(.remedy)))
                            \(textInput("remedy-amount", label: "Amount in pounds (payments only)",
                            value: v["remedy-amount"], errors: errors(.remedy)))
                            \(Forms.dateInput("remedy-due-on", legend: "Due by", values: v, errors: errors(.remedy)))
                            """, button: "Add remedy", hidden: [("referral", o.id)]))
                if o.publicReport == nil {
                    forms.append(
                        Forms.form(
                            RecordStep.publicReport, r, version, title: "Record a public report on \(o.reference)",
                            errors: errors(.publicReport),
                            fields: """
                                \(Forms.dateInput("public-report-received-on", legend: "Date received",
                                values: values(.publicReport), errors: errors(.publicReport)))
                                """, button: "Record public report", hidden: [("referral", o.id)]))
                } else if o.publicReport?.respondedOn == nil {
                    forms.append(
                        Forms.form(
                            RecordStep.reportResponse, r, version,
                            title: "Record the council's response to the public report on \(o.reference)",
                            errors: errors(.reportResponse),
                            fields: """
                                \(Forms.dateInput("report-response-responded-on", legend: "Date sent",
                                values: values(.reportResponse), errors: errors(.reportResponse)))
                                """, button: "Record response", hidden: [("referral", o.id)]))
                }
            }
            let report: HTML =
                o.publicReport.map { p in
                    """
                    <p class=\"app-body\">Public report received \(p.receivedOn.shortDisplay); response due \
                    \(p.responseDueOn.shortDisplay); \
                    \(p.respondedOn.map { "responded \($0.shortDisplay)" } ?? "not yet responded").</p>
                    """
                } ?? ""
            return """
                <h3>Ombudsman case \(o.reference)</h3>
                <table class="app-summary-list"><caption class="app-visually-hidden">Ombudsman case \
                \(o.reference)</caption><tbody>
                  <tr><th scope="row">Council told</th><td>\(o.councilNotifiedOn.shortDisplay)</td></tr>
                  <tr><th scope="row">Council's finding \
                before</th><td>\(o.councilFinding.map { reference.label(.outcome, $0) } ?? "None")</td></tr>
                  <tr><th scope="row">Decision</th><td>\(o.decision.map { "\($0.displayName) (\($0.letterGroup.displayName.lowercased())), \(o.decidedOn?.shortDisplay ?? "")" } ?? "Awaited")</td></tr>
                </tbody></table>
                \(report)
                \(CaseView.list("Remedies", remedies))
                \(forms.isEmpty || StepForms.collector != nil ? "" : HTML(trusted: "<details class=\"app-details\"\(opened([.decide, .remedy, .publicReport, .reportResponse, .completeRemedy]))><summary>Update Ombudsman case \(HTML.escape(o.reference))</summary>\(forms.map(\.description).joined())</details>"))
                """
        }
        let referV = values(.refer)
        let ombudsman: HTML = """
            <h2>Ombudsman</h2>
            \(records.ombudsman.isEmpty ? "<p class=\"app-body\">Not referred to the Local Government and Social Care Ombudsman.</p>" as HTML : "")
            \(referrals)
            \(StepForms.disclosure("Record an Ombudsman case", open: opened([.refer])))
            \(Forms.form(RecordStep.refer, r, version, title: "Record an Ombudsman case", errors: errors(.refer), fields: """
                \(textInput("refer-reference", label: "Ombudsman's reference", value: referV["refer-reference"],
                errors: errors(.refer)))
                \(Forms.dateInput("refer-notified-on", legend: "Date the council was told", values: referV,
                errors: errors(.refer)))
                \(Forms.dateInput("refer-received-on", legend: "Date the Ombudsman received it (optional)",
                values: referV, errors: errors(.refer)))
                """, button: "Save"))
            \(StepForms.disclosureEnd)
            """

        // Costs
        let costRows: [HTML] = records.costs.map {
            """
            <tr><td>\($0.heading.displayName)</td><td>\($0.paidOn.shortDisplay)</td><td \
            class=\"app-numeric\">\(Money.display(pence: $0.amountPence))</td></tr>
            """
        }
        let costV = values(.cost)
        let stageOptions = r.stages.map { ($0.key, procedure?.stage($0.key)?.name ?? $0.key) }
        let costs: HTML = """
            <h2>Costs</h2>
            \(records.costs.isEmpty ? "<p class=\"app-body\">No costs recorded.</p>" as HTML : """
                <div class="app-table-wrap"><table class="app-table"><caption \
                class="app-visually-hidden">Costs</caption>
                <thead><tr><th scope="col">For</th><th scope="col">Paid</th><th scope="col" \
                class="app-numeric">Amount</th></tr></thead>
                <tbody>\(costRows)</tbody>
                <tfoot><tr><th scope="row" colspan="2">Total</th><td \
                class="app-numeric">\(Money.display(pence: records.costs.reduce(0) { $0 + $1.amountPence }))</td>\
                </tr></tfoot></table></div>
                """)
            \(StepForms.disclosure("Record a cost", open: opened([.cost])))
            \(Forms.form(RecordStep.cost, r, version, title: "Record a cost", errors: errors(.cost), fields: """
                \(Forms.select("cost-heading", label: "What it was for",
                options: Cost.Heading.allCases.map { ($0.rawValue, $0.displayName) },
                selected: costV["cost-heading"], errors: errors(.cost)))
                \(textInput("cost-amount", label: "Amount in pounds", value: costV["cost-amount"],
                errors: errors(.cost)))
                \(Forms.dateInput("cost-paid-on", legend: "Date paid", values: costV, errors: errors(.cost)))
                \(Forms.select("cost-stage", label: "Stage (optional)", options: stageOptions,
                selected: costV["cost-stage"], errors: errors(.cost)))
                """, button: "Record cost"))
            \(StepForms.disclosureEnd)
            """

        // Learning and actions
        let learning: [HTML] = records.learning.map {
            "<li>\(reference.label(.learningTheme, $0.theme)): \($0.description)</li>"
        }
        let actions: [HTML] = records.actions.map { a in
            let status: HTML =
                a.doneOn.map { "<strong class=\"app-tag app-tag--green\">Done</strong> \($0.shortDisplay)" }
                ?? (a.isOverdue(on: today)
                    ? "<strong class=\"app-tag app-tag--red\">Overdue</strong>"
                    : "<strong class=\"app-tag app-tag--blue\">Open</strong>")
            let complete: HTML =
                a.doneOn == nil
                ? Forms.form(
                    RecordStep.completeAction, r, version, title: "Action done: \(a.description.prefix(60))",
                    errors: failed?.fields["action"] == a.id ? errors(.completeAction) : [],
                    fields: """
                        \(Forms.dateInput("complete-action-done-on", legend: "Date done",
                        values: values(.completeAction),
                        errors: failed?.fields["action"] == a.id ? errors(.completeAction) : []))
                        """, button: "Record as done", hidden: [("action", a.id)]) : ""
            return
                """
                <li>\(a.kind.displayName)\(a.kind.isServiceWide ? " (service-wide)" : ""): \(a.description) — \
                \(a.owner), due \(a.dueOn.shortDisplay) \(status)\(complete)</li>
                """
        }
        let lv = values(.learning), av = values(.action)
        let learningSection: HTML = """
            <h2>Learning and actions</h2>
            \(CaseView.list("Learning", learning))
            \(CaseView.list("Actions", actions))
            \(StepForms.disclosure("Record learning or an action", open: opened([.learning, .action])))
            \(Forms.form(RecordStep.learning, r, version, title: "Record learning", errors: errors(.learning), fields: """
                \(Forms.select("learning-theme", label: "Theme",
                options: reference.active(.learningTheme).map { ($0.code, $0.label) },
                selected: lv["learning-theme"], errors: errors(.learning)))
                \(Forms.textarea("learning-description", label: "What was learned", hint: nil,
                value: lv["learning-description"], errors: errors(.learning)))
                """, button: "Record learning"))
            \(Forms.form(RecordStep.action, r, version, title: "Add an action", errors: errors(.action), fields: """
                \(Forms.select("action-kind", label: "Kind", options: ServiceAction.Kind.allCases.map { ($0.rawValue,
                $0.displayName) }, selected: av["action-kind"], errors: errors(.action)))
                \(Forms.textarea("action-description", label: "Action", hint: nil, value: av["action-description"],
                errors: errors(.action)))
                \(textInput("action-owner", label: "Owner", value: av["action-owner"], errors: errors(.action)))
                \(Forms.dateInput("action-due-on", legend: "Due by", values: av, errors: errors(.action)))
                """, button: "Record action"))
            \(StepForms.disclosureEnd)
            """
        let adjustments = r.kind == .complaint ? AdjustmentsView.section(r, today: today, failed: failed) : ""
        return "\(coding)\(ombudsman)\(costs)\(learningSection)\(adjustments)"
    }

    static func textInput(_ name: String, label: String, value: String, errors: [FieldError]) -> HTML {
        let hasError = errors.contains { $0.field == name }
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              \(Forms.errorMessage(name, errors))
              <input class="app-input\(hasError ? " app-input--error" : "")" id="\(name)" name="\(name)" type="text" \
            autocomplete="off" value="\(value)"\(HTML.attribute("aria-describedby",
            hasError ? "\(name)-error" : nil))>
            </div>
            """
    }
}
