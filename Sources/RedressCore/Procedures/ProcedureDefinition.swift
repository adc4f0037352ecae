/// A complaints procedure written as data: its stages, the milestones each stage passes through,
/// and the clocks that run between milestones.
///
/// Councils follow different regimes (the children's statutory procedure, the adults' statutory
/// procedure, the LGSCO Complaint Handling Code for corporate complaints) and change local
/// timescales; keeping them as data means a timescale is configuration, not a code change, and
/// one clock engine (`ClockEngine`) and one lifecycle (`Lifecycle`) serve every procedure.
public struct ProcedureDefinition: Sendable, Codable, Hashable, Identifiable {
    /// Stable key, e.g. `children-statutory`.
    public var id: String
    public var name: String
    public var serviceArea: ServiceArea
    /// Whether the procedure is statutory (counts toward the statutory annual report).
    public var isStatutory: Bool
    /// The legal basis or code the timescales come from, shown on case pages and reports.
    public var basis: String
    /// Stages in order; a case escalates from one to the next.
    public var stages: [StageDefinition]
    /// Months after the matter arose within which a complaint should be made (CSC 12, ASC 12);
    /// a later complaint needs a recorded discretion decision.
    public var timeLimitMonths: Int?
    /// When a pre-complaint becomes a complaint, whether the statutory clock starts on the
    /// conversion date (Hampshire's practice) rather than the first receipt (CSC-21, the default).
    public var clockStartsOnConversion: Bool = false

    public init(
        id: String, name: String, serviceArea: ServiceArea, isStatutory: Bool, basis: String, stages: [StageDefinition],
        timeLimitMonths: Int? = 12
    ) {
        self.id = id
        self.name = name
        self.serviceArea = serviceArea
        self.isStatutory = isStatutory
        self.basis = basis
        self.stages = stages
        self.timeLimitMonths = timeLimitMonths
    }

    /// The stage definition with `key`.
    public func stage(_ key: String) -> StageDefinition? { stages.first { $0.key == key } }

    /// The stage after `key`, if the procedure has one.
    public func stage(after key: String) -> StageDefinition? {
        guard let index = stages.firstIndex(where: { $0.key == key }), index + 1 < stages.count else { return nil }
        return stages[index + 1]
    }
}

/// One stage of a procedure (children's stage 2, the adults' single stage, corporate stage 1).
public struct StageDefinition: Sendable, Codable, Hashable {
    public var key: String
    public var name: String
    /// The milestones the stage records, in the order they must happen. `requested` (the stage
    /// opens) and `responded` (it closes) are always first and last.
    public var milestones: [MilestoneDefinition]
    public var clocks: [ClockDefinition]
    /// Working days after the previous stage's response within which the complainant should
    /// ask for this stage (CSC-24, CSC-31: 20). Advisory: a late request is flagged for a
    /// discretion decision, never refused automatically.
    public var requestWindowWorkingDays: Int?
    /// Whether, once past its longest extension without a response, the case may go to the next
    /// stage unanswered (CSC-23: the complaints manager must offer stage 2).
    public var escalatesWhenOverrun: Bool

    public init(
        key: String, name: String, milestones: [MilestoneDefinition], clocks: [ClockDefinition],
        requestWindowWorkingDays: Int? = nil, escalatesWhenOverrun: Bool = false
    ) {
        self.key = key
        self.name = name
        self.milestones = milestones
        self.clocks = clocks
        self.requestWindowWorkingDays = requestWindowWorkingDays
        self.escalatesWhenOverrun = escalatesWhenOverrun
    }

    /// The clock whose deadline is the stage's response date.
    public var responseClock: ClockDefinition? { clocks.first { $0.stops == .responded } }

    /// The council's words for a milestone in this stage ("Adjudication sent").
    public func label(of milestone: Milestone) -> String {
        milestones.first { $0.milestone == milestone }?.label ?? milestone.defaultLabel
    }

    /// Whether the stage records `milestone`.
    public func records(_ milestone: Milestone) -> Bool { milestones.contains { $0.milestone == milestone } }
}

