import Foundation
import Hummingbird
import RedressCore
import RedressStorage

/// The steps staff take on a case (`POST /complaints/{id}/steps/{step}`): each form is parsed
/// into a `CaseCommand`, checked by the lifecycle and saved with the version the form was
/// rendered from, so two people's changes never overwrite each other silently.
struct CaseActionRoutes: Sendable {
    let deps: WebDependencies

    @Sendable func takeStep(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let stepName = try context.parameters.require("step")
        guard let step: any CaseForm = CaseStep(rawValue: stepName) ?? RecordStep(rawValue: stepName) ?? IntakeStep(rawValue: stepName) else {
            throw HTTPError(.notFound)
        }
        let casework = try await Casework.load(deps)
        let viewer = try context.requireViewer()
        let access = try context.cases(deps.database)
        let current: Representation
        switch try await access.lookUp(id: id, permission: .takeCaseSteps, refused: { r in
            try await AuditLog(database: deps.database).append(context.audit(.refusedAccess, r, detail: stepName))
        }) {
        case .missing: throw HTTPError(.notFound)
        case .refused: return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        case .found(let found): current = found
        }
        guard let procedure = HistoryReplay.procedure(for: current, in: casework.procedures) else { throw HTTPError(.notFound) }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let today = deps.today()

        func reshow(_ errors: [FieldError], status: HTTPResponse.Status, conflict: Bool = false) async throws -> Response {
            let latest = try await access.latest(current) ?? current
            let events = try await access.history(of: latest)
            let html = CaseView.render(
                latest, procedure: procedure, events: events, today: today, calendar: casework.calendar,
                reference: casework.reference, people: casework.people, notice: nil,
                restriction: try await RestrictionForm.render(latest, viewer: viewer, deps: deps),
                failed: FailedStep(step: step.rawValue, fields: conflict ? FormFields(values: [:]) : fields, errors: errors))
            return try Page(status: status, html: html).response(from: request, context: context)
        }

        let command: CaseCommand
        switch step.command(from: fields, today: today, newID: UUID().uuidString.lowercased()) {
        case .failure(let errors): return try await reshow(errors.errors, status: .unprocessableContent)
        case .success(let parsed): command = parsed
        }
        guard let version = Int(fields["version"]) else {
            return try await reshow([FieldError(field: step.anchor, message: "The form was incomplete; try again")], status: .badRequest)
        }
        let lifecycle = Lifecycle(procedure: procedure, calendar: casework.calendar, today: today, people: casework.people, reference: casework.reference)
        do {
            let updated = try await access.apply(command, to: current, expectedVersion: version, lifecycle: lifecycle, recordedBy: viewer.username,
                                               audit: context.audit(.changedCase, detail: step.rawValue))
            context.logger.info("case step recorded", metadata: ["reference": .string(updated.reference), "step": .string(step.rawValue)])
            return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=\(step.rawValue)"])
        } catch let error as LifecycleError {
            return try await reshow([FieldError(field: step.fieldID(for: error.field), message: error.message)], status: .unprocessableContent)
        } catch let error as DatabaseError {
            guard case .conflict = error else { throw error }
            return try await reshow([FieldError(field: step.anchor, message: error.description)], status: .conflict, conflict: true)
        }
    }
}

extension CaseActionRoutes {
    /// Restricts a case to named users, or lifts the restriction. The person restricting it is
    /// always among the named users, so no one can lock a case away from everyone.
    @Sendable func restrict(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let viewer = try context.requireViewer()
        let access = try context.cases(deps.database)
        let current: Representation
        switch try await access.lookUp(id: id, permission: .restrictCase, refused: { r in
            try await AuditLog(database: deps.database).append(context.audit(.refusedAccess, r, detail: "restriction"))
        }) {
        case .missing: throw HTTPError(.notFound)
        case .refused: return try Page(status: .forbidden, html: AccessPages.forbidden).response(from: request, context: context)
        case .found(let found): current = found
        }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        guard let version = Int(fields["version"]) else { throw HTTPError(.badRequest) }
        let known = Set(try await UserStore(database: deps.database).all().map(\.id))
        let named: [String]? = fields["restrict"] == "yes" ? Array(Set(fields.all("users").filter(known.contains) + [viewer.userID])).sorted() : nil
        do {
            _ = try await access.restrict(current, to: named, expectedVersion: version,
                                         audit: context.audit(.restrictedCase, detail: named.map { "restricted to \($0.count) user(s)" } ?? "restriction lifted"))
        } catch DatabaseError.conflict {
            return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=restriction-conflict"])
        }
        return Response(status: .seeOther, headers: [.location: "/complaints/\(id)?done=restriction"])
    }
}

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
        case "reason", "outcome", "clock", "late-reason", "pause-reason", "person", "role", "points", "finding", "milestone", "resolved": "\(rawValue)-\(field)"
        default: anchor
        }
    }

    func command(from f: FormFields, today: CalendarDate, newID: String) -> Result<CaseCommand, FieldErrors> {
        var errors: [FieldError] = []
        func date(_ name: String, _ label: String, optional: Bool = false, future: Bool = false) -> CalendarDate? {
            f.date(step: rawValue, name, label: label, today: today, optional: optional, future: future, errors: &errors)
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
            if clock.isEmpty { errors.append(FieldError(field: "extend-clock", message: "Select the time limit to extend")) }
            let agreedOn = date("agreed-on", "Date it was agreed")
            let to = date("to", "New due date", future: true)  // a future due date is the point of an extension
            let informed = date("informed-on", "Date the complainant was told", optional: true)
            if let agreedOn, let to, !clock.isEmpty, errors.isEmpty {
                command = .extend(clock: clock, agreedOn: agreedOn, to: to, reason: f["extend-reason"], complainantInformedOn: informed)
            }
        case .pause:
            let reason = Pause.Reason(rawValue: f["pause-pause-reason"])
            if reason == nil { errors.append(FieldError(field: "pause-pause-reason", message: "Select why the stage is paused")) }
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
            if let point = Int(f["point"]), !finding.isEmpty { command = .recordFinding(point: point, finding: finding) }
        case .correct:
            let milestone = Milestone(rawValue: f["correct-milestone"])
            if milestone == nil { errors.append(FieldError(field: "correct-milestone", message: "Select the step to correct")) }
            let to = date("date", "Correct date")
            if let milestone, let to { command = .correctMilestone(milestone, to: to, reason: f["correct-reason"]) }
        case .reopen:
            command = .reopen(reason: f["reopen-reason"])
        case .early:
            let resolved: Bool? = ["yes": true, "no": false][f["early-resolved"]]
            if resolved == nil { errors.append(FieldError(field: "early-resolved", message: "Select whether it was resolved")) }
            if let on = date("date", "Date"), let resolved { command = .recordEarlyResolution(on: on, resolved: resolved) }
        case .appoint:
            let role = AppointmentRole(rawValue: f["appoint-role"])
            if role == nil { errors.append(FieldError(field: "appoint-role", message: "Select the role")) }
            let person = f["appoint-person"]
            if person.isEmpty { errors.append(FieldError(field: "appoint-person", message: "Select the person to appoint")) }
            let on = date("date", "Date appointed")
            if let role, let on, !person.isEmpty { command = .appoint(role, personID: person, on: on) }
        }
        guard errors.isEmpty, let command else { return .failure(FieldErrors(errors)) }
        return .success(command)
    }
}
