import Testing

@testable import RedressCore

/// The Complaint Handling Code for corporate complaints: its clocks across bank holidays, service
/// requests, reasonable adjustments and the Code's annual report.
@Suite("The Complaint Handling Code")
struct ComplaintHandlingCodeTests {
    let code = BuiltInProcedures.corporate
    var lifecycle: Lifecycle { Lifecycle(procedure: code, calendar: .englandAndWales, today: date("2026-11-30")) }

    func apply(_ r: Representation, _ commands: [CaseCommand]) throws -> Representation {
        try commands.reduce(r) { try lifecycle.apply($1, to: $0) }
    }

    func refusal(_ r: Representation, _ command: CaseCommand) -> String? {
        do {
            _ = try lifecycle.apply(command, to: r)
            return nil
        } catch { return error.message }
    }

    /// Received Thursday 18 December 2025: five working days skip Christmas Day and Boxing Day.
    @Test("Stage 1 across Christmas: acknowledge in 5 working days, respond 10 after, extend to 20 and no further")
    func stageOneAcrossChristmas() throws {
        let received = complaint(code, received: "2025-12-18")
        let engine = ClockEngine(calendar: .englandAndWales)
        #expect(engine.deadlines(for: received, procedure: code)[0].dueOn == date("2025-12-29"))
        let acknowledged = try apply(received, [.record(.acknowledged, on: date("2025-12-29"))])
        let d = engine.deadlines(for: acknowledged, procedure: code)
        // Counted from acknowledgement, skipping New Year's Day.
        #expect(d[1].startsOn == date("2025-12-29") && d[1].dueOn == date("2026-01-13"))
        #expect(d[1].latestExtensionOn == date("2026-01-27"))
        let extend = { (to: String) in
            CaseCommand.extend(
                clock: "stage-1-response", agreedOn: date("2026-01-12"), to: date(to),
                reason: "Waiting for the contractor",
                complainantInformedOn: date("2026-01-12"))
        }
        #expect(refusal(acknowledged, extend("2026-01-28"))?.contains("past 20 working days") == true)
        let extended = try apply(acknowledged, [extend("2026-01-27")])
        #expect(engine.deadlines(for: extended, procedure: code)[1].dueOn == date("2026-01-27"))
        // Respond when the answer is known: the response is sent with an action still to do.
        let action = ServiceAction(
            id: "a1", kind: .processOrPolicyChange, description: "Change the missed-bin script", owner: "Waste",
            dueOn: date("2026-03-31"))
        let answered = try apply(extended, [.addAction(action), .respond(on: date("2026-01-20"), outcome: "upheld")])
        #expect(!answered.isOpen && answered.hasOpenFollowUps)
        let m = CodeMeasures.count(
            [answered], procedure: code, period: date("2025-04-01")...date("2026-03-31"), calendar: .englandAndWales)
        #expect(m.clock("stage-1", "acknowledgement")?.within == 1)
        #expect(m.clock("stage-1", "stage-1-response")?.withinMaximum == 1)  // 15 working days: extended
        #expect(m.clock("stage-1", "stage-1-response")?.extended == 1)
        #expect(m.actions == 1 && m.actionsDone == 0 && m.actionsOverdue == 0)
    }

    @Test("Stage 2: acknowledge within 5 working days of the request, respond within 20 of acknowledgement, up to 40")
    func stageTwo() throws {
        let r = try apply(
            complaint(code, received: "2026-03-02"),
            [
                .record(.acknowledged, on: date("2026-03-03")), .respond(on: date("2026-03-13"), outcome: "not-upheld"),
                .escalate(requestedOn: date("2026-03-30"), lateReason: nil),
                // Good Friday 3 April and Easter Monday 6 April 2026 are not working days.
                .record(.acknowledged, on: date("2026-04-07")),
            ])
        let d = ClockEngine(calendar: .englandAndWales).deadlines(for: r, procedure: code)
        #expect(d[2].dueOn == date("2026-04-08"))
        #expect(d[3].dueOn == date("2026-05-06"))  // 20 working days, skipping the early May bank holiday
        #expect(d[3].latestExtensionOn == date("2026-06-04"))  // 40, skipping the spring bank holiday
    }

