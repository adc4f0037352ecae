import Foundation

/// Something a member of staff does to a complaint. Each is an explicit state transition that
/// `Lifecycle` checks against the procedure before it changes anything.
public enum CaseCommand: Sendable, Hashable, Codable {
    /// Records a milestone of the open stage (acknowledged, IO and IP appointed, statement
    /// agreed, reports received, panel met, panel reported).
    case record(Milestone, on: CalendarDate)
    /// Sends the open stage's response (stage 1 letter, adjudication, response to a panel) with
    /// its outcome code; the stage closes.
    case respond(on: CalendarDate, outcome: String)
    /// Agrees or moves a clock's due date: an extension, the adults' agreed response date and
    /// its changes, or a longer relevant period agreed before the six months end.
    case extend(
        clock: String, agreedOn: CalendarDate, to: CalendarDate, reason: String, complainantInformedOn: CalendarDate?)
    case pause(Pause.Reason, from: CalendarDate)
    case resume(on: CalendarDate)
    /// The complainant asks for the next stage. `lateReason` records the council's discretion
    /// when the request is outside the request window.
    case escalate(requestedOn: CalendarDate, lateReason: String?)
    case withdraw(on: CalendarDate)
    /// Appoints someone from the pool to the open stage, checking independence. A stage is
    /// allocated when its Investigating Officer and Independent Person are both appointed.
    case appoint(AppointmentRole, personID: String, on: CalendarDate)

    /// Early resolution ("stage 0"): an attempt to resolve it at first contact, which is not a
    /// statutory stage. When it resolves the complaint, the open stage closes "resolved early".
    case recordEarlyResolution(on: CalendarDate, resolved: Bool)
    /// Sets the statement of complaint's points on the open stage (after the statement is agreed).
    case setPoints([String])
    /// Records the finding on one point.
    case recordFinding(point: Int, finding: String)
    /// Corrects (or clears, with `to: nil`) a recorded step of the last stage, with the reason.
    case correctMilestone(Milestone, to: CalendarDate?, reason: String)
    /// Reopens the last stage after a wrong closure (response, withdrawal or refusal), with the reason.
    case reopen(reason: String)
    /// A bank-holiday calendar import added or removed a holiday inside a running response period:
    /// the stage's fixed deadline moves to the day the same count of working days now gives. Taken
    /// by the import, never on a case page; it carries both dates, so a replay needs no calendar.
    case followCalendar(stage: String, from: CalendarDate, to: CalendarDate, change: String)

    // Intake and triage.

    /// Who may complain: the basis, and for "sufficient interest" the decision and reasons.
    case decideEligibility(basis: String, sufficientInterest: Bool?, on: CalendarDate, reasons: String)
    /// When the matter arose; a late complaint needs the council's reason to proceed.
    case recordTimeLimit(matterAroseOn: CalendarDate, lateAcceptedReason: String?)
    /// Refuses to consider it, with a coded reason; closes the open stage.
    case refuse(reason: String, on: CalendarDate, notifiedOn: CalendarDate?)
    case recordAdvocacy(offeredOn: CalendarDate, appointedOn: CalendarDate?)
    case recordChildConsent(given: Bool, on: CalendarDate)
    /// Handled jointly with an NHS body, with the agreed lead.
    case markJoint(partner: String, councilLeads: Bool, agreedOn: CalendarDate)
    /// A pre-complaint, case concern or service request becomes a complaint, keeping its first
    /// receipt date.
    case convertToComplaint(on: CalendarDate)
    /// A pre-complaint or case concern closed without becoming a complaint; a service request
    /// resolved.
    case closeWithoutComplaint(on: CalendarDate)

    /// A stage as the council's previous system held it, brought in by a legacy import: only
    /// ever the first step of a migrated case, never taken on a case page. Its dates and outcome
    /// are checked for order and against the code lists, not for the steps Redress would require.
    case migrated(
        stage: String, openedOn: CalendarDate, respondedOn: CalendarDate?, outcome: String?, dueOn: CalendarDate?)

    // The case as a piece of work: who owns it, its details, and the cases it is linked to.

