/// The procedures Redress ships with, as data (`statutory-rules.md` §1.9, §2.8, §3.6). They seed
/// the `procedure_definition` table on first run; councils change timescales there, not here.
public enum BuiltInProcedures {
    /// Children Act 1989 representations procedure, SI 2006/1738: three stages, then the LGSCO.
    public static let childrenStatutory = ProcedureDefinition(
        id: "children-statutory",
        name: "Children's social care statutory complaint",
        serviceArea: .childrensSocialCare,
        isStatutory: true,
        basis: "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738)",
        stages: [
            StageDefinition(
                key: "stage-1", name: "Stage 1: local resolution",
                milestones: [
                    .init(.requested, "Received"), .init(.acknowledged), .init(.responded, "Stage 1 response sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "stage-1-response", name: "Stage 1 response", starts: .requested, stops: .responded,
                        limit: .workingDays(10), extendableToWorkingDays: 20,
                        rule:
                            """
                                SI 2006/1738 reg 14: 10 working days from receipt, extendable by 10 to a maximum of \
                                20 (CSC-20); past 20 without an agreed extension, offer stage 2 (CSC-23)
                                """
                    )
                ],
                escalatesWhenOverrun: true),
            StageDefinition(
                key: "stage-2", name: "Stage 2: investigation",
                milestones: [
                    .init(.requested, "Stage 2 requested"), .init(.acknowledged), .init(.allocated),
                    .init(.statementAgreed), .init(.reportsReceived), .init(.responded, "Adjudication sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "stage-2-response", name: "Stage 2 adjudication", starts: .statementAgreed,
                        stops: .responded,
                        limit: .workingDays(25), extendableToWorkingDays: 65,
                        rule:
                            """
                                SI 2006/1738 regs 16–17: 25 working days from the agreed statement of complaint, \
                                extendable to 65 with written reasons (CSC-27, CSC-28)
                                """
                    )
                ],
                requestWindowWorkingDays: 20),
            StageDefinition(
                key: "stage-3", name: "Stage 3: review panel",
                milestones: [
                    .init(.requested, "Review panel requested"), .init(.acknowledged), .init(.panelMet),
                    .init(.panelReported), .init(.responded, "Council's response sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "panel-meeting", name: "Review panel meets", starts: .requested, stops: .panelMet,
                        limit: .workingDays(30),
                        rule: "SI 2006/1738 reg 19(4): the panel meets within 30 working days of the request (CSC-33)"),
                    ClockDefinition(
                        key: "panel-report", name: "Panel report", starts: .panelMet, stops: .panelReported,
                        limit: .workingDays(5),
                        rule: "SI 2006/1738 reg 20: the panel reports within 5 working days of meeting (CSC-35)"),
                    ClockDefinition(
                        key: "stage-3-response", name: "Council's response to the panel", starts: .panelReported,
                        stops: .responded,
                        limit: .workingDays(15),
                        rule:
                            """
                                SI 2006/1738 reg 20: the council responds, with the Independent Person, within 15 \
                                working days of the report (CSC-36)
                                """
                    ),
                ],
                requestWindowWorkingDays: 20),
        ])

    /// Local Authority Social Services and NHS Complaints (England) Regulations 2009: one stage.
    public static let adultsStatutory = ProcedureDefinition(
        id: "adults-statutory",
        name: "Adult social care statutory complaint",
        serviceArea: .adultSocialCare,
        isStatutory: true,
        basis:
            """
                Local Authority Social Services and National Health Service Complaints (England) Regulations 2009 (SI \
                2009/309)
                """,
        stages: [
            StageDefinition(
                key: "response", name: "Investigation and response",
                milestones: [
                    .init(.requested, "Received"), .init(.acknowledged, "Acknowledged with offer to discuss"),
                    .init(.delayNotified, "Letter sent: response delayed beyond the relevant period"),
                    .init(.responded, "Response sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "acknowledgement", name: "Acknowledge and offer to discuss", starts: .requested,
                        stops: .acknowledged,
                        limit: .workingDays(3),
                        rule: "SI 2009/309 reg 13: acknowledge not later than 3 working days after receipt (ASC-09)"),
                    ClockDefinition(
                        key: "agreed-response", name: "Response by the agreed date", starts: .requested,
                        stops: .responded,
                        limit: .agreedWithComplainant,
                        rule: "SI 2009/309 regs 13–14: response within the period agreed with the complainant (ASC-10)"),
                    ClockDefinition(
                        key: "relevant-period", name: "Six-month relevant period", starts: .requested,
                        stops: .responded,
                        limit: .monthsBeginningWith(6), isNotificationTrigger: true,
                        rule:
                            """
                                SI 2009/309 reg 14: if no response within 6 months beginning with receipt (or a \
                                longer period agreed before then), write to the complainant explaining why (ASC-12)
                                """
                    ),
                ])
        ])

    /// LGSCO Complaint Handling Code (8 February 2024), for corporate complaints: two stages.
    public static let corporate = ProcedureDefinition(
        id: "corporate",
        name: "Corporate complaint",
        serviceArea: .corporate,
        isStatutory: false,
        basis: "LGSCO Complaint Handling Code (2024), section 6",
        stages: [
            StageDefinition(
                key: "stage-1", name: "Stage 1",
                milestones: [
                    .init(.requested, "Received"), .init(.acknowledged, "Acknowledged and logged"),
                    .init(.responded, "Stage 1 response sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "acknowledgement", name: "Acknowledge and log", starts: .requested, stops: .acknowledged,
                        limit: .workingDays(5),
                        rule: "Complaint Handling Code 6.2: acknowledge within 5 working days of receipt"),
                    ClockDefinition(
                        key: "stage-1-response", name: "Stage 1 response", starts: .acknowledged, stops: .responded,
                        limit: .workingDays(10), extendableToWorkingDays: 20,
                        rule:
                            """
                                Complaint Handling Code 6.3–6.4: respond within 10 working days of acknowledgement; \
                                extension of no more than 10
                                """
                    ),
                ]),
            StageDefinition(
                key: "stage-2", name: "Stage 2",
                milestones: [
                    .init(.requested, "Stage 2 requested"), .init(.acknowledged, "Acknowledged and logged"),
                    .init(.responded, "Stage 2 response sent"),
                ],
                clocks: [
                    ClockDefinition(
                        key: "stage-2-acknowledgement", name: "Acknowledge the escalation", starts: .requested,
                        stops: .acknowledged,
                        limit: .workingDays(5),
                        rule: "Complaint Handling Code: acknowledge the escalation request within 5 working days"),
                    ClockDefinition(
                        key: "stage-2-response", name: "Stage 2 response", starts: .acknowledged, stops: .responded,
                        limit: .workingDays(20), extendableToWorkingDays: 40,
                        rule:
                            """
                                Complaint Handling Code: respond within 20 working days of acknowledgement; extension \
                                of no more than 20
                                """
                    ),
                ],
                requestWindowWorkingDays: 20),
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
