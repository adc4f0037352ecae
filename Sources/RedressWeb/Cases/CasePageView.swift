import RedressCore
import RedressStorage

/// Everything the case page shows, gathered by its route.
struct CasePage: Sendable {
    var representation: Representation
    var procedure: ProcedureDefinition?
    var events: [CaseEvent]
    /// The histories of duplicates merged into this case, by their reference.
    var mergedHistories: [(reference: String, events: [CaseEvent])]
    var today: CalendarDate
    var calendar: WorkingDayCalendar
    var reference: ReferenceData
    var people: PeopleDirectory
    /// Staff names by user id, and by username (the record of changes names who recorded a step).
    var users: [String: String]
    var staffNames: [String: String]
    var notice: String?
    /// The restriction form, the equality link and the letters, drawn by their own routes.
    var extras: HTML
    var canTakeSteps: Bool
    /// What is kept and said on the case, and who is looking (only an entry's author corrects it).
    var documents: [CaseDocument] = []
    var contacts: [ContactEntry] = []
    var viewerUsername: String = ""
}

/// `GET /complaints/{id}`: the case as a workspace — the summary card, what to do next (each step
/// on its own page), the stages with their clocks and why each date falls when it does, the
/// records, linked cases, the details, and the record of changes in names, not codes.
enum CasePageView {
    static func render(_ page: CasePage) -> HTML {
        let r = page.representation
        let (records, steps) = StepForms.collecting(today: page.today) { () -> HTML in
            let engine = ClockEngine(calendar: page.calendar)
            let actions: HTML =
                page.procedure.map {
                    CaseActionsView.render(
                        r, procedure: $0, engine: engine, reference: page.reference, people: page.people,
                        today: page.today, failed: nil)
                } ?? ""
            return """
                \(actions)
                \(IntakeView.render(r, procedure: page.procedure, reference: page.reference, failed: nil))
                \(CaseRecordsView.render(r, procedure: page.procedure, reference: page.reference, today: page.today,
                failed: nil))
                """
        }
        let banner: HTML =
            page.notice.map { text in
                """
                <div class="app-notification app-notification--success" role="region" aria-labelledby="notice-title">
                  <h2 class="app-notification__title" id="notice-title">\(text)</h2>
                </div>
                """
            } ?? ""
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
        if let merged = r.records.links.last(where: { $0.kind == .mergedInto }) {
            warnings.append(
                """
                <p class=\"app-warning\">This case was a duplicate, merged into <a class=\"app-link\" \
                href=\"/complaints/\(merged.representationID)\">\(merged.reference)</a> on \
                \(merged.linkedOn.longDisplay). Work on that case.</p>
                """
            )
        }
        let summary = CaseSummary(
            r, procedure: page.procedure, reference: page.reference, calendar: page.calendar, today: page.today,
            users: page.users)
        let engine = ClockEngine(calendar: page.calendar)
        let stages: [HTML] = r.stages.enumerated().map { index, stage in
            guard let definition = page.procedure?.stage(stage.key) else { return "" }
            return CaseView.stageSection(
                stage, number: index + 1, definition: definition,
                deadlines: engine.deadlines(for: stage, definition: definition),
                today: page.today, calendar: page.calendar, reference: page.reference, people: page.people)
        }
        let history = HistoryText(
            procedure: page.procedure, reference: page.reference, people: page.people, users: page.users,
            staffNames: page.staffNames)
        return Layout.page(
            title: "\(r.kind.displayName) \(r.reference)", section: .cases,
            """
            \(banner)
            <span class="app-caption">\(r.serviceArea.displayName)\(page.procedure.map { " · \($0.name)" } ?? "")</span>
            <h1>\(r.kind.displayName) \(r.reference)</h1>
            \(warnings)
            \(CaseSummaryView.render(summary, r: r, canChange: page.canTakeSteps && r.mergedInto == nil))
            \(page.canTakeSteps && r.mergedInto == nil ? taskList(r, steps: steps) : "")
            \(stages)
            \(page.procedure.map { "<p class=\"app-note\">\($0.basis)</p>" as HTML } ?? "")
            \(records)
            \(links(r))
            <h2 id="details">Details</h2>
            \(CaseView.details(r, procedure: page.procedure, reference: page.reference))
            \(page.extras)
            \(CaseCorrespondenceView.documents(r, page.documents))
            <h2 id="changes">Record of changes and contact log</h2>
            \(page.canTakeSteps ? CaseCorrespondenceView.addContactLink(r) : "")
            \(CaseCorrespondenceView.timeline(
                page.events, contacts: page.contacts, history: history, r: r, viewer: page.viewerUsername,
                empty: "No steps have been recorded since it was received."))
            \(page.mergedHistories.map { merged in
                "<h3>Merged in from \(merged.reference)</h3>\(changes(merged.events, history: history, empty: "Nothing was recorded on it."))" as HTML
            })
            <p><a class="app-link" href="/cases">Back to cases</a></p>
            """)
    }