    /// Makes a member of staff (a user id) the case's owner; `nil` leaves it unowned.
    case assignOwner(userID: String?, on: CalendarDate)
    /// Corrects details recorded at intake, each change with what it was, and why.
    case editDetails([DetailChange], reason: String)
    /// Links this case to another (the other case gets the reciprocal link in the same save).
    case link(CaseLink)
    /// Removes the link to another case (from both).
    case unlink(representationID: String)
    /// This case duplicated the survivor and is merged into it: it closes, keeps its history,
    /// and reports count only the survivor.
    case mergeInto(survivorID: String, reference: String, on: CalendarDate)
    /// The survivor of a merge records the duplicate merged into it.
    case absorb(duplicateID: String, reference: String, on: CalendarDate)

    // Case records: allowed whether or not a stage is open.

    /// Codes the case for the annual report (multi-coded lists, CAT-01, CAT-02).
    case code(natures: [String], outcomesSought: [String], actualOutcomes: [String], remedialActionTaken: Bool?)
    /// The other services the complaint is about, besides its main one (multi-coded services).
    case codeServices(others: [String])
    case referToOmbudsman(
        id: String, reference: String, councilNotifiedOn: CalendarDate, receivedByOmbudsmanOn: CalendarDate?)
    case recordOmbudsmanDecision(
        referral: String, decision: OmbudsmanDecision, decidedOn: CalendarDate, faultFound: Bool?,
        injusticeFound: Bool?, satisfactoryRemedyByCouncil: Bool)
    case addOmbudsmanRemedy(referral: String, remedy: OmbudsmanRemedy)
    case completeOmbudsmanRemedy(referral: String, remedy: String, on: CalendarDate)
    case recordPublicReport(referral: String, receivedOn: CalendarDate)
    case respondToPublicReport(referral: String, on: CalendarDate)
    case addCost(Cost)
    case addLearning(LearningPoint)
    case addAction(ServiceAction)
    case completeAction(action: String, on: CalendarDate)
    /// Records a reasonable adjustment agreed with the complainant, with the day it is reviewed.
    case addAdjustment(ReasonableAdjustment)
    /// Reviews an adjustment: kept, to be reviewed again on `nextReviewOn`, or ended (`nil`).
    case reviewAdjustment(adjustment: String, on: CalendarDate, nextReviewOn: CalendarDate?)
}

/// Why a command was refused, in words for the person who tried it, naming the field at fault.
public struct LifecycleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The form field the message belongs to (`date`, `to`, `reason`, `outcome`, `clock`).
    public var field: String
    public var message: String
    public var description: String { message }

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// The complaint lifecycle: applies commands to a case as explicit, checked state transitions.
/// Pure: it needs the procedure, the working-day calendar and today's date, nothing else.
public struct Lifecycle: Sendable {
    public var procedure: ProcedureDefinition
    public var engine: ClockEngine
    public var today: CalendarDate
    /// The pool appointments are checked against.
    public var people: PeopleDirectory
    /// The code lists coding and learning are checked against.
    public var reference: ReferenceData

    public init(
        procedure: ProcedureDefinition, calendar: WorkingDayCalendar, today: CalendarDate,
        people: PeopleDirectory = PeopleDirectory(), reference: ReferenceData = .defaults
    ) {
        self.procedure = procedure
        self.engine = ClockEngine(calendar: calendar)
        self.today = today
        self.people = people
        self.reference = reference
    }

    /// Outcome codes set by a step of their own, never chosen for a response.
    public static let closuresOfTheirOwn: Set<String> = ["withdrawn", "escalated-unanswered", "refused"]

