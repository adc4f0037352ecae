import Foundation
import RedressCore

/// A form on the case page: its name in the URL, how its fields become a command, and where
/// its errors point.
protocol CaseForm: Sendable {
    var rawValue: String { get }
    var anchor: String { get }
    var doneMessage: String { get }
    func fieldID(for field: String) -> String
    func command(from f: FormFields, today: CalendarDate, newID: String) -> Result<CaseCommand, FieldErrors>
}

extension RecordStep: CaseForm {}

/// A stage step a form can take, with how its fields become a command.
enum CaseStep: String, Sendable, CaseIterable, CaseForm {
    case record, respond, extend, pause, resume, escalate, withdraw, appoint, points, finding, correct, reopen, early

    /// The confirmation shown after the step.
    var doneMessage: String {
        switch self {
        case .record: "Step recorded"
        case .respond: "Response recorded"
        case .extend: "Due date saved"
        case .pause: "Stage paused"
        case .resume: "Stage resumed"
        case .escalate: "Next stage opened"
        case .withdraw: "Withdrawal recorded"
        case .appoint: "Appointment recorded"
        case .points: "Statement of complaint saved"
        case .finding: "Finding recorded"
        case .correct: "Correction recorded"
        case .reopen: "Reopened"
        case .early: "Early resolution recorded"
        }
    }

    /// The id of the form's heading, for error links that concern the whole step.
    var anchor: String { "\(rawValue)-form" }

    /// The id of the input a lifecycle error's field refers to.
    func fieldID(for field: String) -> String {
        switch field {
        case "date": "\(rawValue)-date-day"
        case "to", "agreed-on", "informed-on": "\(rawValue)-\(field)-day"
        case "reason", "outcome", "clock", "late-reason", "pause-reason", "person", "role", "points", "finding",
            "milestone", "resolved":
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
        var command: CaseCommand?
        switch self {
        case .record:
            let milestone = Milestone(rawValue: f["record-milestone"])
            if milestone == nil { errors.append(FieldError(field: anchor, message: "Choose the step to record")) }
            let on = date("date", "Date")
            if let milestone, let on { command = .record(milestone, on: on) }
        case .respond:
            let on = date("date", "Date the response was sent")
            let outcome = f["respond-outcome"]
            if outcome.isEmpty {
                errors.append(FieldError(field: "respond-outcome", message: "Select the outcome"))
            }
            if let on, errors.isEmpty { command = .respond(on: on, outcome: outcome) }
        case .extend:
            let clock = f["extend-clock"]
            if clock.isEmpty {
                errors.append(FieldError(field: "extend-clock", message: "Select the time limit to extend"))
            }
            let agreedOn = date("agreed-on", "Date it was agreed")
            let to = date("to", "New due date", future: true)  // a future due date is the point of an extension
            let informed = date("informed-on", "Date the complainant was told", optional: true)
            if let agreedOn, let to, !clock.isEmpty, errors.isEmpty {
                command = .extend(
                    clock: clock, agreedOn: agreedOn, to: to, reason: f["extend-reason"],
                    complainantInformedOn: informed)
            }
        case .pause:
            let reason = Pause.Reason(rawValue: f["pause-pause-reason"])
            if reason == nil {
                errors.append(FieldError(field: "pause-pause-reason", message: "Select why the stage is paused"))
            }
            let from = date("date", "Date the pause started")
            if let reason, let from { command = .pause(reason, from: from) }
        case .resume:
            if let on = date("date", "Date work resumed") { command = .resume(on: on) }
        case .escalate:
            let on = date("date", "Date the next stage was requested")
            let late = f["escalate-late-reason"].trimmingCharacters(in: .whitespacesAndNewlines)
            if let on { command = .escalate(requestedOn: on, lateReason: late.isEmpty ? nil : late) }
        case .withdraw:
            if let on = date("date", "Date the complaint was withdrawn") { command = .withdraw(on: on) }
        case .points:
            command = .setPoints(f["points-points"].split(whereSeparator: \.isNewline).map(String.init))
        case .finding:
            let finding = f["finding-finding"]
            if finding.isEmpty { errors.append(FieldError(field: "finding-finding", message: "Select the finding")) }
            if let point = Int(f["point"]), !finding.isEmpty {
                command = .recordFinding(point: point, finding: finding)
            }
        case .correct:
            let milestone = Milestone(rawValue: f["correct-milestone"])
            if milestone == nil {
                errors.append(FieldError(field: "correct-milestone", message: "Select the step to correct"))
            }
            let to = date("date", "Correct date")
            if let milestone, let to { command = .correctMilestone(milestone, to: to, reason: f["correct-reason"]) }
        case .reopen:
            command = .reopen(reason: f["reopen-reason"])
        case .early:
            let resolved: Bool? = ["yes": true, "no": false][f["early-resolved"]]
            if resolved == nil {
                errors.append(FieldError(field: "early-resolved", message: "Select whether it was resolved"))
            }
            if let on = date("date", "Date"), let resolved {
                command = .recordEarlyResolution(on: on, resolved: resolved)
            }
        case .appoint:
            let role = AppointmentRole(rawValue: f["appoint-role"])
            if role == nil { errors.append(FieldError(field: "appoint-role", message: "Select the role")) }
            let person = f["appoint-person"]
            if person.isEmpty {
                errors.append(FieldError(field: "appoint-person", message: "Select the person to appoint"))
            }
            let on = date("date", "Date appointed")
            if let role, let on, !person.isEmpty { command = .appoint(role, personID: person, on: on) }
        }
        guard errors.isEmpty, let command else { return .failure(FieldErrors(errors)) }
        return .success(command)
    }
}

/// The casework steps the API takes beside the case's own steps (details, owner, links, merge).
/// They need the case and the other case, so `CaseAPI` takes them through
/// `CaseManagementRoutes.perform`, as the pages do; `command` is never used for them.
enum CaseworkStep: String, Sendable, CaseIterable, CaseForm {
    case details, owner, link, unlink, merge

    var anchor: String { rawValue }
    var doneMessage: String { "Saved" }
    func fieldID(for field: String) -> String { field }
    func command(from f: FormFields, today: CalendarDate, newID: String) -> Result<CaseCommand, FieldErrors> {
        .failure(
            FieldErrors([FieldError(field: rawValue, message: "This step is taken by the case management routes")]))
    }
}
