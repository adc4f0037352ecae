import RedressCore

/// `GET /complaints/{id}`: the record and every computed deadline with the rule behind it.
enum CaseView {
    static func render(
        _ r: Representation, procedure: ProcedureDefinition?, deadlines: [Deadline], today: CalendarDate,
        calendar: WorkingDayCalendar, reference: ReferenceData, justRecorded: Bool
    ) -> HTML {
        let banner: HTML = justRecorded ? """
            <div class="app-notification" role="region" aria-labelledby="recorded-title">
              <h2 class="app-notification__title" id="recorded-title">Complaint recorded</h2>
              <p class="app-body">Reference \(r.reference). Its deadlines are shown below.</p>
            </div>
            """ : ""
        func row(_ key: String, _ value: HTML) -> HTML { "<tr><th scope=\"row\">\(key)</th><td>\(value)</td></tr>" }
        let complainant = r.complainant
        let details: [HTML] = [
            row("Reference", "\(r.reference)"),
            row("Type", "\(r.kind.displayName)"),
            row("Service area", "\(r.serviceArea.displayName)"),
            row("Procedure", "\(procedure?.name ?? r.procedureID ?? "None")"),
            row("Received", "\(r.receivedOn.longDisplay)"),
            row("How received", "\(reference.label(.method, r.methodOfReceipt))"),
            row("Who is complaining", "\(reference.label(.relationship, complainant.relationship))"),
            row("By or for a child or young person", complainant.isChildOrYoungPerson ? "Yes" : "No"),
            row("Advocate", "\(complainant.advocate ?? "None")"),
            row("Service", "\(reference.label(.service, r.serviceCategory, group: r.serviceArea.rawValue))"),
            row("Summary", "\(r.summary)"),
        ]
        let clockRows: [HTML] = deadlines.map { d in
            let stageName = procedure?.stage(d.stageKey)?.name ?? d.stageKey
            let extensionNote: HTML = d.latestExtensionOn.map { "<br><span class=\"app-hint-inline\">Extension no later than \($0.shortDisplay)</span>" } ?? ""
            let trigger: HTML = d.isNotificationTrigger ? "<br><span class=\"app-hint-inline\">If passed, write to the complainant explaining why</span>" : ""
            return """
            <tr>
              <th scope="row">\(d.name)<br><span class="app-hint-inline">\(stageName)</span></th>
              <td>\(d.startsOn.shortDisplay)</td>
              <td>\(d.dueOn?.shortDisplay ?? "Not yet agreed")\(extensionNote)\(trigger)</td>
              <td>\(Layout.statusTag(d.status(on: today, calendar: calendar)))</td>
              <td class="app-note">\(d.rule)</td>
            </tr>
            """
        }
        let stageRows: [HTML] = r.stages.map { s in
            """
            <tr>
              <th scope="row">\(procedure?.stage(s.key)?.name ?? s.key)</th>
              <td>\(s.openedOn.shortDisplay)</td>
              <td>\(s.respondedOn?.shortDisplay ?? "Not yet")</td>
              <td>\(s.outcome.map { reference.label(.outcome, $0) } ?? "–")</td>
            </tr>
            """
        }
        return Layout.page(title: "Complaint \(r.reference)", section: .none, """
            \(banner)
            <span class="app-caption">\(r.serviceArea.displayName)</span>
            <h1>Complaint \(r.reference)</h1>
            <div class="app-table-wrap">
            <table class="app-table">
              <caption>Deadlines</caption>
              <thead><tr><th scope="col">Deadline</th><th scope="col">Clock starts (day 0)</th><th scope="col">Due</th><th scope="col">Status on \(today.shortDisplay)</th><th scope="col">Rule</th></tr></thead>
              <tbody>\(clockRows)</tbody>
            </table>
            </div>
            <p class="app-note">\(procedure?.basis ?? "")</p>
            <h2>Stages</h2>
            <div class="app-table-wrap">
            <table class="app-table">
              <caption class="app-visually-hidden">Stages</caption>
              <thead><tr><th scope="col">Stage</th><th scope="col">Opened</th><th scope="col">Responded</th><th scope="col">Outcome</th></tr></thead>
              <tbody>\(stageRows)</tbody>
            </table>
            </div>
            <h2>Details</h2>
            <table class="app-summary-list"><caption class="app-visually-hidden">Details of the complaint</caption><tbody>\(details)</tbody></table>
            <p><a class="app-link" href="/">Back to open complaints</a></p>
            """)
    }
}