    /// The case after `command`, or the reason it cannot be done.
    public func apply(_ command: CaseCommand, to case: Representation) throws(LifecycleError) -> Representation {
        var r = `case`
        if let survivor = r.mergedInto {
            throw LifecycleError(
                "case",
                """
                This case was merged into another \
                (\(r.records.links.first { $0.kind == .mergedInto }?.reference ?? survivor)); work on that case
                """
            )
        }
        if try applyCasework(command, to: &r) { return r }
        if try applyMigration(command, to: &r) { return r }
        if try applyIntake(command, to: &r) { return r }
        if try applyCorrection(command, to: &r) { return r }
        if r.kind == .complaint || r.kind == .ombudsmanEnquiry, try applyRecord(command, to: &r) { return r }
        guard r.kind == .complaint else {
            throw LifecycleError("kind", "Only complaints have stages; this is a \(r.kind.displayName.lowercased())")
        }
        if case .escalate(let requestedOn, let lateReason) = command {
            try escalate(&r, requestedOn: requestedOn, lateReason: lateReason)
            return r
        }
        guard let index = r.stages.lastIndex(where: { $0.isOpen }) else {
            let closedAt = r.stages.last.flatMap { procedure.stage($0.key)?.name } ?? "its last stage"
            throw LifecycleError(
                "stage", "This complaint is closed (\(closedAt)). Escalate it to the next stage, or correct the closure"
            )
        }
        var stage = r.stages[index]
        guard let definition = procedure.stage(stage.key) else {
            throw LifecycleError("stage", "The \(procedure.name.lowercased()) procedure has no stage \"\(stage.key)\"")
        }
        switch command {
        case .record(let milestone, let on):
            try record(milestone, on: on, in: &stage, definition: definition)
        case .respond(let on, let outcome):
            guard !outcome.isEmpty else {
                throw LifecycleError("outcome", "Select the outcome of the \(definition.name.lowercased())")
            }
            guard !Lifecycle.closuresOfTheirOwn.contains(outcome) else {
                throw LifecycleError(
                    "outcome",
                    "\"\(outcome)\" is recorded by its own step (withdraw, refuse or escalate), not by a response")
            }
            try checkCodes([outcome], .outcome, "outcome")
            if let undecided = stage.points.first(where: { $0.finding == nil }) {
                throw LifecycleError(
                    "outcome",
                    "Record a finding on point \(undecided.number) before “\(definition.label(of: .responded))”")
            }
            try record(.responded, on: on, in: &stage, definition: definition)
            stage.outcome = outcome
            if let pause = stage.pauses.indices.last, stage.pauses[pause].until == nil {
                stage.pauses[pause].until = on
            }
        case .extend(let clockKey, let agreedOn, let to, let reason, let informedOn):
            try extend(
                &stage, definition: definition, clockKey: clockKey, agreedOn: agreedOn, to: to, reason: reason,
                informedOn: informedOn)
        case .pause(let reason, let from):
            try check(from, "date", "The pause", notBefore: stage.openedOn)
            if stage.pauses.last?.until == nil && !stage.pauses.isEmpty {
                throw LifecycleError("date", "The stage is already paused since \(stage.pauses.last!.from.longDisplay)")
            }
            if let last = stage.pauses.last?.until, from < last {
                throw LifecycleError("date", "A pause cannot start before the previous one ended (\(last.longDisplay))")
            }
            stage.pauses.append(Pause(reason: reason, from: from))
        case .resume(let on):
            guard let last = stage.pauses.indices.last, stage.pauses[last].until == nil else {
                throw LifecycleError("date", "The stage is not paused")
            }
            try check(on, "date", "The resumption", notBefore: stage.pauses[last].from)
            stage.pauses[last].until = on
        case .appoint(let role, let personID, let on):
            try appoint(role, personID: personID, on: on, in: &stage, definition: definition, case: r)
        case .recordEarlyResolution(let on, let resolved):
            try check(on, "date", "The early resolution", notBefore: stage.openedOn)
            guard r.records.intake.earlyResolutionOn == nil else {
                throw LifecycleError("date", "Early resolution was already recorded")
            }
            r.records.intake.earlyResolutionOn = on
            r.records.intake.earlyResolutionResolved = resolved
            if resolved {
                try record(.responded, on: on, in: &stage, definition: definition); stage.outcome = "resolved-early"
            }
        case .setPoints(let texts):
            guard definition.records(.statementAgreed) else {
                throw LifecycleError("points", "\(definition.name) has no statement of complaint")
            }
            guard stage.date(of: .statementAgreed) != nil else {
                throw LifecycleError("points", "Record “\(definition.label(of: .statementAgreed))” first")
            }
            let cleaned = texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard !cleaned.isEmpty else { throw LifecycleError("points", "Enter at least one point, one per line") }
            guard cleaned.count <= 40 else { throw LifecycleError("points", "A statement can have at most 40 points") }
            if stage.points.contains(where: { $0.finding != nil }) {
                throw LifecycleError(
                    "points", "Findings are recorded; correct the findings instead of replacing the points")
            }
            stage.points = cleaned.enumerated().map { ComplaintPoint(number: $0.offset + 1, text: $0.element) }
        case .recordFinding(let number, let finding):
            guard let index = stage.points.firstIndex(where: { $0.number == number }) else {
                throw LifecycleError("point", "There is no point \(number)")
            }
            guard ComplaintPoint.findings.contains(finding) else {
                throw LifecycleError("finding", "Select upheld, partly upheld, not upheld or no finding")
            }
            stage.points[index].finding = finding
        case .withdraw(let on):
            try check(on, "date", "The withdrawal", notBefore: latestMilestone(stage))
            stage.withdrawnOn = on
            stage.outcome = "withdrawn"
            if let pause = stage.pauses.indices.last, stage.pauses[pause].until == nil {
                stage.pauses[pause].until = on
            }
        default:
            break
        }
        r.stages[index] = stage
        return r
    }

