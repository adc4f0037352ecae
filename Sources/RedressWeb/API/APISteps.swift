import RedressCore

/// The case steps the API takes (`POST /api/v1/representations/{id}/steps/{step}`): the same
/// steps, rules and checks as the case page's forms, with each step's JSON fields declared
/// here once — for checking the request and for the OpenAPI contract.
struct APIStep: Sendable {
    var form: any CaseForm
    var summary: String
    var fields: [APIField]

    var name: String { form.rawValue }

    static func named(_ name: String) -> APIStep? { all.first { $0.name == name } }

    static let all: [APIStep] = caseSteps + intakeSteps + recordSteps + caseworkSteps

    /// The case as a piece of work: its details, owner, links and merging a duplicate.
    private static let caseworkSteps: [APIStep] = [
        APIStep(
            form: CaseworkStep.details,
            summary: "Correct details recorded at intake, with the reason; send only the fields that change",
            fields: DetailField.allCases.map { field -> APIField in
                switch field {
                case .childOrYoungPerson, .quoteConsent:
                    return .boolean(field.rawValue, field.displayName, required: false)
                case .summary, .publicationQuote:
                    return .text(field.rawValue, field.displayName, required: false, maxLength: 5_000)
                default: return .text(field.rawValue, field.displayName, required: false, maxLength: 500)
                }
            } + [.text("reason", "Why the details are being changed")]),
        APIStep(
            form: CaseworkStep.owner,
            summary: "Make a member of the complaints team the case's owner (their user id), or \"nobody\"",
            fields: [.text("owner", "A user id, or nobody", maxLength: 64)]),
        APIStep(
            form: CaseworkStep.link, summary: "Link the case to another (the other case is linked back)",
            fields: [
                .text("reference", "The other case's reference", maxLength: 40),
                .choice("kind", CaseLink.Kind.chosen.map(\.rawValue), "How they are linked"),
            ]),
        APIStep(
            form: CaseworkStep.unlink, summary: "Remove the link to another case (from both)",
            fields: [
                .text("reference", "The other case's reference", maxLength: 40)
            ]),
        APIStep(
            form: CaseworkStep.merge,
            summary:
                "Merge this case, a duplicate, into another: it closes, keeps its history, and reports count the other",
            fields: [.text("into", "The reference of the case to keep", maxLength: 40)]),
    ]