    @Test("A service request is not a complaint; made one, it keeps both dates and its clock starts that day")
    func serviceRequestBecomesComplaint() throws {
        let request = Representation(
            id: "s", reference: "SR-2026-00001", kind: .serviceRequest, serviceArea: .corporate, procedureID: code.id,
            receivedOn: date("2026-06-01"), methodOfReceipt: "telephone",
            complainant: Complainant(relationship: "self"),
            serviceCategory: "x", summary: "Bin not collected")
        #expect(request.isOpen && request.stages.isEmpty && request.kind.canBecomeComplaint)
        let complaint = try lifecycle.apply(.convertToComplaint(on: date("2026-06-10")), to: request)
        #expect(complaint.kind == .complaint && complaint.reference == "SR-2026-00001")
        #expect(
            complaint.records.intake.convertedFrom
                == Intake.Conversion(
                    from: .serviceRequest, firstReceivedOn: date("2026-06-01"), convertedOn: date("2026-06-10")))
        #expect(complaint.stages[0].openedOn == date("2026-06-10") && complaint.receivedOn == date("2026-06-10"))
        #expect(
            ClockEngine(calendar: .englandAndWales).deadlines(for: complaint, procedure: code)[0].dueOn
                == date("2026-06-17"))
        let resolved = try lifecycle.apply(.closeWithoutComplaint(on: date("2026-06-03")), to: request)
        #expect(!resolved.isOpen && resolved.closedOn == date("2026-06-03"))
        let m = CodeMeasures.count(
            [complaint, resolved], procedure: code, period: date("2026-04-01")...date("2027-03-31"),
            calendar: .englandAndWales)
        #expect(m.serviceRequestsReceived == 2 && m.serviceRequestsBecameComplaints == 1)
        #expect(m.serviceRequestsResolved == 1 && m.serviceRequestWorkingDays == 2)
        #expect(m.complaintsReceived == 1)
        #expect(Representation.referencePrefix(.serviceRequest, .corporate) == "SR")
        // Exported and imported, its history replays from the request as it was recorded (its
        // own date), not from the day it became a complaint.
        let replay = HistoryReplay(
            procedures: [code], calendar: .englandAndWales, people: PeopleDirectory([]),
            reference: .defaults, today: date("2026-11-30"))
        let record = InterchangeRecord(
            representation: complaint,
            history: [
                InterchangeEvent(
                    sequence: 1, recordedAt: "2026-06-10T09:00:00Z", recordedBy: "officer",
                    command: .convertToComplaint(on: date("2026-06-10")), summary: "Became a complaint")
            ])
        #expect(replay.problems(in: record, line: 1).isEmpty)
        #expect(replay.asRecorded(complaint, history: record.history).receivedOn == date("2026-06-01"))
        // Replayed to something else, it is still named.
        var changed = record
        changed.representation.records.intake.convertedFrom?.convertedOn = date("2026-06-11")
        #expect(
            replay.problems(in: changed, line: 7).map(\.field) == [
                "representation.records.intake.convertedFrom.convertedOn"
            ])
    }

    @Test("A line of only whitespace is blank; a record line is not, whatever it holds")
    func blankLines() {
        for blank in ["", " ", "\t \t", "\u{00A0}", "\u{2003} "] { #expect(InterchangeFile.isBlank(blank), "\(blank)") }
        for text in [" {", "{}", "x", " \u{00A0}a"] { #expect(!InterchangeFile.isBlank(text), "\(text)") }
        #expect(!InterchangeFile.isBlank(Substring(String(repeating: "{\"a\":1}", count: 2000))))
    }

    @Test("Reasonable adjustments are recorded, reviewed, kept or ended, and due reviews are a work queue")
    func adjustments() throws {
        let r = complaint(code, received: "2026-06-01")
        let adjustment = ReasonableAdjustment(
            id: "adj", description: "  Letters in large print ", agreedOn: date("2026-06-02"),
            reviewOn: date("2026-08-03"))
        let recorded = try apply(r, [.addAdjustment(adjustment)])
        #expect(recorded.records.adjustments.first?.description == "Letters in large print")
        var bad = adjustment
        bad.reviewOn = date("2026-06-01")
        #expect(refusal(r, .addAdjustment(bad)) == "The review date must be after the date it was agreed")
        bad = adjustment
        bad.description = " "
        #expect(refusal(r, .addAdjustment(bad)) == "Describe the adjustment agreed")
        #expect(refusal(recorded, .addAdjustment(adjustment)) == "That adjustment is already recorded")
        // Due within five working days of 28 July 2026: on the queue; reviewed and kept, it leaves it.
        let queues = WorkQueues(
            cases: [recorded], procedures: [code], calendar: .englandAndWales, today: date("2026-07-28"))
        #expect(queues.items(.adjustments).map(\.what) == ["Review: Letters in large print"])
        let kept = try apply(
            recorded, [.reviewAdjustment(adjustment: "adj", on: date("2026-07-29"), nextReviewOn: date("2026-10-29"))])
        #expect(kept.records.adjustments[0].reviewOn == date("2026-10-29"))
        #expect(
            WorkQueues(cases: [kept], procedures: [code], calendar: .englandAndWales, today: date("2026-07-29"))
                .items(.adjustments).isEmpty)
        let ended = try apply(kept, [.reviewAdjustment(adjustment: "adj", on: date("2026-10-29"), nextReviewOn: nil)])
        #expect(ended.records.adjustments[0].endedOn == date("2026-10-29") && !ended.records.adjustments[0].isActive)
        #expect(
            refusal(ended, .reviewAdjustment(adjustment: "adj", on: date("2026-11-02"), nextReviewOn: nil))
                == "The adjustment was ended on 29 October 2026")
        #expect(
            refusal(
                kept, .reviewAdjustment(adjustment: "adj", on: date("2026-08-01"), nextReviewOn: date("2026-08-01")))
                == "The next review must be after this one")
    }

    @Test("The Code's report: the self-assessment with counted evidence, refusals by type, the governing body")
    func report() throws {
        var refused = complaint(code, received: "2026-05-04")
        refused = try apply(
            refused, [.refuse(reason: "out-of-time", on: date("2026-05-05"), notifiedOn: date("2026-05-06"))])
        let answered = try apply(
            complaint(code, received: "2026-05-04"),
            [.record(.acknowledged, on: date("2026-05-05")), .respond(on: date("2026-05-12"), outcome: "upheld")])
        var assessment = CodeSelfAssessment(year: 2026)
        assessment.answers["stage-1-respond"] = .init(
            status: .partly, evidence: "Weekly checks.", action: "Escalate at day 8.", answeredOn: date("2026-11-01"))
        let builder = CodeReportBuilder(year: FinancialYear(startYear: 2026), calendar: .englandAndWales)
        let report = builder.build(from: [refused, answered], assessment: assessment)
        let figure = { (id: String) in report.figures.first { $0.id == id }?.display }
        #expect(figure("code.self-assessment.stage-1-respond.status") == "Partly compliant")
        #expect(
            figure("code.self-assessment.stage-1-respond.evidence")
                == "Weekly checks. Counted by Redress: 1 of 1 (100%) within 10 working days.")
        #expect(figure("code.self-assessment.stage-1-respond.action") == "Escalate at day 8.")
        #expect(figure("code.self-assessment.staff.status") == "Not yet assessed")
        #expect(figure("code.refusals.out-of-time") == "1" && figure("code.refusals") == "1")
        #expect(figure("code.received") == "2")
        let governing = report.sections.first { $0.id == "governing-body" }
        #expect(
            governing?.findings.first?.hasPrefix("The governing body's response to this report will be set") == true)
        assessment.governingBodyResponse = "The Committee noted the report and asked for a progress update in March."
        let responded = builder.build(from: [refused, answered], assessment: assessment)
        #expect(responded.sections.last?.findings == [assessment.governingBodyResponse])
        // The member's quarterly pack has the figures, not the self-assessment.
        let pack = CodeReportBuilder(
            quarter: FinancialQuarter(year: FinancialYear(startYear: 2026), number: 1), calendar: .englandAndWales
        ).build(from: [refused, answered], assessment: nil)
        #expect(!pack.sections.contains { $0.id == "self-assessment" || $0.id == "governing-body" })
        #expect(pack.figures.first { $0.id == "code.refusals.out-of-time" }?.display == "1")
        // An action is needed for anything short of compliance.
        #expect(CodeSelfAssessment.check(status: .notCompliant, evidence: "", action: " ").map(\.field) == ["action"])
        #expect(CodeSelfAssessment.check(status: nil, evidence: "", action: "").map(\.field) == ["status"])
    }
}
