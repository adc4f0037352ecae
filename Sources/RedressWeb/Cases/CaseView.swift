import Foundation
import RedressCore
import RedressStorage

/// A step form that failed, shown again with its values and errors.
struct FailedStep: Sendable {
    /// The form's name (`respond`, `refer`…).
    var step: String
    var fields: FormFields
    var errors: [FieldError]
}

/// `GET /complaints/{id}`: the record, each stage's milestones and clocks with due and actual
/// dates, the steps that can be taken next, and the audit trail.
enum CaseView {
    static func render(
        _ r: Representation, procedure: ProcedureDefinition?, events: [CaseEvent], today: CalendarDate,
        calendar: WorkingDayCalendar, reference: ReferenceData, people: PeopleDirectory, notice: String?,
        restriction: HTML = "", failed: FailedStep? = nil
    ) -> HTML {
        let banner: HTML =
            notice.map { text in
                """
                <div class="app-notification" role="region" aria-labelledby="notice-title">
                  <h2 class="app-notification__title" id="notice-title">\(text)</h2>
                </div>
                """
            } ?? ""
        let engine = ClockEngine(calendar: calendar)
        let status: String
        switch (r.kind, r.isOpen) {
        case (.complaint, true):
            status = "Open at \(procedure?.stage(r.currentStage?.key ?? "")?.name.lowercased() ?? "its first stage")"
        case (.complaint, false):
            status =
                r.records.intake.refusal != nil && r.stages.allSatisfy({ $0.respondedOn == nil })
                ? "Refused"
                : "Closed at \(procedure?.stage(r.closedAtStage ?? "")?.name.lowercased() ?? "its last stage")"
        case (_, true): status = "Open for triage"
        case (_, false): status = "Closed"
        }
        let stages: [HTML] = r.stages.enumerated().map { index, stage in
            guard let definition = procedure?.stage(stage.key) else { return "" }
            return stageSection(
                stage, number: index + 1, definition: definition,
                deadlines: engine.deadlines(for: stage, definition: definition),
                today: today, calendar: calendar, reference: reference, people: people)
        }
        let actions: HTML =
            procedure.map {
                CaseActionsView.render(
                    r, procedure: $0, engine: engine, reference: reference, people: people, today: today, failed: failed
                )
            } ?? ""
        let auditRows: [HTML] = events.map {
            """
            <tr><td>\(HistoryText.when($0.recordedAt))</td><td>\($0.recordedBy)</td><td>\($0.summary)</td></tr>
            """
        }
        let audit: HTML =
            events.isEmpty
            ? "<p>No steps have been recorded since the complaint was received.</p>"
            : """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">Steps recorded on this case</caption>
              <thead><tr><th scope="col">Recorded</th><th scope="col">By</th><th scope="col">What</th></tr></thead>
              <tbody>\(auditRows)</tbody>
            </table></div>
            """
        let hasErrors = !(failed?.errors.isEmpty ?? true)
        var warnings: [HTML] = []
        if r.restrictedTo != nil {
            warnings.append("<p class=\"app-warning\">Restricted: only named people can see this case.</p>")
        }
        if let purged = r.purgedOn {
            warnings.append(
                """
                <p class=\"app-warning\">Personal data removed on \(purged.longDisplay) under the retention \
                schedule.</p>
                """
            )
        }
        return Layout.page(
            title: "\(r.kind.displayName) \(r.reference)", section: .none, hasErrors: hasErrors,
            """
            \(Layout.errorSummary(failed?.errors ?? []))
            \(banner)
            <span class="app-caption">\(r.serviceArea.displayName) · \(procedure?.name ?? "")</span>
            <h1>\(r.kind.displayName) \(r.reference)</h1>
            \(warnings)
            <p class="app-body"><strong>\(status).</strong> Received \(r.receivedOn.longDisplay).</p>
            \(stages)
            <p class="app-note">\(procedure?.basis ?? "")</p>
            \(IntakeView.render(r, procedure: procedure, reference: reference, failed: failed))
            \(actions)
            \(CaseRecordsView.render(r, procedure: procedure, reference: reference, today: today, failed: failed))
            <h2>Details</h2>
            \(details(r, procedure: procedure, reference: reference))
            \(restriction)
            <h2>Record of changes</h2>
            \(audit)
            <p><a class="app-link" href="/">Back to open complaints</a></p>
            """)
    }