    // MARK: - Transitions

    private func record(
        _ milestone: Milestone, on date: CalendarDate, in stage: inout Stage, definition: StageDefinition,
        allocating: Bool = false
    ) throws(LifecycleError) {
        let label = definition.label(of: milestone)
        guard milestone != .requested else {
            throw LifecycleError("milestone", "A stage opens when it is received or requested, not by recording it")
        }
        if milestone == .allocated && !allocating {
            throw LifecycleError(
                "milestone",
                "The stage is allocated when both the Investigating Officer and the Independent Person are appointed")
        }

        guard definition.records(milestone) else {
            throw LifecycleError("milestone", "\(definition.name) has no step \"\(label)\"")
        }
        if milestone == .panelMet {
            let panel = stage.appointments.filter { $0.role == .panelChair || $0.role == .panelMember }
            if panel.count < 3 || !panel.contains(where: { $0.role == .panelChair }) {
                throw LifecycleError(
                    "milestone", "Appoint a review panel of three, one of them the chair, before it meets")
            }
        }
        if let existing = stage.date(of: milestone) {
            throw LifecycleError(
                "milestone", "\(label) was already recorded on \(existing.longDisplay); correct it instead")
        }
        let order = definition.milestones.map(\.milestone)
        let position = order.firstIndex(of: milestone)!
        for earlier in definition.milestones[..<position]
        where earlier.isRequired && stage.date(of: earlier.milestone) == nil {
            throw LifecycleError("milestone", "Record “\(earlier.label)” before “\(label)”")
        }
        let earlierDates = order[..<position].compactMap { stage.date(of: $0) }
        try check(date, "date", label, notBefore: earlierDates.max() ?? stage.openedOn)
        if let later = order[(position + 1)...].compactMap({ stage.date(of: $0) }).min(), date > later {
            throw LifecycleError("date", "\(label) cannot be after a later step recorded on \(later.longDisplay)")
        }
        stage.milestones[milestone] = date
        engine.fixResponseDue(&stage, definition: definition)
    }

    private func extend(
        _ stage: inout Stage, definition: StageDefinition, clockKey: String, agreedOn: CalendarDate, to: CalendarDate,
        reason: String, informedOn: CalendarDate?
    ) throws(LifecycleError) {
        guard let clock = definition.clocks.first(where: { $0.key == clockKey }) else {
            throw LifecycleError("clock", "\(definition.name) has no time limit \"\(clockKey)\"")
        }
        guard
            let deadline = engine.deadlines(for: stage, definition: definition).first(where: { $0.clockKey == clockKey }
            )
        else {
            throw LifecycleError("clock", "\(definition.name) has no time limit \"\(clockKey)\"")
        }
        if let stopped = deadline.stoppedOn {
            throw LifecycleError("clock", "\(clock.name) was met on \(stopped.longDisplay); it cannot be extended")
        }
        guard let start = deadline.startsOn, !deadline.startIsProjected else {
            throw LifecycleError("clock", "\(clock.name) has not started yet")
        }
        try check(agreedOn, "agreed-on", "The date it was agreed", notBefore: stage.openedOn)
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if let informedOn {
            if informedOn < agreedOn {
                throw LifecycleError(
                    "informed-on",
                    "The complainant cannot be told before the extension was agreed (\(agreedOn.longDisplay))")
            }
            if informedOn > today {
                throw LifecycleError("informed-on", "The date the complainant was told must be today or in the past")
            }
        }
        switch clock.limit {
        case .agreedWithComplainant:
            if to < agreedOn {
                throw LifecycleError(
                    "to", "The agreed response date cannot be before the day it was agreed (\(agreedOn.longDisplay))")
            }
            if deadline.dueOn != nil && trimmed.isEmpty {
                throw LifecycleError("reason", "Enter why the agreed response date is changing")
            }
        case .monthsBeginningWith:
            if let due = deadline.dueOn, agreedOn > due {
                throw LifecycleError(
                    "agreed-on",
                    "A longer period must be agreed before the \(clock.name.lowercased()) ends on \(due.longDisplay)")
            }
            if let due = deadline.dueOn, to <= due {
                throw LifecycleError("to", "The new end of the period must be after \(due.longDisplay)")
            }
            if trimmed.isEmpty { throw LifecycleError("reason", "Enter why a longer period was agreed") }
        case .workingDays:
            guard let latest = deadline.latestExtensionOn, let maximum = clock.extendableToWorkingDays else {
                throw LifecycleError("clock", "\(clock.name) cannot be extended: the procedure sets no extension")
            }
            if let due = deadline.dueOn, to <= due {
                throw LifecycleError("to", "The new due date must be after the current one, \(due.longDisplay)")
            }
            if to > latest {
                throw LifecycleError(
                    "to",
                    """
                    An extension cannot take \(clock.name.lowercased()) past \(maximum) working days from \
                    \(start.longDisplay), which is \(latest.longDisplay)
                    """
                )
            }
            if trimmed.isEmpty { throw LifecycleError("reason", "Enter the reason for the extension") }
        }
        stage.extensions.append(
            Extension(
                clockKey: clockKey, agreedOn: agreedOn, newDueOn: to, reason: trimmed, complainantInformedOn: informedOn
            ))
    }

