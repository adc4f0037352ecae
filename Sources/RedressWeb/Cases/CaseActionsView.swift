import RedressCore

/// The forms for the steps a case can take next, each a small GOV.UK form posting to
/// `/complaints/{id}/steps/{step}` with the case version it was rendered from.
enum CaseActionsView {
    static func render(
        _ r: Representation, procedure: ProcedureDefinition, engine: ClockEngine, reference: ReferenceData,
        people: PeopleDirectory, today: CalendarDate, failed: FailedStep?
    ) -> HTML {
        var forms: [HTML] = []
        let version = r.version
        func values(_ step: CaseStep) -> FormFields {
            failed?.step == step.rawValue ? failed!.fields : FormFields(values: [:])
        }
        func errors(_ step: CaseStep) -> [FieldError] { failed?.step == step.rawValue ? failed!.errors : [] }

        if let stage = r.currentStage, let definition = procedure.stage(stage.key) {
            let pending = definition.milestones.filter {
                ![.requested, .responded, .allocated].contains($0.milestone) && stage.date(of: $0.milestone) == nil
            }
            var roles: [AppointmentRole] = [.respondingManager]
            if definition.records(.allocated) {
                roles = [.investigatingOfficer, .independentPerson, .adjudicator] + roles
            }
            if definition.records(.panelMet) { roles = [.panelChair, .panelMember] + roles }
            let candidates = Set(roles.flatMap { people.available(for: $0) }).sorted { $0.name < $1.name }
            if !candidates.isEmpty {
                let v = values(.appoint)
                forms.append(
                    form(
                        CaseStep.appoint, r, version, title: "Appoint someone", errors: errors(.appoint),
                        fields: """
                            \(select("appoint-role", label: "Role", options: roles.map { ($0.rawValue,
                            $0.displayName) }, selected: v["appoint-role"], errors: errors(.appoint)))
                            \(select("appoint-person", label: "Person", options: candidates.map { ($0.id,
                            $0.name + " (" + $0.roles.map(\.displayName).joined(separator: ", ") + ")") },
                            selected: v["appoint-person"], errors: errors(.appoint)))
                            \(dateInput("appoint-date", legend: "Date appointed", values: v, errors: errors(.appoint)))
                            """, button: "Appoint"))
            }
            if !pending.isEmpty {
                let choices = pending.map { ($0.milestone.rawValue, $0.label) }
                forms.append(
                    form(
                        CaseStep.record, r, version, title: "Record a step of this stage", errors: errors(.record),
                        fields: """
                            \(radios("record-milestone", legend: "Which step?", choices: choices,
                            selected: values(.record)["record-milestone"], errors: errors(.record),
                            errorField: CaseStep.record.anchor))
                            \(dateInput("record-date", legend: "Date", values: values(.record),
                            errors: errors(.record)))
                            """, button: "Record step"))
            }
            if definition.records(.statementAgreed), stage.date(of: .statementAgreed) != nil,
                !stage.points.contains(where: { $0.finding != nil })
            {
                let existing = stage.points.map(\.text).joined(separator: "\n")
                forms.append(
                    form(
                        CaseStep.points, r, version, title: "Set the points of the statement of complaint",
                        errors: errors(.points),
                        fields: """
                            \(textarea("points-points",
                            label: "The points agreed with the complainant, one per line",
                            hint: "Each point gets its own finding at adjudication.",
                            value: failed?.step == "points" ? values(.points)["points-points"] : existing,
                            errors: errors(.points)))
                            """, button: "Save points"))
            }
            for point in stage.points where point.finding == nil {
                forms.append(
                    form(
                        CaseStep.finding, r, version,
                        title: "Record the finding on point \(point.number): \(point.text)",
                        errors: failed?.fields["point"] == "\(point.number)" ? errors(.finding) : [],
                        fields: """
                            \(select("finding-finding", label: "Finding", options: ComplaintPoint.findings.map { ($0,
                            reference.label(.outcome, $0)) }, selected: "",
                            errors: failed?.fields["point"] == "\(point.number)" ? errors(.finding) : []))
                            """, button: "Record finding", hidden: [("point", "\(point.number)")]))
            }
            if r.stages.count == 1, r.records.intake.earlyResolutionOn == nil {
                forms.append(
                    form(
                        CaseStep.early, r, version, title: "Record early resolution (stage 0)", errors: errors(.early),
                        fields: """
                            <p class="app-hint">An attempt to resolve it at first contact. It is not a statutory \
                            stage; the statutory clock keeps running from receipt.</p>
                            \(radios("early-resolved", legend: "Did it resolve the complaint?", choices: [("yes",
                            "Yes"), ("no", "No")], selected: values(.early)["early-resolved"],
                            errors: errors(.early), errorField: "early-resolved"))
                            \(dateInput("early-date", legend: "Date", values: values(.early), errors: errors(.early)))
                            """, button: "Record early resolution"))
            }
            let outcomes = reference.active(.outcome).filter { !Lifecycle.closuresOfTheirOwn.contains($0.code) }
            forms.append(
                form(
                    CaseStep.respond, r, version,
                    title: "Record the response (\(definition.label(of: .responded).lowercased()))",
                    errors: errors(.respond),
                    fields: """
                        \(dateInput("respond-date", legend: "Date sent", values: values(.respond),
                        errors: errors(.respond)))
                        \(select("respond-outcome", label: "Outcome", options: outcomes.map { ($0.code, $0.label) },
                        selected: values(.respond)["respond-outcome"], errors: errors(.respond)))
                        """, button: "Record response"))
            let extendable = engine.deadlines(for: stage, definition: definition).filter { d in
                guard d.isRunning, d.startsOn != nil, !d.startIsProjected,
                    let clock = definition.clocks.first(where: { $0.key == d.clockKey })
                else { return false }
                if case .workingDays = clock.limit { return clock.extendableToWorkingDays != nil }
                return true
            }
            if !extendable.isEmpty {
                let v = values(.extend)
                forms.append(
                    form(
                        CaseStep.extend, r, version, title: "Agree or extend a due date", errors: errors(.extend),
                        fields: """
                            \(select("extend-clock", label: "Time limit", options: extendable.map { ($0.clockKey,
                            $0.name + ($0.latestExtensionOn.map { " (no later than \($0.shortDisplay))" } ?? "")) },
                            selected: v["extend-clock"], errors: errors(.extend)))
                            \(dateInput("extend-to", legend: "New due date", values: v, errors: errors(.extend)))
                            \(dateInput("extend-agreed-on", legend: "Date it was agreed", values: v,
                            errors: errors(.extend)))
                            \(textarea("extend-reason", label: "Reason",
                            hint: "Required for an extension or a change of date; the complainant must be told why.",
                            value: v["extend-reason"], errors: errors(.extend)))
                            \(dateInput("extend-informed-on", legend: "Date the complainant was told (optional)",
                            values: v, errors: errors(.extend)))
                            """, button: "Save due date"))
            }
            if let last = stage.pauses.last, last.until == nil {
                forms.append(
                    form(
                        CaseStep.resume, r, version, title: "Resume after the pause", errors: errors(.resume),
                        fields: """
                            \(dateInput("resume-date", legend: "Date work resumed", values: values(.resume),
                            errors: errors(.resume)))
                            """, button: "Resume"))
            } else {
                forms.append(
                    form(
                        CaseStep.pause, r, version, title: "Pause the stage", errors: errors(.pause),
                        fields: """
                            <p class="app-hint">Deadlines do not move; reports show durations with and without \
                            pauses.</p>
                            \(radios("pause-pause-reason", legend: "Why?",
                            choices: Pause.Reason.allCases.map { ($0.rawValue, $0.displayName) },
                            selected: values(.pause)["pause-pause-reason"], errors: errors(.pause),
                            errorField: "pause-pause-reason"))
                            \(dateInput("pause-date", legend: "Paused from", values: values(.pause),
                            errors: errors(.pause)))
                            """, button: "Pause"))
            }
            forms.append(
                form(
                    CaseStep.withdraw, r, version, title: "Record that the complainant withdrew",
                    errors: errors(.withdraw),
                    fields: """
                        \(dateInput("withdraw-date", legend: "Date withdrawn", values: values(.withdraw),
                        errors: errors(.withdraw)))
                        """, button: "Record withdrawal"))
        }
        if let last = r.stages.last, let next = procedure.stage(after: last.key), last.withdrawnOn == nil,
            !last.isOpen || isOverrun(last, procedure: procedure, engine: engine, today: today)
        {
            let v = values(.escalate)
            let window: HTML =
                next.requestWindowWorkingDays.map {
                    """
                    <p class=\"app-hint\">The complainant should ask within \($0) working days of the response; a \
                    later request needs the council's reason.</p>
                    """
                } ?? ""
            forms.append(
                form(
                    CaseStep.escalate, r, version, title: "Escalate to \(next.name.lowercased())",
                    errors: errors(.escalate),
                    fields: """
                        \(window)
                        \(dateInput("escalate-date", legend: "Date requested", values: v, errors: errors(.escalate)))
                        \(textarea("escalate-late-reason",
                        label: "If the request was late, why the council accepts it (optional)", hint: nil,
                        value: v["escalate-late-reason"], errors: errors(.escalate)))
                        """, button: "Open \(next.name.lowercased())"))
        }
        if let last = r.stages.last, let definition = procedure.stage(last.key) {
            let recorded = definition.milestones.filter {
                $0.milestone != .requested && last.date(of: $0.milestone) != nil
            }
            if !recorded.isEmpty {
                let v = values(.correct)
                forms.append(
                    form(
                        CaseStep.correct, r, version, title: "Correct a date", errors: errors(.correct),
                        fields: """
                            \(select("correct-milestone", label: "Step",
                            options: recorded.map { ($0.milestone.rawValue, $0.label) },
                            selected: v["correct-milestone"], errors: errors(.correct)))
                            \(dateInput("correct-date", legend: "Correct date", values: v, errors: errors(.correct)))
                            \(textarea("correct-reason", label: "Why it is being corrected",
                            hint: "The correction and the reason are kept in the record of changes.",
                            value: v["correct-reason"], errors: errors(.correct)))
                            """, button: "Save correction"))
            }
            if !last.isOpen && r.kind == .complaint {
                forms.append(
                    form(
                        CaseStep.reopen, r, version, title: "Reopen \(definition.name.lowercased())",
                        errors: errors(.reopen),
                        fields: """
                            \(textarea("reopen-reason", label: "Why the closure was wrong",
                            hint: "The reopening and the reason are kept in the record of changes.",
                            value: values(.reopen)["reopen-reason"], errors: errors(.reopen)))
                            """, button: "Reopen"))
            }
        }
        guard !forms.isEmpty else { return "" }
        return StepForms.collector == nil ? "<h2>Next steps</h2>\(forms)" : ""
    }

