import Foundation

/// The Local Government and Social Care Ombudsman's Complaint Handling Code (8 February 2024,
/// used in its investigations from 1 April 2026) as a checklist the council answers each year:
/// each provision in summary, with the figure Redress can count for it from the records. The
/// wording is Redress's summary, not the Code's text ([R]: check against the Code before
/// publishing); the provisions are data, so a council can follow a revised Code.
public enum ComplaintHandlingCode {
    /// What Redress can count for a provision, from the records of the year.
    public enum Measure: String, Sendable, Hashable, Codable, CaseIterable {
        case serviceRequests, refusals, adjustments, earlyResolution
        case stage1Acknowledged, stage1Responded, stage1Extended
        case stage2Acknowledged, stage2Responded, stage2Extended
        case actionsAfterResponse, serviceWideActions
    }

    /// One provision: where it is in the Code, what it asks, and what Redress counts for it.
    public struct Provision: Sendable, Hashable, Codable, Identifiable {
        public var id: String
        public var part: String
        public var title: String
        public var asks: String
        public var measure: Measure?

        public init(id: String, part: String, title: String, asks: String, measure: Measure? = nil) {
            self.id = id
            self.part = part
            self.title = title
            self.asks = asks
            self.measure = measure
        }
    }

    public static let provisions: [Provision] = [
        Provision(
            id: "definitions", part: "1", title: "Complaints and service requests",
            asks:
                """
                A complaint is an expression of dissatisfaction however made; a first request for a service is a \
                service request, recorded and monitored, not a complaint.
                """, measure: .serviceRequests),
        Provision(
            id: "exclusions", part: "1", title: "Reasons for not accepting a complaint",
            asks:
                """
                A complaint is not accepted only for a reason the policy sets out; the complainant is told why, and \
                of their right to go to the Ombudsman.
                """, measure: .refusals),
        Provision(
            id: "accessibility", part: "2", title: "Accessibility and awareness",
            asks: "Complaints can be made in more than one way, and the policy is published and easy to find."),
        Provision(
            id: "adjustments", part: "2", title: "Reasonable adjustments",
            asks: "Reasonable adjustments are agreed, recorded and kept under regular review.",
            measure: .adjustments),
        Provision(
            id: "staff", part: "3", title: "Complaint handling staff",
            asks: "A person or team is responsible for complaints, with the access and authority to put things right."),
        Provision(
            id: "two-stages", part: "4", title: "A two-stage process",
            asks: "Two stages only: no informal or 'stage 0' step before a complaint is accepted at stage 1.",
            measure: .earlyResolution),
        Provision(
            id: "stage-1-acknowledge", part: "5", title: "Stage 1: acknowledge and log",
            asks: "Each complaint is acknowledged and logged within 5 working days of receipt.",
            measure: .stage1Acknowledged),
        Provision(
            id: "stage-1-respond", part: "5", title: "Stage 1: respond",
            asks: "The stage 1 response is sent within 10 working days of acknowledgement.",
            measure: .stage1Responded),
        Provision(
            id: "stage-1-extend", part: "5", title: "Stage 1: extensions",
            asks:
                """
                An extension is no more than 10 further working days, with good reason, explained to the \
                complainant with the Ombudsman's details.
                """, measure: .stage1Extended),
        Provision(
            id: "respond-when-known", part: "5", title: "Respond when the answer is known",
            asks:
                """
                The response is sent when the answer is known, not when every action is done; outstanding \
                actions are tracked to completion.
                """, measure: .actionsAfterResponse),
        Provision(
            id: "stage-2-acknowledge", part: "5", title: "Stage 2: acknowledge and log",
            asks: "A request for stage 2 is acknowledged and logged within 5 working days.",
            measure: .stage2Acknowledged),
        Provision(
            id: "stage-2-respond", part: "5", title: "Stage 2: respond",
            asks:
                """
                The stage 2 response is sent within 20 working days of acknowledgement, by someone who did not \
                deal with stage 1.
                """, measure: .stage2Responded),
        Provision(
            id: "stage-2-extend", part: "5", title: "Stage 2: extensions",
            asks: "An extension is no more than 20 further working days, with good reason, explained.",
            measure: .stage2Extended),
        Provision(
            id: "putting-right", part: "6", title: "Putting things right",
            asks: "Where something went wrong, the council acknowledges it and puts it right for the complainant."),
        Provision(
            id: "annual-report", part: "7", title: "Self-assessment and the annual report",
            asks:
                """
                Each year the council self-assesses against the Code and publishes a complaints performance and \
                service improvement report, with its governing body's response.
                """),
        Provision(
            id: "member", part: "8", title: "Member Responsible for Complaints",
            asks:
                """
                A member of the governing body is responsible for complaints and receives regular reports of \
                volumes, categories, outcomes, performance and trends.
                """),
        Provision(
            id: "learning", part: "8", title: "Learning and service improvement",
            asks: "What complaints show is used to improve services, and the improvements are reported.",
            measure: .serviceWideActions),
    ]

    public static func provision(_ id: String) -> Provision? { provisions.first { $0.id == id } }
}

/// The council's answers to the Code for one year: for each provision, whether it complies, the
/// evidence and the action it will take; and the governing body's response to the year's report.
/// Kept per year, so last year's assessment stays as it was made.
public struct CodeSelfAssessment: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case compliant, partly, notCompliant = "not-compliant"

        public var displayName: String {
            switch self {
            case .compliant: "Compliant"
            case .partly: "Partly compliant"
            case .notCompliant: "Not compliant"
            }
        }
    }

    public struct Answer: Sendable, Hashable, Codable {
        public var status: Status
        public var evidence: String
        public var action: String
        public var answeredOn: CalendarDate

        public init(status: Status, evidence: String, action: String, answeredOn: CalendarDate) {
            self.status = status
            self.evidence = evidence
            self.action = action
            self.answeredOn = answeredOn
        }
    }

    public var year: Int
    /// By provision id.
    public var answers: [String: Answer]
    /// What the governing body (cabinet or committee) said about the report, when it has met.
    public var governingBodyResponse: String

    public init(year: Int, answers: [String: Answer] = [:], governingBodyResponse: String = "") {
        self.year = year
        self.answers = answers
        self.governingBodyResponse = governingBodyResponse
    }

    /// Provisions not yet answered, in the Code's order.
    public var unanswered: [ComplaintHandlingCode.Provision] {
        ComplaintHandlingCode.provisions.filter { answers[$0.id] == nil }
    }

    /// Checks an answer's words: the evidence is needed unless compliant is self-evident from the
    /// figures; an action is needed for anything short of compliant. Errors name their field.
    public static func check(
        status: Status?, evidence: String, action: String
    ) -> [(field: String, message: String)] {
        var errors: [(String, String)] = []
        if status == nil { errors.append(("status", "Select whether the council complies with this provision")) }
        if evidence.count > 2000 { errors.append(("evidence", "The evidence must be 2,000 characters or fewer")) }
        if action.count > 2000 { errors.append(("action", "The action must be 2,000 characters or fewer")) }
        if let status, status != .compliant, action.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(("action", "Say what the council will do to comply"))
        }
        return errors
    }
}
