import Foundation
import RedressCore

/// Triage forms: refusal, conversion to a complaint, closing a pre-complaint, the time limit,
/// eligibility, advocacy, a child's consent and joint NHS handling.
enum IntakeStep: String, Sendable, CaseIterable, CaseForm {
    case refuse, convert, closeIntake = "close-intake", timeLimit = "time-limit", eligibility, advocacy, consent, joint

    var anchor: String { "\(rawValue)-form" }

    var doneMessage: String {
        switch self {
        case .refuse: "Refusal recorded"
        case .convert: "It is now a complaint"
        case .closeIntake: "Closed"
        case .timeLimit: "Time limit recorded"
        case .eligibility: "Eligibility recorded"
        case .advocacy: "Advocacy recorded"
        case .consent: "Consent recorded"
        case .joint: "Joint handling recorded"
        }
    }

    func fieldID(for field: String) -> String {
        switch field {
        case "date": "\(rawValue)-date-day"
        case "notified-on", "appointed-on": "\(rawValue)-\(field)-day"
        case "reason", "late-reason", "basis", "reasons", "partner", "consent": "\(rawValue)-\(field)"
        default: anchor
        }
    }

    func command(from f: FormFields, today: CalendarDate, newID: String) -> Result<CaseCommand, FieldErrors> {
        var errors: [FieldError] = []
        func date(_ name: String, _ label: String, optional: Bool = false, future: Bool = false) -> CalendarDate? {
            f.date(
                step: rawValue, name, label: label, today: today, optional: optional, future: future, errors: &errors)
        }
        func text(_ name: String) -> String { f["\(rawValue)-\(name)"].trimmingCharacters(in: .whitespacesAndNewlines) }
        var command: CaseCommand?
        switch self {
        case .refuse:
            let reason = text("reason")
            if reason.isEmpty {
                errors.append(FieldError(field: "refuse-reason", message: "Select the refusal reason"))
            }
            let on = date("date", "Date of the decision")
            let notified = date("notified-on", "Date the complainant was told", optional: true)
            if let on, errors.isEmpty { command = .refuse(reason: reason, on: on, notifiedOn: notified) }
        case .convert:
            if let on = date("date", "Date it became a complaint") { command = .convertToComplaint(on: on) }
        case .closeIntake:
            if let on = date("date", "Date closed") { command = .closeWithoutComplaint(on: on) }
        case .timeLimit:
            let reason = text("late-reason")
            if let arose = date("date", "Date the matter arose") {
                command = .recordTimeLimit(matterAroseOn: arose, lateAcceptedReason: reason.isEmpty ? nil : reason)
            }
        case .eligibility:
            let interest: Bool? = ["yes": true, "no": false][f["eligibility-interest"]]
            if let on = date("date", "Date decided") {
                command = .decideEligibility(
                    basis: text("basis"), sufficientInterest: interest, on: on, reasons: text("reasons"))
            }
        case .advocacy:
            let offered = date("date", "Date advocacy was offered")
            let appointed = date("appointed-on", "Date an advocate was appointed", optional: true)
            if let offered, errors.isEmpty { command = .recordAdvocacy(offeredOn: offered, appointedOn: appointed) }
        case .consent:
            let given: Bool? = ["yes": true, "no": false][f["consent-consent"]]
            if given == nil {
                errors.append(
                    FieldError(field: "consent-consent", message: "Select whether the child or young person consented"))
            }
            let on = date("date", "Date recorded")
            if let given, let on { command = .recordChildConsent(given: given, on: on) }
        case .joint:
            let leads: Bool? = ["council": true, "partner": false][f["joint-lead"]]
            if leads == nil { errors.append(FieldError(field: "joint-lead", message: "Select who leads")) }
            let on = date("date", "Date the lead was agreed")
            if let leads, let on { command = .markJoint(partner: text("partner"), councilLeads: leads, agreedOn: on) }
        }
        guard errors.isEmpty, let command else { return .failure(FieldErrors(errors)) }
        return .success(command)
    }
}