    /// CSC-23: a stage past its longest extension, still unanswered, may go to the next stage.
    static func isOverrun(
        _ stage: Stage, procedure: ProcedureDefinition, engine: ClockEngine, today: CalendarDate
    ) -> Bool {
        guard stage.isOpen, let definition = procedure.stage(stage.key), definition.escalatesWhenOverrun,
            let response = engine.deadlines(for: stage, definition: definition).first(where: {
                $0.clockKey == definition.responseClock?.key
            }),
            let latest = response.latestExtensionOn
        else { return false }
        return latest < today
    }

    // MARK: - Form parts

    static func form(
        _ step: any CaseForm, _ r: Representation, _ version: Int, title: String, errors: [FieldError],
        fields: @autoclosure () -> HTML, button: String, hidden: [(String, String)] = []
    ) -> HTML {
        // Read-only roles (Independent Persons, panel members) see the case without its forms.
        guard RequestScope.current.viewer?.may(.takeCaseSteps) ?? false else { return "" }
        let key = StepForms.key(step.rawValue, hidden: hidden)
        // Listed by title on the case page: its fields are not drawn.
        if let collector = StepForms.collector, collector.drawing != key {
            collector.add(.init(key: key, step: step.rawValue, title: title, html: ""))
            return ""
        }
        let extra: [HTML] = (hidden + [("form-key", key)]).map {
            "<input type=\"hidden\" name=\"\($0.0)\" value=\"\($0.1)\">"
        }
        let body: HTML = """
            <form class="app-step-form" method="post" action="/complaints/\(r.id)/steps/\(step.rawValue)" \
            novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(version)">\(extra)
              \(fields())
              <div class="app-button-group">
                <button type="submit" class="app-button">\(button)</button>
                <a class="app-link" href="/complaints/\(r.id)">Cancel</a>
              </div>
            </form>
            """
        if let collector = StepForms.collector {
            collector.add(.init(key: key, step: step.rawValue, title: title, html: body))
            return ""
        }
        return "<h3 id=\"\(key)\">\(title)</h3>\(body)"
    }

