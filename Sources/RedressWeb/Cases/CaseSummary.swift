import RedressCore

/// The card at the top of a case: who, about what, which service, who owns it, where it stands
/// and what is due next, with why that date — everything a complaints officer needs before
/// scrolling.
struct CaseSummary: Sendable {
    var who: String
    var relationship: String
    var about: String?
    var summary: String
    var service: String
    var received: String
    var owner: String
    var status: String
    var next: (what: String, due: String, why: String?, status: Deadline.Status?)?

    init(
        _ r: Representation, procedure: ProcedureDefinition?, reference: ReferenceData, calendar: WorkingDayCalendar,
        today: CalendarDate, users: [String: String]
    ) {
        who = r.complainant.name ?? "Not given"
        relationship = reference.label(.relationship, r.complainant.relationship)
        about = r.subjectName
        summary = r.summary.count > 280 ? String(r.summary.prefix(277)) + "…" : r.summary
        service =
            """
                \(reference.label(.service, r.serviceCategory, group: r.serviceArea.rawValue)) \
                (\(r.serviceArea.displayName.lowercased()))
                """
        received = "\(r.receivedOn.longDisplay) (\(reference.label(.method, r.methodOfReceipt)))"
        owner = r.owner.map { users[$0] ?? "A former member of staff" } ?? "No one yet"
        status = Self.status(r, procedure: procedure)
        let engine = ClockEngine(calendar: calendar)
        if r.isOpen, let procedure, let deadline = engine.nextDeadline(for: r, procedure: procedure),
            let stage = r.stages.last(where: { $0.key == deadline.stageKey }),
            let definition = procedure.stage(stage.key)
        {
            next = (
                "\(definition.name): \(deadline.name)", deadline.dueOn?.longDisplay ?? "",
                engine.explanation(of: deadline, stage: stage, definition: definition),
                deadline.status(on: today, calendar: calendar)
            )
        }
    }

    /// Where the case stands, in words.
    static func status(_ r: Representation, procedure: ProcedureDefinition?) -> String {
        if r.mergedInto != nil {
            return
                """
                    Merged into \(r.records.links.last { $0.kind == .mergedInto }?.reference ?? "another case") as a \
                    duplicate
                    """
        }
        switch (r.kind, r.isOpen) {
        case (.complaint, true):
            return "Open at \(procedure?.stage(r.currentStage?.key ?? "")?.name.lowercased() ?? "its first stage")"
        case (.complaint, false):
            if r.records.intake.refusal != nil && r.stages.allSatisfy({ $0.respondedOn == nil }) { return "Refused" }
            return "Closed at \(procedure?.stage(r.closedAtStage ?? "")?.name.lowercased() ?? "its last stage")"
        case (_, true): return "Open for triage"
        case (_, false): return "Recorded and closed"
        }
    }
}

enum CaseSummaryView {
    static func render(_ s: CaseSummary, r: Representation, canChange: Bool) -> HTML {
        func row(_ key: String, _ value: HTML, change: String? = nil) -> HTML {
            let link: HTML =
                (canChange ? change : nil).map {
                    """
                        <dd class=\"app-summary-card__action\"><a class=\"app-link\" href=\"\($0)\">Change<span \
                        class=\"app-visually-hidden\"> \(key.lowercased())</span></a></dd>
                        """
                } ?? ""
            return "<div class=\"app-summary-card__row\"><dt>\(key)</dt><dd>\(value)</dd>\(link)</div>"
        }
        let nextValue: HTML =
            s.next.map { n in
                let why: HTML = n.why.map { "<br><span class=\"app-hint-inline\">\($0)</span>" } ?? ""
                let tag: HTML = n.status.map { " \(Layout.statusTag($0))" } ?? ""
                if n.due.isEmpty { return "\(n.what): no date yet\(tag)" }
                return "\(n.what), due <strong>\(n.due)</strong>\(tag)\(why)"
            } ?? (r.isOpen ? "Nothing due" : "None: the case is closed")
        let noun = r.kind == .complaint ? "Complainant" : "From"
        return """
            <section class="app-summary-card" aria-labelledby="summary-title">
              <h2 class="app-summary-card__title" id="summary-title">Summary</h2>
              <dl class="app-summary-card__list">
                \(row(noun, "\(s.who) <span class=\"app-hint-inline\">(\(s.relationship.lowercased()))</span>",
            change: "/complaints/\(r.id)/details"))
                \(s.about.map { row("About", "\($0)") } ?? "")
                \(row("What it is about", "\(s.summary)", change: "/complaints/\(r.id)/details"))
                \(row("Service", "\(s.service)", change: "/complaints/\(r.id)/details"))
                \(row("Received", "\(s.received)"))
                \(row("Owner", "\(s.owner)", change: "/complaints/\(r.id)/owner"))
                \(row("Where it stands", "\(s.status)"))
                \(row("Next deadline", nextValue))
              </dl>
            </section>
            """
    }
}