    /// One stage: its milestones in order, its clocks, extensions and pauses.
    static func stageSection(
        _ stage: Stage, number: Int, definition: StageDefinition, deadlines: [Deadline], today: CalendarDate,
        calendar: WorkingDayCalendar, reference: ReferenceData, people: PeopleDirectory
    ) -> HTML {
        let appointed: [HTML] = stage.appointments.map {
            """
            <li>\($0.role.displayName): \(people[$0.personID]?.name ?? $0.personID), appointed \
            \($0.appointedOn.shortDisplay)</li>
            """
        }
        let milestoneRows: [HTML] = definition.milestones.map { m in
            "<tr><th scope=\"row\">\(m.label)</th><td>\(stage.date(of: m.milestone)?.shortDisplay ?? "Not yet")</td></tr>"
        }
        let engine = ClockEngine(calendar: calendar)
        let clockRows: [HTML] = deadlines.map { d in
            let why: HTML =
                d.isRunning
                ? engine.explanation(of: d, stage: stage, definition: definition)
                    .map { "<br><span class=\"app-hint-inline\">\($0)</span>" } ?? "" : ""
            let extensionNote: HTML =
                d.latestExtensionOn.map {
                    "<br><span class=\"app-hint-inline\">Extension no later than \($0.shortDisplay)</span>"
                } ?? ""
            let trigger: HTML =
                d.isNotificationTrigger
                ? "<br><span class=\"app-hint-inline\">If passed, write to the complainant explaining why</span>" : ""
            return """
                <tr>
                  <th scope="row">\(d.name)</th>
                  <td>\(d.startsOn.map { $0.shortDisplay + (d.startIsProjected ? " (expected)" : "") } ?? "Not yet")</td>
                  <td>\(d.dueOn?.shortDisplay ?? "Not yet set")\(why)\(extensionNote)\(trigger)</td>
                  <td>\(d.stoppedOn?.shortDisplay ?? "–")</td>
                  <td>\(Layout.statusTag(d.status(on: today, calendar: calendar)))</td>
                </tr>
                """
        }
        let extensions: [HTML] = stage.extensions.map { e in
            let clock = definition.clocks.first { $0.key == e.clockKey }?.name ?? e.clockKey
            let told: HTML = e.complainantInformedOn.map { "; complainant told \($0.shortDisplay)" } ?? ""
            let why: HTML = e.reason.isEmpty ? "" : ": \(e.reason)"
            return "<li>\(clock) due \(e.newDueOn.shortDisplay), agreed \(e.agreedOn.shortDisplay)\(why)\(told)</li>"
        }
        let pauses: [HTML] = stage.pauses.map {
            """
            <li>\($0.reason.displayName) from \($0.from.shortDisplay) \
            \($0.until.map { "to \($0.shortDisplay)" } ?? "(still paused)")</li>
            """
        }
        let outcome: HTML =
            stage.outcome.map { "<p class=\"app-body\">Outcome: <strong>\(reference.label(.outcome, $0))</strong></p>" }
            ?? ""
        let points: [HTML] = stage.points.map {
            """
            <li>\($0.text) — \
            <strong>\($0.finding.map { reference.label(.outcome, $0) } ?? "finding not yet recorded")</strong></li>
            """
        }
        let late: HTML =
            stage.lateRequestReason.map {
                "<p class=\"app-body\">Requested after the window; accepted because: \($0)</p>"
            } ?? ""
        return """
            <section class="app-stage" aria-labelledby="stage-\(number)">
            <h2 id="stage-\(number)">\(definition.name)</h2>
            \(outcome)\(late)
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">\(definition.name): steps</caption>
              <thead><tr><th scope="col">Step</th><th scope="col">Date</th></tr></thead>
              <tbody>\(milestoneRows)</tbody>
            </table></div>
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">\(definition.name): deadlines</caption>
              <thead><tr><th scope="col">Deadline</th><th scope="col">Clock starts (day 0)</th><th \
            scope="col">Due</th><th scope="col">Done</th><th scope="col">Status on \
            \(today.shortDisplay)</th></tr></thead>
              <tbody>\(clockRows)</tbody>
            </table></div>
            \(points.isEmpty ? "" : "<h3>Statement of complaint</h3><ol class=\"app-list\">\(points)</ol>" as HTML)
            \(list("People appointed", appointed))
            \(list("Due dates agreed", extensions))
            \(list("Pauses", pauses))
            </section>
            """
    }

    /// A headed list, or nothing when empty.
    static func list(_ heading: String, _ items: [HTML]) -> HTML {
        items.isEmpty ? "" : "<h3>\(heading)</h3><ul class=\"app-list\">\(items)</ul>"
    }

    static func details(_ r: Representation, procedure: ProcedureDefinition?, reference: ReferenceData) -> HTML {
        func row(_ key: String, _ value: String) -> HTML { "<tr><th scope=\"row\">\(key)</th><td>\(value)</td></tr>" }
        let c = r.complainant
        let complaint = r.kind.isHandledAsCase
        var rows: [HTML] = [
            row("Reference", r.reference), row("Type", r.kind.displayName),
            row("Service area", r.serviceArea.displayName),
        ]
        if complaint { rows.append(row("Procedure", procedure?.name ?? r.procedureID ?? "None")) }
        rows += [
            row("Received", r.receivedOn.longDisplay), row("How received", reference.label(.method, r.methodOfReceipt)),
            row(complaint ? "Complainant's name" : "From", c.name ?? "Not given"),
            row("Contact details", c.contact ?? "Not given"),
            row(complaint ? "Who is complaining" : "Who they are", reference.label(.relationship, c.relationship)),
        ]
        if complaint {
            rows += [
                row("About", r.subjectName ?? "The complainant"),
                row("By or for a child or young person", c.isChildOrYoungPerson ? "Yes" : "No"),
                row("Advocate", c.advocate ?? "None"),
            ]
        }
        rows += [
            row("Service", reference.label(.service, r.serviceCategory, group: r.serviceArea.rawValue)),
            row(r.kind == .compliment ? "What they said" : "Summary", r.summary),
        ]
        let noun = r.kind == .complaint ? "complaint" : r.kind.displayName.lowercased()
        return
            """
            <table class=\"app-summary-list\"><caption class=\"app-visually-hidden\">Details of the \
            \(noun)</caption><tbody>\(rows)</tbody></table>
            """
    }
}