    static func errorMessage(_ id: String, _ errors: [FieldError], prefix: Bool = false) -> HTML {
        guard let e = errors.first(where: { prefix ? $0.field.hasPrefix(id + "-") : $0.field == id }) else { return "" }
        return
            """
            <p class=\"app-error-message\" id=\"\(id)-error\"><span class=\"app-visually-hidden\">Error:</span> \
            \(e.message)</p>
            """
    }

    static func dateInput(_ name: String, legend: String, values: FormFields, errors: [FieldError]) -> HTML {
        var values = values
        let untouched = ["day", "month", "year"].allSatisfy { values["\(name)-\($0)"].isEmpty } && errors.isEmpty
        if untouched, let today = StepForms.today, !legend.contains("optional"), !StepForms.notToday.contains(name) {
            // A new form starts at today's date, the day most steps are recorded.
            values = FormFields(values: [
                "\(name)-day": String(today.day), "\(name)-month": String(today.month),
                "\(name)-year": String(today.year),
            ])
        }
        let hasError = errors.contains { $0.field.hasPrefix(name + "-") }
        let cls = hasError ? " app-input--error" : ""
        func part(_ p: String, _ label: String, _ width: Int) -> HTML {
            """
            <div class="app-date-input__item"><label for="\(name)-\(p)">\(label)</label>
              <input class="app-input app-input--width-\(width)\(cls)" id="\(name)-\(p)" name="\(name)-\(p)" \
            type="text" inputmode="numeric" autocomplete="off" value="\(values["\(name)-\(p)"])"></div>
            """
        }
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <fieldset role="group"\(HTML.attribute("aria-describedby", hasError ? "\(name)-error" : nil))>
                <legend class="app-label--s">\(legend)</legend>
                \(errorMessage(name, errors, prefix: true))
                <div class="app-date-input">\(part("day", "Day", 2))\(part("month", "Month", 2))\(part("year",
            "Year", 4))</div>
              </fieldset>
            </div>
            """
    }

    static func select(
        _ name: String, label: String, options: [(String, String)], selected: String, errors: [FieldError]
    ) -> HTML {
        let hasError = errors.contains { $0.field == name }
        let items: [HTML] =
            [("", "Select an option")].map { "<option value=\"\($0.0)\">\($0.1)</option>" }
            + options.map { "<option value=\"\($0.0)\"\($0.0 == selected ? " selected" : "")>\($0.1)</option>" }
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              \(errorMessage(name, errors))
              <select class="app-select\(hasError ? " app-select--error" : "")" id="\(name)" \
            name="\(name)"\(HTML.attribute("aria-describedby", hasError ? "\(name)-error" : nil))>\(items)</select>
            </div>
            """
    }