    private static func codes<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String]
    where T.RawValue == String {
        T.allCases.map(\.rawValue)
    }

    private static let caseSteps: [APIStep] = [
        APIStep(
            form: CaseStep.record,
            summary: "Record a step of the current stage (acknowledged, allocated, statement agreed…)",
            fields: [
                .choice("milestone", codes(Milestone.self), "The step"), .date("date", "When it happened"),
            ]),
        APIStep(
            form: CaseStep.respond, summary: "Record the response to the current stage and its outcome",
            fields: [
                .date("date", "Date the response was sent"),
                .text("outcome", "Outcome code (upheld, partly-upheld, not-upheld, …)", maxLength: 100),
            ]),
        APIStep(
            form: CaseStep.extend, summary: "Extend a time limit within the procedure's limits",
            fields: [
                .text("clock", "The time limit to extend (its key)", maxLength: 100),
                .date("agreed-on", "Date the extension was agreed"),
                .date("to", "The new due date"), .date("informed-on", "Date the complainant was told", required: false),
                .text("reason", "Why", required: false),
            ]),
        APIStep(
            form: CaseStep.pause, summary: "Pause the current stage (the clock stops)",
            fields: [
                .choice("pause-reason", codes(Pause.Reason.self), "Why the stage is paused"),
                .date("date", "Date the pause started"),
            ]),
        APIStep(form: CaseStep.resume, summary: "Resume a paused stage", fields: [.date("date", "Date work resumed")]),
        APIStep(
            form: CaseStep.escalate, summary: "Open the next stage at the complainant's request",
            fields: [
                .date("date", "Date the next stage was requested"),
                .text("late-reason", "Why a late request was accepted", required: false),
            ]),
        APIStep(
            form: CaseStep.withdraw, summary: "Record that the complainant withdrew",
            fields: [.date("date", "Date withdrawn")]),
        APIStep(
            form: CaseStep.appoint,
            summary:
                "Appoint an Investigating Officer, Independent Person, panel member, adjudicator or responding manager",
            fields: [
                .choice("role", codes(AppointmentRole.self), "The role"),
                .text("person", "The person's id in the people pool", maxLength: 64),
                .date("date", "Date appointed"),
            ]),
        APIStep(
            form: CaseStep.points, summary: "Set the statement of complaint's points, one per line",
            fields: [
                APIField(
                    name: "points", kind: .lines(maxItems: 50), required: true,
                    description: "The points, in order, one line each")
            ]),
        APIStep(
            form: CaseStep.finding, summary: "Record the finding on one point",
            fields: [
                APIField(
                    name: "point", kind: .integer(minimum: 1, maximum: 500), required: true,
                    description: "The point's number"),
                .text("finding", "Finding code (upheld, partly-upheld, not-upheld, …)", maxLength: 100),
            ]),
        APIStep(
            form: CaseStep.correct, summary: "Correct a recorded date, with the reason (kept in the history)",
            fields: [
                .choice("milestone", codes(Milestone.self), "The step whose date is corrected"),
                .date("date", "The correct date"),
                .text("reason", "Why the date is corrected"),
            ]),
        APIStep(
            form: CaseStep.reopen, summary: "Reopen a closed stage", fields: [.text("reason", "Why it is reopened")]),
        APIStep(
            form: CaseStep.early, summary: "Record an attempt at early resolution",
            fields: [
                .boolean("resolved", "Whether it was resolved"), .date("date", "Date"),
            ]),
    ]

    private static let intakeSteps: [APIStep] = [
        APIStep(
            form: IntakeStep.refuse, summary: "Refuse to consider the complaint, with the reason",
            fields: [
                .text("reason", "Refusal reason code", maxLength: 100), .date("date", "Date of the decision"),
                .date("notified-on", "Date the complainant was told", required: false),
            ]),
        APIStep(
            form: IntakeStep.convert, summary: "Treat a pre-complaint or concern as a complaint",
            fields: [.date("date", "Date it became a complaint")]),
        APIStep(
            form: IntakeStep.closeIntake, summary: "Close a pre-complaint or concern without a complaint",
            fields: [.date("date", "Date closed")]),
        APIStep(
            form: IntakeStep.timeLimit, summary: "Record when the matter arose, and why a late complaint was accepted",
            fields: [
                .date("date", "Date the matter arose"),
                .text("late-reason", "Why it was accepted late", required: false),
            ]),
        APIStep(
            form: IntakeStep.eligibility, summary: "Decide whether the complainant is eligible (children's procedure)",
            fields: [
                .date("date", "Date decided"),
                .text("basis", "The basis of eligibility", required: false, maxLength: 100),
                .boolean("interest", "Whether they have sufficient interest", required: false),
                .text("reasons", "Reasons", required: false),
            ]),
        APIStep(
            form: IntakeStep.advocacy, summary: "Record that advocacy was offered, and any advocate appointed",
            fields: [
                .date("date", "Date advocacy was offered"),
                .date("appointed-on", "Date an advocate was appointed", required: false),
            ]),
        APIStep(
            form: IntakeStep.consent, summary: "Record whether the child or young person consented",
            fields: [
                .boolean("consent", "Whether they consented"), .date("date", "Date recorded"),
            ]),
        APIStep(
            form: IntakeStep.joint, summary: "Mark a joint complaint with the NHS or another body, and who leads",
            fields: [
                .choice("lead", ["council", "partner"], "Who leads"),
                .text("partner", "The partner body", required: false, maxLength: 200),
                .date("date", "Date the lead was agreed"),
            ]),
    ]

    private static let recordSteps: [APIStep] = [
        APIStep(
            form: RecordStep.code, summary: "Code the case: natures, outcomes sought, actual outcomes, remedial action",
            fields: [
                .list("natures", "Nature codes"), .list("outcomes-sought", "Outcome-sought codes"),
                .list("actual-outcomes", "Actual outcome codes"),
                .boolean("remedial", "Whether remedial action was taken", required: false),
            ]),
        APIStep(
            form: RecordStep.services, summary: "The other services the complaint is about, besides its main service",
            fields: [.list("others", "Service codes of the case's service area")]),
        APIStep(
            form: RecordStep.refer, summary: "Record that the Ombudsman is looking at the complaint",
            fields: [
                .text("reference", "The Ombudsman's reference", maxLength: 100),
                .date("notified-on", "Date the council was told"),
                .date("received-on", "Date the Ombudsman received it", required: false),
            ]),
        APIStep(
            form: RecordStep.decide, summary: "Record the Ombudsman's decision",
            fields: [
                .text("referral", "The referral's id", maxLength: 64),
                .choice("decision", codes(OmbudsmanDecision.self), "The decision"),
                .date("decided-on", "Date of the decision"), .boolean("fault", "Fault found", required: false),
                .boolean("injustice", "Injustice found", required: false),
                .boolean("satisfactory", "Council had already offered a satisfactory remedy", required: false),
            ]),
        APIStep(
            form: RecordStep.remedy, summary: "Add a remedy the Ombudsman asked for",
            fields: [
                .text("referral", "The referral's id", maxLength: 64),
                .choice("kind", codes(OmbudsmanRemedy.Kind.self), "The kind of remedy"),
                .text("description", "The remedy"),
                APIField(name: "amount", kind: .money, required: false, description: "Payment, pounds and pence"),
                .date("due-on", "Date it is due"),
            ]),
        APIStep(
            form: RecordStep.completeRemedy, summary: "Record that a remedy was completed",
            fields: [
                .text("referral", "The referral's id", maxLength: 64),
                .text("remedy", "The remedy's id", maxLength: 64), .date("completed-on", "Date completed"),
            ]),
        APIStep(
            form: RecordStep.publicReport, summary: "Record an Ombudsman public report",
            fields: [
                .text("referral", "The referral's id", maxLength: 64),
                .date("received-on", "Date the report was received"),
            ]),
        APIStep(
            form: RecordStep.reportResponse, summary: "Record the council's response to a public report",
            fields: [
                .text("referral", "The referral's id", maxLength: 64),
                .date("responded-on", "Date the council responded"),
            ]),
        APIStep(
            form: RecordStep.cost, summary: "Record money spent or paid (IO and IP fees, panel costs, payments)",
            fields: [
                .choice("heading", codes(Cost.Heading.self), "What the money was for"),
                APIField(name: "amount", kind: .money, required: true, description: "Pounds and pence"),
                .date("paid-on", "Date paid"),
                .text("stage", "The stage it belongs to", required: false, maxLength: 100),
                .text("note", "Note", required: false),
            ]),
        APIStep(
            form: RecordStep.learning, summary: "Record a learning point",
            fields: [
                .text("theme", "Learning theme code", maxLength: 100), .text("description", "What was learned"),
            ]),
        APIStep(
            form: RecordStep.action, summary: "Add a service-improvement action",
            fields: [
                .choice("kind", codes(ServiceAction.Kind.self), "The kind of action"),
                .text("description", "The action"),
                .text("owner", "Who owns it", maxLength: 200), .date("due-on", "Date it is due"),
            ]),
        APIStep(
            form: RecordStep.completeAction, summary: "Record that an action was done",
            fields: [
                .text("action", "The action's id", maxLength: 64), .date("done-on", "Date it was done"),
            ]),
        APIStep(
            form: RecordStep.adjustment, summary: "Record a reasonable adjustment agreed with the complainant",
            fields: [
                .text("description", "The adjustment", maxLength: 500), .date("agreed-on", "Date it was agreed"),
                .date("review-on", "Date to review it by"),
            ]),
        APIStep(
            form: RecordStep.reviewAdjustment, summary: "Review a reasonable adjustment: keep it, or end it",
            fields: [
                .text("adjustment", "The adjustment's id", maxLength: 64), .date("reviewed-on", "Date of the review"),
                .choice("keep", ["yes", "no"], "Whether it is still needed"),
                .date("next-review-on", "Date of the next review, when kept", required: false),
            ]),
    ]
}