    /// What can be done next, each step a link to its own page.
    static func taskList(_ r: Representation, steps: [StepFormCollector.Form]) -> HTML {
        func items(_ forms: [StepFormCollector.Form]) -> [HTML] {
            forms.map {
                """
                <li class=\"app-task-list__item\"><a class=\"app-link\" \
                href=\"/complaints/\(r.id)/steps/\($0.key)\">\($0.title)</a></li>
                """
            }
        }
        let stageSteps = steps.filter { CaseStep(rawValue: $0.step) != nil }
        let triage = steps.filter { IntakeStep(rawValue: $0.step) != nil }
        let records = steps.filter { RecordStep(rawValue: $0.step) != nil }
        let casework: [HTML] = [
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" \
            href=\"/complaints/\(r.id)/owner\">\(r.owner == nil ? "Assign an owner" : "Change the owner")</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/details\">Correct \
            the details</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/links\">Link to \
            another case</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/merge\">Merge this \
            case into another (a duplicate)</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/contacts\">Add to \
            the contact log</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/documents\">Add \
            documents</a></li>
            """,
            """
            <li class=\"app-task-list__item\"><a class=\"app-link\" href=\"/complaints/\(r.id)/email\">Send an \
            email</a></li>
            """,
        ]
        func group(_ title: String, _ list: [HTML]) -> HTML {
            list.isEmpty
                ? "" : "<h3 class=\"app-task-list__heading\">\(title)</h3><ul class=\"app-task-list\">\(list)</ul>"
        }
        return """
            <section class="app-next-steps" aria-labelledby="next-steps">
              <h2 id="next-steps">What to do next</h2>
              \(group(r.kind == .complaint ? "This stage" : "Steps", items(stageSteps)))
              \(group("Triage", items(triage)))
              \(group("Records for the annual report", items(records)))
              \(group("The case", casework))
            </section>
            """
    }

    static func links(_ r: Representation) -> HTML {
        guard !r.records.links.isEmpty else { return "" }
        let items: [HTML] = r.records.links.map {
            """
            <li>\($0.kind.displayName) <a class=\"app-link\" \
            href=\"/complaints/\($0.representationID)\">\($0.reference)</a> (\($0.linkedOn.shortDisplay))</li>
            """
        }
        return "<h2 id=\"linked\">Linked cases</h2><ul class=\"app-list\">\(items)</ul>"
    }

    static func changes(_ events: [CaseEvent], history: HistoryText, empty: String) -> HTML {
        guard !events.isEmpty else { return "<p class=\"app-body\">\(empty)</p>" }
        let rows: [HTML] = events.map {
            let when = HistoryText.when($0.recordedAt)
            return
                "<tr><td>\(when)</td><td>\(history.staffNames[$0.recordedBy] ?? $0.recordedBy)</td><td>\(history.describe($0))</td></tr>"
        }
        return """
            <div class="app-table-wrap"><table class="app-table">
              <caption class="app-visually-hidden">Steps recorded on this case</caption>
              <thead><tr><th scope="col">Recorded</th><th scope="col">By</th><th scope="col">What</th></tr></thead>
              <tbody>\(rows)</tbody>
            </table></div>
            """
    }
}