    static func radios(
        _ name: String, legend: String, choices: [(String, String)], selected: String, errors: [FieldError],
        errorField: String
    ) -> HTML {
        let hasError = errors.contains { $0.field == errorField }
        let items: [HTML] = choices.enumerated().map { i, c in
            let id = i == 0 ? name : "\(name)-\(i + 1)"
            return
                """
                <div class=\"app-radios__item\"><input id=\"\(id)\" name=\"\(name)\" type=\"radio\" \
                value=\"\(c.0)\"\(c.0 == selected ? " checked" : "")><label for=\"\(id)\">\(c.1)</label></div>
                """
        }
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <fieldset\(HTML.attribute("aria-describedby", hasError ? "\(errorField)-error" : nil))>
                <legend class="app-label--s">\(legend)</legend>
                \(errorMessage(errorField, errors))
                <div class="app-radios">\(items)</div>
              </fieldset>
            </div>
            """
    }

    static func textarea(_ name: String, label: String, hint: String?, value: String, errors: [FieldError]) -> HTML {
        let hasError = errors.contains { $0.field == name }
        let hintHTML: HTML = hint.map { "<p class=\"app-hint\" id=\"\(name)-hint\">\($0)</p>" } ?? ""
        let described = ([hint == nil ? nil : "\(name)-hint", hasError ? "\(name)-error" : nil].compactMap { $0 })
            .joined(separator: " ")
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              \(hintHTML)
              \(errorMessage(name, errors))
              <textarea class="app-textarea\(hasError ? " app-textarea--error" : "")" id="\(name)" name="\(name)" \
            rows="3"\(HTML.attribute("aria-describedby", described))>\(value)</textarea>
            </div>
            """
    }
}
