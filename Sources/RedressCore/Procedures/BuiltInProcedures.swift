/// The procedures Redress ships with, as data. They seed the `procedure` table on first run;
/// councils change timescales there, not here.
public enum BuiltInProcedures {
    /// Children Act 1989 representations procedure, SI 2006/1738 — stage 1 in this release.
    public static let childrenStatutory = ProcedureDefinition(
        id: "children-statutory",
        name: "Children's social care statutory complaint",
        serviceArea: .childrensSocialCare,
        isStatutory: true,
        basis: "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738)",
        stages: [
            StageDefinition(key: "stage-1", name: "Stage 1: local resolution", clocks: [
                ClockDefinition(
                    key: "stage-1-response", name: "Stage 1 response", starts: .received,
                    limit: .workingDays(10), extendableToWorkingDays: 20, stops: .responded,
                    rule: "SI 2006/1738 reg 14: 10 working days from receipt, extendable by 10 to a maximum of 20 (CSC-20)"),
            ]),
        ])

    /// Local Authority Social Services and NHS Complaints (England) Regulations 2009.
    public static let adultsStatutory = ProcedureDefinition(
        id: "adults-statutory",
        name: "Adult social care statutory complaint",
        serviceArea: .adultSocialCare,
        isStatutory: true,
        basis: "Local Authority Social Services and National Health Service Complaints (England) Regulations 2009 (SI 2009/309)",
        stages: [
            StageDefinition(key: "response", name: "Investigation and response", clocks: [
                ClockDefinition(
                    key: "acknowledgement", name: "Acknowledge and offer to discuss", starts: .received,
                    limit: .workingDays(3), stops: .acknowledged,
                    rule: "SI 2009/309 reg 13: acknowledge not later than 3 working days after receipt (ASC-09)"),
                ClockDefinition(
                    key: "agreed-response", name: "Response by the agreed date", starts: .received,
                    limit: .agreedWithComplainant, stops: .responded,
                    rule: "SI 2009/309 reg 13–14: response within the period agreed with the complainant (ASC-10)"),
                ClockDefinition(
                    key: "relevant-period", name: "Six-month relevant period", starts: .received,
                    limit: .monthsBeginningWith(6), stops: .responded,
                    rule: "SI 2009/309 reg 14: if no response within 6 months beginning with receipt, notify the complainant in writing with reasons (ASC-12)"),
            ]),
        ])

    /// LGSCO Complaint Handling Code (8 February 2024), for corporate complaints.
    public static let corporate = ProcedureDefinition(
        id: "corporate",
        name: "Corporate complaint",
        serviceArea: .corporate,
        isStatutory: false,
        basis: "LGSCO Complaint Handling Code (2024), section 6",
        stages: [
            StageDefinition(key: "stage-1", name: "Stage 1", clocks: [
                ClockDefinition(
                    key: "acknowledgement", name: "Acknowledge and log", starts: .received,
                    limit: .workingDays(5), stops: .acknowledged,
                    rule: "Complaint Handling Code 6.2: acknowledge within 5 working days of receipt"),
                ClockDefinition(
                    key: "stage-1-response", name: "Stage 1 response", starts: .acknowledged,
                    limit: .workingDays(10), extendableToWorkingDays: 20, stops: .responded,
                    rule: "Complaint Handling Code 6.3–6.4: respond within 10 working days of acknowledgement, extension of no more than 10"),
            ]),
        ])

    public static let all = [childrenStatutory, adultsStatutory, corporate]

    /// The procedure a complaint in `area` follows unless another is chosen.
    public static func defaultProcedure(for area: ServiceArea) -> ProcedureDefinition {
        switch area {
        case .childrensSocialCare: childrenStatutory
        case .adultSocialCare: adultsStatutory
        case .corporate: corporate
        }
    }
}
