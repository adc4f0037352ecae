/// The complaints performance and service improvement report the Complaint Handling Code asks
/// for each year (and the quarterly pack for the Member Responsible for Complaints): the
/// self-assessment, volumes and performance by stage, refusals by type, outcomes, service
/// requests, reasonable adjustments, learning, the Ombudsman, and the governing body's response.
/// Pure: every figure from the records, the answers from the council's self-assessment.
public struct CodeReportBuilder: Sendable {
    public var title: String
    public var period: String
    public var firstDay: CalendarDate
    public var lastDay: CalendarDate
    public var calendar: WorkingDayCalendar
    /// The Code's procedure (the built-in corporate procedure, or the council's version of it).
    public var procedure: ProcedureDefinition
    public var reference: ReferenceData
    public var rounding: Rounding

    public init(
        year: FinancialYear, calendar: WorkingDayCalendar, procedure: ProcedureDefinition = BuiltInProcedures.corporate,
        reference: ReferenceData = .defaults, rounding: Rounding = Rounding()
    ) {
        self.init(
            title: "Complaints performance and service improvement report \(year)", period: year.description,
            firstDay: year.firstDay, lastDay: year.lastDay, calendar: calendar, procedure: procedure,
            reference: reference, rounding: rounding)
    }

    /// The quarterly pack for the Member Responsible for Complaints.
    public init(
        quarter: FinancialQuarter, calendar: WorkingDayCalendar,
        procedure: ProcedureDefinition = BuiltInProcedures.corporate, reference: ReferenceData = .defaults,
        rounding: Rounding = Rounding()
    ) {
        self.init(
            title: "Complaints pack for the Member Responsible for Complaints, \(quarter)",
            period: quarter.description, firstDay: quarter.firstDay, lastDay: quarter.lastDay, calendar: calendar,
            procedure: procedure, reference: reference, rounding: rounding)
    }

    public init(
        title: String, period: String, firstDay: CalendarDate, lastDay: CalendarDate, calendar: WorkingDayCalendar,
        procedure: ProcedureDefinition, reference: ReferenceData, rounding: Rounding
    ) {
        self.title = title
        self.period = period
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.calendar = calendar
        self.procedure = procedure
        self.reference = reference
        self.rounding = rounding
    }

    public func measures(_ records: [Representation]) -> CodeMeasures {
        CodeMeasures.count(records, procedure: procedure, period: firstDay...lastDay, calendar: calendar)
    }

    /// The report. `assessment` is the year's self-assessment (the quarterly pack leaves it out);
    /// `letter` the Ombudsman's annual letter figures the council entered, if any.
    public func build(
        from records: [Representation], assessment: CodeSelfAssessment?, letter: OmbudsmanLetter? = nil
    ) -> ComplaintsReport {
        let m = measures(records)
        var sections = [summary(m), volumes(m), timeliness(m), refusalsAndOutcomes(m), adjustmentsAndLearning(m)]
        sections.append(ombudsman(records, letter: letter))
        if let assessment {
            sections.insert(selfAssessment(assessment, m), at: 1)
            sections.append(governingBody(assessment))
        }
        return ComplaintsReport(
            title: title, period: period, firstDay: firstDay, lastDay: lastDay, scope: .corporate, earlierYears: [],
            sections: sections, rounding: rounding.statement)
    }

    // MARK: - Sections

    func summary(_ m: CodeMeasures) -> ReportSection {
        var findings = [
            """
            \(m.complaintsReceived.grouped) complaints were made under the Complaint Handling Code, and \
            \(m.stage2Requests.grouped) asked for stage 2. \(m.serviceRequestsReceived.grouped) service requests were \
            recorded, of which \
            \(m.serviceRequestsBecameComplaints.grouped) became complaints.
            """
        ]
        for (stage, clock) in [
            ("stage-1", "acknowledgement"), ("stage-1", "stage-1-response"),
            ("stage-2", "stage-2-response"),
        ] {
            guard let c = m.clock(stage, clock), c.measured > 0 else { continue }
            findings.append(
                "\(c.name): \(rounding.percentage(c.within, of: c.measured)) of \(c.measured.grouped) "
                    + "within \(c.limit) working days.")
        }
        if m.refusalsTotal > 0 {
            findings.append("\(m.refusalsTotal.grouped) complaints were not accepted, each with a reason.")
        }
        return ReportSection(id: "summary", title: "Summary", findings: findings, tables: [])
    }