/// A milestone as a stage records it, with the council's label for it.
public struct MilestoneDefinition: Sendable, Codable, Hashable {
    public var milestone: Milestone
    public var label: String
    /// Whether later milestones wait for this one (a statement of complaint before the reports).
    /// Acknowledgement is optional by default: a stage can be answered before it is acknowledged.
    public var isRequired: Bool

    public init(_ milestone: Milestone, _ label: String? = nil, isRequired: Bool? = nil) {
        self.milestone = milestone
        self.label = label ?? milestone.defaultLabel
        self.isRequired = isRequired ?? (milestone != .acknowledged && milestone != .delayNotified)
    }
}

/// Dated events within a stage. Clocks run from one milestone to another.
public enum Milestone: String, Sendable, Codable, CaseIterable, Hashable, CodingKeyRepresentable {
    /// The stage opens: receipt for the first stage, the escalation request for later ones.
    case requested
    case acknowledged
    /// Stage 2: Investigating Officer and Independent Person appointed.
    case allocated
    /// Stage 2: the statement of complaint agreed with the complainant (CSC-26).
    case statementAgreed = "statement-agreed"
    /// Stage 2: the IO's and IP's reports received.
    case reportsReceived = "reports-received"
    /// Stage 3: the review panel met.
    case panelMet = "panel-met"
    /// Stage 3: the panel's report received.
    case panelReported = "panel-reported"
    /// Adults: the letter explaining why the response is taking longer than the relevant period (ASC-12).
    case delayNotified = "delay-notified"
    /// The stage's response sent: stage 1 letter, adjudication, the council's response to a panel.
    case responded

    public var defaultLabel: String {
        switch self {
        case .requested: "Received"
        case .acknowledged: "Acknowledged"
        case .allocated: "Investigating Officer and Independent Person appointed"
        case .statementAgreed: "Statement of complaint agreed"
        case .reportsReceived: "Investigation reports received"
        case .panelMet: "Review panel met"
        case .panelReported: "Panel report received"
        case .delayNotified: "Letter sent explaining the delay"
        case .responded: "Response sent"
        }
    }
}

/// A statutory or local time limit: from which milestone, how long, how far it may be
/// extended, and which milestone stops it.
public struct ClockDefinition: Sendable, Codable, Hashable {
    public var key: String
    /// What the deadline is for, in the council's words ("Acknowledge the complaint").
    public var name: String
    public var starts: Milestone
    public var stops: Milestone
    public var limit: Timescale
    /// The furthest an agreed extension may take the clock, in working days from its start
    /// (children's stage 1: 20; stage 2: 65). `nil`: no extension provided for.
    public var extendableToWorkingDays: Int?
    /// A trigger for action (write to the complainant) rather than a deadline for a response.
    public var isNotificationTrigger: Bool
    /// Where the rule comes from (regulation, guidance or code paragraph).
    public var rule: String

    public init(
        key: String, name: String, starts: Milestone, stops: Milestone, limit: Timescale,
        extendableToWorkingDays: Int? = nil, isNotificationTrigger: Bool = false, rule: String
    ) {
        self.key = key
        self.name = name
        self.starts = starts
        self.stops = stops
        self.limit = limit
        self.extendableToWorkingDays = extendableToWorkingDays
        self.isNotificationTrigger = isNotificationTrigger
        self.rule = rule
    }
}

/// How long a clock runs.
public enum Timescale: Sendable, Codable, Hashable, CustomStringConvertible {
    /// N working days after the start (start is day zero).
    case workingDays(Int)
    /// The period of N months beginning with the start day (ASC-12).
    case monthsBeginningWith(Int)
    /// A date agreed with the complainant (adults' response period, ASC-10).
    case agreedWithComplainant

    public var description: String {
        switch self {
        case .workingDays(let n): "\(n) working day\(n == 1 ? "" : "s")"
        case .monthsBeginningWith(let n): "\(n) month\(n == 1 ? "" : "s") beginning with the start day"
        case .agreedWithComplainant: "the date agreed with the complainant"
        }
    }
}