    private func escalate(
        _ r: inout Representation, requestedOn: CalendarDate, lateReason: String?
    ) throws(LifecycleError) {
        guard let last = r.stages.last, let definition = procedure.stage(last.key) else {
            throw LifecycleError("stage", "This complaint has no stage to escalate from")
        }
        guard let next = procedure.stage(after: last.key) else {
            let onward =
                procedure.stages.count == 1
                ? """
                \(procedure.name)s have a single stage; after the response the complainant may go to the Local \
                Government and Social Care Ombudsman
                """
                : """
                \(definition.name) is the last stage; the complainant may now go to the Local Government and \
                Social Care Ombudsman
                """
            throw LifecycleError("stage", onward)
        }
        if last.withdrawnOn != nil {
            throw LifecycleError("stage", "The complaint was withdrawn; it cannot be escalated")
        }
        let previousClose: CalendarDate
        if let responded = last.respondedOn {
            previousClose = responded
        } else {
            // CSC-23: a stage overrunning its longest extension may be escalated unanswered.
            let response = engine.deadlines(for: last, definition: definition).first {
                $0.clockKey == definition.responseClock?.key
            }
            guard definition.escalatesWhenOverrun, let latest = response?.latestExtensionOn ?? response?.dueOn,
                requestedOn > latest
            else {
                throw LifecycleError(
                    "stage",
                    """
                    \(next.name) cannot start before “\(definition.label(of: .responded))” is recorded for \
                    \(definition.name.lowercased())
                    """
                )
            }
            previousClose = latest
        }
        try check(requestedOn, "date", "The request", notBefore: last.openedOn)
        if last.respondedOn != nil && requestedOn < previousClose {
            throw LifecycleError(
                "date",
                """
                The request cannot be before the \
                \(definition.label(of: .responded).lowercased().replacingOccurrences(of: " sent", with: "")) on \
                \(previousClose.longDisplay)
                """
            )
        }
        if let window = next.requestWindowWorkingDays, last.respondedOn != nil {
            let closes = engine.calendar.adding(workingDays: window, to: previousClose)
            if requestedOn > closes && (lateReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw LifecycleError(
                    "late-reason",
                    """
                    The request came after the \(window) working days that ended on \(closes.longDisplay); enter \
                    why the council accepts it
                    """
                )
            }
        }
        if let index = r.stages.indices.last, r.stages[index].isOpen {
            r.stages[index].outcome = r.stages[index].outcome ?? "escalated-unanswered"
            r.stages[index].escalatedUnansweredOn = requestedOn
        }
        var stage = engine.openingStage(next, openedOn: requestedOn)
        stage.lateRequestReason = lateReason.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        r.stages.append(stage)
    }

