import RedressCore

/// Reasonable adjustments on the case page (the Complaint Handling Code, part 2): each with its
/// review date and status, a form to review it, and a form to record another. Reviews due are a
/// work queue on the dashboard (`WorkQueues.Queue.adjustments`).
enum AdjustmentsView {
    typealias Forms = CaseActionsView

    static func status(_ a: ReasonableAdjustment, today: CalendarDate) -> HTML {
        if let ended = a.endedOn {
            return "<strong class=\"app-tag app-tag--grey\">Ended</strong> \(ended.shortDisplay)"
        }
        guard let review = a.reviewOn else { return "" }
        return review < today
            ? "<strong class=\"app-tag app-tag--red\">Review overdue</strong> since \(review.shortDisplay)"
            : "<strong class=\"app-tag app-tag--blue\">In place</strong> review by \(review.shortDisplay)"
    }

    static func section(
        _ r: Representation, today: CalendarDate, failed: FailedStep?
    ) -> HTML {
        func values(_ step: RecordStep) -> FormFields {
            failed?.step == step.rawValue ? failed!.fields : FormFields(values: [:])
        }
        func errors(_ step: RecordStep) -> [FieldError] { failed?.step == step.rawValue ? failed!.errors : [] }
        let opened = failed?.step == RecordStep.adjustment.rawValue ? " open" : ""
        let items: [HTML] = r.records.adjustments.map { a in
            let mine = failed?.fields["adjustment"] == a.id
            let review: HTML =
                a.isActive
                ? Forms.form(
                    RecordStep.reviewAdjustment, r, r.version, title: "Review: \(a.description.prefix(60))",
                    errors: mine ? errors(.reviewAdjustment) : [],
                    fields: """
                        \(Forms.dateInput("review-adjustment-reviewed-on", legend: "Date of the review",
                        values: mine ? values(.reviewAdjustment) : FormFields(values: [:]),
                        errors: mine ? errors(.reviewAdjustment) : []))
                        \(Forms.radios("review-adjustment-keep", legend: "Is it still needed?",
                        choices: [("yes", "Yes, keep it and review it again"), ("no", "No, end it")],
                        selected: mine ? values(.reviewAdjustment)["review-adjustment-keep"] : "",
                        errors: mine ? errors(.reviewAdjustment) : [], errorField: "review-adjustment-keep"))
                        \(Forms.dateInput("review-adjustment-next-review-on",
                        legend: "If kept, date of the next review",
                        values: mine ? values(.reviewAdjustment) : FormFields(values: [:]),
                        errors: mine ? errors(.reviewAdjustment) : []))
                        """, button: "Record the review", hidden: [("adjustment", a.id)]) : ""
            let reviews =
                a.reviewedOn.isEmpty ? "" : "; reviewed \(a.reviewedOn.map(\.shortDisplay).joined(separator: ", "))"
            return """
                <li>\(a.description) — agreed \(a.agreedOn.shortDisplay)\(reviews) \(status(a, today: today))\
                \(review)</li>
                """
        }
        let v = values(.adjustment)
        let list: HTML =
            items.isEmpty ? "<p class=\"app-body\">None recorded.</p>" : "<ul class=\"app-list\">\(items)</ul>"
        return """
            <h2>Reasonable adjustments</h2>
            \(list)
            \(StepForms.disclosure("Record a reasonable adjustment", open: opened))
            \(Forms.form(RecordStep.adjustment, r, r.version, title: "Record a reasonable adjustment",
            errors: errors(.adjustment), fields: """
                \(Forms.textarea("adjustment-description", label: "What was agreed",
                hint: "For example, letters in large print, or a named contact.", value: v["adjustment-description"],
                errors: errors(.adjustment)))
                \(Forms.dateInput("adjustment-agreed-on", legend: "Date agreed", values: v,
                errors: errors(.adjustment)))
                \(Forms.dateInput("adjustment-review-on", legend: "Review it by", values: v,
                errors: errors(.adjustment)))
                """, button: "Record adjustment"))
            \(StepForms.disclosureEnd)
            """
    }
}
