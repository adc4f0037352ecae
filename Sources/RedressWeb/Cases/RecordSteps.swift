import Foundation
import RedressCore

/// Case-record steps (Ombudsman, costs, learning, actions, coding): how each form becomes a
/// `CaseCommand`. `newID` names a record the step creates.
enum RecordStep: String, Sendable, CaseIterable {
    case code, services, refer, decide, remedy, completeRemedy = "complete-remedy", publicReport = "public-report"
    case reportResponse = "report-response", cost, learning, action, completeAction = "complete-action"
    case adjustment, reviewAdjustment = "review-adjustment"

    var anchor: String { "\(rawValue)-form" }

    var doneMessage: String {
        switch self {
        case .code: "Coding saved"
        case .services: "Other services saved"
        case .refer: "Ombudsman case recorded"
        case .decide: "Ombudsman decision recorded"
        case .remedy: "Remedy recorded"
        case .completeRemedy: "Remedy completed"
        case .publicReport: "Public report recorded"
        case .reportResponse: "Response to the public report recorded"
        case .cost: "Cost recorded"
        case .learning: "Learning recorded"
        case .action: "Action recorded"
        case .completeAction: "Action completed"
        case .adjustment: "Reasonable adjustment recorded"
        case .reviewAdjustment: "Review of the adjustment recorded"
        }
    }

    func fieldID(for field: String) -> String {
        switch field {
        case "notified-on", "received-on", "decided-on", "due-on", "completed-on", "report-received-on", "responded-on",
            "paid-on", "recorded-on", "done-on", "agreed-on", "review-on", "reviewed-on", "next-review-on":
            "\(rawValue)-\(field == "report-received-on" ? "received-on" : field)-day"
        case "reference", "decision", "satisfactory", "description", "amount", "kind", "owner", "theme", "heading",
            "natures",
            "outcomes-sought", "actual-outcomes", "stage", "others":
            "\(rawValue)-\(field)"
        default: anchor
        }
    }