    private func appoint(
        _ role: AppointmentRole, personID: String, on date: CalendarDate, in stage: inout Stage,
        definition: StageDefinition, case r: Representation
    ) throws(LifecycleError) {
        guard let person = people[personID] else {
            throw LifecycleError("person", "Select someone from the \(role.pool.displayName.lowercased()) pool")
        }
        switch role {
        case .investigatingOfficer, .independentPerson, .adjudicator:
            guard definition.records(.allocated) else {
                throw LifecycleError("role", "\(definition.name) has no \(role.displayName)")
            }
        case .panelChair, .panelMember:
            guard definition.records(.panelMet) else {
                throw LifecycleError("role", "\(definition.name) has no review panel")
            }
        case .respondingManager:
            break
        }
        guard person.roles.contains(role.pool) else {
            throw LifecycleError("person", "\(person.name) is not in the \(role.pool.displayName.lowercased()) pool")
        }
        guard person.isAvailable else { throw LifecycleError("person", "\(person.name) is not taking new cases") }
        try check(date, "date", "The appointment", notBefore: stage.openedOn)
        let panelRoles: Set<AppointmentRole> = [.panelChair, .panelMember]
        if !panelRoles.contains(role), let holder = stage.appointee(role) {
            throw LifecycleError(
                "role",
                """
                \(people[holder]?.name ?? "Someone") is already the \(role.displayName); correct the appointment \
                instead
                """
            )
        }
        switch role {
        case .independentPerson:
            if person.isCouncilOfficerOrMember {
                throw LifecycleError(
                    "person", "\(person.name) is a council officer or member, so cannot be the Independent Person")
            }
            if stage.appointee(.investigatingOfficer) == personID {
                throw LifecycleError(
                    "person", "\(person.name) is the Investigating Officer; the Independent Person must be someone else"
                )
            }
        case .investigatingOfficer:
            if person.worksIn.contains(r.serviceCategory) {
                throw LifecycleError(
                    "person", "\(person.name) works in the service complained about, so cannot investigate it")
            }
            if stage.appointee(.independentPerson) == personID {
                throw LifecycleError(
                    "person", "\(person.name) is the Independent Person; the Investigating Officer must be someone else"
                )
            }
        case .panelChair, .panelMember:
            let panel = stage.appointments.filter { panelRoles.contains($0.role) }
            if person.isCouncilOfficerOrMember {
                throw LifecycleError(
                    "person",
                    """
                    Review panel members must be independent of the council; \(person.name) is a council officer \
                    or member
                    """
                )
            }
            if r.stages.contains(where: { $0.appointee(.independentPerson) == personID }) {
                throw LifecycleError(
                    "person", "\(person.name) was the Independent Person at stage 2, so cannot sit on the review panel")
            }
            if panel.contains(where: { $0.personID == personID }) {
                throw LifecycleError("person", "\(person.name) is already on the panel")
            }
            if panel.count >= 3 { throw LifecycleError("role", "The review panel already has three members") }
            if role == .panelChair, panel.contains(where: { $0.role == .panelChair }) {
                throw LifecycleError("role", "The panel already has a chair")
            }
            if role == .panelMember, panel.count == 2, !panel.contains(where: { $0.role == .panelChair }) {
                throw LifecycleError("role", "One of the three must chair the panel: appoint the chair")
            }
        case .adjudicator, .respondingManager:
            break
        }
        stage.appointments.append(Appointment(role: role, personID: personID, appointedOn: date))
        if definition.records(.allocated), stage.date(of: .allocated) == nil,
            let io = stage.appointments.last(where: { $0.role == .investigatingOfficer }),
            let ip = stage.appointments.last(where: { $0.role == .independentPerson })
        {
            try record(
                .allocated, on: max(io.appointedOn, ip.appointedOn), in: &stage, definition: definition,
                allocating: true)
        }
    }

    // MARK: - Checks

    func check(
        _ date: CalendarDate, _ field: String, _ what: String, notBefore earliest: CalendarDate
    ) throws(LifecycleError) {
        if date > today { throw LifecycleError(field, "\(what) must be today or in the past") }
        if date < earliest { throw LifecycleError(field, "\(what) cannot be before \(earliest.longDisplay)") }
    }

    private func latestMilestone(_ stage: Stage) -> CalendarDate {
        ([stage.openedOn] + Array(stage.milestones.values) + stage.pauses.map(\.from)).max()!
    }
}
