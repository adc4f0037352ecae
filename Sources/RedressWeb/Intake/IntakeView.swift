import Foundation
import RedressCore

/// The case page's triage section: what was decided, and the forms to decide it.
enum IntakeView {
    typealias Forms = CaseActionsView

    static func render(
        _ r: Representation, procedure: ProcedureDefinition?, reference: ReferenceData, failed: FailedStep?
    ) -> HTML {
        guard r.kind.isHandledAsCase else { return compliment(r) }
        let intake = r.records.intake
        func values(_ step: IntakeStep) -> FormFields {
            failed?.step == step.rawValue ? failed!.fields : FormFields(values: [:])
        }
        func errors(_ step: IntakeStep) -> [FieldError] { failed?.step == step.rawValue ? failed!.errors : [] }
        let isOpen = IntakeStep.allCases.contains { failed?.step == $0.rawValue } ? " open" : ""
        func row(_ k: String, _ v: String?) -> HTML {
            v.map { "<tr><th scope=\"row\">\(k)</th><td>\($0)</td></tr>" } ?? ""
        }
        let facts: [HTML] = [
            row(
                "First received as",
                intake.convertedFrom.map {
                    """
                    \($0.from.displayName) on \($0.firstReceivedOn.longDisplay); a complaint from \
                    \($0.convertedOn.longDisplay)
                    """
                }),
            row(
                "Matter arose",
                intake.matterAroseOn.map {
                    $0.longDisplay + (intake.lateAcceptedReason.map { "; late complaint accepted: \($0)" } ?? "")
                }),
            row(
                "Eligibility",
                intake.eligibility.map {
                    "\($0.basis)\($0.sufficientInterest.map { $0 ? ", sufficient interest" : ", no sufficient interest" } ?? "") (\($0.decidedOn.shortDisplay))\($0.reasons.isEmpty ? "" : ": " + $0.reasons)"
                }),
            row(
                "Refused",
                intake.refusal.map {
                    """
                    \(reference.label(.refusalReason, $0.reason)), \
                    \($0.decidedOn.longDisplay)\($0.notifiedOn.map { "; complainant told \($0.longDisplay)" } ?? "")
                    """
                }),
            row(
                "Advocacy",
                intake.advocacyOfferedOn.map {
                    "Offered \($0.longDisplay)\(intake.advocateAppointedOn.map { "; advocate appointed \($0.longDisplay)" } ?? "")"
                }),
            row(
                "Child's consent",
                intake.childConsent.map { "\($0.given ? "Given" : "Not given"), recorded \($0.recordedOn.longDisplay)" }
            ),
            row(
                "Joint complaint",
                intake.joint.map {
                    """
                    With \($0.partner); \($0.councilLeads ? "the council" : "the partner") leads (agreed \
                    \($0.agreedOn.longDisplay))
                    """
                }),
            row(r.kind == .serviceRequest ? "Resolved" : "Closed without a complaint", intake.closedOn?.longDisplay),
        ]
        var forms: [HTML] = []
        if r.kind.canBecomeComplaint && r.isOpen {
            forms.append(
                Forms.form(
                    IntakeStep.convert, r, r.version, title: "Make it a complaint", errors: errors(.convert),
                    fields: """
                        <p class="app-hint">The \(r.kind == .serviceRequest ? "response" : "statutory") clock counts \
                        from \(procedure?.clockStartsOnConversion == true || r.kind == .serviceRequest
                            ? "the date it becomes a complaint" : "the first receipt, \(r.receivedOn.longDisplay)").</p>
                        \(Forms.dateInput("convert-date", legend: "Date it became a complaint",
                        values: values(.convert), errors: errors(.convert)))
                        """, button: "Make it a complaint"))
            // A service request is resolved (the service given); the other kinds close without a complaint.
            let request = r.kind == .serviceRequest
            forms.append(
                Forms.form(
                    IntakeStep.closeIntake, r, r.version,
                    title: request ? "The service request is resolved" : "Close without a complaint",
                    errors: errors(.closeIntake),
                    fields: """
                        \(Forms.dateInput("close-intake-date", legend: request ? "Date resolved" : "Date closed",
                        values: values(.closeIntake), errors: errors(.closeIntake)))
                        """, button: request ? "Record as resolved" : "Close"))
        }
        if r.isOpen && intake.refusal == nil {
            forms.append(
                Forms.form(
                    IntakeStep.refuse, r, r.version, title: "Refuse to consider it", errors: errors(.refuse),
                    fields: """
                        \(Forms.select("refuse-reason", label: "Reason",
                        options: reference.active(.refusalReason).map { ($0.code, $0.label) },
                        selected: values(.refuse)["refuse-reason"], errors: errors(.refuse)))
                        \(Forms.dateInput("refuse-date", legend: "Date of the decision", values: values(.refuse),
                        errors: errors(.refuse)))
                        \(Forms.dateInput("refuse-notified-on", legend: "Date the complainant was told (optional)",
                        values: values(.refuse), errors: errors(.refuse)))
                        """, button: "Record refusal"))
        }
        let tv = values(.timeLimit), ev = values(.eligibility), av = values(.advocacy), jv = values(.joint)
        forms.append(
            Forms.form(
                IntakeStep.timeLimit, r, r.version, title: "Record when the matter arose (time limit)",
                errors: errors(.timeLimit),
                fields: """
                    \(Forms.dateInput("time-limit-date", legend: "When the matter arose or came to notice",
                    values: tv, errors: errors(.timeLimit)))
                    \(Forms.textarea("time-limit-late-reason",
                    label: "If more than 12 months ago, why the council will consider it", hint: nil,
                    value: tv["time-limit-late-reason"], errors: errors(.timeLimit)))
                    """, button: "Save time limit"))
        forms.append(
            Forms.form(
                IntakeStep.eligibility, r, r.version, title: "Decide eligibility", errors: errors(.eligibility),
                fields: """
                    \(CaseRecordsView.textInput("eligibility-basis", label: "Who the complainant is (basis)",
                    value: ev["eligibility-basis"], errors: errors(.eligibility)))
                    \(Forms.radios("eligibility-interest", legend: "Sufficient interest decision (if needed)",
                    choices: [("yes", "Has sufficient interest"), ("no", "Does not have sufficient interest")],
                    selected: ev["eligibility-interest"], errors: [], errorField: "eligibility-interest"))
                    \(Forms.textarea("eligibility-reasons", label: "Reasons", hint: nil,
                    value: ev["eligibility-reasons"], errors: errors(.eligibility)))
                    \(Forms.dateInput("eligibility-date", legend: "Date decided", values: ev,
                    errors: errors(.eligibility)))
                    """, button: "Save eligibility"))
        forms.append(
            Forms.form(
                IntakeStep.advocacy, r, r.version, title: "Record advocacy", errors: errors(.advocacy),
                fields: """
                    \(Forms.dateInput("advocacy-date", legend: "Date advocacy was offered", values: av,
                    errors: errors(.advocacy)))
                    \(Forms.dateInput("advocacy-appointed-on", legend: "Date an advocate was appointed (optional)",
                    values: av, errors: errors(.advocacy)))
                    """, button: "Save advocacy"))
        if r.complainant.isChildOrYoungPerson {
            forms.append(
                Forms.form(
                    IntakeStep.consent, r, r.version, title: "Record the child's consent", errors: errors(.consent),
                    fields: """
                        \(Forms.radios("consent-consent",
                        legend: "Did the child or young person consent to the complaint being made?",
                        choices: [("yes", "Yes"), ("no", "No")], selected: values(.consent)["consent-consent"],
                        errors: errors(.consent), errorField: "consent-consent"))
                        \(Forms.dateInput("consent-date", legend: "Date recorded", values: values(.consent),
                        errors: errors(.consent)))
                        """, button: "Save consent"))
        }
        forms.append(
            Forms.form(
                IntakeStep.joint, r, r.version, title: "Mark as a joint complaint with the NHS", errors: errors(.joint),
                fields: """
                    \(CaseRecordsView.textInput("joint-partner", label: "NHS body", value: jv["joint-partner"],
                    errors: errors(.joint)))
                    \(Forms.radios("joint-lead", legend: "Who leads?", choices: [("council", "The council"),
                    ("partner", "The NHS body")], selected: jv["joint-lead"], errors: errors(.joint),
                    errorField: "joint-lead"))
                    \(Forms.dateInput("joint-date", legend: "Date the lead was agreed", values: jv,
                    errors: errors(.joint)))
                    """, button: "Save joint handling"))
        let factRows = facts.filter { !$0.description.isEmpty }
        return """
            <h2>Triage</h2>
            \(factRows.isEmpty ? "<p class=\"app-body\">No triage decisions recorded.</p>" as HTML : "<table class=\"app-summary-list\"><caption class=\"app-visually-hidden\">Triage</caption><tbody>\(factRows)</tbody></table>" as HTML)
            \(StepForms.collector == nil ? "<details class=\"app-details\"\(isOpen)><summary>Record a triage decision</summary>\(forms)</details>" as HTML : "")
            """
    }

    static func compliment(_ r: Representation) -> HTML {
        guard r.kind == .compliment else { return "" }
        return """
            <h2>Compliment</h2>
            <table class="app-summary-list"><caption class="app-visually-hidden">Compliment</caption><tbody>
              <tr><th scope="row">Team</th><td>\(r.records.team ?? "Not recorded")</td></tr>
              <tr><th scope="row">For \
            publication</th><td>\(r.records.publicationQuote ?? "Not for publication")</td></tr>
            </tbody></table>
            """
    }
}