    func command(from f: FormFields, today: CalendarDate, newID: String) -> Result<CaseCommand, FieldErrors> {
        var errors: [FieldError] = []
        func date(_ name: String, _ label: String, optional: Bool = false, future: Bool = false) -> CalendarDate? {
            f.date(
                step: rawValue, name, label: label, today: today, optional: optional, future: future, errors: &errors)
        }
        func required(_ name: String, _ message: String) -> String {
            let v = f["\(rawValue)-\(name)"].trimmingCharacters(in: .whitespacesAndNewlines)
            if v.isEmpty { errors.append(FieldError(field: "\(rawValue)-\(name)", message: message)) }
            return v
        }
        func yesNo(_ name: String) -> Bool? { ["yes": true, "no": false][f["\(rawValue)-\(name)"]] }
        func amount(_ name: String, required needed: Bool) -> Int? {
            let text = f["\(rawValue)-\(name)"]
            if text.trimmingCharacters(in: .whitespaces).isEmpty {
                if needed {
                    errors.append(
                        FieldError(
                            field: "\(rawValue)-\(name)", message: "Enter the amount in pounds, for example 250.00"))
                }
                return nil
            }
            guard let pence = Money.pence(from: text) else {
                let largest = Money.display(pence: Money.largestPounds * 100)
                let message = "Amount must be in pounds and pence, for example 250.00, and no more than \(largest)"
                errors.append(FieldError(field: "\(rawValue)-\(name)", message: message))
                return nil
            }
            return pence
        }
        var command: CaseCommand?
        switch self {
        case .code:
            command = .code(
                natures: f.all("code-natures"), outcomesSought: f.all("code-outcomes-sought"),
                actualOutcomes: f.all("code-actual-outcomes"), remedialActionTaken: yesNo("remedial"))
        case .services:
            command = .codeServices(others: f.all("services-others"))
        case .refer:
            let reference = required("reference", "Enter the Ombudsman's reference")
            let notified = date("notified-on", "Date the council was told")
            let received = date("received-on", "Date the Ombudsman received it", optional: true)
            if let notified, errors.isEmpty {
                command = .referToOmbudsman(
                    id: newID, reference: reference, councilNotifiedOn: notified, receivedByOmbudsmanOn: received)
            }
        case .decide:
            let decision = OmbudsmanDecision(rawValue: f["decide-decision"])
            if decision == nil {
                errors.append(FieldError(field: "decide-decision", message: "Select the Ombudsman's decision"))
            }
            let decided = date("decided-on", "Date of the decision")
            if let decision, let decided, errors.isEmpty {
                command = .recordOmbudsmanDecision(
                    referral: f["referral"], decision: decision, decidedOn: decided, faultFound: yesNo("fault"),
                    injusticeFound: yesNo("injustice"), satisfactoryRemedyByCouncil: f["decide-satisfactory"] == "yes")
            }
        case .remedy:
            let kind = OmbudsmanRemedy.Kind(rawValue: f["remedy-kind"])
            if kind == nil { errors.append(FieldError(field: "remedy-kind", message: "Select the kind of remedy")) }
            let description = required("description", "Describe the remedy")
            let pence = amount("amount", required: kind == .payment)
            let due = date("due-on", "Date it is due", future: true)
            if let kind, let due, errors.isEmpty {
                command = .addOmbudsmanRemedy(
                    referral: f["referral"],
                    remedy: OmbudsmanRemedy(
                        id: newID, kind: kind, description: description, amountPence: pence, dueOn: due))
            }
        case .completeRemedy:
            if let on = date("completed-on", "Date it was completed") {
                command = .completeOmbudsmanRemedy(referral: f["referral"], remedy: f["remedy"], on: on)
            }
        case .publicReport:
            if let on = date("received-on", "Date the report was received") {
                command = .recordPublicReport(referral: f["referral"], receivedOn: on)
            }
        case .reportResponse:
            if let on = date("responded-on", "Date the council responded") {
                command = .respondToPublicReport(referral: f["referral"], on: on)
            }
        case .cost:
            let heading = Cost.Heading(rawValue: f["cost-heading"])
            if heading == nil {
                errors.append(FieldError(field: "cost-heading", message: "Select what the money was for"))
            }
            let pence = amount("amount", required: true)
            let paid = date("paid-on", "Date paid")
            let stage = f["cost-stage"]
            if let heading, let pence, let paid, errors.isEmpty {
                command = .addCost(
                    Cost(
                        id: newID, heading: heading, amountPence: pence, paidOn: paid,
                        stageKey: stage.isEmpty ? nil : stage, note: f["cost-note"]))
            }
        case .learning:
            let theme = required("theme", "Select the theme")
            let description = required("description", "Describe what was learned")
            if errors.isEmpty {
                command = .addLearning(
                    LearningPoint(id: newID, theme: theme, description: description, recordedOn: today))
            }
        case .action:
            let kind = ServiceAction.Kind(rawValue: f["action-kind"])
            if kind == nil { errors.append(FieldError(field: "action-kind", message: "Select the kind of action")) }
            let description = required("description", "Describe the action")
            let owner = required("owner", "Enter who owns the action")
            let due = date("due-on", "Date it is due", future: true)
            if let kind, let due, errors.isEmpty {
                command = .addAction(
                    ServiceAction(id: newID, kind: kind, description: description, owner: owner, dueOn: due))
            }
        case .completeAction:
            if let on = date("done-on", "Date it was done") { command = .completeAction(action: f["action"], on: on) }
        case .adjustment:
            let description = required("description", "Describe the adjustment agreed")
            let agreed = date("agreed-on", "Date it was agreed")
            let review = date("review-on", "Date to review it by", future: true)
            if let agreed, let review, errors.isEmpty {
                command = .addAdjustment(
                    ReasonableAdjustment(id: newID, description: description, agreedOn: agreed, reviewOn: review))
            }
        case .reviewAdjustment:
            let on = date("reviewed-on", "Date of the review")
            let keep = yesNo("keep")
            if keep == nil {
                errors.append(FieldError(field: "review-adjustment-keep", message: "Select whether it is still needed"))
            }
            let next = keep == true ? date("next-review-on", "Date of the next review", future: true) : nil
            if let on, let keep, errors.isEmpty {
                command = .reviewAdjustment(adjustment: f["adjustment"], on: on, nextReviewOn: keep ? next : nil)
            }
        }
        guard errors.isEmpty, let command else { return .failure(FieldErrors(errors)) }
        return .success(command)
    }
}