    func selfAssessment(_ a: CodeSelfAssessment, _ m: CodeMeasures) -> ReportSection {
        let rows = ComplaintHandlingCode.provisions.map { p in
            let answer = a.answers[p.id]
            let id = "code.self-assessment.\(p.id)"
            let counted = p.measure.map { self.evidence(for: $0, m) }
            let words = [answer?.evidence, counted.map { "Counted by Redress: \($0)" }].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: " ")
            return ReportTable.Row(
                label: "Part \(p.part): \(p.title)",
                cells: [
                    .text("\(id).status", "Compliance", answer?.status.displayName ?? "Not yet assessed"),
                    .text("\(id).evidence", "Evidence", words.isEmpty ? "–" : words),
                    .text(
                        "\(id).action", "Action",
                        answer.map { $0.action.isEmpty ? "None needed" : $0.action } ?? "–"),
                ])
        }
        let counts = CodeSelfAssessment.Status.allCases.map { status in
            "\(a.answers.values.count(where: { $0.status == status })) \(status.displayName.lowercased())"
        }
        return ReportSection(
            id: "self-assessment", title: "Self-assessment against the Complaint Handling Code",
            findings: [
                """
                The council assessed itself against \(ComplaintHandlingCode.provisions.count) provisions of the Code: \
                \(counts.joined(separator: ", ")); \(a.unanswered.count) not yet assessed.
                """
            ],
            tables: [
                ReportTable(
                    id: "code-self-assessment", title: "Self-assessment \(period)", basis: .assessedByCouncil,
                    columns: ["Compliance", "Evidence", "Action"], rows: rows,
                    notes: [
                        """
                        Provisions are Redress's summary of the Code's parts; figures beside the council's evidence \
                        are counted from the case records for the period.
                        """
                    ])
            ])
    }

    /// The figure beside a provision, in words.
    public func evidence(for measure: ComplaintHandlingCode.Measure, _ m: CodeMeasures) -> String {
        func clock(_ stage: String, _ key: String, extended: Bool = false) -> String {
            guard let c = m.clock(stage, key) else { return "" }
            if extended {
                return
                    "\(c.extended.grouped) extended in the period, \(c.extendedBeyondCap.grouped) beyond the "
                    + "Code's limit."
            }
            return
                "\(c.within.grouped) of \(c.measured.grouped) (\(rounding.percentage(c.within, of: c.measured))) "
                + "within \(c.limit) working days."
        }
        return switch measure {
        case .serviceRequests:
            "\(m.serviceRequestsReceived.grouped) service requests recorded; "
                + "\(m.serviceRequestsBecameComplaints.grouped) became complaints."
        case .refusals:
            "\(m.refusalsTotal.grouped) not accepted, \(m.refusalsNotified.grouped) with the complainant told in "
                + "writing."
        case .adjustments:
            "\(m.adjustmentsAgreed.grouped) agreed, \(m.adjustmentsReviewed.grouped) reviews held, "
                + "\(m.adjustmentsOverdue.grouped) overdue for review at the period's end."
        case .earlyResolution: "\(m.earlyResolutions.grouped) complaints recorded as resolved early, before stage 1."
        case .stage1Acknowledged: clock("stage-1", "acknowledgement")
        case .stage1Responded: clock("stage-1", "stage-1-response")
        case .stage1Extended: clock("stage-1", "stage-1-response", extended: true)
        case .stage2Acknowledged: clock("stage-2", "stage-2-acknowledgement")
        case .stage2Responded: clock("stage-2", "stage-2-response")
        case .stage2Extended: clock("stage-2", "stage-2-response", extended: true)
        case .actionsAfterResponse:
            "\(m.actions.grouped) actions from complaints answered: \(m.actionsDone.grouped) done, "
                + "\(m.actionsOverdue.grouped) overdue."
        case .serviceWideActions: "\(m.serviceWideActions.grouped) actions changed the service for everyone."
        }
    }

    func volumes(_ m: CodeMeasures) -> ReportSection {
        let basis = CountingBasis.receivedInPeriod
        let rows: [ReportTable.Row] = [
            .init(
                label: "Complaints made (stage 1)",
                cells: [.count("code.received", "Complaints made", m.complaintsReceived, basis: basis)]),
            .init(
                label: "Requests for stage 2",
                cells: [.count("code.stage-2-requests", "Requests for stage 2", m.stage2Requests, basis: basis)]),
            .init(
                label: "Service requests recorded",
                cells: [
                    .count("code.service-requests", "Service requests", m.serviceRequestsReceived, basis: basis)
                ]),
            .init(
                label: "Service requests resolved",
                cells: [
                    .count(
                        "code.service-requests.resolved", "Service requests resolved", m.serviceRequestsResolved,
                        basis: .closedInPeriod)
                ]),
            .init(
                label: "Average working days to resolve a service request",
                cells: [
                    .average(
                        "code.service-requests.average", "Average working days to resolve",
                        sum: m.serviceRequestWorkingDays, count: m.serviceRequestsResolved, basis: .closedInPeriod,
                        rounding: rounding)
                ]),
            .init(
                label: "Service requests that became complaints",
                cells: [
                    .count(
                        "code.service-requests.complaints", "Became complaints", m.serviceRequestsBecameComplaints,
                        basis: .happenedInPeriod)
                ]),
        ]
        return ReportSection(
            id: "volumes", title: "Complaints and service requests", findings: [],
            tables: [
                ReportTable(
                    id: "code-volumes", title: "Complaints and service requests \(period)", basis: basis,
                    columns: ["Number"], rows: rows,
                    notes: [
                        """
                        A service request is a first request for a service, not a complaint (the Code, part 1); one \
                        that becomes a complaint is counted in both, on the dates each happened. Working days are \
                        counted from receipt to resolution.
                        """
                    ])
            ])
    }
}
